#pragma once

#include <QSqlDatabase>

#include "backends/metrics_store.h"

namespace core {

class SqliteExecutor;

// Daily metrics of the local workspace, read on its executor's thread.
class SqliteMetricsStore final : public MetricsStore
{
public:
    explicit SqliteMetricsStore(SqliteExecutor& executor);

    QFuture<Result<QList<DailyMetrics>>> dailyMetrics(const QString& segmentId, QDate from = {},
                                                      QDate to = {}) override;
    QFuture<Result<QList<SegmentDailyMetrics>>> dailyMetricsOfAll(const QString& advertiserId = {},
                                                                  QDate from = {}, QDate to = {}) override;
    // The same read, for work already running on the workspace thread (the comparison builder).
    static Result<QList<DailyMetrics>> read(QSqlDatabase& db, const QString& segmentId, QDate from, QDate to);

private:
    SqliteExecutor& m_executor;
};

} // namespace core
