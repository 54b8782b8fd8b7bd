#include "databricks/database/database_credential.h"

#include <QRegularExpression>
#include <QTimeZone>

#include "databricks/http/api_errors.h"

namespace core {

QString DatabaseCredential::describe() const
{
    return QStringLiteral("Lakebase credential valid until %1").arg(expiresAt.toUTC().toString(Qt::ISODate));
}

QDateTime DatabaseCredential::parseTimestamp(const QString& text)
{
    static const QRegularExpression rfc3339(QStringLiteral(
        R"(^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|z|[+-]\d{2}:\d{2})?$)"));
    const auto m = rfc3339.match(text.trimmed());
    if (!m.hasMatch())
        return {};
    // Qt reads milliseconds: keep three fraction digits (padded), drop the rest.
    const QString millis = (m.captured(3) + QStringLiteral("000")).left(3);
    QString zone = m.captured(4);
    if (zone.isEmpty() || zone.compare(QLatin1String("z"), Qt::CaseInsensitive) == 0)
        zone = QStringLiteral("Z");
    const QDateTime parsed = QDateTime::fromString(
        QStringLiteral("%1T%2.%3%4").arg(m.captured(1), m.captured(2), millis, zone), Qt::ISODateWithMs);
    if (!parsed.isValid())
        return {};
    return parsed.toUTC();
}

Result<DatabaseCredential> DatabaseCredential::fromJson(const QJsonObject& object, const QString& what)
{
    DatabaseCredential c;
    const QJsonValue token = object.value(QStringLiteral("token"));
    if (!token.isString() || token.toString().isEmpty())
        return ApiErrors::malformed(what, QStringLiteral("the credential answer has no token"));
    QString expiry;
    QString key;
    for (const char* name : {"expiration_time", "expire_time"}) {
        const QJsonValue v = object.value(QLatin1String(name));
        if (!v.isUndefined() && !v.isNull()) {
            key = QLatin1String(name);
            expiry = v.toString();
            break;
        }
    }
    if (key.isEmpty())
        return ApiErrors::malformed(what, QStringLiteral("the credential answer has no expiration_time"));
    c.expiresAt = parseTimestamp(expiry);
    if (!c.expiresAt.isValid())
        // The expiry is not secret; shortened in case the server sent something odd.
        return ApiErrors::malformed(
            what,
            QStringLiteral("the credential's %1 “%2” is not an RFC 3339 time").arg(key, expiry.left(40)));
    c.token = token.toString();
    return c;
}

} // namespace core
