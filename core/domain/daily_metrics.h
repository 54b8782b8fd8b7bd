#pragma once

#include <QDate>
#include <QList>
#include <QString>

namespace core {

// One segment's figures for one day (UTC), as gold_segment_daily_metrics holds them. CTR, CVR
// and CPM derive from the counts; they are 0 when their denominator is 0.
struct DailyMetrics
{
    QDate day;
    qint64 impressions = 0;
    qint64 clicks = 0;
    qint64 conversions = 0;
    qint64 uniqueUsers = 0;
    qint64 spendMicros = 0; // spend in millionths of the currency unit

    double spend() const { return static_cast<double>(spendMicros) / 1e6; }
    double ctr() const; // clicks / impressions
    double cvr() const; // conversions / clicks
    double cpm() const; // spend per 1000 impressions

    bool operator==(const DailyMetrics&) const = default;

    // The series with a zero entry for every day in [from, to] that has none (days without
    // events are not stored). Entries outside the range are kept; the result is ordered by day.
    // Null from/to: the first/last day of the series.
    static QList<DailyMetrics> withZeroDays(const QList<DailyMetrics>& series, QDate from = {},
                                            QDate to = {});
};

// One segment's stored days, as a bulk read (MetricsStore::dailyMetricsOfAll) returns them.
struct SegmentDailyMetrics
{
    QString segmentId;
    QList<DailyMetrics> days; // ordered by day; empty when the segment has no metrics (in the range)
};

} // namespace core
