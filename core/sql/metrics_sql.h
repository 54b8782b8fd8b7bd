#pragma once

#include <functional>

#include <QVariant>

#include "common/result.h"
#include "domain/daily_metrics.h"
#include "sql/sql_dialect.h"
#include "sql/sql_params.h"

namespace core {

// The SQL that reads a segment's daily metrics, for every dialect, with every value bound.
// One row per stored day; a segment without metrics gives one row whose day is NULL, and an
// unknown segment gives no row at all, so one statement tells the three cases apart.
// Result columns: segment_id, day, impressions, clicks, conversions, unique_users, spend_micros.
// dailyMetricsOfAll() reads every live segment of an advertiser (or of all) the same way, ordered
// by segment id then day, with the same columns.
// Golden files pin the text (tests/unit/golden/metrics_*.sql).
class MetricsSql
{
public:
    using Column = std::function<QVariant(const QString& name)>;

    explicit MetricsSql(SqlTarget target);

    // A Validation error when from is after to.
    static Status checkRange(QDate from, QDate to);
    // from/to: null for open-ended.
    BoundSql dailyMetrics(const QString& segmentId, QDate from, QDate to) const;
    // advertiserId: empty for every advertiser.
    BoundSql dailyMetricsOfAll(const QString& advertiserId, QDate from, QDate to) const;

    // Reads the rows of dailyMetrics(): `next` moves to the next row (false at the end), `column`
    // reads the current row. No row at all: NotFound naming the segment.
    static Result<QList<DailyMetrics>> read(const std::function<bool()>& next, const Column& column,
                                            const QString& segmentId);

    // The result columns in their order; ColumnAt reads the current row's column by that index.
    static const QStringList& columns();
    using ColumnAt = std::function<QVariant(int index)>;
    // Reads the rows of dailyMetricsOfAll() into one entry per segment.
    static Result<QList<SegmentDailyMetrics>> readGrouped(const std::function<bool()>& next,
                                                          const ColumnAt& column);

private:
    BoundSql select(SqlParams& p, const QString& where, const QString& orderBy, QDate from, QDate to) const;

    SqlTarget m_target;
};

} // namespace core
