#pragma once

#include <QStringList>

#include "sql/sql_dialect.h"

namespace core {

// The shape shared by the reach and overlap queries: one row per user of audience_profiles
// (alias p) last seen on or after activeSince, carrying 0/1 flag columns, summed by the aggregates.
// SQLite and PostgreSQL would inline a plain subquery and evaluate every condition once per
// aggregate that uses it; a materialised CTE evaluates each once per person. Databricks gets a
// plain subquery.
class PerUserFlagsSql
{
public:
    // "CASE WHEN <predicate> THEN 1 ELSE 0 END AS <name>"
    static QString flag(const QString& predicate, const QString& name);
    static QString build(const SqlTarget& target, const QStringList& flags, const QStringList& joins,
                         const QString& activeSincePlaceholder, const QStringList& aggregates);
};

} // namespace core
