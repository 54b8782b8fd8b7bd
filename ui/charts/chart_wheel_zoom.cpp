#include "chart_wheel_zoom.h"

#include <cmath>

#include <QWheelEvent>

#include "time_series_chart.h"

namespace ui {

bool ChartWheelZoom::eventFilter(QObject*, QEvent* event)
{
    if (event->type() != QEvent::Wheel)
        return false;
    const auto* wheel = static_cast<QWheelEvent*>(event);
    const QPoint delta = wheel->angleDelta();
    if (delta.y() != 0) {
        const QPointF pos = wheel->position();
        const double anchor = inPlotArea(pos) ? chart()->xAtViewportX(pos.x()) : chart()->xRange().centre();
        chart()->zoomAround(anchor, std::pow(kStep, delta.y() / 120.0));
    }
    if (delta.x() != 0)
        chart()->panBy(-delta.x() / 120.0 * 0.1);
    return true;
}

} // namespace ui
