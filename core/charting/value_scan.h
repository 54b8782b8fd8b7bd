#pragma once

#include <cstddef>
#include <limits>

namespace core::charting {

// Lowest and highest non-NaN value of a stretch of y values, and whether it holds a NaN.
struct ValueScan
{
    double min = std::numeric_limits<double>::infinity();
    double max = -std::numeric_limits<double>::infinity();
    bool hasNaN = false;

    bool hasValues() const { return min <= max; }
};

// One branch-free pass over y[0, n) (SSE2 where available).
ValueScan scanValues(const double* y, std::size_t n);
// The first i in [0, n) with y[i] == value, or with y[i] NaN; n when there is none.
std::size_t firstIndexOf(const double* y, std::size_t n, double value);
std::size_t firstNaNIndex(const double* y, std::size_t n);

} // namespace core::charting
