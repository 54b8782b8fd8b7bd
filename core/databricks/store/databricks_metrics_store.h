#pragma once

#include <memory>

#include <QObject>

#include "sql/metrics_sql.h"
#include "store/metrics_store.h"

namespace core {

class StatementClient;

// Daily metrics in Databricks (`<catalog>.<schema>.gold_segment_daily_metrics`), read through
// the SQL warehouse. Lives on the thread of its StatementClient; futures finish there.
class DatabricksMetricsStore final : public MetricsStore
{
public:
    DatabricksMetricsStore(StatementClient* statements, QString catalog, QString schema);
    ~DatabricksMetricsStore() override;

    QFuture<Result<QList<DailyMetrics>>> dailyMetrics(const QString& segmentId, QDate from = {},
                                                      QDate to = {}) override;

private:
    StatementClient* m_statements;
    QString m_catalog;
    QString m_schema;
    MetricsSql m_sql;
    std::unique_ptr<QObject> m_context; // continuations run in its thread and die with the store
};

} // namespace core
