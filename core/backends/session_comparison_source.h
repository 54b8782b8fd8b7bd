#pragma once

#include "backends/comparison_source.h"
#include "backends/session_executor.h"

#include <atomic>
#include <memory>

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
    // 1 + the readers once the audience is large enough (dataAsOf() reads its size): below
    // kPeoplePerPart people a part costs more than it saves, since each part aggregates the
    // behaviour windows again (demo, 45,000 people: 95 ms in one pass, 140 ms in two; 185,000:
    // 170 ms and 102 ms; 500,000: 720 ms and 455 ms).
    int parallelParts() const override;
    static constexpr qint64 kPeoplePerPart = 75000;
    QFuture<Result<QHash<QString, qint64>>> aggregatePart(const BoundSql& query, const QString& what,
                                                          int part) override;

private:
    SessionExecutor& m_executor;
    QList<SessionExecutor*> m_readers;
    std::shared_ptr<std::atomic<qint64>> m_audienceRows = std::make_shared<std::atomic<qint64>>(0);
    SqlTarget m_target;
    MetricsStore& m_metrics;
};

} // namespace core
