#pragma once

#include <memory>

#include <QObject>

#include "databricks/statement/statement_request.h"
#include "sql/metrics_sql.h"
#include "backends/metrics_store.h"

namespace core {

class StatementClient;

// Daily metrics in Databricks (`<catalog>.<schema>.gold_segment_daily_metrics`), read through
// the SQL warehouse. Lives on the thread of its StatementClient; futures finish there, except
// dailyMetricsOfAll's: its rows (hundreds of thousands) are grouped on a pool thread.
class DatabricksMetricsStore final : public MetricsStore
{
public:
    DatabricksMetricsStore(StatementClient* statements, QString catalog, QString schema);
    ~DatabricksMetricsStore() override;

    QFuture<Result<QList<DailyMetrics>>> dailyMetrics(const QString& segmentId, QDate from = {},
                                                      QDate to = {}) override;
    QFuture<Result<QList<SegmentDailyMetrics>>> dailyMetricsOfAll(const QString& advertiserId = {},
                                                                  QDate from = {}, QDate to = {}) override;

private:
    StatementRequest request(const BoundSql& bound) const;

    StatementClient* m_statements;
    QString m_catalog;
    QString m_schema;
    MetricsSql m_sql;
    std::unique_ptr<QObject> m_context; // continuations run in its thread and die with the store
};

} // namespace core
