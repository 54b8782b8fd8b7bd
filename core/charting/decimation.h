#pragma once

#include <optional>

#include <QList>
#include <QPointF>

#include "charting/time_series.h"
#include "charting/x_range.h"

namespace core::charting {

enum class DecimationMethod
{
    MinMaxPerColumn, // first, min, max and last point of each pixel column: extremes kept exactly
    Lttb,            // Largest-Triangle-Three-Buckets, about two points per column: smoother shape
};

// The part of the x axis on screen and how many pixel columns it spans.
struct Viewport
{
    XRange range;
    int pixelColumns = 1;
};

// The points to hand to the chart for `series` in `viewport`: those inside the range reduced to a
// few per pixel column, plus the nearest point on either side outside it (so the line reaches
// the edges). NaN y values come out as gap markers (a point with NaN y).
QList<QPointF> decimate(const TimeSeries& series, const Viewport& viewport, DecimationMethod method);

struct YExtent
{
    double min = 0.0;
    double max = 0.0;
};

// Smallest and largest y of the points whose x lies in `window`, ignoring gap markers; nothing
// when there are none.
std::optional<YExtent> yExtentWithin(const QList<QPointF>& points, const XRange& window);

} // namespace core::charting
