#pragma once

#include <vector>

#include <QList>

#include "forecast/forecast.h"

namespace core::forecast {

// Simple forecasts: the baselines every model is measured against, and the fallbacks for
// series an exponential-smoothing model cannot sensibly be fitted to. Values: NaN = missing.
class BaselineForecasts
{
public:
    // Seasonal naive with period m (m = 1: naive): each step repeats the last observed value at
    // the same position of the cycle. Intervals assume the in-sample m-step differences are
    // normal: sigma sqrt(k + 1), k = floor((h - 1) / m). Needs at least one pair of observed
    // values m apart for its intervals (zero width otherwise).
    static Forecast seasonalNaive(const std::vector<double>& values, int period, int horizon,
                                  const QList<double>& levels);

    // Every step equals value, with zero-width intervals (a constant series).
    static Forecast constant(double value, int horizon, const QList<double>& levels);

    // For mostly-zero series: the mean of the last `window` observed values, with the
    // empirical quantiles of those values as intervals.
    static Forecast intermittent(const std::vector<double>& values, int window, int horizon,
                                 const QList<double>& levels);

    // Root mean square of y_t - y_{t-m} over pairs that are both observed; NaN when there is none.
    static double seasonalDifferenceRms(const std::vector<double>& values, int period);
};

} // namespace core::forecast
