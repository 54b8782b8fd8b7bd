#include "sql/per_user_flags_sql.h"

namespace core {

QString PerUserFlagsSql::flag(const QString& predicate, const QString& name)
{
    return QStringLiteral("CASE WHEN %1 THEN 1 ELSE 0 END AS %2").arg(predicate, name);
}

QString PerUserFlagsSql::build(const SqlTarget& target, const QStringList& flags, const QStringList& joins,
                               const QString& activeSincePlaceholder, const QStringList& aggregates)
{
    const QString joined = joins.isEmpty() ? QString() : QLatin1Char(' ') + joins.join(QLatin1Char(' '));
    const QString perUser =
        QStringLiteral("SELECT %1 FROM %2 p%3 WHERE p.last_seen >= %4")
            .arg(flags.join(QStringLiteral(", ")), target.table(QStringLiteral("audience_profiles")), joined,
                 activeSincePlaceholder);
    if (target.dialect == SqlDialect::Databricks)
        return QStringLiteral("SELECT %1 FROM (%2) flags")
            .arg(aggregates.join(QStringLiteral(", ")), perUser);
    return QStringLiteral("WITH flags AS MATERIALIZED (%1) SELECT %2 FROM flags")
        .arg(perUser, aggregates.join(QStringLiteral(", ")));
}

} // namespace core
