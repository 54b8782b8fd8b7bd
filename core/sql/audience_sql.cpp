#include "sql/audience_sql.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>

namespace core {

namespace {

QStringList valuesOf(const CustomerIdentifiers& r)
{
    return {r.userId, r.email,  r.phone,      r.firstName, r.lastName,
            r.city,   r.region, r.postalCode, r.country,   r.birthDate};
}

// Appends text as a JSON string.
void appendJsonString(QString& out, const QString& text)
{
    out.append(QLatin1Char('"'));
    for (const QChar c : text) {
        if (c == QLatin1Char('"') || c == QLatin1Char('\\')) {
            out.append(QLatin1Char('\\'));
            out.append(c);
        } else if (c.unicode() < 0x20) {
            out.append(QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0')));
        } else {
            out.append(c);
        }
    }
    out.append(QLatin1Char('"'));
}

QString textOf(const QVariant& v)
{
    if (!v.isValid() || v.isNull())
        return {};
    if (v.typeId() == QMetaType::QDate)
        return v.toDate().toString(Qt::ISODate);
    return v.toString();
}

} // namespace

const QStringList& AudienceSql::identifierColumns()
{
    static const QStringList columns{QStringLiteral("user_id"),   QStringLiteral("email"),
                                     QStringLiteral("phone"),     QStringLiteral("first_name"),
                                     QStringLiteral("last_name"), QStringLiteral("city"),
                                     QStringLiteral("region"),    QStringLiteral("postal_code"),
                                     QStringLiteral("country"),   QStringLiteral("birth_date")};
    return columns;
}

Result<BoundSql> AudienceSql::members(const ReachQueryBuilder& reach, const Definition& definition) const
{
    return reach.buildMembers(definition);
}

Result<BoundSql> AudienceSql::memberIdentifiers(const ReachQueryBuilder& reach,
                                                const Definition& definition) const
{
    return reach.buildMembers(definition, ReachQueryBuilder::MemberRows{table(), identifierColumns()});
}

BoundSql AudienceSql::count() const
{
    return {QStringLiteral("SELECT COUNT(*) AS n FROM %1").arg(table()), {}};
}

BoundSql AudienceSql::countExisting(const QStringList& userIds) const
{
    SqlParams p;
    const QString ids = p.addString(
        QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(userIds)).toJson(QJsonDocument::Compact)));
    const QString sql =
        m_target.dialect == SqlDialect::Postgres
            ? QStringLiteral("SELECT COUNT(*) AS n FROM %1 WHERE user_id IN "
                             "(SELECT jsonb_array_elements_text(CAST(%2 AS jsonb)))")
            : QStringLiteral(
                  "SELECT COUNT(*) AS n FROM %1 WHERE user_id IN (SELECT value FROM json_each(%2))");
    return {sql.arg(table(), ids), p.take()};
}

BoundSql AudienceSql::upsert(const QList<CustomerIdentifiers>& rows) const
{
    const QStringList& columns = identifierColumns();
    // [{"user_id":"u1","email":"...","phone":null,...},...]: written directly, a demo imports 50,000 rows.
    QString json;
    json.reserve(rows.size() * 256);
    json.append(QLatin1Char('['));
    for (qsizetype r = 0; r < rows.size(); ++r) {
        const QStringList values = valuesOf(rows.at(r));
        json.append(r == 0 ? QStringLiteral("{") : QStringLiteral(",{"));
        for (qsizetype c = 0; c < columns.size(); ++c) {
            if (c > 0)
                json.append(QLatin1Char(','));
            appendJsonString(json, columns.at(c));
            json.append(QLatin1Char(':'));
            if (values.at(c).isEmpty())
                json.append(QStringLiteral("null"));
            else
                appendJsonString(json, values.at(c));
        }
        json.append(QLatin1Char('}'));
    }
    json.append(QLatin1Char(']'));
    SqlParams p;
    const QString placeholder = p.addString(json);
    QStringList updates;
    for (qsizetype c = 1; c < columns.size(); ++c)
        updates.append(QStringLiteral("%1 = excluded.%1").arg(columns.at(c)));
    QStringList selected;
    QString from;
    if (m_target.dialect == SqlDialect::Postgres) {
        QStringList types;
        for (const QString& column : columns) {
            selected.append(QStringLiteral("r.") + column);
            types.append(column + (column == QLatin1String("birth_date") ? QStringLiteral(" date")
                                                                         : QStringLiteral(" text")));
        }
        from = QStringLiteral("jsonb_to_recordset(CAST(%1 AS jsonb)) AS r(%2)")
                   .arg(placeholder, types.join(QStringLiteral(", ")));
    } else {
        for (const QString& column : columns)
            selected.append(QStringLiteral("json_extract(r.value, '$.%1')").arg(column));
        // WHERE true: SQLite's parser needs it between a SELECT and ON CONFLICT.
        from = QStringLiteral("json_each(%1) r WHERE true").arg(placeholder);
    }
    const QString sql =
        QStringLiteral("INSERT INTO %1 (%2) SELECT %3 FROM %4 ON CONFLICT (user_id) DO UPDATE SET %5")
            .arg(table(), columns.join(QStringLiteral(", ")), selected.join(QStringLiteral(", ")), from,
                 updates.join(QStringLiteral(", ")));
    return {sql, p.take()};
}

CustomerIdentifiers AudienceSql::read(const std::function<QVariant(const QString& column)>& value)
{
    CustomerIdentifiers r;
    r.userId = textOf(value(QStringLiteral("user_id")));
    r.email = textOf(value(QStringLiteral("email")));
    r.phone = textOf(value(QStringLiteral("phone")));
    r.firstName = textOf(value(QStringLiteral("first_name")));
    r.lastName = textOf(value(QStringLiteral("last_name")));
    r.city = textOf(value(QStringLiteral("city")));
    r.region = textOf(value(QStringLiteral("region")));
    r.postalCode = textOf(value(QStringLiteral("postal_code")));
    r.country = textOf(value(QStringLiteral("country")));
    r.birthDate = textOf(value(QStringLiteral("birth_date")));
    return r;
}

} // namespace core
