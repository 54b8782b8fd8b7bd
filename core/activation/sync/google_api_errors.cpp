#include "activation/sync/google_api_errors.h"

#include "logging/logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace core {

GoogleErrorBody GoogleErrorBody::parse(const QByteArray& body)
{
    GoogleErrorBody out;
    const QJsonObject error = QJsonDocument::fromJson(body).object().value(QStringLiteral("error")).toObject();
    if (error.isEmpty())
        return out;
    out.code = error.value(QStringLiteral("code")).toInt();
    out.status = error.value(QStringLiteral("status")).toString().left(80);
    out.message = logging::redact(error.value(QStringLiteral("message")).toString().left(500));
    for (const QJsonValue& d : error.value(QStringLiteral("details")).toArray()) {
        const QJsonObject detail = d.toObject();
        const QString type = detail.value(QStringLiteral("@type")).toString();
        if (type.endsWith(QLatin1String("google.rpc.ErrorInfo")))
            out.reason = detail.value(QStringLiteral("reason")).toString().left(80);
        for (const QJsonValue& v : detail.value(QStringLiteral("fieldViolations")).toArray()) {
            const QJsonObject violation = v.toObject();
            out.fieldViolations.append({violation.value(QStringLiteral("field")).toString().left(200),
                                        logging::redact(violation.value(QStringLiteral("description")).toString().left(200)),
                                        violation.value(QStringLiteral("reason")).toString().left(80)});
        }
    }
    if (out.code == 0 && out.status.isEmpty())
        out.code = -1; // an "error" object without either: still Google's shape, status unknown
    return out;
}

QList<int> GoogleErrorBody::violatingMemberIndexes() const
{
    static const QRegularExpression member(QStringLiteral("audience_members\\[(\\d+)\\]"));
    QList<int> out;
    for (const FieldViolation& v : fieldViolations) {
        const auto m = member.match(v.field);
        if (!m.hasMatch())
            continue;
        const int index = m.captured(1).toInt();
        if (!out.contains(index))
            out.append(index);
    }
    return out;
}

bool GoogleApiErrors::isCredentialRejected(int status, const QByteArray& body) const
{
    if (status == 401)
        return true;
    return GoogleErrorBody::parse(body).status == QLatin1String("UNAUTHENTICATED");
}

bool GoogleApiErrors::isThrottled(int status, const QByteArray& body) const
{
    if (status == 429 || status == 503)
        return true;
    const QString s = GoogleErrorBody::parse(body).status;
    return s == QLatin1String("RESOURCE_EXHAUSTED") || s == QLatin1String("UNAVAILABLE");
}

Error GoogleApiErrors::fromHttp(int status, const QByteArray& body, const QString& what) const
{
    const GoogleErrorBody g = GoogleErrorBody::parse(body);
    QString server = g.message;
    if (g.code == 0)
        server = logging::redact(QString::fromUtf8(body.left(300)).simplified());
    QStringList violations;
    for (const auto& v : g.fieldViolations.mid(0, 3))
        violations.append(QStringLiteral("%1: %2").arg(v.field, v.reason.isEmpty() ? v.description : v.reason));
    if (!violations.isEmpty())
        server += QStringLiteral(" [") + violations.join(QStringLiteral("; ")) +
                  (g.fieldViolations.size() > 3 ? QStringLiteral("; …") : QString()) + QLatin1Char(']');
    if (!g.reason.isEmpty())
        server += QStringLiteral(" (reason %1)").arg(g.reason);
    Error e = httpError(status, g.status.isEmpty() ? QStringLiteral("HTTP_%1").arg(status) : g.status, server, what);

    const QString& s = g.status;
    if (status == 401 || s == QLatin1String("UNAUTHENTICATED")) {
        e.kind = ErrorKind::Auth;
        e.userMessage = QStringLiteral("Google did not accept the destination's sign-in while trying to %1.").arg(what);
        e.remediation = QStringLiteral("Create a new refresh token for the OAuth client and add the destination again "
                                       "(segctl destinations remove, then add).");
    } else if (status == 403 || s == QLatin1String("PERMISSION_DENIED")) {
        e.kind = ErrorKind::Permission;
        e.userMessage = QStringLiteral("The Google account may not %1 in this Google Ads account.").arg(what);
        e.remediation = QStringLiteral("Check the customer id of the destination, that the signed-in Google account "
                                       "has access to it (or set its manager account as login account), and that "
                                       "the Customer Match terms are accepted there.");
    } else if (status == 404 || s == QLatin1String("NOT_FOUND")) {
        e.kind = ErrorKind::NotFound;
        e.userMessage = QStringLiteral("Google Ads could not find what was needed to %1.").arg(what);
        e.remediation = QStringLiteral("The audience may have been deleted in Google Ads: remove the destination and "
                                       "add it again to create a new one.");
    } else if (status == 429 || s == QLatin1String("RESOURCE_EXHAUSTED")) {
        e.userMessage = QStringLiteral("Google Ads is limiting requests right now, so the app could not %1.").arg(what);
        e.remediation = QStringLiteral("Wait a few minutes and sync again; what was sent is kept.");
    } else if (status >= 500) {
        e.userMessage = QStringLiteral("Google Ads is temporarily unavailable, so the app could not %1.").arg(what);
        e.remediation = QStringLiteral("Sync again in a few minutes; what was sent is kept.");
    } else if (status == 400 || s == QLatin1String("INVALID_ARGUMENT") || s == QLatin1String("FAILED_PRECONDITION")) {
        e.kind = ErrorKind::Remote;
        e.userMessage = QStringLiteral("Google Ads rejected the request to %1: %2").arg(what, g.message.isEmpty() ? s : g.message);
        e.remediation = QStringLiteral("The log has each rejected field; fix the data or the destination's settings and "
                                       "sync again.");
    } else {
        e.userMessage = QStringLiteral("Google Ads answered with HTTP %1 while trying to %2.").arg(status).arg(what);
    }
    return e;
}

} // namespace core
