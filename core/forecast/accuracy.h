#pragma once

#include <vector>

#include "forecast/forecast.h"

namespace core::forecast {

// Forecast accuracy measures, exactly as the M3/M4 competitions define them. Missing actual
// values (NaN) are left out.
class Accuracy
{
public:
    // Mean of 200 |y - f| / (|y| + |f|) (0..200; a step where both are 0 counts as 0).
    static double smape(const std::vector<double>& actual, const std::vector<double>& forecast);
    // Mean absolute error.
    static double mae(const std::vector<double>& actual, const std::vector<double>& forecast);
    // In-sample MAE of the seasonal naive one-step forecast y_{t-m} (Hyndman & Koehler 2006),
    // the scale of MASE; NaN when no pair m apart is observed.
    static double maseScale(const std::vector<double>& history, int period);
    // MAE / maseScale(history, period).
    static double mase(const std::vector<double>& actual, const std::vector<double>& forecast,
                       const std::vector<double>& history, int period);
    // Number of observed actual values inside [lower, upper] (bounds included), and observed count.
    static qsizetype covered(const std::vector<double>& actual, const ForecastInterval& interval);
    static qsizetype observedCount(const std::vector<double>& actual);
};

} // namespace core::forecast
