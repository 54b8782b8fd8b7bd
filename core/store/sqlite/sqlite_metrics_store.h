#pragma once

#include "store/metrics_store.h"

namespace core {

class SqliteExecutor;

// Daily metrics of the local workspace, read on its executor's thread.
class SqliteMetricsStore final : public MetricsStore
{
public:
    explicit SqliteMetricsStore(SqliteExecutor& executor);

    QFuture<Result<QList<DailyMetrics>>> dailyMetrics(const QString& segmentId, QDate from = {},
                                                      QDate to = {}) override;

private:
    SqliteExecutor& m_executor;
};

} // namespace core
