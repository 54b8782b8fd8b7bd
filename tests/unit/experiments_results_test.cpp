// The experiment readout (core/experiments/experiment_results.h): the sample-ratio check comes
// first, "too early" until every arm has the minimum data, then each treatment against the
// control with Holm across treatments; the reference's worked example reproduced through it, a
// per-person mean against a hand computation, and the uplift series.
#include <cmath>

#include <gtest/gtest.h>

#include "analytics/holm_correction.h"
#include "experiments/experiment_results.h"

namespace {

using core::ExperimentArmTotals;
using core::ExperimentComparison;
using core::ExperimentData;
using core::ExperimentMetric;
using core::ExperimentResults;

core::Experiment experiment(QList<int> weights, ExperimentMetric metric = ExperimentMetric::Ctr)
{
    core::Experiment e;
    e.name = QStringLiteral("Spring banner");
    e.key = QStringLiteral("spring");
    const QStringList names{QStringLiteral("control"), QStringLiteral("banner"), QStringLiteral("video"),
                            QStringLiteral("carousel")};
    for (qsizetype i = 0; i < weights.size(); ++i)
        e.arms.append({names.at(i), weights.at(i)});
    e.startDate = QDate(2026, 11, 1);
    e.primaryMetric = metric;
    return e;
}

ExperimentArmTotals arm(int index, qint64 users, qint64 impressions, qint64 clicks, qint64 conversions = 0)
{
    ExperimentArmTotals t;
    t.arm = index;
    t.users = users;
    t.impressions = impressions;
    t.clicks = clicks;
    t.conversions = conversions;
    return t;
}

ExperimentData dataOf(QList<ExperimentArmTotals> arms)
{
    ExperimentData d;
    d.firstDay = QDate(2026, 11, 1);
    d.lastDay = QDate(2026, 11, 20);
    d.asOf = d.lastDay;
    d.arms = std::move(arms);
    return d;
}

TEST(ExperimentResults, TheWorkedExampleIsPromisingButNotConclusiveWhenLookingEveryDay)
{
    // audience-and-stats §5.1–5.4: C = 250/5000, T = 295/5000 (clicks of impressions).
    const auto r = ExperimentResults::read(experiment({50, 50}),
                                           dataOf({arm(0, 2000, 5000, 250), arm(1, 2000, 5000, 295), arm(-1, 400, 900, 40)}));
    EXPECT_FALSE(r.sampleRatio.warning);
    EXPECT_FALSE(r.tooEarly);
    ASSERT_EQ(r.arms.size(), 3);
    EXPECT_EQ(r.arms.at(2).name, QStringLiteral("holdout"));
    EXPECT_NEAR(r.arms.at(0).value, 0.05, 1e-12);
    EXPECT_LT(r.arms.at(0).low, 0.05);
    ASSERT_EQ(r.comparisons.size(), 1);
    const ExperimentComparison& c = r.comparisons.first();
    EXPECT_NEAR(c.statistics.test.pValue, 0.0474, 5e-5);
    EXPECT_DOUBLE_EQ(c.adjustedPValue, c.statistics.test.pValue) << "one treatment: Holm changes nothing";
    EXPECT_NEAR(c.statistics.chanceToWin, 0.966, 5e-4);
    EXPECT_EQ(c.verdict, ExperimentComparison::Verdict::Promising);
    EXPECT_LT(c.statistics.sequentialRelativeLow, 0);
    EXPECT_TRUE(c.sentence.contains(QStringLiteral("+18.0%"))) << c.sentence.toStdString();
    EXPECT_TRUE(c.sentence.contains(QStringLiteral("Chance to beat the control: 97%"))) << c.sentence.toStdString();
    EXPECT_TRUE(c.sentence.contains(QStringLiteral("Keep the experiment running"))) << c.sentence.toStdString();
    EXPECT_TRUE(r.headline.contains(QStringLiteral("No clear winner"))) << r.headline.toStdString();
    EXPECT_EQ(r.sentences.first(), r.sampleRatioSentence) << "the split is read first";
}

TEST(ExperimentResults, ASampleRatioMismatchIsShownBeforeAnyResult)
{
    // §3.3: 10,300 / 9,700 on 50/50 → χ² = 18, p = 2.2e-5: warn.
    const auto r = ExperimentResults::read(experiment({50, 50}),
                                           dataOf({arm(0, 10300, 200000, 4000), arm(1, 9700, 200000, 5000)}));
    EXPECT_TRUE(r.sampleRatio.warning);
    EXPECT_NEAR(r.sampleRatio.chiSquare, 18.0, 1e-9);
    EXPECT_TRUE(r.headline.startsWith(QStringLiteral("Check the split first"))) << r.headline.toStdString();
    EXPECT_TRUE(r.sentences.first().startsWith(QStringLiteral("Sample-ratio mismatch"))) << r.sentences.first().toStdString();
    EXPECT_TRUE(r.sentences.first().contains(QStringLiteral("10,300 / 9,700")));
    // 5,100 / 4,900 is no mismatch (p = 0.046 > 0.001).
    const auto fine = ExperimentResults::read(experiment({50, 50}),
                                              dataOf({arm(0, 5100, 20000, 400), arm(1, 4900, 20000, 420)}));
    EXPECT_FALSE(fine.sampleRatio.warning);
    EXPECT_TRUE(fine.sampleRatioSentence.contains(QStringLiteral("match the 50/50 split (p = 0.046)")))
        << fine.sampleRatioSentence.toStdString();
}

TEST(ExperimentResults, TooEarlyUntilEveryArmHasTheMinimumData)
{
    const auto r = ExperimentResults::read(experiment({50, 50}),
                                           dataOf({arm(0, 300, 800, 3), arm(1, 300, 800, 40)}));
    EXPECT_TRUE(r.tooEarly);
    ASSERT_EQ(r.comparisons.size(), 1);
    EXPECT_EQ(r.comparisons.first().verdict, ExperimentComparison::Verdict::TooEarly);
    EXPECT_TRUE(r.comparisons.first().sentence.contains(QStringLiteral("more than 5 clicks")))
        << r.comparisons.first().sentence.toStdString();
    EXPECT_TRUE(r.headline.startsWith(QStringLiteral("Too early"))) << r.headline.toStdString();
    // The holdout's data does not count: it is never compared.
    const auto ready = ExperimentResults::read(experiment({50, 50}),
                                               dataOf({arm(0, 300, 800, 30), arm(1, 300, 800, 40), arm(-1, 10, 10, 0)}));
    EXPECT_FALSE(ready.tooEarly);
    // No day with data yet.
    ExperimentData none = dataOf({arm(0, 300, 0, 0), arm(1, 300, 0, 0)});
    none.lastDay = QDate();
    const auto waiting = ExperimentResults::read(experiment({50, 50}), none);
    EXPECT_TRUE(waiting.headline.startsWith(QStringLiteral("No data yet"))) << waiting.headline.toStdString();
}

TEST(ExperimentResults, AClearWinnerBeatsTheControlEvenWithDailyLooks)
{
    const auto r = ExperimentResults::read(experiment({50, 50}),
                                           dataOf({arm(0, 25000, 50000, 1000), arm(1, 25000, 50000, 1500)}));
    ASSERT_EQ(r.comparisons.size(), 1);
    EXPECT_EQ(r.comparisons.first().verdict, ExperimentComparison::Verdict::Better);
    EXPECT_GT(r.comparisons.first().statistics.sequentialRelativeLow, 0);
    EXPECT_EQ(r.headline, QStringLiteral("“banner” beats the control on click rate (CTR) (+50.0%)."));
    const auto worse = ExperimentResults::read(experiment({50, 50}),
                                               dataOf({arm(0, 25000, 50000, 1500), arm(1, 25000, 50000, 1000)}));
    EXPECT_EQ(worse.comparisons.first().verdict, ExperimentComparison::Verdict::Worse);
    EXPECT_TRUE(worse.headline.contains(QStringLiteral("does worse"))) << worse.headline.toStdString();
}

TEST(ExperimentResults, HolmCorrectsAcrossTheTreatments)
{
    const auto r = ExperimentResults::read(experiment({40, 30, 30}),
                                           dataOf({arm(0, 4000, 10000, 500), arm(1, 3000, 10000, 560),
                                                   arm(2, 3000, 10000, 520)}));
    ASSERT_EQ(r.comparisons.size(), 2);
    const QList<double> raw{r.comparisons.at(0).statistics.test.pValue, r.comparisons.at(1).statistics.test.pValue};
    const QList<double> holm = core::HolmCorrection::adjust(raw);
    EXPECT_DOUBLE_EQ(r.comparisons.at(0).adjustedPValue, holm.at(0));
    EXPECT_DOUBLE_EQ(r.comparisons.at(1).adjustedPValue, holm.at(1));
    EXPECT_DOUBLE_EQ(r.comparisons.at(0).adjustedPValue, std::min(1.0, 2 * raw.at(0))) << "the smaller p doubles";
    EXPECT_TRUE(r.comparisons.at(0).sentence.contains(QStringLiteral("after Holm's correction for 2 treatments")))
        << r.comparisons.at(0).sentence.toStdString();
}

TEST(ExperimentResults, ConversionsPerPersonAreAMeanOverEveryMember)
{
    // Control: 1,000 people, 120 conversions, Σx² = 200; treatment: 1,000 people, 160, Σx² = 280.
    ExperimentArmTotals c = arm(0, 1000, 50000, 900, 120);
    c.conversionsSquared = 200;
    ExperimentArmTotals t = arm(1, 1000, 50000, 900, 160);
    t.conversionsSquared = 280;
    const auto r = ExperimentResults::read(experiment({50, 50}, ExperimentMetric::ConversionsPerUser), dataOf({c, t}));
    const double vC = (200 - 1000 * 0.12 * 0.12) / 999;
    const double vT = (280 - 1000 * 0.16 * 0.16) / 999;
    const double se = std::sqrt(vC / 1000 + vT / 1000);
    ASSERT_EQ(r.comparisons.size(), 1);
    const auto& s = r.comparisons.first().statistics;
    EXPECT_DOUBLE_EQ(s.test.rateControl, 0.12);
    EXPECT_DOUBLE_EQ(s.test.rateTreatment, 0.16);
    EXPECT_NEAR(s.test.standardError, se, 1e-15);
    EXPECT_NEAR(s.test.z, 0.04 / se, 1e-12);
    EXPECT_NEAR(s.test.relativeLift, 1.0 / 3.0, 1e-12);
    EXPECT_NEAR(r.arms.at(0).high - r.arms.at(0).value, 1.959963984540054 * std::sqrt(vC / 1000), 1e-12);
    EXPECT_TRUE(r.comparisons.first().sentence.contains(QStringLiteral("conversions per person 0.160 vs 0.120")))
        << r.comparisons.first().sentence.toStdString();
    // Fewer than 150 people per arm is too early for a per-person metric.
    const auto small = ExperimentResults::read(experiment({50, 50}, ExperimentMetric::ConversionsPerUser),
                                               dataOf({arm(0, 100, 500, 50, 20), arm(1, 100, 500, 50, 30)}));
    EXPECT_TRUE(small.tooEarly);
}

TEST(ExperimentResults, SpendPerPersonUsesCurrencyUnits)
{
    ExperimentArmTotals c = arm(0, 500, 10000, 100);
    c.spendMicros = 1'000'000'000; // 1,000 over 500 people: 2.00 each
    c.spendSquared = 500 * 4.0 + 499 * 1.0; // variance about 1
    ExperimentArmTotals t = arm(1, 500, 10000, 100);
    t.spendMicros = 1'100'000'000;
    t.spendSquared = 500 * 4.84 + 499 * 1.0;
    const auto r = ExperimentResults::read(experiment({50, 50}, ExperimentMetric::SpendPerUser), dataOf({c, t}));
    EXPECT_DOUBLE_EQ(r.arms.at(0).value, 2.0);
    EXPECT_NEAR(r.comparisons.first().statistics.test.difference, 0.2, 1e-12);
    EXPECT_EQ(ExperimentResults::formatValue(ExperimentMetric::SpendPerUser, 2.2), QStringLiteral("2.20"));
    // With the advertiser's currency the values and the sentences are money.
    EXPECT_EQ(ExperimentResults::formatValue(ExperimentMetric::SpendPerUser, 2.2, QStringLiteral("EUR")),
              QStringLiteral("€2.20"));
    const auto inEuros =
        ExperimentResults::read(experiment({50, 50}, ExperimentMetric::SpendPerUser), dataOf({c, t}), {}, QStringLiteral("EUR"));
    const QString sentence = inEuros.comparisons.first().sentence;
    EXPECT_TRUE(sentence.contains(QStringLiteral("€2.20")) && sentence.contains(QStringLiteral("€2.00")) &&
                sentence.contains(QStringLiteral("+€0.20 per person")))
        << sentence.toStdString();
}

TEST(ExperimentResults, ConversionRateRefusesArmsWithMoreConversionsThanClicks)
{
    const auto r = ExperimentResults::read(experiment({50, 50}, ExperimentMetric::Cvr),
                                           dataOf({arm(0, 1000, 9000, 100, 140), arm(1, 1000, 9000, 100, 60)}));
    EXPECT_TRUE(r.tooEarly);
    EXPECT_TRUE(r.comparisons.first().sentence.contains(QStringLiteral("more conversions than clicks")))
        << r.comparisons.first().sentence.toStdString();
}

TEST(ExperimentResults, TheUpliftSeriesFollowsTheCumulativeDays)
{
    ExperimentData d = dataOf({arm(0, 1000, 4000, 200), arm(1, 1000, 4000, 260)});
    d.days = {{QDate(2026, 11, 1), arm(0, 1000, 2000, 100)}, {QDate(2026, 11, 1), arm(1, 1000, 2000, 120)},
              {QDate(2026, 11, 1), arm(-1, 0, 0, 0)},        {QDate(2026, 11, 2), arm(0, 1000, 4000, 200)},
              {QDate(2026, 11, 2), arm(1, 1000, 4000, 260)}, {QDate(2026, 11, 2), arm(-1, 0, 0, 0)}};
    const auto r = ExperimentResults::read(experiment({50, 50}), d);
    ASSERT_EQ(r.days.size(), 2) << "one point per day and treatment";
    EXPECT_EQ(r.days.at(0).day, QDate(2026, 11, 1));
    EXPECT_NEAR(r.days.at(0).relativeLift, 0.2, 1e-12);
    EXPECT_NEAR(r.days.at(1).relativeLift, 0.3, 1e-12);
    EXPECT_TRUE(r.days.at(1).defined);
    EXPECT_LT(r.days.at(0).sequentialLow, r.days.at(0).relativeLift);
    EXPECT_LT(r.days.at(1).sequentialHigh - r.days.at(1).sequentialLow,
              r.days.at(0).sequentialHigh - r.days.at(0).sequentialLow)
        << "the band narrows as data comes in";
}

TEST(ExperimentResults, Formats)
{
    EXPECT_EQ(ExperimentResults::formatLift(0.1), QStringLiteral("+10.0%"));
    EXPECT_EQ(ExperimentResults::formatLift(-0.0234), QStringLiteral("−2.3%"));
    EXPECT_EQ(ExperimentResults::formatLift(-0.00001), QStringLiteral("0.0%"));
    EXPECT_EQ(ExperimentResults::formatPValue(0.0004), QStringLiteral("< 0.001"));
    EXPECT_EQ(ExperimentResults::formatPValue(0.0474), QStringLiteral("0.047"));
    EXPECT_EQ(ExperimentResults::formatValue(ExperimentMetric::Ctr, 0.02312), QStringLiteral("2.31%"));
}

} // namespace
