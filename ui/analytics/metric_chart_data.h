#pragma once

#include <QColor>
#include <QList>

#include "analytics/metric_rollup.h"
#include "charting/time_series.h"
#include "common/result.h"

namespace ui {

class TimeSeriesChart;

// One metric of rolled-up periods as chart data: x is each period's first day at local midnight
// (milliseconds since the epoch), y the metric's value; CTR and CVR in percent, and a gap where a
// period has no denominator (no impressions, no clicks) rather than a false 0 %.
class MetricChartData
{
public:
    static core::charting::TimeSeries line(const QList<core::MetricPeriod>& periods, core::Metric metric);

    // Adds the metric's line to the chart under `name`, with the 95 % interval of each period's
    // rate as a band behind it for CTR and CVR when `withInterval` ("<name> 95 % interval").
    static core::Status add(TimeSeriesChart& chart, const QString& name,
                            const QList<core::MetricPeriod>& periods, core::Metric metric,
                            const QColor& color, bool withInterval);
    static QString intervalName(const QString& name);
};

// The colour of the i-th segment of a view (charts, table headers): six that stay apart.
QColor segmentColour(int index);

} // namespace ui
