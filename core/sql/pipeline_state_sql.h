#pragma once

#include "sql/sql_dialect.h"
#include "sql/sql_params.h"

namespace core {

// The statements of pipeline_state, the key/value table the local pipeline keeps its bookkeeping
// in (the audience-rebuild flag a migration sets, each segment's gold inputs), every value bound.
// The same text runs on SQLite and PostgreSQL. Golden file: tests/unit/golden/pipeline_state_sqlite.sql.
class PipelineStateSql
{
public:
    // Set by a migration that reshaped derived tables: the audience is rebuilt on the next open.
    static const QString kAudienceRebuildNeeded;

    explicit PipelineStateSql(SqlTarget target) : m_target(std::move(target)) {}

    BoundSql setValue(const QString& key, const QString& value) const;
    // Column n: 1 when the key is there, else 0.
    BoundSql has(const QString& key) const;
    BoundSql remove(const QString& key) const;
    // Columns key, value of every key starting with prefix.
    BoundSql withPrefix(const QString& prefix) const;
    BoundSql removeWithPrefix(const QString& prefix) const;
    // Drops the daily metrics of every segment whose id is not remembered under prefix (prefix + id).
    BoundSql dropMetricsNotUnder(const QString& prefix) const;

private:
    SqlTarget m_target;
    QString table() const { return m_target.table(QStringLiteral("pipeline_state")); }
};

} // namespace core
