#include "chart_interaction.h"

#include "time_series_chart.h"

namespace ui {

ChartInteraction::ChartInteraction(TimeSeriesChart* chart, Target target) : QObject(chart), m_chart(chart)
{
    if (target == Target::Viewport)
        chart->viewport()->installEventFilter(this);
    else
        chart->installEventFilter(this);
}

bool ChartInteraction::inPlotArea(QPointF viewportPos) const
{
    return m_chart->plotAreaInViewport().contains(viewportPos);
}

} // namespace ui
