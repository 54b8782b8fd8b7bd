#include "charting/lttb_decimator.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "charting/decimated_points.h"

namespace core::charting {

namespace {

// Reduces the gap-free points [begin, end) to `budget` points (budget >= 3, end - begin > budget).
void reduceRun(const double* x, const double* y, std::size_t begin, std::size_t end, std::size_t budget,
               DecimatedPoints& out)
{
    const std::size_t n = end - begin;
    const double every = static_cast<double>(n - 2) / static_cast<double>(budget - 2);
    const auto bucketStart = [&](std::size_t bucket) {
        return std::min(end - 1, begin + 1 + static_cast<std::size_t>(std::floor(bucket * every)));
    };
    out.append(x[begin], y[begin]);
    std::size_t previous = begin;
    for (std::size_t bucket = 0; bucket + 2 < budget; ++bucket) {
        const std::size_t from = bucketStart(bucket);
        const std::size_t to = std::max(from + 1, bucketStart(bucket + 1));
        const std::size_t nextTo = std::max(to + 1, std::min(end, bucketStart(bucket + 2)));
        double meanX = 0.0;
        double meanY = 0.0;
        for (std::size_t i = to; i < nextTo; ++i) {
            meanX += x[i];
            meanY += y[i];
        }
        meanX /= static_cast<double>(nextTo - to);
        meanY /= static_cast<double>(nextTo - to);

        const double px = x[previous];
        const double py = y[previous];
        double bestArea = -1.0;
        std::size_t best = from;
        for (std::size_t i = from; i < to; ++i) {
            const double area = std::abs((px - meanX) * (y[i] - py) - (px - x[i]) * (meanY - py));
            if (area > bestArea) {
                bestArea = area;
                best = i;
            }
        }
        out.append(x[best], y[best]);
        previous = best;
    }
    out.append(x[end - 1], y[end - 1]);
}

struct Run
{
    std::size_t begin;
    std::size_t end;
};

} // namespace

QList<QPointF> decimateLttb(const TimeSeries& series, const XRange& range, int targetPoints)
{
    DecimatedPoints out;
    if (series.isEmpty() || !range.isValid())
        return out.take();
    const IndexRange visible = series.indicesWithin(range);
    const double* x = series.xs().data();
    const double* y = series.ys().data();

    std::vector<Run> runs;
    std::size_t valid = 0;
    for (std::size_t i = visible.begin; i < visible.end;) {
        while (i < visible.end && std::isnan(y[i]))
            ++i;
        const std::size_t start = i;
        while (i < visible.end && !std::isnan(y[i]))
            ++i;
        if (i > start) {
            runs.push_back({start, i});
            valid += i - start;
        }
    }

    const std::size_t target = static_cast<std::size_t>(std::max(3, targetPoints));
    out.reserve(static_cast<qsizetype>(std::min(valid, target + 2 * runs.size()) + runs.size() + 2));
    if (visible.begin > 0)
        out.append(x[visible.begin - 1], y[visible.begin - 1]);
    std::size_t cursor = visible.begin;
    for (const Run& run : runs) {
        if (run.begin > cursor)
            out.appendGap(x[cursor]); // the NaN points before this run
        const std::size_t n = run.end - run.begin;
        const std::size_t budget = std::max<std::size_t>(3, target * n / valid);
        if (n <= budget) {
            for (std::size_t i = run.begin; i < run.end; ++i)
                out.append(x[i], y[i]);
        } else {
            reduceRun(x, y, run.begin, run.end, budget, out);
        }
        cursor = run.end;
    }
    if (cursor < visible.end)
        out.appendGap(x[cursor]);
    if (visible.end < series.size())
        out.append(x[visible.end], y[visible.end]);
    return out.take();
}

} // namespace core::charting
