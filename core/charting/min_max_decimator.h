#pragma once

#include <QList>
#include <QPointF>

#include "charting/time_series.h"
#include "charting/x_range.h"

namespace core::charting {

// Min/max per pixel column (the "M4" reduction): `range` is cut into `columns` equal columns and
// each column keeps its first, lowest, highest and last point, in x order, so the drawn line
// touches exactly the pixels the full data would. A column with a gap (NaN y) also keeps a gap
// marker at the first NaN, so at most 5 points per column come out (4 without gaps); a column of
// four points or fewer keeps them all. The nearest point outside the range on each side is added
// so the line reaches the edges. O(log n) to find the range and each column's end; a column is
// read point by point, except that whole blocks inside a wide column are read from the series'
// block summaries (64 points each), so a zoomed-out view costs about 1/32 of its points.
QList<QPointF> decimateMinMax(const TimeSeries& series, const XRange& range, int columns);

} // namespace core::charting
