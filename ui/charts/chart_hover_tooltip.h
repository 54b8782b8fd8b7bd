#pragma once

#include <QString>

#include "chart_interaction.h"

namespace ui {

// Moving the mouse over the plot (no button held) shows a tooltip with the date and the exact
// values of the visible series' points nearest to the cursor's x; leaving the plot hides it.
class ChartHoverTooltip final : public ChartInteraction
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChartHoverTooltip)

public:
    explicit ChartHoverTooltip(TimeSeriesChart* chart) : ChartInteraction(chart, Target::Viewport) {}
    // What the tooltip shows now; empty when hidden.
    const QString& text() const { return m_text; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void hide();

    QString m_text;
};

} // namespace ui
