#pragma once

#include <vector>

#include "chart_item.h"
#include "charting/time_series.h"

class QAbstractAxis;
class QChart;
class QLineSeries;

namespace ui {

// A time series drawn as a line. Qt Charts cannot break a line, so each gap-free run of the
// decimated points goes to its own QLineSeries ("part"); the first part carries the legend
// entry. Parts are kept and reused from frame to frame; at most kMaxRuns runs are drawn (the
// narrowest gaps beyond that are bridged).
class ChartLine final : public ChartItem
{
public:
    static constexpr qsizetype kMaxRuns = 32;

    ChartLine(QString name, core::charting::TimeSeries data, QColor color, QChart* chart,
              QAbstractAxis* xAxis, QAbstractAxis* yAxis);
    ~ChartLine() override;

    const core::charting::TimeSeries& data() const { return m_data; }

    std::optional<core::charting::XRange> extent() const override { return m_data.extent(); }
    Frame decimate(const core::charting::Viewport& viewport,
                   core::charting::DecimationMethod method) const override;
    void show(const Frame& frame) override;
    bool isVisible() const override { return m_visible; }
    void setVisible(bool visible) override;
    QAbstractSeries* legendSeries() const override;
    QList<QAbstractSeries*> series() const override;
    std::optional<Reading> readingNear(double x) const override;
    QList<QPointF> displayedPoints() const override;

private:
    QLineSeries* addPart();

    core::charting::TimeSeries m_data;
    QChart* m_chart;
    QAbstractAxis* m_xAxis;
    QAbstractAxis* m_yAxis;
    std::vector<QLineSeries*> m_parts; // owned by m_chart
    qsizetype m_usedParts = 0;
    bool m_visible = true;
};

} // namespace ui
