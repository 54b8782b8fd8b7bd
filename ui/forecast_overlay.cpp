#include "forecast_overlay.h"

#include <cmath>

#include <QtConcurrent/QtConcurrentRun>

#include "charting/time_series.h"
#include "charts/time_series_chart.h"
#include "forecast/backtester.h"
#include "forecast/forecaster.h"

namespace ui {

namespace {

struct Outcome
{
    core::Result<core::forecast::Forecast> forecast = core::Error::internal(QStringLiteral("not run"));
    std::optional<core::forecast::Backtest> backtest;
};

Outcome forecastAndBacktest(const core::forecast::TimeSeries& history, int horizon)
{
    core::forecast::ForecastOptions options;
    options.horizon = horizon;
    Outcome out;
    out.forecast = core::forecast::Forecaster::fit(history, options);
    if (!out.forecast)
        return out;
    core::forecast::BacktestOptions backtest;
    backtest.forecast = options;
    backtest.forecast.horizon = std::min(horizon, 14);
    if (auto b = core::forecast::Backtester::run(history, backtest))
        out.backtest = b.value();
    return out;
}

QString percent(double share)
{
    return QStringLiteral("%1 %").arg(std::round(share * 100.0));
}

core::Result<core::charting::TimeSeries> toChart(QDate first, const std::vector<double>& values)
{
    std::vector<double> x;
    x.reserve(values.size());
    for (size_t i = 0; i < values.size(); ++i)
        x.push_back(ForecastOverlay::xOf(first.addDays(qint64(i))));
    return core::charting::TimeSeries::create(std::move(x), values);
}

} // namespace

ForecastOverlay::ForecastOverlay(TimeSeriesChart* chart, QObject* parent) : QObject(parent), m_chart(chart) {}

ForecastOverlay::~ForecastOverlay() = default;

double ForecastOverlay::xOf(const QDate& day)
{
    return static_cast<double>(day.startOfDay().toMSecsSinceEpoch());
}

QStringList ForecastOverlay::chartSeries() const
{
    return {tr("%1 forecast").arg(m_label), tr("95 % range"), tr("80 % range")};
}

void ForecastOverlay::setHistory(const QString& metricLabel, const core::forecast::TimeSeries& history,
                                 const QColor& colour)
{
    removeFromChart();
    m_label = metricLabel;
    m_history = history;
    m_colour = colour;
    refresh();
}

void ForecastOverlay::setHorizon(int days)
{
    if (days == m_horizon)
        return;
    m_horizon = days;
    refresh();
}

void ForecastOverlay::setShown(bool shown)
{
    if (shown == m_shown)
        return;
    m_shown = shown;
    refresh();
}

void ForecastOverlay::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    emit busyChanged(busy);
}

void ForecastOverlay::setSummary(const QString& summary)
{
    m_summary = summary;
    emit summaryChanged(summary);
}

void ForecastOverlay::removeFromChart()
{
    if (!m_chart)
        return;
    for (const QString& name : chartSeries())
        m_chart->removeSeries(name);
}

void ForecastOverlay::refresh()
{
    const quint64 sequence = ++m_sequence; // an older fit still running is ignored when it ends
    removeFromChart();
    if (!m_shown) {
        setBusy(false);
        setSummary({});
        return;
    }
    if (!m_history.isDaily() || m_history.observedCount() == 0) {
        setBusy(false);
        setSummary(tr("No daily data to forecast from yet."));
        return;
    }
    setBusy(true);
    setSummary(tr("Fitting a forecast…"));
    const int horizon = m_horizon;
    QtConcurrent::run([history = m_history, horizon] {
        return forecastAndBacktest(history, horizon);
    }).then(this, [this, sequence](const Outcome& outcome) {
        if (sequence != m_sequence)
            return;
        setBusy(false);
        if (!outcome.forecast) {
            setSummary(tr("No forecast: %1").arg(outcome.forecast.error().userMessage));
            emit failed(outcome.forecast.error());
            return;
        }
        const core::forecast::Forecast& f = outcome.forecast.value();
        if (m_chart) {
            const QColor band = m_colour.lighter(150);
            for (double level : {95.0, 80.0}) {
                const auto* range = f.interval(level);
                if (!range)
                    continue;
                auto lower = toChart(f.firstDay, range->lower);
                auto upper = toChart(f.firstDay, range->upper);
                QColor c = band;
                c.setAlphaF(level > 90 ? 0.25 : 0.45);
                if (lower && upper)
                    m_chart->addBand(level > 90 ? tr("95 % range") : tr("80 % range"), lower.value(),
                                     upper.value(), c);
            }
            if (auto line = toChart(f.firstDay, f.points))
                m_chart->addSeries(tr("%1 forecast").arg(m_label), line.value(), m_colour.darker(130));
        }
        QString text = tr("%1, %2 days ahead").arg(f.model).arg(f.horizon());
        if (outcome.backtest) {
            const auto& b = *outcome.backtest;
            const double ratio = b.maseRatio();
            const QString versus = ratio < 1.0
                                       ? tr("%1 smaller errors than seasonal naive").arg(percent(1.0 - ratio))
                                       : tr("no better than seasonal naive");
            const double held = b.model.coverageAt(95.0);
            text += tr(" · backtest over %1 origins: %2").arg(b.origins).arg(versus);
            if (!std::isnan(held))
                text += tr(", 95 % range held %1 of the time").arg(percent(held));
        } else {
            text += tr(" · too little history for a backtest");
        }
        if (!f.notes.isEmpty())
            text += QStringLiteral(" (") + f.notes.join(QStringLiteral("; ")) + QLatin1Char(')');
        setSummary(text);
    });
}

} // namespace ui
