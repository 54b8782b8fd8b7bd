#include "activation/sync/meta_token_auth.h"

#include "activation/sync/google_oauth_auth.h"

namespace core {

MetaAccessTokenAuth::MetaAccessTokenAuth(QString accessToken, QString appId, QString appSecret, QUrl tokenEndpoint,
                                         QNetworkAccessManager* network, QObject* parent)
    : OAuthAuthProvider(parent), m_client(network, std::move(tokenEndpoint)), m_token(std::move(accessToken).trimmed()),
      m_appId(std::move(appId)), m_appSecret(std::move(appSecret)),
      m_exchanges(!m_appId.isEmpty() && !m_appSecret.isEmpty())
{
}

QString MetaAccessTokenAuth::authType() const
{
    return m_exchanges ? QStringLiteral("meta-long-lived-token") : QStringLiteral("meta-system-user-token");
}

QString MetaAccessTokenAuth::describe() const
{
    return m_exchanges ? QStringLiteral("Meta long-lived token, renewed through app %1").arg(m_appId)
                       : QStringLiteral("Meta system-user token");
}

void MetaAccessTokenAuth::fetchToken(FetchCallback done)
{
    if (m_token.isEmpty()) {
        Error e;
        e.kind = ErrorKind::Auth;
        e.code = QStringLiteral("no_token");
        e.userMessage = QStringLiteral("The Meta destination has no access token.");
        e.remediation = QStringLiteral("Add the destination again with SEGCTL_META_ACCESS_TOKEN set.");
        return done(e);
    }
    if (!m_exchanges) {
        OAuthToken token;
        token.accessToken = m_token;
        token.issuedAt = now();
        token.expiry = token.issuedAt.addYears(10); // system-user tokens do not expire
        return done(token);
    }
    m_client.setClock(clock());
    const OAuthTokenClient::Form form = {
        {QStringLiteral("grant_type"), QStringLiteral("fb_exchange_token")},
        {QStringLiteral("client_id"), m_appId},
        {QStringLiteral("client_secret"), m_appSecret},
        {QStringLiteral("fb_exchange_token"), m_token},
    };
    m_client.requestToken(OAuthGrant::RefreshToken, form, QString(), QString(), this,
                          [this, done = std::move(done)](Result<OAuthToken> token) {
                              if (!token)
                                  return done(destinationTokenError(
                                      token.error(), QStringLiteral("Meta"),
                                      QStringLiteral("The long-lived token has expired or was revoked: create a new "
                                                     "one and add the destination again.")));
                              if (token.value().accessToken != m_token) {
                                  m_token = token.value().accessToken;
                                  if (m_onRenewed)
                                      m_onRenewed(m_token);
                              }
                              done(std::move(token));
                          });
}

} // namespace core
