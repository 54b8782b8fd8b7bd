#include "analytics/proportion_estimate.h"

#include <algorithm>
#include <cmath>

#include "analytics/standard_normal.h"

namespace core {

ProportionEstimate ProportionEstimate::wilson(qint64 successes, qint64 trials, double confidence)
{
    ProportionEstimate e;
    e.successes = successes;
    e.trials = trials;
    if (trials <= 0 || successes < 0)
        return e;
    const double n = static_cast<double>(trials);
    const double p = static_cast<double>(successes) / n;
    e.value = e.low = e.high = p;
    if (successes > trials)
        return e; // e.g. view-through conversions without a click: a ratio, not a proportion
    const double z = StandardNormal::twoSidedCritical(confidence);
    const double z2 = z * z;
    const double denominator = 1 + z2 / n;
    const double centre = (p + z2 / (2 * n)) / denominator;
    const double half = z / denominator * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n));
    e.low = std::max(0.0, centre - half);
    e.high = std::min(1.0, centre + half);
    e.hasInterval = true;
    return e;
}

} // namespace core
