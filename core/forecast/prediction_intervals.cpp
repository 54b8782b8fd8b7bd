#include "forecast/prediction_intervals.h"

#include <algorithm>
#include <cmath>

#include "analytics/standard_normal.h"

namespace core::forecast {

std::vector<ForecastInterval> PredictionIntervals::fromVariances(const std::vector<double>& points,
                                                                 const std::vector<double>& variances,
                                                                 const QList<double>& levels)
{
    std::vector<ForecastInterval> out;
    for (double level : levels) {
        const double z = StandardNormal::quantile(0.5 + level / 200.0);
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
