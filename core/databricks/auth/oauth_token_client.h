#pragma once

#include <chrono>
#include <functional>

#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include "common/result.h"
#include "databricks/auth/oauth_token.h"

class QNetworkAccessManager;
class QObject;

namespace core {

// Which grant a token request is, for log lines and error messages.
enum class OAuthGrant
{
    ClientCredentials,
    AuthorizationCode,
    RefreshToken
};

// Posts one form to a workspace's token endpoint ({host}/oidc/v1/token) and turns the answer
// into an OAuthToken or an Error:
//  - 200 with a JSON body holding access_token and expires_in: the token;
//  - an OAuth error body {"error","error_description"} (or errorCode/errorSummary, or the
//    Databricks {"error_code","message"} shape): kind Auth for 400/401/403, with a remediation
//    that fits the grant and the error; Http otherwise;
//  - a non-JSON body (HTML login page, proxy error): a Parse/Http error naming the status and
//    content type — never the body's secrets (the snippet is redacted and cut short);
//  - redirects are not followed (credentials stay with the host; a redirect usually means a
//    private-link or SSO front page): an Auth error;
//  - no answer within the timeout: Timeout; transport failures: Network.
// Nothing secret is logged: log lines name the grant, the URL and the outcome only.
class OAuthTokenClient
{
public:
    using Form = QList<QPair<QString, QString>>;
    using Callback = std::function<void(Result<OAuthToken>)>;

    OAuthTokenClient(QNetworkAccessManager* network, QUrl tokenEndpoint);

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    std::chrono::milliseconds timeout() const { return m_timeout; }
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }
    const QUrl& tokenEndpoint() const { return m_endpoint; }

    // Sends the form (application/x-www-form-urlencoded; values are percent-encoded, so '+',
    // '/' and '=' in secrets survive). basicUser/basicPassword: HTTP Basic credentials
    // (client id and secret) when basicUser is not empty. The reply is parented to `context`
    // (destroying it aborts the request; `done` is then never called); otherwise `done` is
    // called exactly once on the context's thread.
    void requestToken(OAuthGrant grant, const Form& form, const QString& basicUser,
                      const QString& basicPassword, QObject* context, Callback done) const;

    // application/x-www-form-urlencoded body of `form`.
    static QByteArray encodeForm(const Form& form);

    // The answer of the token endpoint as a token or an Error (see above); `url` only names the
    // endpoint in error details. Public for tests.
    static Result<OAuthToken> parseResponse(OAuthGrant grant, const QUrl& url, int httpStatus,
                                            const QByteArray& contentType, const QByteArray& body,
                                            const QDateTime& now);

private:
    QNetworkAccessManager* m_network;
    QUrl m_endpoint;
    std::chrono::milliseconds m_timeout{30000};
    std::function<QDateTime()> m_clock;
};

QString oauthGrantName(OAuthGrant grant);

} // namespace core
