#include "backends/sqlite/sqlite_metrics_store.h"

#include <QSqlRecord>

#include "sql/metrics_sql.h"
#include "backends/sqlite/sqlite_executor.h"
#include "backends/sqlite/sqlite_sql.h"

namespace core {

SqliteMetricsStore::SqliteMetricsStore(SqliteExecutor& executor) : m_executor(executor) {}

QFuture<Result<QList<DailyMetrics>>> SqliteMetricsStore::dailyMetrics(const QString& segmentId, QDate from,
                                                                      QDate to)
{
    return m_executor.submit<QList<DailyMetrics>>(
        [segmentId, from, to](QSqlDatabase& db) { return read(db, segmentId, from, to); });
}

Result<QList<DailyMetrics>> SqliteMetricsStore::read(QSqlDatabase& db, const QString& segmentId, QDate from,
                                                     QDate to)
{
    if (auto s = MetricsSql::checkRange(from, to); !s)
        return s.error();
    const BoundSql bound = MetricsSql(SqlTarget{SqlDialect::Sqlite, {}}).dailyMetrics(segmentId, from, to);
    auto q = SqliteSql::exec(db, bound.sql, bound.params, QStringLiteral("read the daily metrics"));
    if (!q)
        return q.error();
    QSqlQuery& query = q.value();
    const QSqlRecord record = query.record();
    return MetricsSql::read([&] { return query.next(); },
                            [&](const QString& name) { return query.value(record.indexOf(name)); },
                            segmentId);
}

QFuture<Result<QList<SegmentDailyMetrics>>> SqliteMetricsStore::dailyMetricsOfAll(const QString& advertiserId,
                                                                                  QDate from, QDate to)
{
    return m_executor.submit<QList<SegmentDailyMetrics>>(
        [advertiserId, from, to](QSqlDatabase& db) -> Result<QList<SegmentDailyMetrics>> {
            if (auto s = MetricsSql::checkRange(from, to); !s)
                return s.error();
            const BoundSql bound =
                MetricsSql(SqlTarget{SqlDialect::Sqlite, {}}).dailyMetricsOfAll(advertiserId, from, to);
            auto q = SqliteSql::exec(db, bound.sql, bound.params, QStringLiteral("read the daily metrics"));
            if (!q)
                return q.error();
            QSqlQuery& query = q.value();
            return MetricsSql::readGrouped([&] { return query.next(); },
                                           [&](int index) { return query.value(index); });
        });
}

} // namespace core
