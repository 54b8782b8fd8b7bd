#pragma once

#include "chart_item.h"
#include "charting/time_series.h"

class QAbstractAxis;
class QAreaSeries;
class QChart;
class QLineSeries;

namespace ui {

// An interval band (a forecast interval, say): the area between a lower and an upper series,
// translucent in the item's colour. Each bound is decimated like a line; the area cannot break,
// so gaps in either bound are bridged.
class ChartBand final : public ChartItem
{
public:
    ChartBand(QString name, core::charting::TimeSeries lower, core::charting::TimeSeries upper, QColor color,
              QChart* chart, QAbstractAxis* xAxis, QAbstractAxis* yAxis);
    ~ChartBand() override;

    std::optional<core::charting::XRange> extent() const override;
    Frame decimate(const core::charting::Viewport& viewport,
                   core::charting::DecimationMethod method) const override;
    void show(const Frame& frame) override;
    bool isVisible() const override;
    void setVisible(bool visible) override;
    QAbstractSeries* legendSeries() const override;
    std::optional<Reading> readingNear(double x) const override;
    QList<QPointF> displayedPoints() const override;

private:
    core::charting::TimeSeries m_lower;
    core::charting::TimeSeries m_upper;
    QChart* m_chart;
    QAreaSeries* m_area;      // owned by m_chart
    QLineSeries* m_lowerLine; // children of m_area
    QLineSeries* m_upperLine;
};

} // namespace ui
