#include "forecast/season_detector.h"

#include <algorithm>
#include <cmath>

#include "forecast/series_gaps.h"

namespace core::forecast {

int SeasonDetector::detect(const TimeSeries& series)
{
    return series.isDaily() ? kDailyPeriod : detect(series.values());
}

std::vector<double> SeasonDetector::autocorrelations(const std::vector<double>& values, int maxLag)
{
    const size_t n = values.size();
    std::vector<double> r(static_cast<size_t>(std::max(0, maxLag)) + 1, 0.0);
    if (n == 0)
        return r;
    double mean = 0.0;
    for (double v : values)
        mean += v;
    mean /= static_cast<double>(n);
    double c0 = 0.0;
    for (double v : values)
        c0 += (v - mean) * (v - mean);
    if (!(c0 > 0.0))
        return r;
    for (size_t k = 0; k < r.size() && k < n; ++k) {
        double c = 0.0;
        for (size_t t = k; t < n; ++t)
            c += (values[t] - mean) * (values[t - k] - mean);
        r[k] = c / c0;
    }
    return r;
}

int SeasonDetector::detect(const std::vector<double>& values)
{
    const qsizetype first = SeriesGaps::firstObserved(values);
    const qsizetype end = SeriesGaps::endOfObserved(values);
    const std::vector<double> filled =
        SeriesGaps::interpolated(std::vector<double>(values.begin() + first, values.begin() + end));
    if (filled.size() < 8)
        return 1;
    std::vector<double> diff(filled.size() - 1);
    for (size_t t = 1; t < filled.size(); ++t)
        diff[t - 1] = filled[t] - filled[t - 1];
    const int n = static_cast<int>(diff.size());
    const int maxLag = n / 2;
    if (maxLag < 3)
        return 1;
    const std::vector<double> r = autocorrelations(diff, maxLag);
    const double threshold = std::max(0.25, 3.0 / std::sqrt(static_cast<double>(n)));
    auto isPeak = [&](int k) {
        return k + 1 <= maxLag && r[k] > r[k - 1] && r[k] >= r[k + 1] && r[k] > threshold;
    };
    int best = 1;
    for (int k = 2; k < maxLag; ++k) {
        if (isPeak(k) && (best == 1 || r[k] > r[best]))
            best = k;
    }
    if (best == 1)
        return 1;
    // A cycle also peaks at its multiples: prefer the shortest lag that divides the best one
    // and is nearly as strong.
    for (int d = 2; d < best; ++d) {
        if (best % d == 0 && isPeak(d) && r[d] >= 0.75 * r[best])
            return d;
    }
    return best;
}

} // namespace core::forecast
