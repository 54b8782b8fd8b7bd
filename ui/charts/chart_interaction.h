#pragma once

#include <QObject>
#include <QPointF>

namespace ui {

class TimeSeriesChart;

// Base of the small event filters that turn mouse and key input into range changes on a
// TimeSeriesChart. Each one filters the chart's viewport (mouse) or the chart itself (keys) and is
// a child of the chart.
class ChartInteraction : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChartInteraction)

public:
    enum class Target
    {
        Viewport,
        View
    };

protected:
    ChartInteraction(TimeSeriesChart* chart, Target target);

    TimeSeriesChart* chart() const { return m_chart; }
    bool inPlotArea(QPointF viewportPos) const;

private:
    TimeSeriesChart* m_chart;
};

} // namespace ui
