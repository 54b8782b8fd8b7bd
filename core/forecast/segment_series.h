#pragma once

#include <optional>

#include <QFuture>
#include <QList>
#include <QString>

#include "analytics/metric.h"
#include "common/result.h"
#include "domain/daily_metrics.h"
#include "forecast/time_series.h"

namespace core {
class MetricsStore;
}

namespace core::forecast {

// A segment's daily metric as a series to forecast.
enum class SegmentMetric
{
    Impressions,
    Clicks,
    Conversions,
};

class SegmentSeries
{
public:
    // "impressions", "clicks", "conversions"; Validation error otherwise.
    static Result<SegmentMetric> parseMetric(const QString& name);
    static QString metricName(SegmentMetric metric);
    // The forecastable series of a chart metric: counts are, rates and averages are not.
    static std::optional<SegmentMetric> of(Metric metric);

    // One value a day from the first day in days to `through` (default: the last day in days);
    // a day without an entry is 0 (the metrics store keeps no row for a day without events).
    // Days after `through` are left out. Empty days: empty series.
    static TimeSeries fromDailyMetrics(const QList<DailyMetrics>& days, SegmentMetric metric,
                                       QDate through = {});

    // Reads the segment's history up to `through` from the store. `through` should be the last
    // day the metrics cover (a small segment's last day with events can be days earlier: the
    // days between are zeros, and the forecast must start after them). NotFound for an unknown
    // segment (from the store); Validation "no_data" when the segment has no metrics yet.
    static QFuture<Result<TimeSeries>> read(MetricsStore& store, const QString& segmentId,
                                            SegmentMetric metric, QDate through = {});
};

} // namespace core::forecast
