#pragma once

namespace core::charting {

// A value axis range widened to round tick values: step is 1, 2 or 5 times a power of ten, min and
// max are multiples of it, and there are tickCount ticks from min to max inclusive.
struct AxisTicks
{
    double min = 0.0;
    double max = 1.0;
    double step = 0.25;
    int tickCount = 5;

    bool operator==(const AxisTicks&) const = default;
};

// Round ticks covering [lo, hi] with about `targetTicks` ticks (between about half and twice as
// many, at least 2). An empty or reversed range gets a unit-wide range around lo.
AxisTicks looseAxisTicks(double lo, double hi, int targetTicks);

} // namespace core::charting
