#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include <gtest/gtest.h>

#include <QRandomGenerator>

#include "charting/decimation.h"
#include "charting/lttb_decimator.h"
#include "charting/min_max_decimator.h"

using namespace core::charting;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

TimeSeries make(std::vector<double> x, std::vector<double> y)
{
    auto r = TimeSeries::create(std::move(x), std::move(y));
    EXPECT_TRUE(r.ok());
    return r.ok() ? r.value() : TimeSeries();
}

// A random walk at irregular x steps; `gapShare` of the points are NaN, in short stretches.
TimeSeries randomWalk(std::size_t n, double gapShare, quint32 seed)
{
    QRandomGenerator rng(seed);
    std::vector<double> x(n), y(n);
    double t = 1000.0;
    double v = 0.0;
    int gapLeft = 0;
    for (std::size_t i = 0; i < n; ++i) {
        t += 1.0 + rng.bounded(3); // steps of 1..3 so columns hold uneven counts
        v += rng.generateDouble() - 0.5;
        if (gapLeft == 0 && rng.generateDouble() < gapShare / 5.0)
            gapLeft = 1 + rng.bounded(9);
        x[i] = t;
        y[i] = gapLeft > 0 ? kNaN : v;
        if (gapLeft > 0)
            --gapLeft;
    }
    return make(std::move(x), std::move(y));
}

// n points at x = 0, 1, 2, ... with y = f(i).
template <typename F> TimeSeries indexed(int n, F f)
{
    std::vector<double> x, y;
    for (int i = 0; i < n; ++i) {
        x.push_back(i);
        y.push_back(f(i));
    }
    return make(std::move(x), std::move(y));
}

// Which pixel column of `range` (cut into `columns`) holds x, with the decimator's boundaries.
int columnOf(double x, const XRange& range, int columns)
{
    const double w = range.width() / columns;
    int c = 0;
    while (c + 1 < columns && x >= range.min + w * (c + 1))
        ++c;
    return c;
}

bool isDataPoint(const TimeSeries& s, const QPointF& p)
{
    const auto idx = s.indicesWithin({p.x(), p.x()});
    for (std::size_t i = idx.begin; i < idx.end; ++i)
        if (s.y(i) == p.y() || (std::isnan(s.y(i)) && std::isnan(p.y())))
            return true;
    return false;
}

struct ColumnTruth
{
    double min = std::numeric_limits<double>::infinity();
    double max = -std::numeric_limits<double>::infinity();
    std::optional<QPointF> first;
    std::optional<QPointF> last;
    bool hasNaN = false;
};

std::map<int, ColumnTruth> columnTruths(const TimeSeries& s, const XRange& range, int columns)
{
    std::map<int, ColumnTruth> truths;
    const auto idx = s.indicesWithin(range);
    for (std::size_t i = idx.begin; i < idx.end; ++i) {
        ColumnTruth& t = truths[columnOf(s.x(i), range, columns)];
        if (std::isnan(s.y(i))) {
            t.hasNaN = true;
            continue;
        }
        t.min = std::min(t.min, s.y(i));
        t.max = std::max(t.max, s.y(i));
        if (!t.first)
            t.first = QPointF(s.x(i), s.y(i));
        t.last = QPointF(s.x(i), s.y(i));
    }
    return truths;
}

// The decimator's output computed the slow way: every point of the range assigned to its column,
// each column keeping all of its points when it has four or fewer, otherwise its first and last
// value, first lowest, first highest and first NaN, in order; neighbours outside added; runs of
// gap markers collapsed.
QList<QPointF> bruteForceMinMax(const TimeSeries& s, const XRange& range, int columns)
{
    const auto idx = s.indicesWithin(range);
    std::map<int, std::vector<std::size_t>> members;
    for (std::size_t i = idx.begin; i < idx.end; ++i)
        members[columnOf(s.x(i), range, columns)].push_back(i);
    std::vector<std::size_t> kept;
    if (idx.begin > 0)
        kept.push_back(idx.begin - 1);
    for (const auto& [column, points] : members) {
        if (points.size() <= 4) {
            kept.insert(kept.end(), points.begin(), points.end());
            continue;
        }
        std::set<std::size_t> picks;
        std::optional<std::size_t> lo, hi, nan;
        for (std::size_t i : points) {
            const double v = s.y(i);
            if (std::isnan(v)) {
                if (!nan)
                    nan = i;
                continue;
            }
            if (!lo || v < s.y(*lo))
                lo = i;
            if (!hi || v > s.y(*hi))
                hi = i;
        }
        if (!lo) {
            picks.insert(points.front());
        } else {
            const auto valid = [&](std::size_t i) { return !std::isnan(s.y(i)); };
            picks.insert(*std::find_if(points.begin(), points.end(), valid));
            picks.insert(*std::find_if(points.rbegin(), points.rend(), valid));
            picks.insert(*lo);
            picks.insert(*hi);
            if (nan)
                picks.insert(*nan);
        }
        kept.insert(kept.end(), picks.begin(), picks.end());
    }
    if (idx.end < s.size())
        kept.push_back(idx.end);
    QList<QPointF> out;
    for (std::size_t i : kept) {
        if (std::isnan(s.y(i)) && !out.isEmpty() && std::isnan(out.constLast().y()))
            continue;
        out.append(QPointF(s.x(i), s.y(i)));
    }
    return out;
}

bool sameSeries(const QList<QPointF>& a, const QList<QPointF>& b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const bool bothGaps = std::isnan(a[i].y()) && std::isnan(b[i].y());
        if (a[i].x() != b[i].x() || (!bothGaps && a[i].y() != b[i].y()))
            return false;
    }
    return true;
}

} // namespace

TEST(MinMaxDecimator, MatchesTheBruteForceReductionForNarrowAndWideColumnsWithGaps)
{
    const TimeSeries s = randomWalk(300'000, 0.03, 1234);
    const XRange all = *s.extent();
    // Column widths from a few points (read point by point) to thousands (read from block
    // summaries), with ranges that do not start or end on a block boundary.
    for (const auto& [from, to, columns] : std::vector<std::tuple<double, double, int>>{
             {0.0, 1.0, 100}, {0.0, 1.0, 1500}, {0.1234, 0.9876, 333}, {0.5, 0.5007, 800}, {0.25, 0.75, 7}}) {
        const XRange range{all.min + from * all.width(), all.min + to * all.width()};
        EXPECT_TRUE(sameSeries(decimateMinMax(s, range, columns), bruteForceMinMax(s, range, columns)))
            << from << ".." << to << " in " << columns << " columns";
    }
}

TEST(MinMaxDecimator, KeepsEachColumnsExtremesFirstAndLastAndAtMostFourPointsWithoutGaps)
{
    const TimeSeries s = randomWalk(200'000, 0.0, 7);
    const XRange range{s.x(1234), s.x(150'000)};
    const int columns = 640;
    const QList<QPointF> out = decimateMinMax(s, range, columns);

    std::map<int, std::vector<QPointF>> byColumn;
    for (const QPointF& p : out)
        if (range.contains(p.x()))
            byColumn[columnOf(p.x(), range, columns)].push_back(p);
    const auto truths = columnTruths(s, range, columns);
    ASSERT_EQ(byColumn.size(), truths.size());
    for (const auto& [column, truth] : truths) {
        const auto& points = byColumn[column];
        EXPECT_LE(points.size(), 4u) << "column " << column;
        const auto has = [&](const QPointF& q) {
            return std::find(points.begin(), points.end(), q) != points.end();
        };
        EXPECT_TRUE(has(*truth.first)) << "column " << column;
        EXPECT_TRUE(has(*truth.last)) << "column " << column;
        const auto ys = [&](double v) {
            return std::any_of(points.begin(), points.end(), [&](const QPointF& p) { return p.y() == v; });
        };
        EXPECT_TRUE(ys(truth.min)) << "column " << column;
        EXPECT_TRUE(ys(truth.max)) << "column " << column;
    }
    for (const QPointF& p : out)
        EXPECT_TRUE(isDataPoint(s, p));
    EXPECT_TRUE(std::is_sorted(out.begin(), out.end(),
                               [](const QPointF& a, const QPointF& b) { return a.x() < b.x(); }));
}

TEST(MinMaxDecimator, AddsTheNearestPointOutsideOnEachSideSoTheLineReachesTheEdges)
{
    const TimeSeries s = make({0, 10, 20, 30, 40, 50}, {5, 6, 7, 8, 9, 10});
    const QList<QPointF> out = decimateMinMax(s, {15, 35}, 100);
    const QList<QPointF> expected{{10, 6}, {20, 7}, {30, 8}, {40, 9}};
    EXPECT_EQ(out, expected);
}

TEST(MinMaxDecimator, WholeExtentKeepsTheFirstAndLastPoint)
{
    const TimeSeries s = randomWalk(50'000, 0.0, 11);
    const QList<QPointF> out = decimateMinMax(s, *s.extent(), 300);
    ASSERT_FALSE(out.isEmpty());
    EXPECT_EQ(out.constFirst(), QPointF(s.x(0), s.y(0)));
    EXPECT_EQ(out.constLast(), QPointF(s.x(s.size() - 1), s.y(s.size() - 1)));
    EXPECT_LE(out.size(), 4 * 300);
    EXPECT_GT(out.size(), 2 * 300); // a random walk moves in nearly every column
}

TEST(MinMaxDecimator, SparseDataComesOutUnchanged)
{
    const TimeSeries s = randomWalk(300, 0.2, 3);
    const QList<QPointF> out = decimateMinMax(s, *s.extent(), 1000);
    // Every valid point survives; each NaN stretch becomes one marker.
    qsizetype valid = 0;
    for (std::size_t i = 0; i < s.size(); ++i)
        valid += std::isnan(s.y(i)) ? 0 : 1;
    const qsizetype outValid =
        std::count_if(out.begin(), out.end(), [](const QPointF& p) { return !std::isnan(p.y()); });
    EXPECT_EQ(outValid, valid);
}

TEST(MinMaxDecimator, GapWiderThanAColumnBreaksTheLine)
{
    const TimeSeries s =
        indexed(10'000, [](int i) { return i >= 4000 && i < 6000 ? kNaN : std::sin(i / 50.0); });
    const QList<QPointF> out = decimateMinMax(s, *s.extent(), 100);
    // No value inside the gap, exactly one marker, between the last point before and the first after.
    qsizetype markers = 0;
    for (qsizetype i = 0; i < out.size(); ++i) {
        const QPointF& p = out[i];
        if (std::isnan(p.y())) {
            ++markers;
            ASSERT_GT(i, 0);
            ASSERT_LT(i + 1, out.size());
            EXPECT_EQ(out[i - 1].x(), 3999.0);
            EXPECT_EQ(out[i + 1].x(), 6000.0);
        } else {
            EXPECT_FALSE(p.x() >= 4000 && p.x() < 6000) << p.x();
        }
    }
    EXPECT_EQ(markers, 1);
}

TEST(MinMaxDecimator, GapInsideOneColumnIsKeptInOrderAndColumnStaysSmall)
{
    const TimeSeries s = randomWalk(100'000, 0.05, 5);
    const XRange range = *s.extent();
    const int columns = 200;
    const QList<QPointF> out = decimateMinMax(s, range, columns);
    std::map<int, int> counts;
    for (const QPointF& p : out)
        ++counts[columnOf(p.x(), range, columns)];
    for (const auto& [column, count] : counts)
        EXPECT_LE(count, 5) << "column " << column;
    const auto truths = columnTruths(s, range, columns);
    for (const auto& [column, truth] : truths) {
        if (!truth.hasNaN)
            continue;
        const bool marked = std::any_of(out.begin(), out.end(), [&](const QPointF& p) {
            return std::isnan(p.y()) && columnOf(p.x(), range, columns) == column;
        });
        const bool markedBefore = std::any_of(out.begin(), out.end(), [&](const QPointF& p) {
            return std::isnan(p.y()) && columnOf(p.x(), range, columns) == column - 1;
        });
        // A column holding NaNs shows a break (or the previous column's marker already covers it).
        EXPECT_TRUE(marked || markedBefore) << "column " << column;
    }
    for (qsizetype i = 1; i < out.size(); ++i)
        EXPECT_FALSE(std::isnan(out[i].y()) && std::isnan(out[i - 1].y())) << "markers collapse";
}

TEST(MinMaxDecimator, EmptyOnePointAndInvalidRange)
{
    EXPECT_TRUE(decimateMinMax(TimeSeries(), {0, 10}, 100).isEmpty());
    const TimeSeries one = make({5}, {42});
    EXPECT_EQ(decimateMinMax(one, {0, 10}, 100), (QList<QPointF>{{5, 42}}));
    EXPECT_EQ(decimateMinMax(one, {6, 10}, 100), (QList<QPointF>{{5, 42}})); // the neighbour on the left
    EXPECT_TRUE(decimateMinMax(one, {10, 0}, 100).isEmpty());
    const TimeSeries gap = make({5}, {kNaN});
    const QList<QPointF> out = decimateMinMax(gap, {0, 10}, 100);
    ASSERT_EQ(out.size(), 1);
    EXPECT_TRUE(std::isnan(out[0].y()));
}

TEST(MinMaxDecimator, AllNaNColumnsCollapseToOneMarker)
{
    const TimeSeries s =
        make({0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, 2});
    const QList<QPointF> out = decimateMinMax(s, {0, 9}, 2);
    ASSERT_EQ(out.size(), 3);
    EXPECT_EQ(out[0], QPointF(0, 1));
    EXPECT_TRUE(std::isnan(out[1].y()));
    EXPECT_EQ(out[2], QPointF(9, 2));
}

TEST(LttbDecimator, KeepsEndsAndTheTargetCountWithActualDataPoints)
{
    const TimeSeries s = randomWalk(100'000, 0.0, 21);
    const QList<QPointF> out = decimateLttb(s, *s.extent(), 500);
    EXPECT_EQ(out.size(), 500);
    EXPECT_EQ(out.constFirst(), QPointF(s.x(0), s.y(0)));
    EXPECT_EQ(out.constLast(), QPointF(s.x(s.size() - 1), s.y(s.size() - 1)));
    for (const QPointF& p : out)
        EXPECT_TRUE(isDataPoint(s, p));
    EXPECT_TRUE(std::is_sorted(out.begin(), out.end(),
                               [](const QPointF& a, const QPointF& b) { return a.x() < b.x(); }));
}

TEST(LttbDecimator, KeepsAnIsolatedSpike)
{
    const QList<QPointF> out =
        decimateLttb(indexed(10'000, [](int i) { return i == 6543 ? 100.0 : 1.0; }), {0, 9999}, 100);
    EXPECT_TRUE(out.contains(QPointF(6543, 100.0)));
}

TEST(LttbDecimator, GapsSplitRunsWithAMarkerAndNoPointInside)
{
    const TimeSeries s =
        indexed(20'000, [](int i) { return i >= 5000 && i < 7000 ? kNaN : std::cos(i / 100.0); });
    const QList<QPointF> out = decimateLttb(s, *s.extent(), 200);
    const qsizetype markers =
        std::count_if(out.begin(), out.end(), [](const QPointF& p) { return std::isnan(p.y()); });
    EXPECT_EQ(markers, 1);
    EXPECT_TRUE(out.contains(QPointF(4999, s.y(4999))));
    EXPECT_TRUE(out.contains(QPointF(7000, s.y(7000))));
    for (const QPointF& p : out) {
        if (!std::isnan(p.y())) {
            EXPECT_FALSE(p.x() >= 5000 && p.x() < 7000) << p.x();
        }
    }
    EXPECT_LE(out.size(), 200 + 3);
}

TEST(LttbDecimator, SmallInputAndEmptyCases)
{
    const TimeSeries s = make({1, 2, 3}, {3, 1, 2});
    EXPECT_EQ(decimateLttb(s, {0, 5}, 100), (QList<QPointF>{{1, 3}, {2, 1}, {3, 2}}));
    EXPECT_TRUE(decimateLttb(TimeSeries(), {0, 5}, 100).isEmpty());
    EXPECT_EQ(decimateLttb(make({5}, {4}), {0, 10}, 10), (QList<QPointF>{{5, 4}}));
}

TEST(Decimation, DispatchesToTheMethodAndBoundsThePointsPerColumn)
{
    const TimeSeries s = randomWalk(300'000, 0.0, 99);
    const Viewport viewport{*s.extent(), 800};
    const QList<QPointF> minMax = decimate(s, viewport, DecimationMethod::MinMaxPerColumn);
    const QList<QPointF> lttb = decimate(s, viewport, DecimationMethod::Lttb);
    EXPECT_EQ(minMax, decimateMinMax(s, viewport.range, 800));
    EXPECT_EQ(lttb, decimateLttb(s, viewport.range, 1600));
    EXPECT_LE(minMax.size(), 4 * 800);
    EXPECT_LE(lttb.size(), 2 * 800);
}

TEST(Decimation, YExtentIgnoresGapsAndPointsOutsideTheWindow)
{
    const QList<QPointF> points{{0, 100}, {1, 3}, {2, kNaN}, {3, -2}, {4, 7}, {9, -50}};
    const auto e = yExtentWithin(points, {1, 4});
    ASSERT_TRUE(e.has_value());
    EXPECT_EQ(e->min, -2);
    EXPECT_EQ(e->max, 7);
    EXPECT_FALSE(yExtentWithin(points, {5, 8}).has_value());
}
