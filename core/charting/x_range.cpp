#include "charting/x_range.h"

#include <algorithm>
#include <cmath>

namespace core::charting {

bool XRange::isValid() const
{
    return std::isfinite(min) && std::isfinite(max) && min <= max;
}

XRange XRange::zoomedAround(double anchor, double factor) const
{
    const double w = width();
    const double share = w > 0.0 ? (anchor - min) / w : 0.5;
    const double newWidth = w * factor;
    const double newMin = anchor - share * newWidth;
    return {newMin, newMin + newWidth};
}

XRange XRange::keptWithin(const XRange& bounds, double minimumWidth) const
{
    const double boundsWidth = bounds.width();
    const double w = std::clamp(width(), std::min(minimumWidth, boundsWidth), boundsWidth);
    if (w >= boundsWidth)
        return bounds;
    if (w == width() && min >= bounds.min && max <= bounds.max)
        return *this; // already fine: keep the ends exactly
    const double lo = w == width() ? min : centre() - w / 2.0;
    const double clamped = std::clamp(lo, bounds.min, std::max(bounds.min, bounds.max - w));
    return {clamped, std::min(clamped + w, bounds.max)};
}

std::optional<XRange> XRange::intersectedWith(const XRange& other) const
{
    const double lo = std::max(min, other.min);
    const double hi = std::min(max, other.max);
    if (lo > hi)
        return std::nullopt;
    return XRange{lo, hi};
}

XRange XRange::unitedWith(const XRange& other) const
{
    return {std::min(min, other.min), std::max(max, other.max)};
}

} // namespace core::charting
