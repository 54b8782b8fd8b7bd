#include "chart_rubber_band_zoom.h"

#include <QMouseEvent>
#include <QRubberBand>

#include "time_series_chart.h"

namespace ui {

void ChartRubberBandZoom::stretchTo(qreal x)
{
    const QRectF plot = chart()->plotAreaInViewport();
    m_endX = qBound(plot.left(), x, plot.right());
    const QRectF band(QPointF(qMin(m_startX, m_endX), plot.top()),
                      QPointF(qMax(m_startX, m_endX), plot.bottom()));
    m_band->setGeometry(band.toRect());
}

bool ChartRubberBandZoom::eventFilter(QObject*, QEvent* event)
{
    switch (event->type()) {
    case QEvent::MouseButtonPress: {
        const auto* mouse = static_cast<QMouseEvent*>(event);
        const bool shiftLeft = mouse->button() == Qt::LeftButton && (mouse->modifiers() & Qt::ShiftModifier);
        if ((!shiftLeft && mouse->button() != Qt::RightButton) || !inPlotArea(mouse->position()))
            return false;
        if (!m_band)
            m_band = new QRubberBand(QRubberBand::Rectangle, chart()->viewport());
        m_selecting = true;
        m_button = mouse->button();
        m_startX = mouse->position().x();
        stretchTo(m_startX);
        m_band->show();
        return true;
    }
    case QEvent::MouseMove:
        if (!m_selecting)
            return false;
        stretchTo(static_cast<QMouseEvent*>(event)->position().x());
        return true;
    case QEvent::MouseButtonRelease: {
        const auto* mouse = static_cast<QMouseEvent*>(event);
        if (!m_selecting || mouse->button() != m_button)
            return false;
        stretchTo(mouse->position().x());
        m_selecting = false;
        m_band->hide();
        if (qAbs(m_endX - m_startX) >= kMinimumPixels) {
            const double a = chart()->xAtViewportX(m_startX);
            const double b = chart()->xAtViewportX(m_endX);
            chart()->setXRange({qMin(a, b), qMax(a, b)});
        }
        return true;
    }
    default:
        return false;
    }
}

} // namespace ui
