#pragma once

#include "chart_item.h"
#include "charting/time_series.h"

class QAbstractAxis;
class QChart;
class QLineSeries;

namespace ui {

class ChartPolylineItem;

// A time series drawn as a line. The decimated points are drawn by a ChartPolylineItem in the
// chart's plot area (gaps break the line there); an empty QLineSeries attached to the axes gives
// the line its legend entry and its place in the chart's coordinates.
class ChartLine final : public ChartItem
{
public:
    ChartLine(QString name, core::charting::TimeSeries data, QColor color, QChart* chart,
              QAbstractAxis* xAxis, QAbstractAxis* yAxis, Qt::PenStyle style = Qt::SolidLine);
    ~ChartLine() override;

    std::optional<core::charting::XRange> extent() const override { return m_data.extent(); }
    Frame decimate(const core::charting::Viewport& viewport,
                   core::charting::DecimationMethod method) const override;
    void show(const Frame& frame) override;
    void plotChanged() override;
    bool isVisible() const override;
    void setVisible(bool visible) override;
    QAbstractSeries* legendSeries() const override;
    std::optional<Reading> readingNear(double x) const override;
    QList<QPointF> displayedPoints() const override;

private:
    core::charting::TimeSeries m_data;
    QChart* m_chart;
    QLineSeries* m_series;     // owned by m_chart
    ChartPolylineItem* m_line; // child item of m_chart
};

} // namespace ui
