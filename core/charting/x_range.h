#pragma once

#include <optional>

namespace core::charting {

// A closed interval of the x axis [min, max] (milliseconds since the epoch for time series) and
// the zoom and pan arithmetic the charts need, kept apart from any widget so it can be tested.
struct XRange
{
    double min = 0.0;
    double max = 0.0;

    double width() const { return max - min; }
    double centre() const { return min + width() / 2.0; }
    bool isValid() const; // finite ends, min <= max
    bool contains(double x) const { return x >= min && x <= max; }
    bool operator==(const XRange&) const = default;

    // Scales the width by `factor` (< 1 zooms in) keeping `anchor` at the same relative place.
    XRange zoomedAround(double anchor, double factor) const;
    // Shifts by `delta` x units.
    XRange shiftedBy(double delta) const { return {min + delta, max + delta}; }
    // The same width moved (and, when wider than `bounds`, shrunk) so it lies inside `bounds`;
    // never narrower than `minimumWidth` (unless `bounds` is).
    XRange keptWithin(const XRange& bounds, double minimumWidth) const;
    // The overlap of two ranges, or nothing when they do not overlap.
    std::optional<XRange> intersectedWith(const XRange& other) const;
    // The smallest range holding both.
    XRange unitedWith(const XRange& other) const;
};

} // namespace core::charting
