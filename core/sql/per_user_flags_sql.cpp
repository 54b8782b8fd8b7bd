#include "sql/per_user_flags_sql.h"

namespace core {

QString PerUserFlagsSql::flag(const QString& predicate, const QString& name)
{
    return QStringLiteral("CASE WHEN %1 THEN 1 ELSE 0 END AS %2").arg(predicate, name);
}

namespace {

QString perUserRows(const SqlTarget& target, const QStringList& columns, const QStringList& joins,
                    const QString& activeSincePlaceholder)
{
    const QString joined = joins.isEmpty() ? QString() : QLatin1Char(' ') + joins.join(QLatin1Char(' '));
    return QStringLiteral("SELECT %1 FROM %2 p%3 WHERE p.last_seen >= %4")
        .arg(columns.join(QStringLiteral(", ")), target.table(QStringLiteral("audience_profiles")), joined,
             activeSincePlaceholder);
}

} // namespace

QString PerUserFlagsSql::build(const SqlTarget& target, const QStringList& flags, const QStringList& joins,
                               const QString& activeSincePlaceholder, const QStringList& aggregates)
{
    const QString perUser = perUserRows(target, flags, joins, activeSincePlaceholder);
    if (target.dialect == SqlDialect::Databricks)
        return QStringLiteral("SELECT %1 FROM (%2) flags")
            .arg(aggregates.join(QStringLiteral(", ")), perUser);
    return QStringLiteral("WITH flags AS MATERIALIZED (%1) SELECT %2 FROM flags")
        .arg(perUser, aggregates.join(QStringLiteral(", ")));
}

QString PerUserFlagsSql::members(const SqlTarget& target, const QStringList& flags, const QStringList& joins,
                                 const QString& activeSincePlaceholder, const QString& memberTest,
                                 const QString& select, const QString& join, const QString& orderBy)
{
    const QString perUser =
        perUserRows(target, QStringList{QStringLiteral("p.user_id")} + flags, joins, activeSincePlaceholder);
    const QString from = target.dialect == SqlDialect::Databricks ? QStringLiteral("(%1) flags").arg(perUser)
                                                                  : QStringLiteral("flags");
    const QString with = target.dialect == SqlDialect::Databricks
                             ? QString()
                             : QStringLiteral("WITH flags AS MATERIALIZED (%1) ").arg(perUser);
    const QString order =
        target.dialect == SqlDialect::Postgres ? orderBy + QStringLiteral(" COLLATE \"C\"") : orderBy;
    QString sql = with + QStringLiteral("SELECT ") + select + QStringLiteral(" FROM ") + from;
    if (!join.isEmpty())
        sql += QLatin1Char(' ') + join;
    sql += QStringLiteral(" WHERE ") + memberTest + QStringLiteral(" = 1 ORDER BY ") + order;
    return sql;
}

} // namespace core
