#pragma once

#include <vector>

#include "forecast/time_series.h"

namespace core::forecast {

// The seasonal period of a series: 7 for daily series (the weekly pattern of impressions),
// otherwise the lag of the strongest clear peak in the autocorrelation of the differenced
// series (differencing removes trends and level shifts that would hide the cycle); 1 when
// there is no clear peak.
class SeasonDetector
{
public:
    static constexpr int kDailyPeriod = 7;

    static int detect(const TimeSeries& series);
    static int detect(const std::vector<double>& values);

    // Sample autocorrelations r_0..r_maxLag of values without gaps.
    static std::vector<double> autocorrelations(const std::vector<double>& values, int maxLag);
};

} // namespace core::forecast
