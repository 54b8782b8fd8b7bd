#include "databricks/auth/oauth_token_client.h"

#include <memory>

#include <spdlog/spdlog.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QTimer>

#include "logging/logging.h"

namespace core {

namespace {

std::shared_ptr<spdlog::logger> authLog()
{
    return logging::logger("core.auth");
}

QString endpointName(const QUrl& url)
{
    return url.toString(QUrl::RemoveQuery | QUrl::RemoveUserInfo);
}

// At most `max` characters of a response body for error details, redacted, on one line.
QString snippet(const QByteArray& body, int max = 200)
{
    QString text = QString::fromUtf8(body.left(max * 4)).simplified();
    if (text.size() > max)
        text = text.left(max) + QStringLiteral("…");
    return logging::redact(text);
}

bool looksLikeJson(const QByteArray& contentType, const QByteArray& body)
{
    if (contentType.toLower().contains("json"))
        return true;
    const QByteArray t = body.trimmed();
    return t.startsWith('{');
}

Error authError(OAuthGrant grant, int status, const QString& oauthError, const QString& description,
                const QString& detail)
{
    Error e;
    e.kind = ErrorKind::Auth;
    e.httpStatus = status;
    e.code = oauthError.isEmpty() ? QStringLiteral("oauth_error") : oauthError;
    e.detail = detail;
    const QString why = description.isEmpty() ? oauthError : description;
    switch (grant) {
    case OAuthGrant::ClientCredentials:
        if (oauthError == QStringLiteral("invalid_client") || status == 401) {
            e.userMessage =
                QStringLiteral("Databricks did not accept the service principal's client id and secret.");
            e.remediation = QStringLiteral("Check client_id and client_secret in the profile (or "
                                           "DATABRICKS_CLIENT_ID / DATABRICKS_CLIENT_SECRET). "
                                           "OAuth secrets expire: create a new secret for the service "
                                           "principal in the account console if needed.");
        } else {
            e.userMessage =
                QStringLiteral("Databricks refused to issue a token for the service principal (%1).")
                    .arg(why);
            e.remediation =
                QStringLiteral("Check that the service principal is active and added to this workspace, and "
                               "that the scope all-apis is allowed.");
        }
        break;
    case OAuthGrant::AuthorizationCode:
        e.userMessage = QStringLiteral("Databricks did not accept the browser sign-in (%1).").arg(why);
        e.remediation =
            QStringLiteral("Sign in again. If it keeps failing, check that the OAuth app connection allows "
                           "the redirect URL http://localhost:8020 and the scopes all-apis offline_access.");
        break;
    case OAuthGrant::RefreshToken:
        if (oauthError == QStringLiteral("invalid_grant") || status == 401) {
            e.userMessage = QStringLiteral("Your saved Databricks sign-in has expired or was revoked.");
            e.remediation = QStringLiteral("Sign in again with the browser.");
        } else {
            e.userMessage = QStringLiteral("Databricks refused to renew your sign-in (%1).").arg(why);
            e.remediation = QStringLiteral("Sign in again with the browser.");
        }
        break;
    }
    return e;
}

Error httpError(int status, QString code, QString message, QString detail, QString remediation)
{
    Error e;
    e.kind = ErrorKind::Http;
    e.httpStatus = status;
    e.code = std::move(code);
    e.userMessage = std::move(message);
    e.detail = std::move(detail);
    e.remediation = std::move(remediation);
    return e;
}

} // namespace

QString oauthGrantName(OAuthGrant grant)
{
    switch (grant) {
    case OAuthGrant::ClientCredentials:
        return QStringLiteral("client_credentials");
    case OAuthGrant::AuthorizationCode:
        return QStringLiteral("authorization_code");
    case OAuthGrant::RefreshToken:
        return QStringLiteral("refresh_token");
    }
    return QStringLiteral("unknown");
}

OAuthTokenClient::OAuthTokenClient(QNetworkAccessManager* network, QUrl tokenEndpoint)
    : m_network(network), m_endpoint(std::move(tokenEndpoint))
{
}

QByteArray OAuthTokenClient::encodeForm(const Form& form)
{
    QByteArray out;
    for (const auto& [key, value] : form) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    return out;
}

Result<OAuthToken> OAuthTokenClient::parseResponse(OAuthGrant grant, const QUrl& url, int httpStatus,
                                                   const QByteArray& contentType, const QByteArray& body,
                                                   const QDateTime& now)
{
    const QString where = QStringLiteral("POST %1 (%2)").arg(endpointName(url), oauthGrantName(grant));
    const bool json = looksLikeJson(contentType, body);
    QJsonParseError parseError{};
    const QJsonDocument doc = json ? QJsonDocument::fromJson(body, &parseError) : QJsonDocument();
    const bool isObject = json && parseError.error == QJsonParseError::NoError && doc.isObject();
    const QJsonObject obj = doc.object();
    const QString ct =
        contentType.isEmpty() ? QStringLiteral("no content type") : QString::fromLatin1(contentType);

    if (httpStatus >= 300 && httpStatus < 400) {
        Error e = authError(grant, httpStatus, QStringLiteral("redirected"),
                            QStringLiteral("the token endpoint answered with a redirect"),
                            QStringLiteral("%1 → HTTP %2 redirect").arg(where).arg(httpStatus));
        e.userMessage = QStringLiteral("The Databricks sign-in endpoint redirected the app elsewhere.");
        e.remediation =
            QStringLiteral("Check the host: it must be the workspace URL itself (not a login or SSO "
                           "page). With private link, the app must reach the private endpoint.");
        return e;
    }

    if (httpStatus == 200) {
        const auto malformed = [&](QString code, QString message, QString detail) {
            Error e = Error::parse(std::move(message), std::move(detail));
            e.code = std::move(code);
            e.httpStatus = httpStatus;
            e.remediation =
                QStringLiteral("Check the host is the workspace URL; if it is, try again later and "
                               "report the problem with the log file if it persists.");
            return e;
        };
        if (!isObject) {
            Error e = malformed(QStringLiteral("unexpected_token_response"),
                                QStringLiteral("The Databricks sign-in endpoint sent an unexpected answer."),
                                QStringLiteral("%1 → HTTP 200 with %2 body that is not a JSON object: %3")
                                    .arg(where, ct, snippet(body)));
            e.remediation =
                QStringLiteral("Check the host is the workspace URL. A login page instead of JSON usually "
                               "means a proxy or private-link setup in between.");
            return e;
        }
        OAuthToken token;
        token.accessToken = obj.value(QStringLiteral("access_token")).toString();
        const QString type = obj.value(QStringLiteral("token_type")).toString();
        if (!type.isEmpty() && type.compare(QStringLiteral("bearer"), Qt::CaseInsensitive) != 0) {
            return malformed(
                QStringLiteral("unsupported_token_type"),
                QStringLiteral("The Databricks sign-in endpoint issued an unsupported token type."),
                QStringLiteral("%1 → token_type \"%2\"").arg(where, logging::redact(type.left(40))));
        }
        token.tokenType = QStringLiteral("Bearer");
        token.refreshToken = obj.value(QStringLiteral("refresh_token")).toString();
        const QJsonValue expiresIn = obj.value(QStringLiteral("expires_in"));
        bool numberOk = expiresIn.isDouble();
        qint64 seconds = numberOk ? qint64(expiresIn.toDouble()) : 0;
        if (!numberOk && expiresIn.isString())
            seconds = expiresIn.toString().toLongLong(&numberOk);
        if (token.accessToken.isEmpty() || !numberOk || seconds <= 0) {
            return malformed(QStringLiteral("unexpected_token_response"),
                             QStringLiteral("The Databricks sign-in endpoint sent an incomplete token."),
                             QStringLiteral("%1 → JSON without %2")
                                 .arg(where, token.accessToken.isEmpty()
                                                 ? QStringLiteral("access_token")
                                                 : QStringLiteral("a positive expires_in")));
        }
        token.issuedAt = now.toUTC();
        token.expiry = token.issuedAt.addSecs(seconds);
        return token;
    }

    // Failure: the OAuth error shapes the SDKs read.
    QString oauthError;
    QString description;
    if (isObject) {
        oauthError = obj.value(QStringLiteral("error")).toString();
        description = obj.value(QStringLiteral("error_description")).toString();
        if (oauthError.isEmpty()) {
            oauthError = obj.value(QStringLiteral("errorCode")).toString();
            description = obj.value(QStringLiteral("errorSummary")).toString();
        }
        if (oauthError.isEmpty()) { // Databricks REST shape; error_code may be an integer
            const QJsonValue code = obj.value(QStringLiteral("error_code"));
            oauthError = code.isDouble() ? QString::number(code.toInt()) : code.toString();
            description = obj.value(QStringLiteral("message")).toString();
        }
    }
    description = logging::redact(description.left(500));
    oauthError = logging::redact(oauthError.left(80));
    const QString detail =
        isObject ? QStringLiteral("%1 → HTTP %2: %3%4")
                       .arg(where)
                       .arg(httpStatus)
                       .arg(oauthError.isEmpty() ? QStringLiteral("(no error code)") : oauthError,
                            description.isEmpty() ? QString() : QStringLiteral(": ") + description)
                 : QStringLiteral("%1 → HTTP %2 with %3 body: %4")
                       .arg(where)
                       .arg(httpStatus)
                       .arg(ct, snippet(body));

    if (httpStatus == 400 || httpStatus == 401 || httpStatus == 403)
        return authError(grant, httpStatus, oauthError, description, detail);
    if (httpStatus == 404) {
        return httpError(
            httpStatus, QStringLiteral("token_endpoint_not_found"),
            QStringLiteral("The Databricks host has no OAuth token endpoint."), detail,
            QStringLiteral("Check the host: it must be a workspace URL (not the account console)."));
    }
    if (httpStatus == 429 || httpStatus >= 500) {
        return httpError(httpStatus,
                         oauthError.isEmpty() ? QStringLiteral("token_endpoint_unavailable") : oauthError,
                         QStringLiteral("The Databricks sign-in service is busy or unavailable (HTTP %1).")
                             .arg(httpStatus),
                         detail, QStringLiteral("Try again in a moment."));
    }
    return httpError(httpStatus, oauthError.isEmpty() ? QStringLiteral("token_request_failed") : oauthError,
                     QStringLiteral("The Databricks sign-in failed (HTTP %1).").arg(httpStatus), detail,
                     QStringLiteral("Check the connection settings."));
}

void OAuthTokenClient::requestToken(OAuthGrant grant, const Form& form, const QString& basicUser,
                                    const QString& basicPassword, QObject* context, Callback done) const
{
    QNetworkRequest request(m_endpoint);
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    if (!basicUser.isEmpty()) {
        // RFC 6749 §2.3.1: form-urlencode id and secret before Basic; the SDKs send them as they
        // are, which is the same for the characters Databricks ids and secrets use.
        const QByteArray credentials = (basicUser + QLatin1Char(':') + basicPassword).toUtf8().toBase64();
        request.setRawHeader(QByteArrayLiteral("Authorization"), QByteArrayLiteral("Basic ") + credentials);
    }

    const QString where = endpointName(m_endpoint);
    const QString grantName = oauthGrantName(grant);
    authLog()->info("requesting an OAuth token ({}) from {}", grantName.toStdString(), where.toStdString());

    QNetworkReply* reply = m_network->post(request, encodeForm(form));
    reply->setParent(context);
    auto timedOut = std::make_shared<bool>(false);
    auto* timer = new QTimer(reply);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, reply, [reply, timedOut]() {
        *timedOut = true;
        reply->abort();
    });
    timer->start(m_timeout);

    const auto clock = m_clock;
    const QUrl url = m_endpoint;
    const auto timeoutMs = m_timeout.count();
    QObject::connect(
        reply, &QNetworkReply::finished, context,
        [reply, timedOut, grant, url, clock, timeoutMs, grantName, where, done = std::move(done)]() {
            reply->deleteLater();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            Result<OAuthToken> result;
            if (*timedOut) {
                Error e;
                e.kind = ErrorKind::Timeout;
                e.code = QStringLiteral("token_timeout");
                e.userMessage = QStringLiteral("Databricks did not answer the sign-in request in time.");
                e.detail = QStringLiteral("POST %1 (%2): no answer within %3 ms")
                               .arg(where, grantName)
                               .arg(timeoutMs);
                e.remediation = QStringLiteral("Check the network connection and the host, then try again.");
                result = e;
            } else if (status == 0) {
                Error e;
                e.kind = ErrorKind::Network;
                e.code = QStringLiteral("network_error");
                e.userMessage = QStringLiteral("The Databricks workspace could not be reached.");
                e.detail = QStringLiteral("POST %1 (%2): %3")
                               .arg(where, grantName, logging::redact(reply->errorString()));
                e.remediation = QStringLiteral("Check the host name and the network connection.");
                result = e;
            } else {
                const QDateTime now = clock ? clock() : QDateTime::currentDateTimeUtc();
                result = parseResponse(grant, url, status,
                                       reply->header(QNetworkRequest::ContentTypeHeader).toByteArray(),
                                       reply->readAll(), now);
            }
            if (result) {
                authLog()->info("OAuth token issued ({}), valid for {} s{}", grantName.toStdString(),
                                result.value().lifetimeSeconds(),
                                result.value().refreshToken.isEmpty() ? "" : ", with a refresh token");
            } else {
                authLog()->warn("OAuth token request failed: {}",
                                logging::redact(result.error().toString()).toStdString());
            }
            done(std::move(result));
        });
}

} // namespace core
