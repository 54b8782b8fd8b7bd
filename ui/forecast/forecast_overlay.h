#pragma once

#include <optional>

#include <QColor>
#include <QObject>
#include <QPointer>

#include "common/error.h"
#include "forecast/backtester.h"
#include "forecast/forecast.h"
#include "forecast/time_series.h"

namespace ui {

class TimeSeriesChart;

// Puts a forecast on a chart: the point forecast as a dashed continuation of the series and its
// 80 % and 95 % prediction intervals as bands, with the model that made it and its own track
// record (a rolling-origin backtest against seasonal naive). Fitting and backtesting run off
// the GUI thread; a newer request replaces an older one.
class ForecastOverlay final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ForecastOverlay)

public:
    explicit ForecastOverlay(TimeSeriesChart* chart, QObject* parent = nullptr);
    ~ForecastOverlay() override;

    // The history to forecast from (daily) and the name of the line it continues ("Weekend
    // Hikers"): the forecast's line and bands are named after it. The same history and horizon
    // again (the chart was redrawn) re-draws the last forecast without fitting it again.
    void setHistory(const QString& metricLabel, const core::forecast::TimeSeries& history,
                    const QColor& colour);
    void setHorizon(int days);
    int horizon() const { return m_horizon; }
    // Shown or not: off removes what it added to the chart.
    void setShown(bool shown);
    bool isShown() const { return m_shown; }
    bool isBusy() const { return m_busy; }

    // "ETS(A,N,A), 14 days ahead · backtest: 18 % smaller errors than seasonal naive, 95 % range
    // held 93 % of the time" — or why there is no forecast.
    QString summary() const { return m_summary; }
    // Names of what it added to the chart (forecast line and bands).
    QStringList chartSeries() const;
    // The forecast drawn (none while fitting, when off or when it failed).
    const core::forecast::Forecast* forecast() const;

    static double xOf(const QDate& day);

signals:
    void summaryChanged(const QString& summary);
    void busyChanged(bool busy);
    void failed(const core::Error& error);

private:
    struct Outcome
    {
        core::Result<core::forecast::Forecast> forecast = core::Error::internal(QStringLiteral("not run"));
        std::optional<core::forecast::Backtest> backtest;
    };
    static Outcome forecastAndBacktest(const core::forecast::TimeSeries& history, int horizon);

    void refresh();
    bool fitsLastOutcome() const;
    void show(const Outcome& outcome);
    void removeFromChart();
    void setBusy(bool busy);
    void setSummary(const QString& summary);

    QPointer<TimeSeriesChart> m_chart;
    QString m_label;
    core::forecast::TimeSeries m_history;
    QColor m_colour;
    int m_horizon = 14;
    bool m_shown = false;
    bool m_busy = false;
    quint64 m_sequence = 0;
    QString m_summary;
    // The last fit, for the history and horizon it was made from.
    std::optional<Outcome> m_outcome;
    core::forecast::TimeSeries m_outcomeHistory;
    int m_outcomeHorizon = 0;
    bool m_drawn = false;
};

} // namespace ui
