#pragma once

#include "chart_interaction.h"

namespace ui {

// Keys on a focused chart: + (or =) zooms in, - zooms out (around the centre, by kZoomStep),
// Left/Right pan by kPanStep of the view, Home or 0 resets.
class ChartKeyNavigation final : public ChartInteraction
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChartKeyNavigation)

public:
    static constexpr double kZoomStep = 0.8;
    static constexpr double kPanStep = 0.1;

    explicit ChartKeyNavigation(TimeSeriesChart* chart) : ChartInteraction(chart, Target::View) {}

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
};

} // namespace ui
