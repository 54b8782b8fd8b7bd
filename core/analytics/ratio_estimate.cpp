#include "analytics/ratio_estimate.h"

#include <algorithm>
#include <cmath>

#include "analytics/standard_normal.h"

namespace core {

RatioEstimate RatioEstimate::deltaMethod(const QList<Unit>& units, double scale, double confidence)
{
    RatioEstimate e;
    e.units = static_cast<int>(units.size());
    double sumM = 0;
    double sumD = 0;
    for (const auto& u : units) {
        sumM += u.numerator;
        sumD += u.denominator;
    }
    if (sumD <= 0)
        return e;
    e.value = e.low = e.high = scale * sumM / sumD;
    const double n = static_cast<double>(units.size());
    if (units.size() < 2)
        return e;
    const double meanM = sumM / n;
    const double meanD = sumD / n;
    double varM = 0;
    double varD = 0;
    double cov = 0;
    for (const auto& u : units) {
        varM += (u.numerator - meanM) * (u.numerator - meanM);
        varD += (u.denominator - meanD) * (u.denominator - meanD);
        cov += (u.numerator - meanM) * (u.denominator - meanD);
    }
    varM /= n - 1;
    varD /= n - 1;
    cov /= n - 1;
    const double variance = varM / (meanD * meanD) - 2 * cov * meanM / (meanD * meanD * meanD) +
                            meanM * meanM * varD / (meanD * meanD * meanD * meanD);
    const double se = std::sqrt(std::max(0.0, variance) / n);
    const double half = StandardNormal::twoSidedCritical(confidence) * se * scale;
    e.low = std::max(0.0, e.value - half);
    e.high = e.value + half;
    e.hasInterval = true;
    return e;
}

} // namespace core
