#pragma once

#include "activation/sync/destination_config.h"
#include "common/result.h"

#include <QFuture>
#include <QProcessEnvironment>
#include <QString>

namespace core {

class SecretStore;

// What signs a destination in. Every field but the ids is a secret: it lives in the
// SecretStore (or the environment), never in the state database, a log or an error.
//  - Google: an OAuth client (id and secret) and a refresh token of a Google account with
//    access to the customer, scope https://www.googleapis.com/auth/datamanager; access tokens
//    are fetched from it (GoogleOAuthAuth).
//  - Meta: an access token — a system user's token (does not expire), or a long-lived user
//    token together with the app's id and secret, which lets the app exchange it for a fresh
//    one (fb_exchange_token) before it runs out (MetaAccessTokenAuth).
struct DestinationCredentials
{
    QString clientId;     // Google
    QString clientSecret; // Google
    QString refreshToken; // Google
    QString accessToken;  // Meta
    QString appId;        // Meta, optional
    QString appSecret;    // Meta, optional (with appId)

    // Validation error naming what is missing for the platform (names only, never values).
    Status check(AudiencePlatform platform) const;

    QString toJson() const;
    static Result<DestinationCredentials> fromJson(const QString& json);

    // The credentials the environment holds for a platform:
    //   Google: SEGCTL_GOOGLE_CLIENT_ID, SEGCTL_GOOGLE_CLIENT_SECRET, SEGCTL_GOOGLE_REFRESH_TOKEN
    //   Meta:   SEGCTL_META_ACCESS_TOKEN, SEGCTL_META_APP_ID, SEGCTL_META_APP_SECRET
    static DestinationCredentials fromEnvironment(AudiencePlatform platform,
                                                  const QProcessEnvironment& environment =
                                                      QProcessEnvironment::systemEnvironment());
    static QStringList environmentVariables(AudiencePlatform platform);
};

// The destinations' credentials in a SecretStore (the system keychain in the app), one entry
// per destination under "ad-destination/<name>". Futures finish on the caller's thread.
class DestinationCredentialStore
{
public:
    explicit DestinationCredentialStore(SecretStore& secrets) : m_secrets(secrets) {}

    QFuture<Result<DestinationCredentials>> read(const QString& destinationName);
    QFuture<Status> write(const QString& destinationName, const DestinationCredentials& credentials);
    QFuture<Status> remove(const QString& destinationName);

    static QString keyFor(const QString& destinationName);

private:
    SecretStore& m_secrets;
};

} // namespace core
