#pragma once

#include <cstdint>
#include <vector>

#include <QDate>

#include "forecast/time_series.h"

namespace core::forecast {

struct SyntheticOptions
{
    std::uint64_t seed = 20240501;
    int count = 120;                    // series
    int days = 182;                     // per series
    QDate firstDay = QDate(2025, 1, 6); // a Monday
    // Daily chances of the events (0 switches one off).
    double trendChangeChance = 1.0 / 60.0;
    double levelShiftChance = 1.0 / 150.0;
    double spikeChance = 1.0 / 100.0;
};

// A seeded generator of daily impression-like series, the project's own accuracy benchmark
// (the same seed gives the same series on every platform). Each series, on the log scale:
//  - a starting level log-uniform between 200 and 1,000,000 impressions a day;
//  - a drift of N(0, 0.002) a day, redrawn as N(0, 0.003) on about one day in 60 (trend changes);
//  - a random-walk level with daily steps N(0, s), s uniform in [0.003, 0.01];
//  - level shifts N(0, 0.25) on about one day in 150 (a campaign starts or ends);
//  - a weekday profile exp(N(0, 0.15)) per day of the week;
//  - day-to-day noise N(0, s), s uniform in [0.03, 0.15];
//  - spikes: about one day in 100 is 1.5–3 times its usual level (bursts, bot traffic);
// and the day's count is a Poisson draw around that expected level.
class SyntheticImpressions
{
public:
    static TimeSeries series(const SyntheticOptions& options, int index);
    static std::vector<TimeSeries> generate(const SyntheticOptions& options);
};

} // namespace core::forecast
