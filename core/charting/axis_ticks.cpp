#include "charting/axis_ticks.h"

#include <algorithm>
#include <cmath>

namespace core::charting {

namespace {

// The number nearest x of the form 1, 2 or 5 times a power of ten.
double niceNumber(double x)
{
    const double power = std::pow(10.0, std::floor(std::log10(x)));
    const double fraction = x / power;
    const double nice = fraction < 1.5 ? 1.0 : fraction < 3.0 ? 2.0 : fraction < 7.0 ? 5.0 : 10.0;
    return nice * power;
}

} // namespace

AxisTicks looseAxisTicks(double lo, double hi, int targetTicks)
{
    if (!std::isfinite(lo) || !std::isfinite(hi))
        return {};
    if (!(hi > lo)) {
        lo -= 0.5;
        hi = lo + 1.0;
    }
    const int ticks = std::max(2, targetTicks);
    const double step = niceNumber((hi - lo) / (ticks - 1));
    const double min = std::floor(lo / step) * step;
    const double max = std::ceil(hi / step) * step;
    return {min, max, step, static_cast<int>(std::lround((max - min) / step)) + 1};
}

} // namespace core::charting
