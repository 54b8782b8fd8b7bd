// Series handling: the time axis, gaps, the CSV format, outlier screening, season detection and
// the synthetic impressions generator.
#include <cmath>
#include <set>

#include <gtest/gtest.h>

#include "forecast/outlier_screen.h"
#include "forecast/season_detector.h"
#include "forecast/seeded_random.h"
#include "forecast/segment_series.h"
#include "forecast/series_csv.h"
#include "forecast/series_gaps.h"
#include "forecast/synthetic_impressions.h"

using namespace core::forecast;

namespace {

const double NaN = std::nan("");

TimeSeries readCsv(const char* text)
{
    auto s = SeriesCsv::read(QByteArray(text));
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().toString().toStdString());
    return s.ok() ? s.value() : TimeSeries();
}

core::Error csvError(const char* text)
{
    auto s = SeriesCsv::read(QByteArray(text));
    EXPECT_FALSE(s.ok()) << text;
    return s.ok() ? core::Error() : s.error();
}

} // namespace

TEST(TimeSeriesTest, AxisContinuesPastTheEnd)
{
    const TimeSeries d = TimeSeries::daily(QDate(2026, 1, 30), {1, 2, 3});
    EXPECT_TRUE(d.isDaily());
    EXPECT_EQ(d.labelAt(0), QStringLiteral("2026-01-30"));
    EXPECT_EQ(d.labelAt(3), QStringLiteral("2026-02-02"));
    const TimeSeries p = TimeSeries::numbered(127, {1, NaN, 3});
    EXPECT_FALSE(p.isDaily());
    EXPECT_EQ(p.labelAt(4), QStringLiteral("131"));
    EXPECT_EQ(p.observedCount(), 2);
    EXPECT_EQ(p.missingCount(), 1);
    const TimeSeries tail = d.slice(1, 5);
    EXPECT_EQ(tail.size(), 2);
    EXPECT_EQ(tail.firstDay(), QDate(2026, 1, 31));
    EXPECT_EQ(p.head(1).values(), std::vector<double>{1});
}

TEST(SeriesGapsTest, InterpolatesInsideAndHoldsTheEnds)
{
    const auto filled = SeriesGaps::interpolated({NaN, 2, NaN, NaN, 8, NaN});
    EXPECT_EQ(filled, (std::vector<double>{2, 2, 4, 6, 8, 8}));
    EXPECT_EQ(SeriesGaps::firstObserved({NaN, NaN, 1}), 2);
    EXPECT_EQ(SeriesGaps::endOfObserved({NaN, 1, NaN}), 2);
    EXPECT_EQ(SeriesGaps::observed({NaN, 1, NaN, 3}), (std::vector<double>{1, 3}));
    const auto none = SeriesGaps::interpolated({NaN, NaN});
    EXPECT_TRUE(std::isnan(none[0]) && std::isnan(none[1]));
}

TEST(SeriesCsvTest, ReadsDatesInAnyOrderAndKeepsMissingDaysInPlace)
{
    // 2026-01-03 absent, 2026-01-04 empty: both missing at their own positions.
    const TimeSeries s =
        readCsv("date,impressions\n2026-01-05,50\n2026-01-01,10\n2026-01-02,20\n2026-01-04,\n");
    ASSERT_TRUE(s.isDaily());
    EXPECT_EQ(s.firstDay(), QDate(2026, 1, 1));
    ASSERT_EQ(s.size(), 5);
    EXPECT_EQ(s.at(0), 10);
    EXPECT_EQ(s.at(1), 20);
    EXPECT_TRUE(std::isnan(s.at(2)));
    EXPECT_TRUE(std::isnan(s.at(3)));
    EXPECT_EQ(s.at(4), 50);
}

TEST(SeriesCsvTest, ReadsPeriodNumbersAndMissingMarkers)
{
    const TimeSeries s = readCsv("\xEF\xBB\xBFperiod,value\r\n5,1.5\r\n6,NA\r\n7,\"2e3\"\r\n8,nan\r\n");
    EXPECT_FALSE(s.isDaily());
    EXPECT_EQ(s.firstPeriod(), 5);
    ASSERT_EQ(s.size(), 4);
    EXPECT_EQ(s.at(0), 1.5);
    EXPECT_TRUE(std::isnan(s.at(1)));
    EXPECT_EQ(s.at(2), 2000.0);
    EXPECT_TRUE(std::isnan(s.at(3)));
}

TEST(SeriesCsvTest, ErrorsNameTheLine)
{
    EXPECT_TRUE(csvError("2026-01-01,5\n2026-01-02,6\n")
                    .userMessage.startsWith(QStringLiteral("Line 1: the first line must be a header")));
    EXPECT_TRUE(csvError("date,value\n2026-01-01,5\n2026-02-30,6\n")
                    .userMessage.startsWith(QStringLiteral("Line 3: “2026-02-30”")));
    EXPECT_TRUE(csvError("date,value\n2026-01-01,5\n3,6\n").userMessage.contains(QStringLiteral("Line 3")));
    EXPECT_TRUE(csvError("date,value\n2026-01-01,5\n2026-01-02,lots\n")
                    .userMessage.contains(QStringLiteral("“lots” is not a number")));
    EXPECT_TRUE(csvError("period,value\n1,5\n2,6\n1,7\n")
                    .userMessage.contains(QStringLiteral("appears twice (also on line 2)")));
    EXPECT_TRUE(csvError("a,b,c\n1,2,3\n").userMessage.contains(QStringLiteral("two columns")));
    EXPECT_TRUE(
        csvError("date,value\n2026-01-01,5\n2026-01-02\n").userMessage.contains(QStringLiteral("Line 3")));
    EXPECT_EQ(csvError("date,value\n").code, QStringLiteral("no_data"));
    EXPECT_EQ(csvError("").code, QStringLiteral("no_data"));
    EXPECT_EQ(csvError("period,value\n1,5\n900000,6\n").code, QStringLiteral("span_too_long"));
    EXPECT_EQ(csvError("date,value\n2026-01-01,inf\n").kind, core::ErrorKind::Parse);
}

TEST(SeriesCsvTest, WritesOneRowPerStepContinuingTheAxis)
{
    Forecast f;
    f.points = {1.5, 2.0};
    f.intervals = {ForecastInterval{80, {1, 1.25}, {2, 3}}, ForecastInterval{97.5, {0.5, 0}, {3, 4}}};
    f.firstDay = QDate(2026, 2, 1);
    EXPECT_EQ(SeriesCsv::writeForecast(f),
              QByteArray("date,forecast,lo80,hi80,lo97.5,hi97.5\r\n2026-02-01,1.5,1,2,0.5,3\r\n"
                         "2026-02-02,2,1.25,3,0,4\r\n"));
    f.firstDay = QDate();
    f.firstPeriod = 145;
    EXPECT_TRUE(
        SeriesCsv::writeForecast(f).startsWith("period,forecast,lo80,hi80,lo97.5,hi97.5\r\n145,1.5,"));
}

TEST(SeriesCsvTest, FormatsNumbersReadably)
{
    EXPECT_EQ(SeriesCsv::formatNumber(521.658602208984), QStringLiteral("521.6586022"));
    EXPECT_EQ(SeriesCsv::formatNumber(1234567.0), QStringLiteral("1234567"));
    EXPECT_EQ(SeriesCsv::formatNumber(-0.0000001), QStringLiteral("-1e-07"));
    EXPECT_EQ(SeriesCsv::formatNumber(-0.0), QStringLiteral("0"));
    EXPECT_EQ(SeriesCsv::formatNumber(0.25), QStringLiteral("0.25"));
    EXPECT_EQ(SeriesCsv::formatLevel(80), QStringLiteral("80"));
}

TEST(OutlierScreenTest, FindsSpikesButNotLevelShifts)
{
    // A weekly pattern with a level shift at day 60, one-day spikes at days 20 and 45, a two-day
    // drop at days 30-31, and a "spike" on the last day that may be a new level.
    SeededRandom random(1);
    std::vector<double> y;
    for (int t = 0; t < 100; ++t)
        y.push_back((t < 60 ? 1000.0 : 1600.0) * (1.0 + 0.2 * std::sin(t * 2.0 * M_PI / 7.0)) *
                    std::exp(random.normal(0.0, 0.05)));
    y[20] *= 2.5;
    y[45] *= 3.0;
    y[30] *= 0.3;
    y[31] *= 0.3;
    y[99] *= 2.5;
    const auto screening = OutlierScreen::screen(y, 7);
    const auto& found = screening.outliers;
    EXPECT_EQ(std::set<qsizetype>(found.begin(), found.end()), (std::set<qsizetype>{20, 30, 31, 45}));
    // The last day cannot be judged yet: clipped to the top of the normal range, not dropped.
    ASSERT_EQ(screening.clipped.size(), 1u);
    EXPECT_EQ(screening.clipped[0].first, 99);
    EXPECT_LT(screening.clipped[0].second, y[99] / 1.5);
    EXPECT_GT(screening.clipped[0].second, y[99] / 2.5);
    const auto cleaned = screening.applyTo(y);
    EXPECT_TRUE(std::isnan(cleaned[45]));
    EXPECT_EQ(cleaned[60], y[60]);
    EXPECT_EQ(cleaned[99], screening.clipped[0].second);

    // A new level in the last four days is a shift, not a burst: nothing is clipped.
    std::vector<double> shifted(y.begin(), y.begin() + 99);
    for (int t = 0; t < 4; ++t)
        shifted.push_back(shifted[shifted.size() - 7] * 2.0);
    EXPECT_TRUE(OutlierScreen::screen(shifted, 7).clipped.empty());
}

TEST(OutlierScreenTest, LeavesCleanAndShortSeriesAlone)
{
    SeededRandom random(2);
    std::vector<double> clean;
    for (int t = 0; t < 120; ++t)
        clean.push_back(100.0 + 10.0 * std::sin(t * 2.0 * M_PI / 7.0) + random.normal(0.0, 3.0));
    EXPECT_TRUE(OutlierScreen::screen(clean, 7).isEmpty());
    EXPECT_TRUE(OutlierScreen::screen({1, 1, 100, 1, 1}, 7).isEmpty()); // too short to judge
    std::vector<double> odd{1, 2, 3, 4, 5};
    EXPECT_EQ(OutlierScreen::median(odd), 3);
    std::vector<double> even{4, 1, 3, 2};
    EXPECT_EQ(OutlierScreen::median(even), 2.5);
}

TEST(SeasonDetectorTest, DailySeriesAreWeeklyAndCyclesAreFound)
{
    EXPECT_EQ(SeasonDetector::detect(TimeSeries::daily(QDate(2026, 1, 1), {1, 2, 3})), 7);
    SeededRandom random(3);
    for (int period : {4, 5, 12}) {
        std::vector<double> y;
        for (int t = 0; t < 12 * period; ++t)
            y.push_back(50.0 + 0.3 * t + 10.0 * std::sin(2.0 * M_PI * t / period) + random.normal(0.0, 1.0));
        EXPECT_EQ(SeasonDetector::detect(TimeSeries::numbered(1, y)), period);
    }
    std::vector<double> noise;
    for (int t = 0; t < 200; ++t)
        noise.push_back(random.normal(0.0, 1.0));
    EXPECT_EQ(SeasonDetector::detect(noise), 1);
    EXPECT_EQ(SeasonDetector::detect(std::vector<double>{1, 2, 3}), 1);
    const auto r = SeasonDetector::autocorrelations({1, 2, 1, 2, 1, 2}, 2);
    EXPECT_DOUBLE_EQ(r[0], 1.0);
    EXPECT_LT(r[1], 0.0);
    EXPECT_GT(r[2], 0.0);
}

TEST(SyntheticImpressionsTest, SeededDeterministicAndImpressionLike)
{
    SyntheticOptions options;
    options.count = 5;
    const auto a = SyntheticImpressions::generate(options);
    const auto b = SyntheticImpressions::generate(options);
    ASSERT_EQ(a.size(), 5u);
    for (size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].values(), b[i].values());
        EXPECT_EQ(a[i].size(), options.days);
        EXPECT_EQ(a[i].firstDay(), options.firstDay);
        for (double v : a[i].values())
            EXPECT_TRUE(v >= 0.0 && v == std::floor(v)); // counts
    }
    EXPECT_NE(a[0].values(), a[1].values());
    options.seed += 1;
    EXPECT_NE(SyntheticImpressions::series(options, 0).values(), a[0].values());
    // The weekly pattern shows in the autocorrelation of the differenced logs.
    int weekly = 0;
    for (const auto& s : a) {
        std::vector<double> d;
        for (qsizetype t = 1; t < s.size(); ++t)
            d.push_back(std::log(s.at(t) + 1) - std::log(s.at(t - 1) + 1));
        const auto r = SeasonDetector::autocorrelations(d, 7);
        weekly += r[7] > 0.2;
    }
    EXPECT_GE(weekly, 4);
}

TEST(SegmentSeriesTest, DaysWithoutEventsAreZeroNotMissing)
{
    core::DailyMetrics a, b;
    a.day = QDate(2026, 1, 30);
    a.impressions = 500;
    a.clicks = 7;
    b.day = QDate(2026, 2, 2);
    b.impressions = 300;
    b.conversions = 2;
    const TimeSeries impressions = SegmentSeries::fromDailyMetrics({b, a}, SegmentMetric::Impressions);
    EXPECT_EQ(impressions.firstDay(), QDate(2026, 1, 30));
    EXPECT_EQ(impressions.values(), (std::vector<double>{500, 0, 0, 300}));
    EXPECT_EQ(SegmentSeries::fromDailyMetrics({a, b}, SegmentMetric::Clicks).values(),
              (std::vector<double>{7, 0, 0, 0}));
    EXPECT_EQ(SegmentSeries::fromDailyMetrics({a, b}, SegmentMetric::Conversions).values(),
              (std::vector<double>{0, 0, 0, 2}));
    EXPECT_EQ(SegmentSeries::fromDailyMetrics({}, SegmentMetric::Impressions).size(), 0);
    // Through a later day: zeros up to it. Through an earlier one: later days left out.
    const TimeSeries longer =
        SegmentSeries::fromDailyMetrics({a, b}, SegmentMetric::Impressions, QDate(2026, 2, 4));
    EXPECT_EQ(longer.values(), (std::vector<double>{500, 0, 0, 300, 0, 0}));
    EXPECT_EQ(
        SegmentSeries::fromDailyMetrics({a, b}, SegmentMetric::Impressions, QDate(2026, 1, 31)).values(),
        (std::vector<double>{500, 0}));
    EXPECT_EQ(SegmentSeries::parseMetric(QStringLiteral("clicks")).value(), SegmentMetric::Clicks);
    EXPECT_EQ(SegmentSeries::parseMetric(QStringLiteral("spend")).error().code,
              QStringLiteral("unknown_metric"));
}
