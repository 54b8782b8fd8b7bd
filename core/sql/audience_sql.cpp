#include "sql/audience_sql.h"

#include <QDate>

namespace core {

namespace {

QStringList valuesOf(const CustomerIdentifiers& r)
{
    return {r.userId, r.email, r.phone, r.firstName, r.lastName, r.city, r.region, r.postalCode, r.country, r.birthDate};
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
    static const QStringList columns{QStringLiteral("user_id"),    QStringLiteral("email"),
                                     QStringLiteral("phone"),      QStringLiteral("first_name"),
                                     QStringLiteral("last_name"),  QStringLiteral("city"),
                                     QStringLiteral("region"),     QStringLiteral("postal_code"),
                                     QStringLiteral("country"),    QStringLiteral("birth_date")};
    return columns;
}

Result<BoundSql> AudienceSql::members(const ReachQueryBuilder& reach, const Definition& definition) const
{
    return reach.buildMembers(definition);
}

Result<BoundSql> AudienceSql::memberIdentifiers(const ReachQueryBuilder& reach, const Definition& definition) const
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
    const QString sql =
        QStringLiteral("SELECT COUNT(*) AS n FROM %1 WHERE user_id IN (%2)").arg(table(), p.addStringList(userIds));
    return {sql, p.take()};
}

BoundSql AudienceSql::upsert(const QList<CustomerIdentifiers>& rows) const
{
    const QStringList& columns = identifierColumns();
    SqlParams p;
    QStringList tuples;
    tuples.reserve(rows.size());
    for (const auto& row : rows) {
        const QStringList values = valuesOf(row);
        QStringList placeholders;
        for (qsizetype c = 0; c < values.size(); ++c) {
            const QString& v = values.at(c);
            if (c == 0)
                placeholders.append(p.addString(v));
            else if (columns.at(c) == QLatin1String("birth_date"))
                placeholders.append(v.isEmpty() ? p.add(QVariant(), SqlParam::Type::Date) : p.addDate(v));
            else
                placeholders.append(v.isEmpty() ? p.add(QVariant()) : p.addString(v));
        }
        tuples.append(QLatin1Char('(') + placeholders.join(QStringLiteral(", ")) + QLatin1Char(')'));
    }
    QStringList updates;
    for (qsizetype c = 1; c < columns.size(); ++c)
        updates.append(QStringLiteral("%1 = excluded.%1").arg(columns.at(c)));
    const QString sql = QStringLiteral("INSERT INTO %1 (%2) VALUES %3 ON CONFLICT (user_id) DO UPDATE SET %4")
                            .arg(table(), columns.join(QStringLiteral(", ")), tuples.join(QStringLiteral(", ")),
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
