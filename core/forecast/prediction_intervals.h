#pragma once

#include <vector>

#include <QList>

#include "forecast/forecast.h"

namespace core::forecast {

// Building prediction intervals from forecast variances (normal) or from sample paths
// (empirical quantiles), for any list of levels.
class PredictionIntervals
{
public:
    // points +- z * sqrt(variance) for each level (in percent).
    static std::vector<ForecastInterval> fromVariances(const std::vector<double>& points,
                                                       const std::vector<double>& variances,
                                                       const QList<double>& levels);

    // samples: paths x horizon, row-major. The (1 - level)/2 and (1 + level)/2 quantiles of each
    // step (linear interpolation between order statistics, R's type 7).
    static std::vector<ForecastInterval> fromSamples(const std::vector<double>& samples, int paths,
                                                     int horizon, const QList<double>& levels);

    // The q-quantile (0..1) of values (reordered in place), type 7.
    static double quantile(std::vector<double>& values, double q);
};

} // namespace core::forecast
