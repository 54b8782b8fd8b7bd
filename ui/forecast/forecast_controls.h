#pragma once

#include <functional>

#include <QColor>
#include <QFuture>
#include <QList>
#include <QWidget>

#include "analytics/metric.h"
#include "analytics/metric_rollup.h"
#include "common/result.h"
#include "forecast/time_series.h"

class QCheckBox;
class QLabel;
class QSpinBox;

namespace ui {

class ForecastOverlay;
class TimeSeriesChart;

// A line of a chart that can be forecast: a segment's daily metric, drawn in its colour.
struct ForecastSubject
{
    QString name; // the chart line it continues
    QColor colour;
};

// Reads the daily history of subject `index` (off the GUI thread when it is not at hand).
using ForecastHistoryLoader = std::function<QFuture<core::Result<core::forecast::TimeSeries>>(int index)>;

// The forecast toggle for a chart: "Forecast" on/off, the horizon in days, and a line per
// forecast with the model and its backtest accuracy. Each subject (a line on the chart) gets
// its own ForecastOverlay; histories are read only once the forecast is switched on, and fits
// run in the background. When the chart cannot take a forecast (a rate, weekly totals), the
// toggle is disabled and says why.
class ForecastControls final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ForecastControls)

public:
    explicit ForecastControls(TimeSeriesChart* chart, QWidget* parent = nullptr);

    // Why a chart of this metric by this period cannot take a forecast; empty when it can.
    static QString whyNotForecastable(core::Metric metric, core::Granularity granularity);

    // What the chart shows now (call again after the chart was redrawn: fits are reused when
    // the history has not changed).
    void setSubjects(const QList<ForecastSubject>& subjects, ForecastHistoryLoader loader);
    // The chart cannot be forecast now, and why; the toggle keeps its state for later.
    void setUnavailable(const QString& reason);
    bool isAvailable() const;

    // The first subject's overlay (the only one for a single line).
    ForecastOverlay* overlay() const { return m_overlays.first(); }
    QList<ForecastOverlay*> overlays() const { return m_overlays; }
    // Reading histories or fitting.
    bool isBusy() const;

    QCheckBox* toggle() const { return m_toggle; }
    QSpinBox* horizon() const { return m_horizon; }
    QLabel* summary() const { return m_summary; }

signals:
    // A history could not be read; also shown in the summary.
    void failed(const core::Error& error);

private:
    void apply();
    void load(int index);
    void resizeOverlays(qsizetype count);
    void updateSummary();

    TimeSeriesChart* m_chart;
    QList<ForecastOverlay*> m_overlays;
    QList<ForecastSubject> m_subjects;
    QStringList m_loadErrors; // per subject: why its history could not be read
    ForecastHistoryLoader m_loader;
    bool m_managed = false; // setSubjects was called (else histories are set on overlay() directly)
    quint64 m_sequence = 0;
    int m_loading = 0;
    QString m_unavailable;
    QCheckBox* m_toggle = nullptr;
    QSpinBox* m_horizon = nullptr;
    QLabel* m_summary = nullptr;
};

} // namespace ui
