#pragma once

#include <map>
#include <optional>

#include <QWidget>

#include "analytics/comparison.h"
#include "analytics/analytics_source.h"
#include "forecast/segment_series.h"

class QComboBox;

namespace ui {

class ChartRangeLink;
class ForecastControls;
class TimeSeriesChart;
class TimeSeriesChartPanel;

// The compared segments' metrics over time, one line per segment, in two charts side by side
// (impressions and click rate to begin with; each has its own metric picker). Zooming or panning
// one moves the other (ChartRangeLink). Each chart can show a forecast per segment, fitted to
// the segment's whole daily history up to the comparison's last day of data (read from the
// workspace when the forecast is switched on).
class ComparisonCharts final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ComparisonCharts)

public:
    static constexpr int kCharts = 2;

    explicit ComparisonCharts(QWidget* parent = nullptr);

    // Where forecasts read the segments' histories.
    void setAnalyticsSource(AnalyticsSource source) { m_source = std::move(source); }

    void showComparison(const core::Comparison& comparison, core::Granularity granularity);
    void setGranularity(core::Granularity granularity);
    void clearCharts();

    TimeSeriesChart* chart(int index) const;
    QComboBox* metricPicker(int index) const { return m_metrics[index]; }
    ForecastControls* forecast(int index) const { return m_forecasts[index]; }
    // A forecast is being read or fitted.
    bool isBusy() const;

signals:
    // A segment's history could not be read for its forecast (also said under the chart).
    void failed(const core::Error& error, const QString& context);

private:
    void draw(int index);
    void showForecast(int index, core::Metric metric, const QStringList& names);
    QFuture<core::Result<core::forecast::TimeSeries>> history(int segment,
                                                              core::forecast::SegmentMetric metric);

    std::optional<core::Comparison> m_comparison;
    core::Granularity m_granularity = core::Granularity::Day;
    TimeSeriesChartPanel* m_panels[kCharts] = {};
    QComboBox* m_metrics[kCharts] = {};
    ForecastControls* m_forecasts[kCharts] = {};
    AnalyticsSource m_source;
    // Histories read for forecasts of this comparison, by segment and metric.
    std::map<std::pair<QString, core::forecast::SegmentMetric>, core::forecast::TimeSeries> m_histories;
    ChartRangeLink* m_link;
};

} // namespace ui
