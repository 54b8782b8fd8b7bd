#include "forecast/baseline_forecasts.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "forecast/prediction_intervals.h"
#include "forecast/series_gaps.h"
#include "forecast/time_series.h"

namespace core::forecast {

double BaselineForecasts::seasonalDifferenceRms(const std::vector<double>& values, int period)
{
    double sum = 0.0;
    qsizetype count = 0;
    for (size_t t = static_cast<size_t>(period); t < values.size(); ++t) {
        const double d = values[t] - values[t - static_cast<size_t>(period)];
        if (!std::isnan(d)) {
            sum += d * d;
            ++count;
        }
    }
    return count > 0 ? std::sqrt(sum / static_cast<double>(count)) : std::nan("");
}

Forecast BaselineForecasts::seasonalNaive(const std::vector<double>& values, int period, int horizon,
                                          const QList<double>& levels)
{
    const int m = std::max(1, period);
    const qsizetype n = static_cast<qsizetype>(values.size());
    const qsizetype end = SeriesGaps::endOfObserved(values);
    const double lastObserved = end > 0 ? values[end - 1] : 0.0;
    Forecast f;
    f.model = m > 1 ? QStringLiteral("Seasonal naive") : QStringLiteral("Naive");
    f.seasonPeriod = m;
    f.points.resize(static_cast<size_t>(horizon));
    std::vector<double> variances(static_cast<size_t>(horizon));
    double sigma = seasonalDifferenceRms(values, m);
    if (std::isnan(sigma))
        sigma = 0.0;
    for (int h = 0; h < horizon; ++h) {
        const qsizetype position = n + h;
        double value = lastObserved;
        for (qsizetype p = position - m * ((h / m) + 1); p >= 0; p -= m) {
            if (!TimeSeries::isMissing(values[p])) {
                value = values[p];
                break;
            }
        }
        f.points[h] = value;
        variances[h] = sigma * sigma * static_cast<double>(h / m + 1);
    }
    f.intervals = PredictionIntervals::fromVariances(f.points, variances, levels);
    return f;
}

Forecast BaselineForecasts::constant(double value, int horizon, const QList<double>& levels)
{
    Forecast f;
    f.model = QStringLiteral("Constant");
    f.points.assign(static_cast<size_t>(horizon), value);
    f.intervals = PredictionIntervals::fromVariances(
        f.points, std::vector<double>(static_cast<size_t>(horizon), 0.0), levels);
    return f;
}

Forecast BaselineForecasts::intermittent(const std::vector<double>& values, int window, int horizon,
                                         const QList<double>& levels)
{
    std::vector<double> recent = SeriesGaps::observed(values);
    if (static_cast<qsizetype>(recent.size()) > window)
        recent.erase(recent.begin(), recent.end() - window);
    Forecast f;
    f.model = QStringLiteral("Intermittent");
    f.analyticIntervals = false;
    const double mean = recent.empty() ? 0.0
                                       : std::accumulate(recent.begin(), recent.end(), 0.0) /
                                             static_cast<double>(recent.size());
    f.points.assign(static_cast<size_t>(horizon), mean);
    for (double level : levels) {
        const double tail = (1.0 - level / 100.0) / 2.0;
        const double low = PredictionIntervals::quantile(recent, tail);
        const double high = PredictionIntervals::quantile(recent, 1.0 - tail);
        f.intervals.push_back(ForecastInterval{level, std::vector<double>(static_cast<size_t>(horizon), low),
                                               std::vector<double>(static_cast<size_t>(horizon), high)});
    }
    return f;
}

} // namespace core::forecast
