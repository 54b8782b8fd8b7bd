#include "chart_drag_pan.h"

#include <QMouseEvent>

#include "time_series_chart.h"

namespace ui {

bool ChartDragPan::eventFilter(QObject*, QEvent* event)
{
    switch (event->type()) {
    case QEvent::MouseButtonPress: {
        const auto* mouse = static_cast<QMouseEvent*>(event);
        if (mouse->button() != Qt::LeftButton || (mouse->modifiers() & Qt::ShiftModifier) ||
            !inPlotArea(mouse->position()))
            return false;
        m_dragging = true;
        m_startX = mouse->position().x();
        m_startRange = chart()->xRange();
        chart()->viewport()->setCursor(Qt::ClosedHandCursor);
        return true;
    }
    case QEvent::MouseMove: {
        if (!m_dragging)
            return false;
        const auto* mouse = static_cast<QMouseEvent*>(event);
        const qreal plotWidth = chart()->plotAreaInViewport().width();
        if (plotWidth > 0.0) {
            const double dx = mouse->position().x() - m_startX;
            chart()->setXRange(m_startRange.shiftedBy(-dx / plotWidth * m_startRange.width()));
        }
        return true;
    }
    case QEvent::MouseButtonRelease: {
        const auto* mouse = static_cast<QMouseEvent*>(event);
        if (!m_dragging || mouse->button() != Qt::LeftButton)
            return false;
        m_dragging = false;
        chart()->viewport()->unsetCursor();
        return true;
    }
    default:
        return false;
    }
}

} // namespace ui
