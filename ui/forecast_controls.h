#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QSpinBox;

namespace ui {

class ForecastOverlay;
class TimeSeriesChart;

// The forecast toggle for a chart: "Forecast" on/off, the horizon in days, and a line with the
// model and its backtest accuracy. Fitting runs in the background (ForecastOverlay).
class ForecastControls final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ForecastControls)

public:
    explicit ForecastControls(TimeSeriesChart* chart, QWidget* parent = nullptr);

    ForecastOverlay* overlay() const { return m_overlay; }
    QCheckBox* toggle() const { return m_toggle; }
    QSpinBox* horizon() const { return m_horizon; }
    QLabel* summary() const { return m_summary; }

private:
    ForecastOverlay* m_overlay = nullptr;
    QCheckBox* m_toggle = nullptr;
    QSpinBox* m_horizon = nullptr;
    QLabel* m_summary = nullptr;
};

} // namespace ui
