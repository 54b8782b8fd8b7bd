#include "chart_key_navigation.h"

#include <QKeyEvent>

#include "time_series_chart.h"

namespace ui {

bool ChartKeyNavigation::eventFilter(QObject*, QEvent* event)
{
    if (event->type() != QEvent::KeyPress)
        return false;
    switch (static_cast<QKeyEvent*>(event)->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        chart()->zoomBy(kZoomStep);
        return true;
    case Qt::Key_Minus:
    case Qt::Key_Underscore:
        chart()->zoomBy(1.0 / kZoomStep);
        return true;
    case Qt::Key_Left:
        chart()->panBy(-kPanStep);
        return true;
    case Qt::Key_Right:
        chart()->panBy(kPanStep);
        return true;
    case Qt::Key_Home:
    case Qt::Key_0:
        chart()->resetZoom();
        return true;
    default:
        return false;
    }
}

} // namespace ui
