// KPI cards from daily rows, and the day/week/month rollup of the metric charts.
#include <gtest/gtest.h>

#include "analytics/kpi_summary.h"
#include "analytics/metric_rollup.h"

namespace {

using core::DailyMetrics;
using core::DateRange;
using core::Granularity;
using core::Metric;
using core::MetricRollup;

DailyMetrics day(const char* iso, qint64 impressions, qint64 clicks, qint64 conversions, qint64 users,
                 qint64 spendMicros)
{
    return DailyMetrics{QDate::fromString(QLatin1String(iso), Qt::ISODate),
                        impressions,
                        clicks,
                        conversions,
                        users,
                        spendMicros};
}

DateRange range(const char* first, const char* last)
{
    return DateRange{QDate::fromString(QLatin1String(first), Qt::ISODate),
                     QDate::fromString(QLatin1String(last), Qt::ISODate)};
}

TEST(KpiSummary, TotalsAndRatesOverTheRangeOnly)
{
    const QList<core::DailyMetrics> rows{
        day("2026-11-01", 999, 99, 9, 99, 9'000'000), // before the range: ignored
        day("2026-11-02", 2000, 30, 3, 150, 10'000'000),
        day("2026-11-03", 3000, 45, 5, 210, 18'000'000),
        day("2026-11-05", 2000, 25, 2, 140, 8'000'000),
        day("2026-11-09", 500, 5, 1, 40, 2'000'000), // after: ignored
    };
    const auto k = core::KpiSummary::of(rows, range("2026-11-02", "2026-11-08"));
    EXPECT_EQ(k.impressions, 7000);
    EXPECT_EQ(k.clicks, 100);
    EXPECT_EQ(k.conversions, 10);
    EXPECT_EQ(k.spendMicros, 36'000'000);
    EXPECT_DOUBLE_EQ(k.spend(), 36.0);
    EXPECT_EQ(k.userDays, 500);
    EXPECT_EQ(k.peakDailyUsers, 210);
    EXPECT_FALSE(k.uniqueUsers.has_value());
    EXPECT_EQ(k.daysWithData, 3);
    EXPECT_EQ(k.ctr, core::ProportionEstimate::wilson(100, 7000));
    EXPECT_EQ(k.cvr, core::ProportionEstimate::wilson(10, 100));
    EXPECT_DOUBLE_EQ(k.ctr.value, 100.0 / 7000);
    EXPECT_DOUBLE_EQ(k.cvr.value, 0.1);
    EXPECT_NEAR(k.cpm.value, 1000.0 * 36 / 7000, 1e-12);
    EXPECT_EQ(k.cpm, core::RatioEstimate::deltaMethod({{10, 2000}, {18, 3000}, {8, 2000}}, 1000.0));
}

TEST(KpiSummary, NoRowsGiveZerosWithoutIntervals)
{
    const auto k = core::KpiSummary::of({}, range("2026-11-02", "2026-11-08"));
    EXPECT_EQ(k.impressions, 0);
    EXPECT_FALSE(k.ctr.defined());
    EXPECT_FALSE(k.cvr.hasInterval);
    EXPECT_FALSE(k.cpm.hasInterval);
    EXPECT_EQ(k.cpm.value, 0.0);
}

TEST(MetricRollup, DaysAreZeroFilledSoSegmentsLineUp)
{
    const auto periods = MetricRollup::rollup({day("2026-11-03", 10, 1, 0, 5, 1000)},
                                              range("2026-11-02", "2026-11-04"), Granularity::Day);
    ASSERT_EQ(periods.size(), 3);
    EXPECT_EQ(periods[0].label, QStringLiteral("2026-11-02"));
    EXPECT_EQ(periods[0].totals.impressions, 0);
    EXPECT_EQ(periods[1].totals.impressions, 10);
    EXPECT_EQ(periods[1].value(Metric::UniqueUsers), 5.0);
    EXPECT_FALSE(periods[1].partial);
}

TEST(MetricRollup, IsoWeeksRunMondayToSundayAndAreClippedToTheRange)
{
    // 2026-11-04 is a Wednesday; 2026-11-22 a Sunday.
    const QList<core::DailyMetrics> rows{
        day("2026-11-04", 100, 2, 1, 10, 500'000), day("2026-11-08", 300, 4, 1, 30, 1'500'000),
        day("2026-11-09", 200, 10, 2, 20, 1'000'000), day("2026-11-22", 50, 1, 0, 7, 100'000)};
    const auto periods = MetricRollup::rollup(rows, range("2026-11-04", "2026-11-22"), Granularity::Week);
    ASSERT_EQ(periods.size(), 3);
    EXPECT_EQ(periods[0].label, QStringLiteral("2026-W45"));
    EXPECT_EQ(periods[0].start, QDate(2026, 11, 4));
    EXPECT_EQ(periods[0].end, QDate(2026, 11, 8));
    EXPECT_TRUE(periods[0].partial);
    EXPECT_EQ(periods[0].days(), 5);
    EXPECT_EQ(periods[0].totals.impressions, 400);
    EXPECT_DOUBLE_EQ(periods[0].value(Metric::Ctr), 6.0 / 400);
    EXPECT_DOUBLE_EQ(periods[0].value(Metric::Cvr), 2.0 / 6);
    EXPECT_DOUBLE_EQ(periods[0].value(Metric::Cpm), 2.0 / 400 * 1000);
    EXPECT_DOUBLE_EQ(periods[0].value(Metric::Spend), 2.0);
    EXPECT_DOUBLE_EQ(periods[0].value(Metric::UniqueUsers), 40.0 / 5); // average users per day
    EXPECT_EQ(periods[1].label, QStringLiteral("2026-W46"));
    EXPECT_FALSE(periods[1].partial);
    EXPECT_EQ(periods[1].totals.clicks, 10);
    EXPECT_EQ(periods[2].label, QStringLiteral("2026-W47"));
    EXPECT_EQ(periods[2].end, QDate(2026, 11, 22));
    EXPECT_FALSE(periods[2].partial);
}

TEST(MetricRollup, IsoWeekYearDiffersFromTheCalendarYearAtItsEdges)
{
    EXPECT_EQ(MetricRollup::periodLabel(MetricRollup::periodStart(QDate(2027, 1, 1), Granularity::Week),
                                        Granularity::Week),
              QStringLiteral("2026-W53"));
    EXPECT_EQ(MetricRollup::periodStart(QDate(2027, 1, 1), Granularity::Week), QDate(2026, 12, 28));
    EXPECT_EQ(MetricRollup::periodLabel(QDate(2024, 12, 30), Granularity::Week), QStringLiteral("2025-W01"));
}

TEST(MetricRollup, MonthsSumTheirDays)
{
    const QList<core::DailyMetrics> rows{day("2026-01-31", 10, 1, 0, 1, 0), day("2026-02-01", 20, 2, 0, 2, 0),
                                        day("2026-02-28", 30, 3, 1, 3, 0), day("2026-03-01", 40, 4, 0, 4, 0)};
    const auto periods = MetricRollup::rollup(rows, range("2026-01-15", "2026-03-01"), Granularity::Month);
    ASSERT_EQ(periods.size(), 3);
    EXPECT_EQ(periods[0].label, QStringLiteral("2026-01"));
    EXPECT_TRUE(periods[0].partial);
    EXPECT_EQ(periods[1].label, QStringLiteral("2026-02"));
    EXPECT_FALSE(periods[1].partial);
    EXPECT_EQ(periods[1].days(), 28);
    EXPECT_EQ(periods[1].totals.impressions, 50);
    EXPECT_EQ(periods[1].totals.conversions, 1);
    EXPECT_EQ(periods[2].totals.impressions, 40);
    EXPECT_TRUE(periods[2].partial);
}

TEST(MetricRollup, KeysRoundTrip)
{
    for (Granularity g : {Granularity::Day, Granularity::Week, Granularity::Month})
        EXPECT_EQ(core::granularityFromKey(core::granularityKey(g)), g);
    for (Metric m : core::kAllMetrics)
        EXPECT_EQ(core::metricFromKey(core::metricKey(m)), m);
    EXPECT_FALSE(core::granularityFromKey(QStringLiteral("year")));
}

TEST(DateRange, RejectsReversedAndMissingDays)
{
    EXPECT_TRUE(DateRange::of(QDate(2026, 1, 1), QDate(2026, 1, 1)));
    auto reversed = DateRange::of(QDate(2026, 1, 2), QDate(2026, 1, 1));
    ASSERT_FALSE(reversed);
    EXPECT_EQ(reversed.error().code, QStringLiteral("date_range_reversed"));
    EXPECT_FALSE(DateRange::of(QDate(), QDate(2026, 1, 1)));
    EXPECT_EQ(DateRange::endingOn(QDate(2026, 11, 24), 30).first, QDate(2026, 10, 26));
    EXPECT_EQ(DateRange::endingOn(QDate(2026, 11, 24), 30).days(), 30);
}

} // namespace
