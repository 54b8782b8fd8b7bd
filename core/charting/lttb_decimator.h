#pragma once

#include <QList>
#include <QPointF>

#include "charting/time_series.h"
#include "charting/x_range.h"

namespace core::charting {

// Largest-Triangle-Three-Buckets (Steinarsson 2013) over the points inside `range`: keeps the
// first and last point and, from each of `targetPoints - 2` equal-count buckets, the point
// spanning the largest triangle with the previous pick and the next bucket's mean. Gaps (NaN y)
// split the data into runs that are reduced separately, each with a share of `targetPoints`
// proportional to its length (at least its two ends), with a gap marker between runs. The
// nearest point outside the range on each side is added so the line reaches the edges.
QList<QPointF> decimateLttb(const TimeSeries& series, const XRange& range, int targetPoints);

} // namespace core::charting
