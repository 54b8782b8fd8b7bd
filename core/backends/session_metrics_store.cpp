#include "backends/session_metrics_store.h"

#include "sql/metrics_sql.h"

namespace core {

SessionMetricsStore::SessionMetricsStore(SessionExecutor& executor, SqlTarget target)
    : m_executor(executor), m_target(std::move(target))
{}

QFuture<Result<QList<DailyMetrics>>> SessionMetricsStore::dailyMetrics(const QString& segmentId, QDate from, QDate to)
{
    return m_executor.run<QList<DailyMetrics>>(
        [target = m_target, segmentId, from, to](SqlSession& db) -> Result<QList<DailyMetrics>> {
            if (auto s = MetricsSql::checkRange(from, to); !s)
                return s.error();
            auto rows = db.query(MetricsSql(target).dailyMetrics(segmentId, from, to),
                                 QStringLiteral("read the daily metrics"));
            if (!rows)
                return rows.error();
            qsizetype at = -1;
            const SqlRows& r = rows.value();
            return MetricsSql::read([&] { return ++at < r.size(); },
                                    [&](const QString& name) { return r.value(at, name); }, segmentId);
        });
}

QFuture<Result<QList<SegmentDailyMetrics>>> SessionMetricsStore::dailyMetricsOfAll(const QString& advertiserId,
                                                                                   QDate from, QDate to)
{
    return m_executor.run<QList<SegmentDailyMetrics>>(
        [target = m_target, advertiserId, from, to](SqlSession& db) -> Result<QList<SegmentDailyMetrics>> {
            if (auto s = MetricsSql::checkRange(from, to); !s)
                return s.error();
            auto rows = db.query(MetricsSql(target).dailyMetricsOfAll(advertiserId, from, to),
                                 QStringLiteral("read the daily metrics"));
            if (!rows)
                return rows.error();
            qsizetype at = -1;
            const SqlRows& r = rows.value();
            return MetricsSql::readGrouped([&] { return ++at < r.size(); },
                                           [&](int index) { return r.rows.at(at).value(index); });
        });
}

} // namespace core
