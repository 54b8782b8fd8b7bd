#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "charting/time_series.h"

using core::charting::IndexRange;
using core::charting::TimeSeries;
using core::charting::XRange;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

TimeSeries series(std::vector<double> x, std::vector<double> y)
{
    auto r = TimeSeries::create(std::move(x), std::move(y));
    EXPECT_TRUE(r.ok()) << (r.ok() ? std::string() : r.error().toString().toStdString());
    return r.ok() ? r.value() : TimeSeries();
}
} // namespace

TEST(TimeSeries, RejectsMismatchedSizes)
{
    const auto r = TimeSeries::create({1, 2, 3}, {1, 2});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, QStringLiteral("series_size_mismatch"));
}

TEST(TimeSeries, RejectsUnsortedXAndNamesTheIndex)
{
    const auto r = TimeSeries::create({1, 2, 5, 4}, {0, 0, 0, 0});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, QStringLiteral("series_x_not_sorted"));
    EXPECT_TRUE(r.error().detail.contains(QStringLiteral("x[3]"))) << r.error().detail.toStdString();
}

TEST(TimeSeries, RejectsNonFiniteXAndInfiniteY)
{
    EXPECT_EQ(TimeSeries::create({1, kNaN}, {0, 0}).error().code, QStringLiteral("series_x_not_finite"));
    EXPECT_EQ(TimeSeries::create({1, 2}, {0, std::numeric_limits<double>::infinity()}).error().code,
              QStringLiteral("series_y_infinite"));
}

TEST(TimeSeries, AcceptsNaNGapsAndRepeatedX)
{
    const TimeSeries s = series({1, 2, 2, 3}, {1, kNaN, 4, 5});
    EXPECT_EQ(s.size(), 4u);
    EXPECT_TRUE(std::isnan(s.y(1)));
    EXPECT_EQ(s.extent(), (XRange{1, 3}));
}

TEST(TimeSeries, EmptySeriesHasNoExtentNoNearestAndNoVisiblePoints)
{
    const TimeSeries s;
    EXPECT_TRUE(s.isEmpty());
    EXPECT_FALSE(s.extent().has_value());
    EXPECT_FALSE(s.nearestIndex(3.0).has_value());
    EXPECT_TRUE(s.indicesWithin({0, 10}).isEmpty());
}

TEST(TimeSeries, IndicesWithinIncludeBothEnds)
{
    const TimeSeries s = series({10, 20, 30, 40, 50}, {1, 2, 3, 4, 5});
    EXPECT_EQ(s.indicesWithin({20, 40}), (IndexRange{1, 4}));
    EXPECT_EQ(s.indicesWithin({21, 39}), (IndexRange{2, 3}));
    EXPECT_EQ(s.indicesWithin({0, 5}), (IndexRange{0, 0}));
    EXPECT_EQ(s.indicesWithin({55, 60}), (IndexRange{5, 5}));
    EXPECT_EQ(s.indicesWithin({0, 100}), (IndexRange{0, 5}));
}

TEST(TimeSeries, NearestIndexPicksTheCloserNeighbourAndTheEarlierOnATie)
{
    const TimeSeries s = series({10, 20, 30}, {1, 2, 3});
    EXPECT_EQ(s.nearestIndex(-5.0), 0u);
    EXPECT_EQ(s.nearestIndex(14.0), 0u);
    EXPECT_EQ(s.nearestIndex(15.0), 0u);
    EXPECT_EQ(s.nearestIndex(16.0), 1u);
    EXPECT_EQ(s.nearestIndex(30.0), 2u);
    EXPECT_EQ(s.nearestIndex(99.0), 2u);
}

TEST(TimeSeries, CopiesShareThePoints)
{
    const TimeSeries a = series({1, 2}, {3, 4});
    const TimeSeries b = a; // NOLINT(performance-unnecessary-copy-initialization)
    EXPECT_EQ(a.xs().data(), b.xs().data());
    EXPECT_EQ(a.ys().data(), b.ys().data());
}

TEST(TimeSeries, SummarisesWholeBlocksWithTheirExtremesAndFirstNaN)
{
    const std::size_t b = TimeSeries::kBlockSize;
    std::vector<double> x, y;
    for (std::size_t i = 0; i < 2 * b + 10; ++i) {
        x.push_back(static_cast<double>(i));
        y.push_back(static_cast<double>((i * 37) % 101));
    }
    y[5] = -7.0;  // block 0's minimum
    y[9] = 500.0; // block 0's maximum
    y[b + 3] = kNaN;
    y[b + 40] = kNaN;
    for (std::size_t i = 0; i < 10; ++i)
        y[2 * b + i] = 1000.0; // the partial last block is not summarised
    const TimeSeries s = series(x, y);
    ASSERT_EQ(s.blocks().size(), 2u);
    const auto& first = s.blocks()[0];
    EXPECT_EQ(first.min, -7.0);
    EXPECT_EQ(first.minAt, 5);
    EXPECT_EQ(first.max, 500.0);
    EXPECT_EQ(first.maxAt, 9);
    EXPECT_EQ(first.firstNaNAt, core::charting::BlockSummary::kNone);
    const auto& second = s.blocks()[1];
    EXPECT_EQ(second.firstNaNAt, 3);
    double lo = 1e9, hi = -1e9;
    for (std::size_t i = b; i < 2 * b; ++i)
        if (!std::isnan(y[i])) {
            lo = std::min(lo, y[i]);
            hi = std::max(hi, y[i]);
        }
    EXPECT_EQ(second.min, lo);
    EXPECT_EQ(second.max, hi);
    EXPECT_EQ(y[b + second.minAt], lo);
    EXPECT_EQ(y[b + second.maxAt], hi);
}
