#pragma once

#include "backends/comparison_source.h"
#include "backends/session_executor.h"

namespace core {

// What a comparison reads from a backend that works through a SqlSession (the local SQLite
// workspace, PostgreSQL/Lakebase); the behaviour is ComparisonSource's.
class SessionComparisonSource final : public ComparisonSource
{
public:
    // All belong to the backend and must outlive this source. `readers`: more connections to the
    // same database, on which aggregatePart reads parts 1, 2, … (part 0 on `executor`).
    SessionComparisonSource(SessionExecutor& executor, SqlTarget target, MetricsStore& metrics,
                            QList<SessionExecutor*> readers = {});

    SqlTarget sqlTarget() const override { return m_target; }
    QFuture<Result<QList<Segment>>> segments(const QStringList& ids) override;
    QFuture<Result<QDate>> dataAsOf() override;
    MetricsStore& metrics() override { return m_metrics; }
    QFuture<Result<QHash<QString, qint64>>> aggregateRow(const BoundSql& query, const QString& what) override;
    int parallelParts() const override { return 1 + static_cast<int>(m_readers.size()); }
    QFuture<Result<QHash<QString, qint64>>> aggregatePart(const BoundSql& query, const QString& what,
                                                          int part) override;

private:
    SessionExecutor& m_executor;
    QList<SessionExecutor*> m_readers;
    SqlTarget m_target;
    MetricsStore& m_metrics;
};

} // namespace core
