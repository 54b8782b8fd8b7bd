#pragma once

#include "chart_interaction.h"

class QRubberBand;

namespace ui {

// Shift+left-drag or right-drag inside the plot marks a range of x (a band the plot's height);
// on release the view zooms to it. Bands narrower than kMinimumPixels are ignored (a click).
class ChartRubberBandZoom final : public ChartInteraction
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChartRubberBandZoom)

public:
    static constexpr int kMinimumPixels = 4;

    explicit ChartRubberBandZoom(TimeSeriesChart* chart) : ChartInteraction(chart, Target::Viewport) {}
    bool isSelecting() const { return m_selecting; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void stretchTo(qreal x);

    QRubberBand* m_band = nullptr;
    bool m_selecting = false;
    Qt::MouseButton m_button = Qt::NoButton;
    qreal m_startX = 0.0;
    qreal m_endX = 0.0;
};

} // namespace ui
