#include "forecast/accuracy.h"

#include <algorithm>
#include <cmath>

#include "forecast/time_series.h"

namespace core::forecast {

namespace {

// Mean of term(actual, forecast) over the steps whose actual value is observed; NaN if none is.
template <typename Term>
double meanOverObserved(const std::vector<double>& actual, const std::vector<double>& forecast, Term term)
{
    double sum = 0.0;
    qsizetype count = 0;
    for (size_t i = 0; i < std::min(actual.size(), forecast.size()); ++i) {
        if (TimeSeries::isMissing(actual[i]))
            continue;
        sum += term(actual[i], forecast[i]);
        ++count;
    }
    return count > 0 ? sum / static_cast<double>(count) : std::nan("");
}

} // namespace

double Accuracy::smape(const std::vector<double>& actual, const std::vector<double>& forecast)
{
    return meanOverObserved(actual, forecast, [](double y, double f) {
        const double denominator = std::abs(y) + std::abs(f);
        return denominator > 0.0 ? 200.0 * std::abs(y - f) / denominator : 0.0;
    });
}

double Accuracy::mae(const std::vector<double>& actual, const std::vector<double>& forecast)
{
    return meanOverObserved(actual, forecast, [](double y, double f) { return std::abs(y - f); });
}

double Accuracy::maseScale(const std::vector<double>& history, int period)
{
    const size_t m = static_cast<size_t>(std::max(1, period));
    double sum = 0.0;
    qsizetype count = 0;
    for (size_t t = m; t < history.size(); ++t) {
        const double d = history[t] - history[t - m];
        if (!std::isnan(d)) {
            sum += std::abs(d);
            ++count;
        }
    }
    return count > 0 ? sum / static_cast<double>(count) : std::nan("");
}

double Accuracy::mase(const std::vector<double>& actual, const std::vector<double>& forecast,
                      const std::vector<double>& history, int period)
{
    return mae(actual, forecast) / maseScale(history, period);
}

qsizetype Accuracy::covered(const std::vector<double>& actual, const ForecastInterval& interval)
{
    qsizetype inside = 0;
    for (size_t i = 0; i < std::min(actual.size(), interval.lower.size()); ++i) {
        if (!TimeSeries::isMissing(actual[i]) && actual[i] >= interval.lower[i] &&
            actual[i] <= interval.upper[i])
            ++inside;
    }
    return inside;
}

qsizetype Accuracy::observedCount(const std::vector<double>& actual)
{
    return std::count_if(actual.begin(), actual.end(), [](double v) { return !TimeSeries::isMissing(v); });
}

} // namespace core::forecast
