#include "activation/sync/google_oauth_auth.h"

namespace core {

Error destinationTokenError(Error e, const QString& service, const QString& remediation)
{
    switch (e.kind) {
    case ErrorKind::Auth:
        e.userMessage = QStringLiteral("%1 did not accept the destination's credentials (%2).")
                            .arg(service, e.code.isEmpty() ? QStringLiteral("rejected") : e.code);
        e.remediation = remediation;
        break;
    case ErrorKind::Timeout:
        e.userMessage = QStringLiteral("The %1 sign-in did not answer in time.").arg(service);
        e.remediation = QStringLiteral("Check the network connection, then sync again.");
        break;
    case ErrorKind::Network:
        e.userMessage = QStringLiteral("The %1 sign-in could not be reached.").arg(service);
        e.remediation = QStringLiteral("Check the network connection, then sync again.");
        break;
    default:
        e.userMessage = QStringLiteral("Signing in to %1 failed%2.")
                            .arg(service, e.httpStatus ? QStringLiteral(" (HTTP %1)").arg(e.httpStatus) : QString());
        e.remediation = QStringLiteral("Try again in a few minutes.");
        break;
    }
    return e;
}

GoogleOAuthAuth::GoogleOAuthAuth(QUrl tokenEndpoint, QString clientId, QString clientSecret, QString refreshToken,
                                 QNetworkAccessManager* network, QObject* parent)
    : OAuthAuthProvider(parent), m_client(network, std::move(tokenEndpoint)), m_clientId(std::move(clientId)),
      m_clientSecret(std::move(clientSecret)), m_refreshToken(std::move(refreshToken))
{
}

QString GoogleOAuthAuth::describe() const
{
    return QStringLiteral("Google OAuth refresh token (client %1)").arg(m_clientId.left(12) + QStringLiteral("…"));
}

void GoogleOAuthAuth::fetchToken(FetchCallback done)
{
    m_client.setClock(clock());
    const OAuthTokenClient::Form form = {
        {QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
        {QStringLiteral("client_id"), m_clientId},
        {QStringLiteral("client_secret"), m_clientSecret},
        {QStringLiteral("refresh_token"), m_refreshToken},
    };
    m_client.requestToken(OAuthGrant::RefreshToken, form, QString(), QString(), this,
                          [done = std::move(done)](Result<OAuthToken> token) {
                              if (!token)
                                  return done(destinationTokenError(
                                      token.error(), QStringLiteral("Google"),
                                      QStringLiteral("The refresh token may have been revoked or expired: create a "
                                                     "new one and add the destination again.")));
                              done(std::move(token));
                          });
}

} // namespace core
