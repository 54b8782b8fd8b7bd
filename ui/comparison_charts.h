#pragma once

#include <optional>

#include <QWidget>

#include "analytics/comparison.h"

class QComboBox;

namespace ui {

class ChartRangeLink;
class TimeSeriesChart;
class TimeSeriesChartPanel;

// The compared segments' metrics over time, one line per segment, in two charts side by side
// (impressions and click rate to begin with; each has its own metric picker). Zooming or panning
// one moves the other (ChartRangeLink).
class ComparisonCharts final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ComparisonCharts)

public:
    static constexpr int kCharts = 2;

    explicit ComparisonCharts(QWidget* parent = nullptr);

    void showComparison(const core::Comparison& comparison, core::Granularity granularity);
    void setGranularity(core::Granularity granularity);
    void clearCharts();

    TimeSeriesChart* chart(int index) const;
    QComboBox* metricPicker(int index) const { return m_metrics[index]; }

private:
    void draw(int index);

    std::optional<core::Comparison> m_comparison;
    core::Granularity m_granularity = core::Granularity::Day;
    TimeSeriesChartPanel* m_panels[kCharts] = {};
    QComboBox* m_metrics[kCharts] = {};
    ChartRangeLink* m_link;
};

} // namespace ui
