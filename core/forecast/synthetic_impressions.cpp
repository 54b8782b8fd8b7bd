#include "forecast/synthetic_impressions.h"

#include <array>
#include <cmath>

#include "forecast/seeded_random.h"

namespace core::forecast {

TimeSeries SyntheticImpressions::series(const SyntheticOptions& options, int index)
{
    SeededRandom random(options.seed, static_cast<std::uint64_t>(index));
    double logLevel = random.uniform(std::log(200.0), std::log(1'000'000.0));
    double drift = random.normal(0.0, 0.002);
    const double walk = random.uniform(0.003, 0.01);
    const double noise = random.uniform(0.03, 0.15);
    std::array<double, 7> weekday{};
    double meanLog = 0.0;
    for (double& w : weekday) {
        w = random.normal(0.0, 0.15);
        meanLog += w / 7.0;
    }
    for (double& w : weekday)
        w -= meanLog;
    const int firstWeekday = options.firstDay.dayOfWeek() - 1; // Monday = 0

    std::vector<double> values(static_cast<size_t>(options.days));
    for (int t = 0; t < options.days; ++t) {
        if (random.chance(options.trendChangeChance))
            drift = random.normal(0.0, 0.003);
        if (random.chance(options.levelShiftChance))
            logLevel += random.normal(0.0, 0.25);
        logLevel += drift + random.normal(0.0, walk);
        double logExpected = logLevel + weekday[(firstWeekday + t) % 7] + random.normal(0.0, noise);
        if (random.chance(options.spikeChance))
            logExpected += std::log(random.uniform(1.5, 3.0));
        values[t] = static_cast<double>(random.poisson(std::exp(logExpected)));
    }
    return TimeSeries::daily(options.firstDay, std::move(values));
}

std::vector<TimeSeries> SyntheticImpressions::generate(const SyntheticOptions& options)
{
    std::vector<TimeSeries> out;
    out.reserve(static_cast<size_t>(options.count));
    for (int i = 0; i < options.count; ++i)
        out.push_back(series(options, i));
    return out;
}

} // namespace core::forecast
