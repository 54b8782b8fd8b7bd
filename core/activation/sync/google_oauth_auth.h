#pragma once

#include "databricks/auth/oauth_auth_provider.h"
#include "databricks/auth/oauth_token_client.h"

class QNetworkAccessManager;

namespace core {

// Access tokens for the Google Data Manager API from a refresh token (RFC 6749 §6):
// POST https://oauth2.googleapis.com/token (configurable: DestinationEndpoints::googleToken) with
// grant_type=refresh_token, client_id, client_secret, refresh_token → {"access_token",
// "expires_in":3599,"token_type":"Bearer","scope"}. Cached, refreshed 5 minutes before expiry and
// once after a 401 (OAuthAuthProvider). Errors name Google, never a secret.
class GoogleOAuthAuth final : public OAuthAuthProvider
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GoogleOAuthAuth)

public:
    GoogleOAuthAuth(QUrl tokenEndpoint, QString clientId, QString clientSecret, QString refreshToken,
                    QNetworkAccessManager* network, QObject* parent = nullptr);

    void setRequestTimeout(std::chrono::milliseconds timeout) { m_client.setTimeout(timeout); }

    QString authType() const override { return QStringLiteral("google-oauth-refresh-token"); }
    QString describe() const override;

protected:
    void fetchToken(FetchCallback done) override;

private:
    OAuthTokenClient m_client;
    QString m_clientId;
    QString m_clientSecret;
    QString m_refreshToken;
};

// An OAuthTokenClient error reworded for an ad platform (its wording is Databricks'); the
// detail (endpoint, status, OAuth error code) stays.
Error destinationTokenError(Error error, const QString& service, const QString& remediation);

} // namespace core
