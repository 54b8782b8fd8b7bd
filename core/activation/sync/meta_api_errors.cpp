#include "activation/sync/meta_api_errors.h"

#include "logging/logging.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace core {

MetaErrorBody MetaErrorBody::parse(const QByteArray& body)
{
    MetaErrorBody out;
    const QJsonObject error = QJsonDocument::fromJson(body).object().value(QStringLiteral("error")).toObject();
    if (error.isEmpty())
        return out;
    out.code = error.value(QStringLiteral("code")).toInt(-1);
    out.subcode = error.value(QStringLiteral("error_subcode")).toInt();
    out.type = error.value(QStringLiteral("type")).toString().left(80);
    out.message = logging::redact(error.value(QStringLiteral("message")).toString().left(500));
    out.fbtraceId = error.value(QStringLiteral("fbtrace_id")).toString().left(80);
    out.transient = error.value(QStringLiteral("is_transient")).toBool();
    return out;
}

bool MetaApiErrors::isThrottlingCode(int code)
{
    switch (code) {
    case 4:     // application request limit
    case 17:    // user request limit
    case 32:    // page request limit
    case 613:   // calls within one hour exceeded
    case 80003: // custom audience API rate limit
    case 80004: // ads management API rate limit
        return true;
    default:
        return false;
    }
}

bool MetaApiErrors::isCredentialRejected(int status, const QByteArray& body) const
{
    const MetaErrorBody m = MetaErrorBody::parse(body);
    return m.code == 190 || m.code == 102 || (status == 401 && m.code <= 0);
}

bool MetaApiErrors::isThrottled(int status, const QByteArray& body) const
{
    return status == 429 || isThrottlingCode(MetaErrorBody::parse(body).code);
}

bool MetaApiErrors::isTransient(int status, const QByteArray& body) const
{
    const MetaErrorBody m = MetaErrorBody::parse(body);
    if (m.code == 1 || m.code == 2 || m.transient)
        return true;
    return status == 500 || status == 502 || status == 503 || status == 504;
}

Error MetaApiErrors::fromHttp(int status, const QByteArray& body, const QString& what) const
{
    const MetaErrorBody m = MetaErrorBody::parse(body);
    QString server = m.code != 0 ? m.message : logging::redact(QString::fromUtf8(body.left(300)).simplified());
    if (m.code != 0) {
        server += QStringLiteral(" (%1 code %2%3%4)")
                      .arg(m.type.isEmpty() ? QStringLiteral("error") : m.type)
                      .arg(m.code)
                      .arg(m.subcode ? QStringLiteral(", subcode %1").arg(m.subcode) : QString(),
                           m.fbtraceId.isEmpty() ? QString() : QStringLiteral(", fbtrace_id ") + m.fbtraceId);
    }
    const QString code = m.code > 0 ? (m.subcode ? QStringLiteral("%1/%2").arg(m.code).arg(m.subcode)
                                                 : QString::number(m.code))
                                    : QStringLiteral("HTTP_%1").arg(status);
    Error e = httpError(status, code, server, what);

    if (m.code == 190 || m.code == 102 || (status == 401 && m.code <= 0)) {
        e.kind = ErrorKind::Auth;
        e.userMessage = QStringLiteral("Meta did not accept the destination's access token (expired or revoked) while "
                                       "trying to %1.").arg(what);
        e.remediation = QStringLiteral("Create a new system-user token in Meta Business Settings and add the destination "
                                       "again (segctl destinations remove, then add).");
    } else if (m.code == 10 || (m.code >= 200 && m.code <= 299) || status == 403) {
        e.kind = ErrorKind::Permission;
        e.userMessage = QStringLiteral("The Meta token may not %1 in this ad account.").arg(what);
        e.remediation = QStringLiteral("Give the system user the ads_management permission on the ad account and accept "
                                       "the Custom Audience terms for it.");
    } else if (status == 429 || isThrottlingCode(m.code)) {
        e.userMessage = QStringLiteral("Meta is limiting requests right now, so the app could not %1.").arg(what);
        e.remediation = QStringLiteral("Wait a few minutes and sync again; what was sent is kept.");
    } else if (status >= 500 || m.code == 1 || m.code == 2) {
        e.userMessage = QStringLiteral("Meta is temporarily unavailable, so the app could not %1.").arg(what);
        e.remediation = QStringLiteral("Sync again in a few minutes; what was sent is kept.");
    } else if (status == 404 || (m.code == 100 && m.subcode == 33)) {
        e.kind = ErrorKind::NotFound;
        e.userMessage = QStringLiteral("Meta could not find what was needed to %1.").arg(what);
        e.remediation = QStringLiteral("The custom audience may have been deleted in Meta: remove the destination and add "
                                       "it again to create a new one.");
    } else {
        e.kind = ErrorKind::Remote;
        e.userMessage = QStringLiteral("Meta rejected the request to %1: %2").arg(what, m.message.isEmpty() ? code : m.message);
        e.remediation = QStringLiteral("The log has Meta's message and fbtrace_id; fix the data or the destination and "
                                       "sync again.");
    }
    return e;
}

} // namespace core
