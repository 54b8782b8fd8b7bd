#pragma once

#include "domain/date_range.h"
#include "analytics/metric.h"
#include "domain/daily_metrics.h"

namespace core {

enum class Granularity
{
    Day,
    Week,
    Month
};

QString granularityKey(Granularity granularity); // "day", "week", "month"
std::optional<Granularity> granularityFromKey(const QString& key);

// One point of a metric chart: a day, an ISO week (Monday to Sunday) or a calendar month,
// clipped to the chosen range.
struct MetricPeriod
{
    QDate start;          // first day of the period inside the range
    QDate end;            // last day of the period inside the range
    QString label;        // "2026-11-24", "2026-W48" (ISO week-numbering year), "2026-11"
    bool partial = false; // the range cuts the period short
    DailyMetrics totals;  // sum of the period's days (zeros when it had no data); day = start,
                          // uniqueUsers = user-days

    qint64 days() const { return start.daysTo(end) + 1; }
    double value(Metric metric) const { return metricValue(totals, metric, days()); }
    bool operator==(const MetricPeriod&) const = default;
};

// Rolls daily rows up into every period of the range, in order; periods without data are
// present with zero totals so charts of several segments line up.
class MetricRollup
{
public:
    static QList<MetricPeriod> rollup(const QList<DailyMetrics>& rows, const DateRange& range,
                                      Granularity granularity);
    // First day of the period holding day: the day, the Monday of its ISO week, the 1st of its month.
    static QDate periodStart(QDate day, Granularity granularity);
    static QDate periodEnd(QDate day, Granularity granularity);
    static QString periodLabel(QDate start, Granularity granularity);
};

} // namespace core
