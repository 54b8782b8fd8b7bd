#include "sql/per_user_flags_sql.h"

namespace core {

QString PerUserFlagsSql::flag(const QString& predicate, const QString& name)
{
    return QStringLiteral("CASE WHEN %1 THEN 1 ELSE 0 END AS %2").arg(predicate, name);
}

namespace {

QString perUserRows(const SqlTarget& target, const QStringList& columns, const QStringList& joins,
                    const QString& activeSincePlaceholder, const QString& alsoWhere = {})
{
    const QString joined = joins.isEmpty() ? QString() : QLatin1Char(' ') + joins.join(QLatin1Char(' '));
    // SQLite: "+" keeps the last_seen index out of the scan. Most of the audience is active in any
    // window, and a lookup per person through that index took 4x the scan (0.47 s against
    // 0.13 s at 500,000 people); a window that few fit would still cost at most the scan.
    const QString lastSeen = target.dialect == SqlDialect::Sqlite ? QStringLiteral("+p.last_seen")
                                                                   : QStringLiteral("p.last_seen");
    const QString also = alsoWhere.isEmpty() ? QString() : QStringLiteral(" AND ") + alsoWhere;
    return QStringLiteral("SELECT %1 FROM %2 p%3 WHERE %4 >= %5%6")
        .arg(columns.join(QStringLiteral(", ")), target.table(QStringLiteral("audience_profiles")), joined,
             lastSeen, activeSincePlaceholder, also);
}

QString where(const QString& keep)
{
    return keep.isEmpty() ? QString() : QStringLiteral(" WHERE ") + keep;
}

} // namespace

QString PerUserFlagsSql::build(const SqlTarget& target, const QStringList& flags, const QStringList& joins,
                               const QString& activeSincePlaceholder, const QStringList& aggregates,
                               const QStringList& laterFlags, const QString& keep, const QString& alsoWhere)
{
    const QString sums = aggregates.join(QStringLiteral(", "));
    const QStringList columns = laterFlags.isEmpty() ? flags : QStringList{QStringLiteral("p.user_id")} + flags;
    const QString perUser = perUserRows(target, columns, joins, activeSincePlaceholder, alsoWhere);
    const QString later = laterFlags.join(QStringLiteral(", "));
    switch (target.dialect) {
    case SqlDialect::Databricks: // laterFlags are not used there
        return QStringLiteral("SELECT %1 FROM (%2) flags%3").arg(sums, perUser, where(keep));
    case SqlDialect::Sqlite:
        // "LIMIT -1" (no limit) keeps SQLite from flattening a level into the aggregate, which
        // would evaluate each flag once per aggregate naming it: each level is a co-routine whose
        // row is computed once, and nothing is materialised (a temporary B-tree of every person
        // was a third of the time).
        if (laterFlags.isEmpty())
            return QStringLiteral("SELECT %1 FROM (%2 LIMIT -1) flags%3").arg(sums, perUser, where(keep));
        return QStringLiteral("SELECT %1 FROM (SELECT f.*, %2 FROM (%3 LIMIT -1) f%4 LIMIT -1) later")
            .arg(sums, later, perUser, where(keep));
    case SqlDialect::Postgres:
        break;
    }
    if (laterFlags.isEmpty())
        return QStringLiteral("WITH flags AS MATERIALIZED (%1) SELECT %2 FROM flags%3").arg(perUser, sums, where(keep));
    // Materialised too: inlined, each later flag would be evaluated once per aggregate naming it.
    return QStringLiteral("WITH flags AS MATERIALIZED (%1), later AS MATERIALIZED (SELECT f.*, %2 FROM flags f%3) "
                          "SELECT %4 FROM later")
        .arg(perUser, later, where(keep), sums);
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
