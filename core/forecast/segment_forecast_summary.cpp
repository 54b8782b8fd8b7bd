#include "forecast/segment_forecast_summary.h"

#include <cmath>
#include <numeric>

namespace core::forecast {

namespace {

double sum(const std::vector<double>& values)
{
    return std::accumulate(values.begin(), values.end(), 0.0);
}

} // namespace

double SegmentForecastSummary::change() const
{
    if (!std::isfinite(total) || !std::isfinite(previousTotal) || previousTotal == 0.0)
        return kNone;
    return (total - previousTotal) / previousTotal;
}

SegmentForecastSummary SegmentForecastSummary::of(const BatchOutcome& outcome, const TimeSeries& history)
{
    SegmentForecastSummary s;
    s.segmentId = outcome.id;
    if (!outcome.forecast) {
        s.note = outcome.forecast.error().userMessage;
        return s;
    }
    const Forecast& f = outcome.forecast.value();
    s.forecast = true;
    s.model = f.model;
    s.horizon = f.horizon();
    s.firstDay = f.firstDay;
    s.lastDay = f.firstDay.isValid() ? f.firstDay.addDays(s.horizon - 1) : QDate();
    s.total = sum(f.points);
    if (const ForecastInterval* i80 = f.interval(80.0)) {
        s.lower80 = sum(i80->lower);
        s.upper80 = sum(i80->upper);
    }
    if (const ForecastInterval* i95 = f.interval(95.0)) {
        s.lower95 = sum(i95->lower);
        s.upper95 = sum(i95->upper);
    }
    if (history.size() >= s.horizon && s.horizon > 0) {
        double previous = 0.0;
        for (qsizetype i = history.size() - s.horizon; i < history.size(); ++i)
            previous += TimeSeries::isMissing(history.at(i)) ? 0.0 : history.at(i);
        s.previousTotal = previous;
    }
    if (outcome.backtest) {
        if (*outcome.backtest) {
            const Backtest& b = outcome.backtest->value();
            s.backtested = true;
            s.maseRatio = b.maseRatio();
            s.coverage95 = b.model.coverageAt(95.0);
        } else {
            s.note = QStringLiteral("No backtest: %1").arg(outcome.backtest->error().userMessage);
        }
    }
    return s;
}

SegmentForecastSummary SegmentForecastSummary::notForecast(QString reason)
{
    SegmentForecastSummary s;
    s.note = std::move(reason);
    return s;
}

} // namespace core::forecast
