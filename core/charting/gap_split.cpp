#include "charting/gap_split.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace core::charting {

namespace {

struct Gap
{
    qsizetype marker; // index of the NaN point
    double width;     // from the value before it to the value after it
};

// The gaps that have a value on both sides.
std::vector<Gap> innerGaps(const QList<QPointF>& points)
{
    std::vector<Gap> gaps;
    qsizetype lastValue = -1;
    qsizetype pendingMarker = -1;
    for (qsizetype i = 0; i < points.size(); ++i) {
        if (std::isnan(points[i].y())) {
            if (lastValue >= 0 && pendingMarker < 0)
                pendingMarker = i;
            continue;
        }
        if (pendingMarker >= 0)
            gaps.push_back({pendingMarker, points[i].x() - points[lastValue].x()});
        pendingMarker = -1;
        lastValue = i;
    }
    return gaps;
}

} // namespace

QList<QList<QPointF>> splitAtGaps(const QList<QPointF>& points, qsizetype maxRuns)
{
    const bool anyMarker =
        std::any_of(points.begin(), points.end(), [](const QPointF& p) { return std::isnan(p.y()); });
    if (!anyMarker)
        return points.isEmpty() ? QList<QList<QPointF>>{} : QList<QList<QPointF>>{points};

    std::vector<Gap> gaps = innerGaps(points);
    const auto keep = static_cast<std::size_t>(std::max<qsizetype>(0, maxRuns - 1));
    if (gaps.size() > keep) {
        std::stable_sort(gaps.begin(), gaps.end(),
                         [](const Gap& a, const Gap& b) { return a.width > b.width; });
        gaps.resize(keep);
        std::sort(gaps.begin(), gaps.end(), [](const Gap& a, const Gap& b) { return a.marker < b.marker; });
    }

    QList<QList<QPointF>> runs;
    QList<QPointF> run;
    auto nextGap = gaps.begin();
    for (qsizetype i = 0; i < points.size(); ++i) {
        if (nextGap != gaps.end() && nextGap->marker == i) {
            runs.append(std::move(run));
            run = {};
            ++nextGap;
            continue;
        }
        if (!std::isnan(points[i].y()))
            run.append(points[i]);
    }
    if (!run.isEmpty())
        runs.append(std::move(run));
    return runs;
}

} // namespace core::charting
