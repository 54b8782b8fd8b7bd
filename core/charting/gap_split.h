#pragma once

#include <QList>
#include <QPointF>

namespace core::charting {

// Splits decimated points at their gap markers (NaN y) into the runs a line is drawn through,
// since a chart line cannot skip a stretch by itself. Markers before the first or after the last
// value split nothing and go. When there would be more than `maxRuns` runs, the narrowest gaps
// (in x) are bridged so that `maxRuns` remain. Without markers the points come back as one run
// (shared, not copied); without values, no runs.
QList<QList<QPointF>> splitAtGaps(const QList<QPointF>& points, qsizetype maxRuns);

} // namespace core::charting
