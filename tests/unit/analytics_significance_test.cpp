// Pairwise significance of CTR and CVR across a comparison: which pairs are tested, Holm over
// the whole family, and the sentences a marketer reads.
#include <cmath>

#include <gtest/gtest.h>

#include "analytics/holm_correction.h"
#include "analytics/pairwise_significance.h"

namespace {

using core::Metric;
using core::PairwiseSignificance;
using core::SignificanceWording;
using core::TestOutcome;

core::KpiSummary kpis(qint64 impressions, qint64 clicks, qint64 conversions)
{
    core::KpiSummary k;
    k.impressions = impressions;
    k.clicks = clicks;
    k.conversions = conversions;
    return k;
}

SignificanceWording::Input words(TestOutcome outcome, core::TwoProportionSample a,
                                 core::TwoProportionSample b, Metric metric = Metric::Ctr)
{
    SignificanceWording::Input in;
    in.metric = metric;
    in.nameA = QStringLiteral("A");
    in.nameB = QStringLiteral("B");
    in.a = a;
    in.b = b;
    in.outcome = outcome;
    return in;
}

TEST(SignificanceWording, SignificantHigherRateReadsAsNotChance)
{
    EXPECT_EQ(SignificanceWording::headline(words(TestOutcome::Significant, {250, 5000}, {295, 5000})),
              QStringLiteral("B's click rate is higher than A's; this is unlikely to be chance."));
    // The segment with the higher rate is always the subject.
    EXPECT_EQ(
        SignificanceWording::headline(words(TestOutcome::Significant, {295, 5000}, {250, 5000}, Metric::Cvr)),
        QStringLiteral("A's conversion rate is higher than B's; this is unlikely to be chance."));
}

TEST(SignificanceWording, NotSignificantSaysItCouldBeChance)
{
    EXPECT_EQ(SignificanceWording::headline(words(TestOutcome::NotSignificant, {250, 5000}, {260, 5000})),
              QStringLiteral("B's click rate is higher than A's, but the difference could be chance."));
    EXPECT_EQ(SignificanceWording::headline(words(TestOutcome::NotSignificant, {50, 1000}, {100, 2000})),
              QStringLiteral("A and B have the same click rate."));
}

TEST(SignificanceWording, NotEnoughDataNamesWhatIsMissing)
{
    const auto in = words(TestOutcome::NotEnoughData, {3, 900}, {40, 1000});
    EXPECT_EQ(SignificanceWording::headline(in),
              QStringLiteral("Too little data yet to compare the click rates of A and B."));
    EXPECT_EQ(SignificanceWording::detail(in),
              QStringLiteral("Each segment needs more than 5 clicks and more than 5 impressions without one; "
                             "A has only 3 clicks."));
    const auto none = words(TestOutcome::NotEnoughData, {0, 0}, {0, 10}, Metric::Cvr);
    EXPECT_EQ(SignificanceWording::detail(none),
              QStringLiteral("Each segment needs more than 5 conversions and more than 5 clicks without one; "
                             "A has no conversions and B has no conversions."));
}

TEST(SignificanceWording, DetailGivesRatesLiftAndTheCorrectedRange)
{
    auto in = words(TestOutcome::Significant, {250, 5000}, {295, 5000});
    in.adjustedCiLow = 0.0001;
    in.adjustedCiHigh = 0.0179;
    in.comparisons = 30;
    EXPECT_EQ(SignificanceWording::detail(in),
              QStringLiteral(
                  "B: 5.90% (295 clicks of 5,000 impressions); A: 5.00% (250 of 5,000). B is 18% higher "
                  "(+0.90 points; 95% range of B − A: +0.01 to +1.79 points, allowing for 30 comparisons)."));
}

TEST(SignificanceWording, PossessivesAndNumbers)
{
    EXPECT_EQ(SignificanceWording::possessive(QStringLiteral("Console Fans")),
              QStringLiteral("Console Fans'"));
    EXPECT_EQ(SignificanceWording::possessive(QStringLiteral("Weekend Hiker")),
              QStringLiteral("Weekend Hiker's"));
    EXPECT_EQ(SignificanceWording::percent(0.01182), QStringLiteral("1.18%"));
    EXPECT_EQ(SignificanceWording::points(-0.0018), QStringLiteral("−0.18 points"));
}

TEST(PairwiseSignificance, EveryPairAndBothRatesInAFixedOrder)
{
    const QStringList names{QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C")};
    const auto tests =
        PairwiseSignificance::run(names, {kpis(5000, 250, 30), kpis(5000, 295, 31), kpis(4000, 200, 20)});
    ASSERT_EQ(tests.size(), 6);
    const QList<std::tuple<int, int, Metric>> expected{{0, 1, Metric::Ctr}, {0, 1, Metric::Cvr},
                                                       {0, 2, Metric::Ctr}, {0, 2, Metric::Cvr},
                                                       {1, 2, Metric::Ctr}, {1, 2, Metric::Cvr}};
    for (qsizetype i = 0; i < tests.size(); ++i) {
        EXPECT_EQ(tests[i].indexA, std::get<0>(expected[i]));
        EXPECT_EQ(tests[i].indexB, std::get<1>(expected[i]));
        EXPECT_EQ(tests[i].metric, std::get<2>(expected[i]));
    }
    EXPECT_EQ(PairwiseSignificance::familySize(tests), 6);
}

TEST(PairwiseSignificance, HolmRunsOverAllPairsAndRatesTogether)
{
    // The reference example's CTRs (raw p = 0.0474) would be significant on their own; with the
    // CVRs (40 % each, p = 1) in the same family Holm doubles the smaller p-value: 0.0949.
    const QStringList names{QStringLiteral("A"), QStringLiteral("B")};
    const auto pair = PairwiseSignificance::run(names, {kpis(5000, 250, 100), kpis(5000, 295, 118)});
    ASSERT_EQ(pair.size(), 2);
    EXPECT_EQ(std::round(pair[0].result.pValue * 1e4) / 1e4, 0.0474);
    EXPECT_EQ(pair[1].result.pValue, 1.0);
    EXPECT_DOUBLE_EQ(pair[0].adjustedPValue, 2 * pair[0].result.pValue);
    EXPECT_EQ(pair[1].adjustedPValue, 1.0);
    EXPECT_EQ(pair[0].outcome, TestOutcome::NotSignificant);
    EXPECT_LT(pair[0].adjustedCiLow, 0.0); // the corrected interval now crosses zero
    EXPECT_EQ(pair[0].headline,
              QStringLiteral("B's click rate is higher than A's, but the difference could be chance."));
    // Alone (the CVRs too thin to test), the same CTRs are significant.
    const auto alone = PairwiseSignificance::run(names, {kpis(5000, 250, 3), kpis(5000, 295, 3)});
    EXPECT_EQ(PairwiseSignificance::familySize(alone), 1);
    EXPECT_EQ(alone[0].adjustedPValue, alone[0].result.pValue);
    EXPECT_EQ(alone[0].outcome, TestOutcome::Significant);
    EXPECT_EQ(alone[0].headline,
              QStringLiteral("B's click rate is higher than A's; this is unlikely to be chance."));

    const QStringList three{QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C")};
    const auto family =
        PairwiseSignificance::run(three, {kpis(5000, 250, 100), kpis(5000, 295, 118), kpis(5000, 251, 101)});
    QList<double> raw;
    for (const auto& t : family)
        raw.append(t.result.pValue);
    const auto adjusted = core::HolmCorrection::adjust(raw);
    for (qsizetype i = 0; i < family.size(); ++i)
        EXPECT_DOUBLE_EQ(family[i].adjustedPValue, adjusted[i]);
    EXPECT_GT(family[0].adjustedPValue, 0.05);
    EXPECT_EQ(family[0].outcome, TestOutcome::NotSignificant);
    EXPECT_EQ(family[0].headline,
              QStringLiteral("B's click rate is higher than A's, but the difference could be chance."));
    EXPECT_TRUE(family[0].detail.contains(QStringLiteral("allowing for 6 comparisons")));
}

TEST(PairwiseSignificance, ClearDifferencesSurviveTheCorrection)
{
    const QStringList names{QStringLiteral("Weekend Hikers"), QStringLiteral("Console Fans")};
    const auto tests = PairwiseSignificance::run(names, {kpis(100000, 1000, 50), kpis(100000, 2000, 100)});
    EXPECT_EQ(tests[0].outcome, TestOutcome::Significant);
    EXPECT_EQ(tests[0].headline,
              QStringLiteral(
                  "Console Fans' click rate is higher than Weekend Hikers'; this is unlikely to be chance."));
    EXPECT_GT(tests[0].adjustedCiLow, 0.0);
    EXPECT_LT(tests[0].adjustedCiLow, tests[0].result.difference);
    // Same CVR (5 %): not significant, and said so.
    EXPECT_EQ(tests[1].outcome, TestOutcome::NotSignificant);
    EXPECT_EQ(tests[1].headline,
              QStringLiteral("Weekend Hikers and Console Fans have the same conversion rate."));
}

TEST(PairwiseSignificance, PairsWithTooLittleDataAreLeftOutOfTheFamily)
{
    const QStringList names{QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C")};
    // C has 4 clicks: its CTR tests and its CVR tests (4 trials) cannot run.
    const auto tests =
        PairwiseSignificance::run(names, {kpis(5000, 250, 30), kpis(5000, 295, 31), kpis(400, 4, 1)});
    EXPECT_EQ(PairwiseSignificance::familySize(tests), 2);
    for (const auto& t : tests) {
        const bool involvesC = t.indexB == 2;
        EXPECT_EQ(t.outcome == TestOutcome::NotEnoughData, involvesC);
        if (involvesC) {
            EXPECT_EQ(t.adjustedPValue, 1.0);
        }
    }
    EXPECT_EQ(tests[0].adjustedPValue,
              core::HolmCorrection::adjust({tests[0].result.pValue, tests[1].result.pValue})[0]);
}

} // namespace
