#include "sql/pipeline_state_sql.h"

namespace core {

const QString PipelineStateSql::kAudienceRebuildNeeded = QStringLiteral("audience_rebuild_needed");

BoundSql PipelineStateSql::setValue(const QString& key, const QString& value) const
{
    SqlParams p;
    const QString k = p.addString(key);
    const QString v = p.addString(value);
    return {QStringLiteral("INSERT INTO %1 (key, value) VALUES (%2, %3) ON CONFLICT (key) DO UPDATE SET value = "
                           "excluded.value")
                .arg(table(), k, v),
            p.take()};
}

BoundSql PipelineStateSql::has(const QString& key) const
{
    SqlParams p;
    const QString sql = QStringLiteral("SELECT COUNT(*) AS n FROM %1 WHERE key = %2").arg(table(), p.addString(key));
    return {sql, p.take()};
}

BoundSql PipelineStateSql::remove(const QString& key) const
{
    SqlParams p;
    const QString sql = QStringLiteral("DELETE FROM %1 WHERE key = %2").arg(table(), p.addString(key));
    return {sql, p.take()};
}

BoundSql PipelineStateSql::withPrefix(const QString& prefix) const
{
    SqlParams p;
    const QString n = p.addInt(prefix.size());
    const QString pre = p.addString(prefix);
    return {QStringLiteral("SELECT key, value FROM %1 WHERE substr(key, 1, CAST(%2 AS INTEGER)) = %3").arg(table(), n, pre), p.take()};
}

BoundSql PipelineStateSql::removeWithPrefix(const QString& prefix) const
{
    SqlParams p;
    const QString n = p.addInt(prefix.size());
    const QString pre = p.addString(prefix);
    return {QStringLiteral("DELETE FROM %1 WHERE substr(key, 1, CAST(%2 AS INTEGER)) = %3").arg(table(), n, pre), p.take()};
}

BoundSql PipelineStateSql::dropMetricsNotUnder(const QString& prefix) const
{
    SqlParams p;
    const QString from = p.addInt(prefix.size() + 1);
    const QString n = p.addInt(prefix.size());
    const QString pre = p.addString(prefix);
    return {QStringLiteral("DELETE FROM %1 WHERE segment_id NOT IN (SELECT substr(key, CAST(%2 AS INTEGER)) FROM %3 WHERE "
                           "substr(key, 1, CAST(%4 AS INTEGER)) = %5)")
                .arg(m_target.table(QStringLiteral("gold_segment_daily_metrics")), from, table(), n, pre),
            p.take()};
}

} // namespace core
