#pragma once

#include "backends/comparison_source.h"
#include "backends/session_executor.h"

namespace core {

// What a comparison reads from a backend that works through a SqlSession (the local SQLite
// workspace, PostgreSQL/Lakebase); the behaviour is ComparisonSource's.
class SessionComparisonSource final : public ComparisonSource
{
public:
    // Both belong to the backend and must outlive this source.
    SessionComparisonSource(SessionExecutor& executor, SqlTarget target, MetricsStore& metrics);

    SqlTarget sqlTarget() const override { return m_target; }
    QFuture<Result<QList<Segment>>> segments(const QStringList& ids) override;
    QFuture<Result<QDate>> dataAsOf() override;
    MetricsStore& metrics() override { return m_metrics; }
    QFuture<Result<QHash<QString, qint64>>> aggregateRow(const BoundSql& query, const QString& what) override;

private:
    SessionExecutor& m_executor;
    SqlTarget m_target;
    MetricsStore& m_metrics;
};

} // namespace core
