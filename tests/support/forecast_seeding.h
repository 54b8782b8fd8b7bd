#pragma once

// Segments with a history of daily metrics for the "Forecast all segments" tests and benchmark:
// `count` segments of one advertiser, each with `days` days of synthetic impressions
// (core::forecast::SyntheticImpressions, seeded; clicks and conversions a fixed share of them)
// ending on `lastDay`, written straight into gold_segment_daily_metrics in one transaction.
#include <QString>

#include "common/future_wait.h"
#include "forecast/synthetic_impressions.h"
#include "backends/sqlite/sqlite_executor.h"
#include "backends/sqlite/sqlite_backend.h"
#include "backends/sqlite/sqlite_sql.h"
#include "support/segment_builders.h"

namespace testsupport {

// Returns the ids of the new segments (in creation order), or an Error.
inline core::Result<QStringList> seedForecastSegments(core::SqliteBackend& store,
                                                      const QString& advertiserId, int count, int days,
                                                      QDate lastDay)
{
    auto added =
        core::awaitFuture(store.segments().saveAdvertiser({advertiserId, QStringLiteral("Forecast Advertiser")}));
    if (!added)
        return added.error();
    QStringList ids;
    for (int i = 0; i < count; ++i) {
        auto created = core::awaitFuture(store.segments().createSegment(
            draftSegment(advertiserId,
                         QStringLiteral("Forecast segment %1").arg(i + 1, 4, 10, QLatin1Char('0'))),
            QStringLiteral("seeder")));
        if (!created)
            return created.error();
        ids.append(created.value().id);
    }
    core::forecast::SyntheticOptions options;
    options.count = count;
    options.days = days;
    options.firstDay = lastDay.addDays(-(days - 1));
    auto written =
        core::awaitFuture(store.executor().submit<core::Done>([&](QSqlDatabase& db) -> core::Status {
            core::SqliteTransaction tx(db);
            if (auto s = tx.begin(QStringLiteral("seed daily metrics")); !s)
                return s;
            QSqlQuery q(db);
            if (!q.prepare(QStringLiteral(
                    "INSERT INTO gold_segment_daily_metrics (segment_id, day, impressions, clicks, "
                    "conversions, unique_users, spend_micros) VALUES (?, ?, ?, ?, ?, ?, ?)")))
                return core::SqliteSql::error(db, q, QStringLiteral("seed daily metrics"));
            for (int i = 0; i < count; ++i) {
                const core::forecast::TimeSeries series =
                    core::forecast::SyntheticImpressions::series(options, i);
                for (qsizetype d = 0; d < series.size(); ++d) {
                    const auto impressions = static_cast<qint64>(series.at(d));
                    q.addBindValue(ids.at(i));
                    q.addBindValue(series.dateAt(d).toString(Qt::ISODate));
                    q.addBindValue(impressions);
                    q.addBindValue(impressions / 50);
                    q.addBindValue(impressions / 1000);
                    q.addBindValue(impressions / 3);
                    q.addBindValue(impressions * 2500);
                    if (!q.exec())
                        return core::SqliteSql::error(db, q, QStringLiteral("seed daily metrics"));
                }
            }
            return tx.commit(QStringLiteral("seed daily metrics"));
        }));
    if (!written)
        return written.error();
    return ids;
}

} // namespace testsupport
