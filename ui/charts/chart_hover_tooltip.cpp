#include "chart_hover_tooltip.h"

#include <QMouseEvent>
#include <QToolTip>

#include "time_series_chart.h"

namespace ui {

void ChartHoverTooltip::hide()
{
    if (m_text.isEmpty())
        return;
    m_text.clear();
    QToolTip::hideText();
}

bool ChartHoverTooltip::eventFilter(QObject*, QEvent* event)
{
    switch (event->type()) {
    case QEvent::MouseMove: {
        const auto* mouse = static_cast<QMouseEvent*>(event);
        if (mouse->buttons() != Qt::NoButton || !inPlotArea(mouse->position())) {
            hide();
            return false;
        }
        const QString text = chart()->hoverTextAt(chart()->xAtViewportX(mouse->position().x()));
        if (text.isEmpty()) {
            hide();
        } else if (text != m_text) {
            m_text = text;
            QToolTip::showText(mouse->globalPosition().toPoint(), text, chart()->viewport());
        }
        return false;
    }
    case QEvent::Leave:
    case QEvent::MouseButtonPress:
        hide();
        return false;
    default:
        return false;
    }
}

} // namespace ui
