#pragma once

#include "backends/metrics_store.h"
#include "backends/session_executor.h"
#include "sql/sql_dialect.h"

namespace core {

// The daily metrics of the backends that work through a SqlSession (the local SQLite
// workspace, PostgreSQL/Lakebase), with MetricsSql's statements; the behaviour is MetricsStore's.
class SessionMetricsStore final : public MetricsStore
{
public:
    // The executor belongs to the backend and must outlive the store.
    SessionMetricsStore(SessionExecutor& executor, SqlTarget target);

    QFuture<Result<QList<DailyMetrics>>> dailyMetrics(const QString& segmentId, QDate from = {},
                                                      QDate to = {}) override;
    QFuture<Result<QList<SegmentDailyMetrics>>> dailyMetricsOfAll(const QString& advertiserId = {}, QDate from = {},
                                                                  QDate to = {}) override;

private:
    SessionExecutor& m_executor;
    SqlTarget m_target;
};

} // namespace core
