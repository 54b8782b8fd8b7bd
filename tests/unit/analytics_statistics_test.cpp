// The comparison's statistics against the worked examples of
// shared/docs/reference/audience-and-stats.md §5 (figures at the precision the reference prints)
// and against independent textbook values.
#include <cmath>

#include <gtest/gtest.h>

#include "analytics/holm_correction.h"
#include "analytics/proportion_estimate.h"
#include "analytics/ratio_estimate.h"
#include "analytics/standard_normal.h"
#include "analytics/two_proportion_test.h"

namespace {

using core::HolmCorrection;
using core::StandardNormal;
using core::TwoProportionSample;
using core::TwoProportionTest;

// §5.1 / §5.2 worked example: C = 250/5000, T = 295/5000.
const TwoProportionSample kControl{250, 5000};
const TwoProportionSample kTreatment{295, 5000};

double round(double value, int decimals)
{
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

TEST(StandardNormal, QuantileAndCdfAreInverse)
{
    EXPECT_NEAR(StandardNormal::quantile(0.975), 1.959963984540054, 1e-13);
    EXPECT_NEAR(StandardNormal::quantile(0.5), 0.0, 1e-15);
    EXPECT_NEAR(StandardNormal::cdf(1.959963984540054), 0.975, 1e-15);
    EXPECT_NEAR(StandardNormal::twoSidedCritical(0.95), 1.959963984540054, 1e-13);
    for (double p : {1e-12, 1e-6, 0.001, 0.02425, 0.1, 0.3, 0.7, 0.97575, 0.999, 1 - 1e-9})
        EXPECT_NEAR(StandardNormal::cdf(StandardNormal::quantile(p)), p, 1e-11 * p) << p;
    EXPECT_TRUE(std::isinf(StandardNormal::quantile(1.0)));
    EXPECT_TRUE(std::isinf(StandardNormal::quantile(0.0)));
    EXPECT_TRUE(std::isnan(StandardNormal::quantile(1.5)));
}

TEST(TwoProportionTest, ReferenceWorkedExampleZAndPValue)
{
    const auto r = TwoProportionTest::run(kControl, kTreatment);
    EXPECT_DOUBLE_EQ(r.rateControl, 0.05);
    EXPECT_DOUBLE_EQ(r.rateTreatment, 0.059);
    EXPECT_EQ(round(r.z, 3), 1.982);       // "z = 1.982"
    EXPECT_EQ(round(r.pValue, 4), 0.0474); // "p = 0.0474"
}

TEST(TwoProportionTest, ReferenceWorkedExampleIntervalOfTheDifference)
{
    const auto r = TwoProportionTest::run(kControl, kTreatment);
    // "95 % CI of the absolute difference = [+0.010 pp, +1.790 pp]"
    EXPECT_EQ(round(r.ciLow * 100, 3), 0.010);
    EXPECT_EQ(round(r.ciHigh * 100, 3), 1.790);
    EXPECT_NEAR((r.ciLow + r.ciHigh) / 2, 0.009, 1e-15);
}

TEST(TwoProportionTest, ReferenceWorkedExampleRelativeLift)
{
    const auto r = TwoProportionTest::run(kControl, kTreatment);
    // §5.2 "Same example: lift = +18.0 %, σ̂ = 9.87 pp."
    EXPECT_EQ(round(r.relativeLift * 100, 1), 18.0);
    EXPECT_EQ(round(r.relativeLiftStandardError * 100, 2), 9.87);
}

TEST(TwoProportionTest, SwappingTheGroupsFlipsTheSignOnly)
{
    const auto ab = TwoProportionTest::run(kControl, kTreatment);
    const auto ba = TwoProportionTest::run(kTreatment, kControl);
    EXPECT_DOUBLE_EQ(ab.z, -ba.z);
    EXPECT_DOUBLE_EQ(ab.pValue, ba.pValue);
    EXPECT_DOUBLE_EQ(ab.ciLow, -ba.ciHigh);
}

TEST(TwoProportionTest, EqualRatesGiveNoEvidence)
{
    const auto r = TwoProportionTest::run({100, 4000}, {50, 2000});
    EXPECT_EQ(r.z, 0.0);
    EXPECT_EQ(r.pValue, 1.0);
}

TEST(TwoProportionTest, MinimumDataGuardOfSection55)
{
    // n·p > 5 and n·(1 − p) > 5 in each group.
    EXPECT_FALSE((TwoProportionSample{5, 1000}.enoughData()));
    EXPECT_TRUE((TwoProportionSample{6, 1000}.enoughData()));
    EXPECT_FALSE((TwoProportionSample{95, 100}.enoughData()));
    EXPECT_TRUE((TwoProportionSample{94, 100}.enoughData()));
    EXPECT_FALSE((TwoProportionSample{12, 10}.enoughData())); // more conversions than clicks
}

TEST(HolmCorrection, AdjustsLikeRsPAdjust)
{
    // R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") → 0.03 0.06 0.06 0.02
    const auto adjusted = HolmCorrection::adjust({0.01, 0.04, 0.03, 0.005});
    ASSERT_EQ(adjusted.size(), 4);
    EXPECT_NEAR(adjusted[0], 0.03, 1e-15);
    EXPECT_NEAR(adjusted[1], 0.06, 1e-15);
    EXPECT_NEAR(adjusted[2], 0.06, 1e-15);
    EXPECT_NEAR(adjusted[3], 0.02, 1e-15);
}

TEST(HolmCorrection, StepDownKeepsTheOrderAndCapsAtOne)
{
    // Sorted: 0.002·5 = 0.01, 0.02·4 = 0.08, 0.021·3 = 0.063 → 0.08 (monotone), 0.3·2 = 0.6, 0.9·1 → 0.9.
    const auto adjusted = HolmCorrection::adjust({0.3, 0.002, 0.9, 0.021, 0.02});
    EXPECT_NEAR(adjusted[1], 0.01, 1e-15);
    EXPECT_NEAR(adjusted[4], 0.08, 1e-15);
    EXPECT_NEAR(adjusted[3], 0.08, 1e-15);
    EXPECT_NEAR(adjusted[0], 0.6, 1e-15);
    EXPECT_NEAR(adjusted[2], 0.9, 1e-15);
    const auto capped = HolmCorrection::adjust({0.5, 0.6});
    EXPECT_EQ(capped[0], 1.0);
    EXPECT_EQ(capped[1], 1.0);
    EXPECT_TRUE(HolmCorrection::adjust({}).isEmpty());
    const auto single = HolmCorrection::adjust({0.0474});
    EXPECT_EQ(single[0], 0.0474);
}

TEST(HolmCorrection, AdjustedIntervalIsBackSolvedFromThePValue)
{
    const auto r = TwoProportionTest::run(kControl, kTreatment);
    // With a family of one the adjusted p is the raw p, so the back-solved half width is z·SE₀.
    const auto [low, high] = HolmCorrection::adjustedInterval(r.difference, r.pValue);
    const double half = 1.959963984540054 * r.pooledStandardError;
    EXPECT_NEAR(low, r.difference - half, 1e-12);
    EXPECT_NEAR(high, r.difference + half, 1e-12);
    // An adjusted p of exactly 0.05 puts the bound on zero.
    const auto [atZero, upper] = HolmCorrection::adjustedInterval(0.009, 0.05);
    EXPECT_NEAR(atZero, 0.0, 1e-12);
    EXPECT_NEAR(upper, 0.018, 1e-12);
    // A larger adjusted p widens the interval across zero.
    const auto [wideLow, wideHigh] = HolmCorrection::adjustedInterval(0.009, 0.5);
    EXPECT_LT(wideLow, 0.0);
    EXPECT_GT(wideHigh, 0.018);
    const auto [infLow, infHigh] = HolmCorrection::adjustedInterval(0.009, 1.0);
    EXPECT_TRUE(std::isinf(infLow) && infLow < 0);
    EXPECT_TRUE(std::isinf(infHigh) && infHigh > 0);
}

TEST(ProportionEstimate, WilsonScoreIntervalTextbookValues)
{
    const auto e = core::ProportionEstimate::wilson(10, 100);
    EXPECT_DOUBLE_EQ(e.value, 0.1);
    EXPECT_EQ(round(e.low, 4), 0.0552);
    EXPECT_EQ(round(e.high, 4), 0.1744);
    EXPECT_TRUE(e.hasInterval);
    // No successes: [0, z²/(n + z²)] rather than the useless [0, 0].
    const auto none = core::ProportionEstimate::wilson(0, 40);
    EXPECT_EQ(none.low, 0.0);
    EXPECT_NEAR(none.high, 3.841458820694124 / (40 + 3.841458820694124), 1e-12);
}

TEST(ProportionEstimate, WithoutTrialsOrWithTooManySuccessesThereIsNoInterval)
{
    const auto empty = core::ProportionEstimate::wilson(0, 0);
    EXPECT_FALSE(empty.defined());
    EXPECT_FALSE(empty.hasInterval);
    const auto ratio = core::ProportionEstimate::wilson(12, 10);
    EXPECT_DOUBLE_EQ(ratio.value, 1.2);
    EXPECT_FALSE(ratio.hasInterval);
}

TEST(RatioEstimate, DeltaMethodAgreesWithTheTextbookRatioEstimator)
{
    // Three days of (spend, impressions): CPM = 1000 · 36 / 7000.
    const QList<core::RatioEstimate::Unit> days{{10, 2000}, {18, 3000}, {8, 2000}};
    const auto cpm = core::RatioEstimate::deltaMethod(days, 1000.0);
    EXPECT_NEAR(cpm.value, 1000.0 * 36 / 7000, 1e-12);
    // Textbook ratio-estimator variance: Σ(m − R·d)² / ((n − 1)·n·d̄²).
    const double r = 36.0 / 7000;
    double ss = 0;
    for (const auto& d : days)
        ss += (d.numerator - r * d.denominator) * (d.numerator - r * d.denominator);
    const double se = 1000 * std::sqrt(ss / (2 * 3 * (7000.0 / 3) * (7000.0 / 3)));
    EXPECT_NEAR(cpm.high - cpm.value, 1.959963984540054 * se, 1e-9);
    EXPECT_NEAR(cpm.value - cpm.low, 1.959963984540054 * se, 1e-9);
    EXPECT_EQ(cpm.units, 3);
    EXPECT_TRUE(cpm.hasInterval);
}

TEST(RatioEstimate, SteadyPriceHasAZeroWidthIntervalAndOneDayHasNone)
{
    const auto steady = core::RatioEstimate::deltaMethod({{5, 1000}, {10, 2000}, {2.5, 500}}, 1000.0);
    EXPECT_NEAR(steady.value, 5.0, 1e-12);
    EXPECT_NEAR(steady.low, 5.0, 1e-9);
    EXPECT_NEAR(steady.high, 5.0, 1e-9);
    const auto oneDay = core::RatioEstimate::deltaMethod({{5, 1000}}, 1000.0);
    EXPECT_DOUBLE_EQ(oneDay.value, 5.0);
    EXPECT_FALSE(oneDay.hasInterval);
    EXPECT_FALSE(core::RatioEstimate::deltaMethod({}, 1000.0).hasInterval);
}

} // namespace
