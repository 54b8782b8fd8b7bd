#include "forecast/forecast_overlay.h"

#include <algorithm>
#include <cmath>

#include <QtConcurrent/QtConcurrentRun>

#include "charting/time_series.h"
#include "charts/time_series_chart.h"
#include "forecast/backtester.h"
#include "forecast/forecaster.h"

namespace ui {

namespace {

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

ForecastOverlay::Outcome ForecastOverlay::forecastAndBacktest(const core::forecast::TimeSeries& history,
                                                              int horizon)
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

ForecastOverlay::ForecastOverlay(TimeSeriesChart* chart, QObject* parent) : QObject(parent), m_chart(chart)
{
    // Hiding the line it continues (a click on its legend entry) hides the forecast too.
    connect(chart, &TimeSeriesChart::seriesVisibilityChanged, this,
            [this](const QString& name, bool visible) {
                if (m_drawn && name == m_label)
                    for (const QString& n : chartSeries())
                        m_chart->setSeriesVisible(n, visible);
            });
}

ForecastOverlay::~ForecastOverlay() = default;

double ForecastOverlay::xOf(const QDate& day)
{
    return static_cast<double>(day.startOfDay().toMSecsSinceEpoch());
}

QStringList ForecastOverlay::chartSeries() const
{
    return {tr("%1 forecast").arg(m_label), tr("%1 95 % range").arg(m_label),
            tr("%1 80 % range").arg(m_label)};
}

const core::forecast::Forecast* ForecastOverlay::forecast() const
{
    if (!m_drawn || !m_outcome || !m_outcome->forecast)
        return nullptr;
    return &m_outcome->forecast.value();
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
    m_drawn = false;
    if (!m_chart)
        return;
    for (const QString& name : chartSeries())
        m_chart->removeSeries(name);
}

bool ForecastOverlay::fitsLastOutcome() const
{
    if (!m_outcome || m_outcomeHorizon != m_horizon || m_outcomeHistory.firstDay() != m_history.firstDay())
        return false;
    const auto& a = m_outcomeHistory.values();
    const auto& b = m_history.values();
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](double x, double y) {
        return x == y || (std::isnan(x) && std::isnan(y)); // a missing day matches a missing day
    });
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
    if (fitsLastOutcome()) {
        setBusy(false);
        show(*m_outcome);
        return;
    }
    setBusy(true);
    setSummary(tr("Fitting a forecast…"));
    const int horizon = m_horizon;
    QtConcurrent::run([history = m_history, horizon] {
        return forecastAndBacktest(history, horizon);
    }).then(this, [this, sequence, history = m_history, horizon](const Outcome& outcome) {
        if (sequence != m_sequence)
            return;
        setBusy(false);
        m_outcome = outcome;
        m_outcomeHistory = history;
        m_outcomeHorizon = horizon;
        if (!outcome.forecast)
            emit failed(outcome.forecast.error());
        show(outcome);
    });
}

void ForecastOverlay::show(const Outcome& outcome)
{
    if (!outcome.forecast) {
        setSummary(tr("No forecast: %1").arg(outcome.forecast.error().userMessage));
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
                m_chart->addBand(chartSeries().at(level > 90 ? 1 : 2), lower.value(), upper.value(), c);
        }
        if (auto line = toChart(f.firstDay, f.points))
            m_chart->addSeries(chartSeries().first(), line.value(), m_colour.darker(130), Qt::DashLine);
        // Out of the legend: the dashed line and bands in the line's colour say what they are,
        // and the summary beside the chart names them.
        const bool lineHidden =
            m_chart->seriesNames().contains(m_label) && !m_chart->isSeriesVisible(m_label);
        for (const QString& n : chartSeries()) {
            m_chart->setListedInLegend(n, false);
            if (lineHidden)
                m_chart->setSeriesVisible(n, false);
        }
        m_drawn = true;
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
}

} // namespace ui
