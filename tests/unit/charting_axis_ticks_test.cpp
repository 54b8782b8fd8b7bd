#include <cmath>

#include <gtest/gtest.h>

#include "charting/axis_ticks.h"

using core::charting::AxisTicks;
using core::charting::looseAxisTicks;

TEST(AxisTicks, WidensToRoundStepsAroundTheValues)
{
    const AxisTicks t = looseAxisTicks(3.2, 97.5, 5);
    EXPECT_EQ(t.step, 20.0);
    EXPECT_EQ(t.min, 0.0);
    EXPECT_EQ(t.max, 100.0);
    EXPECT_EQ(t.tickCount, 6);
}

TEST(AxisTicks, HandlesLargeNegativeAndTinyRanges)
{
    const AxisTicks big = looseAxisTicks(-1234.0, 98765.0, 5);
    EXPECT_LE(big.min, -1234.0);
    EXPECT_GE(big.max, 98765.0);
    EXPECT_EQ(big.step, 20000.0);
    const AxisTicks tiny = looseAxisTicks(0.00123, 0.00187, 5);
    EXPECT_LE(tiny.min, 0.00123);
    EXPECT_GE(tiny.max, 0.00187);
    EXPECT_NEAR(tiny.step, 0.0002, 1e-12);
    for (const AxisTicks& t : {big, tiny}) {
        EXPECT_NEAR(std::remainder(t.min, t.step), 0.0, t.step * 1e-9);
        EXPECT_EQ(t.tickCount, static_cast<int>(std::lround((t.max - t.min) / t.step)) + 1);
        EXPECT_LE(t.tickCount, 11);
    }
}

TEST(AxisTicks, EmptyRangeGetsAUnitAroundTheValue)
{
    const AxisTicks t = looseAxisTicks(42.0, 42.0, 5);
    EXPECT_LE(t.min, 41.5);
    EXPECT_GE(t.max, 42.5);
    EXPECT_EQ(looseAxisTicks(std::nan(""), 1.0, 5), AxisTicks{});
}
