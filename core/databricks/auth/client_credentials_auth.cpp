#include "databricks/auth/client_credentials_auth.h"

#include "databricks/config/databricks_config.h"

namespace core {

ClientCredentialsAuth::ClientCredentialsAuth(const QString& host, QString clientId, QString clientSecret,
                                             QNetworkAccessManager* network, QObject* parent)
    : OAuthAuthProvider(parent), m_client(network, QUrl(host + QStringLiteral("/oidc/v1/token"))),
      m_clientId(std::move(clientId)), m_clientSecret(std::move(clientSecret))
{
}

QString ClientCredentialsAuth::authType() const
{
    return auth_type::oauthM2M();
}

QString ClientCredentialsAuth::describe() const
{
    return QStringLiteral("OAuth machine-to-machine (service principal %1)").arg(m_clientId);
}

void ClientCredentialsAuth::fetchToken(FetchCallback done)
{
    m_client.setClock(clock());
    const OAuthTokenClient::Form form = {
        {QStringLiteral("grant_type"), QStringLiteral("client_credentials")},
        {QStringLiteral("scope"), m_scopes},
    };
    m_client.requestToken(OAuthGrant::ClientCredentials, form, m_clientId, m_clientSecret, this,
                          std::move(done));
}

} // namespace core
