#pragma once

#include "chart_interaction.h"

namespace ui {

// Mouse wheel: each notch up zooms in by kStep around the x under the cursor (the centre when the
// cursor is outside the plot), down zooms out; a horizontal wheel pans a tenth of the view.
class ChartWheelZoom final : public ChartInteraction
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChartWheelZoom)

public:
    static constexpr double kStep = 0.8;

    explicit ChartWheelZoom(TimeSeriesChart* chart) : ChartInteraction(chart, Target::Viewport) {}

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
};

} // namespace ui
