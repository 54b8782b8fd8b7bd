#include "forecast/prediction_intervals.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace core::forecast {

double PredictionIntervals::normalQuantile(double p)
{
    static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                                   1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
    static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                   6.680131188771972e+01, -1.328068155288572e+01};
    static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                   -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
    static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                   3.754408661907416e+00};
    if (!(p > 0.0 && p < 1.0))
        return p <= 0.0 ? -INFINITY : INFINITY;
    constexpr double low = 0.02425;
    double x = 0.0;
    if (p < low || p > 1.0 - low) {
        const double q = std::sqrt(-2.0 * std::log(p < low ? p : 1.0 - p));
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
        if (p > 1.0 - low)
            x = -x;
    } else {
        const double q = p - 0.5;
        const double r = q * q;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
    }
    const double e = 0.5 * std::erfc(-x / std::numbers::sqrt2) - p;
    const double u = e * std::sqrt(2.0 * std::numbers::pi) * std::exp(x * x / 2.0);
    return x - u / (1.0 + x * u / 2.0);
}

std::vector<ForecastInterval> PredictionIntervals::fromVariances(const std::vector<double>& points,
                                                                 const std::vector<double>& variances,
                                                                 const QList<double>& levels)
{
    std::vector<ForecastInterval> out;
    for (double level : levels) {
        const double z = normalQuantile(0.5 + level / 200.0);
        ForecastInterval band{level, std::vector<double>(points.size()), std::vector<double>(points.size())};
        for (size_t h = 0; h < points.size(); ++h) {
            const double half = z * std::sqrt(std::max(0.0, variances[h]));
            band.lower[h] = points[h] - half;
            band.upper[h] = points[h] + half;
        }
        out.push_back(std::move(band));
    }
    return out;
}

double PredictionIntervals::quantile(std::vector<double>& values, double q)
{
    if (values.empty())
        return std::nan("");
    const double position = q * static_cast<double>(values.size() - 1);
    const auto lowIndex = static_cast<size_t>(std::floor(position));
    const double fraction = position - static_cast<double>(lowIndex);
    std::nth_element(values.begin(), values.begin() + static_cast<qsizetype>(lowIndex), values.end());
    const double low = values[lowIndex];
    if (fraction == 0.0 || lowIndex + 1 >= values.size())
        return low;
    const double high =
        *std::min_element(values.begin() + static_cast<qsizetype>(lowIndex) + 1, values.end());
    return low + fraction * (high - low);
}

std::vector<ForecastInterval> PredictionIntervals::fromSamples(const std::vector<double>& samples, int paths,
                                                               int horizon, const QList<double>& levels)
{
    std::vector<ForecastInterval> out;
    for (double level : levels)
        out.push_back(ForecastInterval{level, std::vector<double>(static_cast<size_t>(horizon)),
                                       std::vector<double>(static_cast<size_t>(horizon))});
    std::vector<double> column(static_cast<size_t>(paths));
    // Type 7 on a sorted column: one sort per step serves every level.
    auto at = [&column](double q) {
        const double position = q * static_cast<double>(column.size() - 1);
        const auto low = static_cast<size_t>(std::floor(position));
        const size_t high = std::min(low + 1, column.size() - 1);
        return column[low] + (position - static_cast<double>(low)) * (column[high] - column[low]);
    };
    for (int h = 0; h < horizon; ++h) {
        for (int p = 0; p < paths; ++p)
            column[p] = samples[static_cast<size_t>(p) * horizon + h];
        std::sort(column.begin(), column.end());
        for (auto& band : out) {
            const double tail = (1.0 - band.level / 100.0) / 2.0;
            band.lower[h] = at(tail);
            band.upper[h] = at(1.0 - tail);
        }
    }
    return out;
}

} // namespace core::forecast
