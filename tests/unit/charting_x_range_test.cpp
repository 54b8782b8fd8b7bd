#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "charting/x_range.h"

using core::charting::XRange;

TEST(XRange, ZoomKeepsTheAnchorAtTheSameRelativePlace)
{
    const XRange r{0.0, 100.0};
    const XRange in = r.zoomedAround(25.0, 0.5);
    EXPECT_DOUBLE_EQ(in.min, 12.5);
    EXPECT_DOUBLE_EQ(in.max, 62.5);
    const XRange out = r.zoomedAround(100.0, 2.0);
    EXPECT_DOUBLE_EQ(out.min, -100.0);
    EXPECT_DOUBLE_EQ(out.max, 100.0);
}

TEST(XRange, ZoomOfAnEmptyRangeGrowsAroundTheAnchor)
{
    const XRange r = XRange{5.0, 5.0}.zoomedAround(5.0, 2.0);
    EXPECT_DOUBLE_EQ(r.width(), 0.0); // zero width scaled stays zero: callers keep a minimum width
    EXPECT_DOUBLE_EQ(r.min, 5.0);
}

TEST(XRange, KeptWithinShiftsWithoutChangingWidth)
{
    const XRange bounds{0.0, 100.0};
    EXPECT_EQ((XRange{-10.0, 20.0}.keptWithin(bounds, 1.0)), (XRange{0.0, 30.0}));
    EXPECT_EQ((XRange{90.0, 120.0}.keptWithin(bounds, 1.0)), (XRange{70.0, 100.0}));
    EXPECT_EQ((XRange{40.0, 50.0}.keptWithin(bounds, 1.0)), (XRange{40.0, 50.0}));
}

TEST(XRange, KeptWithinShrinksToTheBoundsAndWidensToTheMinimum)
{
    const XRange bounds{0.0, 100.0};
    EXPECT_EQ((XRange{-50.0, 250.0}.keptWithin(bounds, 1.0)), bounds);
    const XRange narrow = XRange{40.0, 40.5}.keptWithin(bounds, 10.0);
    EXPECT_DOUBLE_EQ(narrow.width(), 10.0);
    EXPECT_DOUBLE_EQ(narrow.centre(), 40.25);
    // A minimum wider than the bounds yields the bounds.
    EXPECT_EQ((XRange{40.0, 41.0}.keptWithin(XRange{0.0, 5.0}, 10.0)), (XRange{0.0, 5.0}));
}

TEST(XRange, IntersectionAndUnion)
{
    const XRange a{0.0, 10.0};
    EXPECT_EQ(a.intersectedWith({5.0, 20.0}), (XRange{5.0, 10.0}));
    EXPECT_FALSE(a.intersectedWith({11.0, 20.0}).has_value());
    EXPECT_EQ(a.unitedWith({5.0, 20.0}), (XRange{0.0, 20.0}));
}

TEST(XRange, ValidityNeedsFiniteOrderedEnds)
{
    EXPECT_TRUE((XRange{1.0, 1.0}.isValid()));
    EXPECT_FALSE((XRange{2.0, 1.0}.isValid()));
    EXPECT_FALSE((XRange{std::nan(""), 1.0}.isValid()));
    EXPECT_FALSE((XRange{0.0, std::numeric_limits<double>::infinity()}.isValid()));
}
