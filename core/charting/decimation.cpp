#include "charting/decimation.h"

#include <algorithm>
#include <cmath>

#include "charting/lttb_decimator.h"
#include "charting/min_max_decimator.h"

namespace core::charting {

QList<QPointF> decimate(const TimeSeries& series, const Viewport& viewport, DecimationMethod method)
{
    switch (method) {
    case DecimationMethod::Lttb:
        return decimateLttb(series, viewport.range, 2 * std::max(1, viewport.pixelColumns));
    case DecimationMethod::MinMaxPerColumn:
        break;
    }
    return decimateMinMax(series, viewport.range, viewport.pixelColumns);
}

std::optional<YExtent> yExtentWithin(const QList<QPointF>& points, const XRange& window)
{
    std::optional<YExtent> extent;
    for (const QPointF& p : points) {
        if (std::isnan(p.y()) || !window.contains(p.x()))
            continue;
        if (!extent)
            extent = YExtent{p.y(), p.y()};
        extent->min = std::min(extent->min, p.y());
        extent->max = std::max(extent->max, p.y());
    }
    return extent;
}

} // namespace core::charting
