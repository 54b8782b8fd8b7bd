#pragma once

#include "chart_interaction.h"
#include "charting/x_range.h"

namespace ui {

// Left-drag inside the plot (without Shift) moves the view with the cursor.
class ChartDragPan final : public ChartInteraction
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChartDragPan)

public:
    explicit ChartDragPan(TimeSeriesChart* chart) : ChartInteraction(chart, Target::Viewport) {}
    bool isDragging() const { return m_dragging; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    bool m_dragging = false;
    qreal m_startX = 0.0;
    core::charting::XRange m_startRange;
};

} // namespace ui
