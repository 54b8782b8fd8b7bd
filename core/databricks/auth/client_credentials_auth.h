#pragma once

#include "databricks/auth/oauth_auth_provider.h"
#include "databricks/auth/oauth_token_client.h"

class QNetworkAccessManager;

namespace core {

// OAuth machine-to-machine (service principal), databricks-api.md §2.2:
// POST {host}/oidc/v1/token with Basic base64(client_id:client_secret) and the form
// grant_type=client_credentials&scope=all-apis. Tokens are cached and refreshed 5 minutes
// before expiry; one request at a time (see OAuthAuthProvider).
class ClientCredentialsAuth final : public OAuthAuthProvider
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClientCredentialsAuth)

public:
    // host: normalised workspace URL; network: not owned, must outlive this object.
    ClientCredentialsAuth(const QString& host, QString clientId, QString clientSecret,
                          QNetworkAccessManager* network, QObject* parent = nullptr);

    void setRequestTimeout(std::chrono::milliseconds timeout) { m_client.setTimeout(timeout); }
    void setScopes(QString scopes) { m_scopes = std::move(scopes); }

    QString authType() const override;
    QString describe() const override;

protected:
    void fetchToken(FetchCallback done) override;

private:
    OAuthTokenClient m_client;
    QString m_clientId;
    QString m_clientSecret;
    QString m_scopes = QStringLiteral("all-apis");
};

} // namespace core
