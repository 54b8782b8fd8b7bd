// The experiment readout against every worked example of audience-and-stats.md §5 and
// activation-experiments-sync.md §3.3/§3.6 (tolerance: half a unit of the last printed digit),
// plus the A/A peeking property of the sequential interval.
#include <cmath>
#include <random>

#include <gtest/gtest.h>

#include "experiments/chi_square.h"
#include "experiments/experiment_statistics.h"
#include "experiments/sample_ratio_check.h"
#include "experiments/sample_size_planner.h"

namespace {

using core::ArmVsControl;
using core::ChiSquare;
using core::ExperimentOptions;
using core::ExperimentStatistics;
using core::SampleRatioCheck;
using core::SampleSizePlanner;
using core::SampleSizeRequest;
using core::TwoProportionSample;

// audience-and-stats §5.1–5.4 example: C = 250/5000, T = 295/5000.
const TwoProportionSample kControl{250, 5000};
const TwoProportionSample kTreatment{295, 5000};

TEST(ExperimentStatistics, ZTestOfTheWorkedExample)
{
    const ArmVsControl r = ExperimentStatistics::compare(kControl, kTreatment);
    EXPECT_TRUE(r.enoughData);
    EXPECT_NEAR(r.test.z, 1.982, 5e-4);
    EXPECT_NEAR(r.test.pValue, 0.0474, 5e-5);
    EXPECT_NEAR(r.test.ciLow, 0.00010, 5e-6); // +0.010 pp
    EXPECT_NEAR(r.test.ciHigh, 0.01790, 5e-6); // +1.790 pp
}

TEST(ExperimentStatistics, RelativeLiftAndItsDeltaMethodStandardError)
{
    const ArmVsControl r = ExperimentStatistics::compare(kControl, kTreatment);
    EXPECT_NEAR(r.test.relativeLift, 0.180, 5e-4);               // +18.0 %
    EXPECT_NEAR(r.test.relativeLiftStandardError, 0.0987, 5e-5); // 9.87 pp
    EXPECT_NEAR(r.relativeLow, 0.18 - 1.959963984540054 * r.test.relativeLiftStandardError, 1e-12);
    EXPECT_GT(r.relativeLow, -0.02);
    EXPECT_LT(r.relativeLow, 0);
    EXPECT_NEAR(r.relativePValue, 2 * (1 - 0.9659), 1e-3); // z = 0.18/0.0987 = 1.824
}

TEST(ExperimentStatistics, ChanceToWinWithTheFlatPrior)
{
    const ArmVsControl r = ExperimentStatistics::compare(kControl, kTreatment);
    EXPECT_NEAR(r.chanceToWin, 0.966, 5e-4); // ≈ 96.6 %
    EXPECT_DOUBLE_EQ(r.posteriorMean, r.test.relativeLift);
    EXPECT_DOUBLE_EQ(r.posteriorStdDev, r.test.relativeLiftStandardError);
}

TEST(ExperimentStatistics, ProperPriorShrinksTowardZero)
{
    ExperimentOptions options;
    options.properPrior = true; // N(0, 0.3²)
    const ArmVsControl r = ExperimentStatistics::compare(kControl, kTreatment, options);
    const double s2 = r.test.relativeLiftStandardError * r.test.relativeLiftStandardError;
    const double precision = 1 / s2 + 1 / 0.09;
    EXPECT_NEAR(r.posteriorMean, (r.test.relativeLift / s2) / precision, 1e-12);
    EXPECT_NEAR(r.posteriorStdDev, std::sqrt(1 / precision), 1e-12);
    EXPECT_LT(r.chanceToWin, 0.966);
    EXPECT_GT(r.chanceToWin, 0.95);
}

TEST(ExperimentStatistics, SequentialHalfWidthOfTheWorkedExample)
{
    // §5.4: at N = 10,000 (N* = 5,000) the half-width is 30.2 pp vs 19.3 pp fixed-horizon.
    const ArmVsControl r = ExperimentStatistics::compare(kControl, kTreatment);
    const double se = r.test.relativeLiftStandardError;
    EXPECT_NEAR((r.sequentialRelativeHigh - r.sequentialRelativeLow) / 2, 0.302, 5e-4);
    EXPECT_NEAR(1.959963984540054 * se, 0.193, 5e-4);
    EXPECT_NEAR(ExperimentStatistics::sequentialHalfWidth(se, 10000), 0.302, 5e-4);
    EXPECT_FALSE(r.sequentialSignificant());
    // The absolute interval uses the same factor on the unpooled standard error.
    EXPECT_NEAR((r.sequentialAbsoluteHigh - r.sequentialAbsoluteLow) / (r.test.ciHigh - r.test.ciLow), 0.302 / 0.193,
                0.01);
    // Wider than fixed horizon at every N here, and it narrows as N grows.
    EXPECT_GT(ExperimentStatistics::sequentialHalfWidth(1.0 / std::sqrt(1000.0), 1000), 1.96 / std::sqrt(1000.0));
    EXPECT_LT(ExperimentStatistics::sequentialHalfWidth(1.0 / std::sqrt(40000.0), 40000),
              ExperimentStatistics::sequentialHalfWidth(1.0 / std::sqrt(10000.0), 10000));
}

TEST(ExperimentStatistics, ArmRatesAndCompareToControl)
{
    const auto rates = ExperimentStatistics::armRates({kControl, kTreatment, {0, 40}});
    ASSERT_EQ(rates.size(), 3);
    EXPECT_DOUBLE_EQ(rates.at(0).value, 0.05);
    EXPECT_LT(rates.at(0).low, 0.05);
    EXPECT_GT(rates.at(0).high, 0.05);
    EXPECT_NEAR(rates.at(2).high, 0.088, 5e-4); // Wilson: 0 of 40 is [0 %, 8.8 %]
    const auto comparisons = ExperimentStatistics::compareToControl({kControl, kTreatment, kControl});
    ASSERT_EQ(comparisons.size(), 2);
    EXPECT_NEAR(comparisons.at(0).test.z, 1.982, 5e-4);
    EXPECT_DOUBLE_EQ(comparisons.at(1).test.difference, 0);
    EXPECT_DOUBLE_EQ(comparisons.at(1).chanceToWin, 0.5);
    EXPECT_FALSE(ExperimentStatistics::compare({3, 100}, {4, 100}).enoughData);
    EXPECT_TRUE(ExperimentStatistics::compareToControl({kControl}).isEmpty());
}

TEST(ChiSquare, SurvivalAgainstClosedForms)
{
    for (double x : {0.1, 1.0, 4.0, 10.0, 18.0, 40.0}) {
        EXPECT_NEAR(ChiSquare::survival(x, 1), std::erfc(std::sqrt(x / 2)), 1e-13) << x; // 2(1 − Φ(√x))
        EXPECT_NEAR(ChiSquare::survival(x, 2), std::exp(-x / 2), 1e-13) << x;
        EXPECT_NEAR(ChiSquare::survival(x, 4), std::exp(-x / 2) * (1 + x / 2), 1e-13) << x;
    }
    EXPECT_NEAR(ChiSquare::survival(11.0705, 5), 0.05, 1e-5); // table value χ²_{0.95, 5}
    EXPECT_DOUBLE_EQ(ChiSquare::survival(0, 3), 1.0);
    EXPECT_TRUE(std::isnan(ChiSquare::survival(1, 0)));
}

TEST(SampleRatioCheck, TheReferenceTable)
{
    // activation-experiments-sync.md §3.3 (and audience-and-stats §5.5 for the first row).
    struct Row
    {
        QList<qint64> units;
        QList<double> weights;
        double chi2;
        double p;
        double pTolerance;
        bool warn;
    };
    const Row rows[] = {
        {{5100, 4900}, {50, 50}, 4.00, 0.0455, 5e-5, false},
        {{50500, 49500}, {50, 50}, 10.00, 0.00157, 5e-6, false},
        {{10300, 9700}, {50, 50}, 18.00, 2.2e-5, 5e-7, true},
        {{9000, 1100}, {90, 10}, 8.91, 0.00283, 5e-6, false},
        {{3500, 3200, 3300}, {1, 1, 1}, 14.00, 0.00091, 5e-6, true},
    };
    for (const auto& row : rows) {
        const auto r = SampleRatioCheck::check(row.units, row.weights);
        EXPECT_NEAR(r.chiSquare, row.chi2, 5e-3) << row.units.first();
        EXPECT_NEAR(r.pValue, row.p, row.pTolerance) << row.units.first();
        EXPECT_EQ(r.warning, row.warn) << row.units.first();
        EXPECT_EQ(r.degreesOfFreedom, row.units.size() - 1);
    }
}

TEST(SampleRatioCheck, EdgeCases)
{
    EXPECT_DOUBLE_EQ(SampleRatioCheck::check({0, 0}, {50, 50}).pValue, 1.0);
    EXPECT_DOUBLE_EQ(SampleRatioCheck::check({5000, 5000}, {0.5, 0.5}).pValue, 1.0);
    const auto few = SampleRatioCheck::check({7, 100}, {50, 50}); // huge χ², but an arm has < 8 units
    EXPECT_LT(few.pValue, 0.001);
    EXPECT_FALSE(few.enoughUnits);
    EXPECT_FALSE(few.warning);
    const auto zeroWeight = SampleRatioCheck::check({5000, 5000, 0}, {50, 50, 0}); // skipped, still k − 1 = 2 df
    EXPECT_DOUBLE_EQ(zeroWeight.chiSquare, 0);
    EXPECT_EQ(zeroWeight.degreesOfFreedom, 2);
}

TEST(SampleSizePlanner, TheReferenceExamples)
{
    // activation-experiments-sync.md §3.6 (α 0.05, power 0.8); 31,234 also in audience-and-stats §5.5.
    auto n = [](double p1, double mde, bool relative = false) {
        SampleSizeRequest request;
        request.baselineRate = p1;
        request.minimumDetectableEffect = mde;
        request.relativeEffect = relative;
        const auto r = SampleSizePlanner::perArm(request);
        EXPECT_TRUE(r.ok());
        return r.ok() ? r.value() : -1;
    };
    EXPECT_EQ(n(0.05, 0.005), 31234);
    EXPECT_EQ(n(0.02, 0.005), 13809);
    EXPECT_EQ(n(0.10, 0.01), 14751);
    EXPECT_EQ(n(0.03, 0.003), 53211);
    EXPECT_EQ(n(0.05, 0.10, true), 31234); // +10 % relative of 5 % is 5.5 %
    EXPECT_EQ(n(0.10, 0.10, true), 14751);
}

TEST(SampleSizePlanner, BonferroniAndValidation)
{
    SampleSizeRequest request{0.05, 0.005, false, 0.05, 0.8, 3, true}; // α/2 per comparison
    const auto corrected = SampleSizePlanner::perArm(request);
    ASSERT_TRUE(corrected.ok());
    SampleSizeRequest plain = request;
    plain.alpha = 0.025;
    plain.bonferroni = false;
    EXPECT_EQ(corrected.value(), SampleSizePlanner::perArm(plain).value());
    EXPECT_GT(corrected.value(), 31234);

    auto code = [](SampleSizeRequest r) {
        const auto result = SampleSizePlanner::perArm(r);
        return result.ok() ? QStringLiteral("ok") : result.error().code;
    };
    EXPECT_EQ(code({0, 0.005}), QStringLiteral("sample_size_baseline"));
    EXPECT_EQ(code({1, 0.005}), QStringLiteral("sample_size_baseline"));
    EXPECT_EQ(code({0.05, 0}), QStringLiteral("sample_size_effect"));
    EXPECT_EQ(code({0.99, 0.05}), QStringLiteral("sample_size_effect"));
    EXPECT_EQ(code({0.05, 0.005, false, 0}), QStringLiteral("sample_size_alpha"));
    EXPECT_EQ(code({0.05, 0.005, false, 0.05, 1}), QStringLiteral("sample_size_power"));
    EXPECT_EQ(code({0.05, 0.005, false, 0.05, 0.8, 1}), QStringLiteral("sample_size_arms"));
}

TEST(ExperimentStatistics, AaPeekingSequentialHoldsAlphaNaiveDoesNot)
{
    // 1,000 A/A experiments, 30 daily looks each at the cumulative counts; 150 units per arm per
    // day at a 10 % rate (N = 9,000 at the end, N* = 5,000). Daily counts are binomial draws.
    constexpr int kExperiments = 1000;
    constexpr int kDays = 30;
    constexpr qint64 kUnitsPerArmPerDay = 150;
    std::mt19937_64 rng(20250617);
    std::binomial_distribution<qint64> day(kUnitsPerArmPerDay, 0.10);
    int sequentialRejections = 0;
    int naiveRejections = 0;
    for (int e = 0; e < kExperiments; ++e) {
        TwoProportionSample a;
        TwoProportionSample b;
        bool sequential = false;
        bool naive = false;
        for (int d = 0; d < kDays; ++d) {
            a.trials += kUnitsPerArmPerDay;
            b.trials += kUnitsPerArmPerDay;
            a.successes += day(rng);
            b.successes += day(rng);
            if (!a.enoughData() || !b.enoughData())
                continue;
            const ArmVsControl r = ExperimentStatistics::compare(a, b);
            sequential = sequential || r.sequentialSignificant();
            naive = naive || r.test.pValue < 0.05;
        }
        sequentialRejections += sequential ? 1 : 0;
        naiveRejections += naive ? 1 : 0;
    }
    const double sequentialRate = sequentialRejections / double(kExperiments);
    const double naiveRate = naiveRejections / double(kExperiments);
    RecordProperty("sequential_rejection_rate", std::to_string(sequentialRate));
    RecordProperty("naive_rejection_rate", std::to_string(naiveRate));
    EXPECT_LE(sequentialRate, 0.05) << "naive " << naiveRate;
    EXPECT_GT(naiveRate, 0.10) << "sequential " << sequentialRate; // peeking inflates far beyond 5 %
    EXPECT_GT(naiveRate, sequentialRate);
    std::printf("A/A, %d experiments x %d looks: sequential rejects %.1f %%, naive daily z-test %.1f %%\n",
                kExperiments, kDays, 100 * sequentialRate, 100 * naiveRate);
}

} // namespace
