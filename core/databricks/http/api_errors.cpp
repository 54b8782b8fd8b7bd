#include "databricks/http/api_errors.h"

#include "logging/logging.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace core {

namespace {

QJsonObject bodyObject(const QByteArray& body)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    return doc.isObject() ? doc.object() : QJsonObject();
}

} // namespace

QString ApiErrors::serverErrorCode(const QByteArray& body)
{
    const QJsonObject o = bodyObject(body);
    const QJsonValue code = o.value(QStringLiteral("error_code"));
    if (code.isString())
        return code.toString();
    if (code.isDouble())
        return QString::number(code.toInt());
    if (o.value(QStringLiteral("error")).isString())
        return o.value(QStringLiteral("error")).toString();
    return {};
}

QString ApiErrors::serverMessage(const QByteArray& body)
{
    const QJsonObject o = bodyObject(body);
    for (const char* key : {"message", "error_description", "detail", "error"}) {
        if (o.value(QLatin1String(key)).isString())
            return logging::redact(o.value(QLatin1String(key)).toString());
    }
    QString text = QString::fromUtf8(body.left(2000));
    static const QRegularExpression title(QStringLiteral("<(?:title|pre)>(.*?)</(?:title|pre)>"),
                                          QRegularExpression::CaseInsensitiveOption | QRegularExpression::DotMatchesEverythingOption);
    if (const auto m = title.match(text); m.hasMatch())
        text = m.captured(1);
    return logging::redact(text.simplified().left(500));
}

bool ApiErrors::isCredentialRejected(int status, const QByteArray& body)
{
    if (status == 401)
        return true;
    if (status != 403)
        return false;
    const QString message = serverMessage(body).toLower();
    return message.contains(QStringLiteral("token")) || message.contains(QStringLiteral("credential"));
}

Error ApiErrors::fromHttp(int status, const QByteArray& body, const QString& what)
{
    Error e;
    e.httpStatus = status;
    e.code = serverErrorCode(body);
    const QString server = serverMessage(body);
    e.detail = QStringLiteral("HTTP %1 while trying to %2: %3").arg(status).arg(what, server.isEmpty() ? QStringLiteral("(no message)") : server);
    if (isCredentialRejected(status, body)) {
        e.kind = ErrorKind::Auth;
        e.userMessage = QStringLiteral("Databricks did not accept your sign-in while trying to %1.").arg(what);
        e.remediation = QStringLiteral("Sign in again, or check the token or client secret of your Databricks profile.");
        return e;
    }
    switch (status) {
    case 400:
        e.kind = ErrorKind::Http;
        e.userMessage = QStringLiteral("Databricks rejected the request to %1: %2").arg(what, server);
        e.remediation = QStringLiteral("Check the connection settings (warehouse id, catalog and schema).");
        break;
    case 403:
        e.kind = ErrorKind::Permission;
        e.userMessage = QStringLiteral("You are not allowed to %1 in Databricks.").arg(what);
        e.remediation = QStringLiteral("Ask a workspace admin for access; Diagnostics shows which grant is missing.");
        break;
    case 404:
        e.kind = ErrorKind::NotFound;
        e.userMessage = QStringLiteral("Databricks could not find what was needed to %1.").arg(what);
        e.remediation = QStringLiteral("Check the workspace URL and the warehouse id of the connection.");
        break;
    case 409:
        e.kind = ErrorKind::Conflict;
        e.userMessage = QStringLiteral("Databricks reported a conflict while trying to %1.").arg(what);
        break;
    case 429:
        e.kind = ErrorKind::Http;
        e.userMessage = QStringLiteral("Databricks is limiting requests right now, so the app could not %1.").arg(what);
        e.remediation = QStringLiteral("Wait a minute and try again.");
        break;
    case 500:
    case 502:
    case 503:
    case 504:
        e.kind = ErrorKind::Http;
        e.userMessage = QStringLiteral("Databricks is temporarily unavailable, so the app could not %1.").arg(what);
        e.remediation = QStringLiteral("Try again in a minute; if it persists, check the Databricks status page.");
        break;
    default:
        e.kind = ErrorKind::Http;
        e.userMessage = QStringLiteral("Databricks answered with HTTP %1 while trying to %2.").arg(status).arg(what);
        break;
    }
    return e;
}

Error ApiErrors::fromNetwork(QNetworkReply::NetworkError error, const QString& errorString, const QString& what)
{
    Error e;
    e.kind = ErrorKind::Network;
    e.code = QStringLiteral("network_%1").arg(static_cast<int>(error));
    e.detail = logging::redact(errorString);
    switch (error) {
    case QNetworkReply::HostNotFoundError:
        e.userMessage = QStringLiteral("The Databricks workspace address could not be found while trying to %1.").arg(what);
        e.remediation = QStringLiteral("Check the workspace URL in the connection settings and your internet connection.");
        break;
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::TooManyRedirectsError:
    case QNetworkReply::InsecureRedirectError:
        e.userMessage = QStringLiteral("A secure connection to Databricks could not be established while trying to %1.").arg(what);
        e.remediation = QStringLiteral("Check the workspace URL; a proxy or firewall may be intercepting the connection.");
        break;
    case QNetworkReply::ContentReSendError:
    case QNetworkReply::RemoteHostClosedError:
        e.userMessage = QStringLiteral("The connection to Databricks dropped while trying to %1; it may or may not "
                                       "have been done.").arg(what);
        e.remediation = QStringLiteral("Reload to see the current state before trying again; your edits are kept.");
        e.code = QStringLiteral("outcome_unknown");
        break;
    case QNetworkReply::OperationCanceledError:
        e.kind = ErrorKind::Cancelled;
        e.userMessage = QStringLiteral("Cancelled: %1.").arg(what);
        break;
    default:
        e.userMessage = QStringLiteral("The connection to Databricks failed while trying to %1.").arg(what);
        e.remediation = QStringLiteral("Check your network connection; your work is kept and you can try again.");
        break;
    }
    return e;
}

Error ApiErrors::timeout(const QString& what, qint64 afterMs)
{
    Error e;
    e.kind = ErrorKind::Timeout;
    e.code = QStringLiteral("timeout");
    e.userMessage = QStringLiteral("Databricks did not answer in time while trying to %1.").arg(what);
    e.detail = QStringLiteral("no answer after %1 ms").arg(afterMs);
    e.remediation = QStringLiteral("The warehouse may be starting or overloaded; try again in a minute.");
    return e;
}

Error ApiErrors::malformed(const QString& what, const QString& detail)
{
    Error e = Error::parse(QStringLiteral("Databricks sent an answer the app could not read while trying to %1.").arg(what),
                           detail);
    e.code = QStringLiteral("malformed_response");
    e.remediation = QStringLiteral("Try again; if it persists, a proxy may be altering responses (check the workspace URL).");
    return e;
}

} // namespace core
