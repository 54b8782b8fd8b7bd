// Forecaster: automatic model choice, explicit models, fallbacks for constant, short,
// zero-heavy and gappy series, outliers, non-negative data, options and the forecast's axis.
#include <cmath>

#include <gtest/gtest.h>

#include "forecast/ets_intervals.h"
#include "forecast/ets_recursion.h"
#include "forecast/forecaster.h"
#include "forecast/seeded_random.h"
#include "forecast/series_csv.h"

using namespace core::forecast;

namespace {

const double NaN = std::nan("");
const QDate kStart(2026, 1, 5); // a Monday

ForecastOptions withHorizon(int h, const char* model = "auto")
{
    ForecastOptions o;
    o.horizon = h;
    o.model = ModelChoice::parse(QString::fromLatin1(model)).value();
    return o;
}

Forecast forecastOf(const TimeSeries& s, const ForecastOptions& o)
{
    auto f = Forecaster::fit(s, o);
    EXPECT_TRUE(f.ok()) << (f.ok() ? "" : f.error().toString().toStdString());
    return f.ok() ? f.value() : Forecast();
}

core::Error errorOf(const TimeSeries& s, const ForecastOptions& o)
{
    auto f = Forecaster::fit(s, o);
    EXPECT_FALSE(f.ok());
    return f.ok() ? core::Error() : f.error();
}

// Level 1000 a day with a strong weekly pattern and 2 % noise.
const double kWeekday[7] = {1.2, 1.1, 1.0, 1.0, 0.9, 0.5, 0.6};

std::vector<double> weeklySeries(int days, std::uint64_t seed, double noise = 0.02)
{
    SeededRandom random(seed);
    std::vector<double> y;
    for (int t = 0; t < days; ++t)
        y.push_back(1000.0 * kWeekday[t % 7] * (1.0 + random.normal(0.0, noise)));
    return y;
}

void expectNestedIntervals(const Forecast& f)
{
    const ForecastInterval* i80 = f.interval(80);
    const ForecastInterval* i95 = f.interval(95);
    ASSERT_TRUE(i80 && i95);
    for (int h = 0; h < f.horizon(); ++h) {
        EXPECT_LE(i95->lower[h], i80->lower[h]);
        EXPECT_LE(i80->lower[h], f.points[h]);
        EXPECT_LE(f.points[h], i80->upper[h]);
        EXPECT_LE(i80->upper[h], i95->upper[h]);
    }
}

} // namespace

TEST(ForecasterTest, DailySeriesGetASeasonalModelThatKeepsTheWeekdays)
{
    const Forecast f = forecastOf(TimeSeries::daily(kStart, weeklySeries(140, 1)), withHorizon(14));
    ASSERT_TRUE(f.ets.has_value());
    EXPECT_TRUE(f.ets->spec.isSeasonal()) << f.model.toStdString();
    EXPECT_EQ(f.seasonPeriod, 7);
    ASSERT_EQ(f.horizon(), 14);
    for (int h = 0; h < 14; ++h)
        EXPECT_NEAR(f.points[h] / (1000.0 * kWeekday[h % 7]), 1.0, 0.05) << h;
    expectNestedIntervals(f);
    EXPECT_EQ(f.candidates.size(), 7u); // stepwise: 5 without trend, then the best with A and Ad trend
    EXPECT_EQ(f.candidates.front().first, f.model);
    EXPECT_TRUE(f.analyticIntervals == EtsIntervals::hasClosedForm(f.ets->spec));
}

TEST(ForecasterTest, TrendAndNoTrendAreTellApart)
{
    SeededRandom random(2);
    std::vector<double> trending, flat;
    for (int t = 0; t < 80; ++t) {
        trending.push_back(100.0 + 3.0 * t + random.normal(0.0, 2.0));
        flat.push_back(100.0 + random.normal(0.0, 2.0));
    }
    const Forecast up = forecastOf(TimeSeries::numbered(1, trending), withHorizon(5));
    ASSERT_TRUE(up.ets.has_value());
    EXPECT_TRUE(up.ets->spec.hasTrend()) << up.model.toStdString();
    EXPECT_FALSE(up.ets->spec.isSeasonal());
    EXPECT_NEAR(up.points[4], 100.0 + 3.0 * 84, 15.0);
    const Forecast level = forecastOf(TimeSeries::numbered(1, flat), withHorizon(5));
    ASSERT_TRUE(level.ets.has_value());
    EXPECT_FALSE(level.ets->spec.isSeasonal());
    EXPECT_NEAR(level.points[0], 100.0, 2.0);
}

TEST(ForecasterTest, ExhaustiveSelectionFitsEveryCandidate)
{
    ForecastOptions o = withHorizon(7);
    o.selection = EtsModelSelector::Strategy::Exhaustive;
    const Forecast f = forecastOf(TimeSeries::daily(kStart, weeklySeries(84, 3)), o);
    EXPECT_EQ(f.candidates.size(), 15u);
    for (size_t i = 1; i < f.candidates.size(); ++i)
        EXPECT_LE(f.candidates[i - 1].second, f.candidates[i].second);
    EXPECT_TRUE(f.ets->spec.isSeasonal());
}

TEST(ForecasterTest, ExplicitModelsAndBaselines)
{
    const TimeSeries s = TimeSeries::daily(kStart, weeklySeries(70, 4));
    const Forecast mnm = forecastOf(s, withHorizon(7, "MNM"));
    EXPECT_EQ(mnm.model, QStringLiteral("ETS(M,N,M)"));
    EXPECT_TRUE(mnm.candidates.empty());
    EXPECT_FALSE(mnm.analyticIntervals); // multiplicative season: simulated
    const Forecast snaive = forecastOf(s, withHorizon(9, "snaive"));
    EXPECT_EQ(snaive.model, QStringLiteral("Seasonal naive"));
    for (int h = 0; h < 9; ++h)
        EXPECT_EQ(snaive.points[h], s.at(63 + h % 7));
    // Intervals widen once a full season has passed: sigma sqrt(k + 1).
    const ForecastInterval* band = snaive.interval(95);
    EXPECT_NEAR((band->upper[7] - snaive.points[7]) / (band->upper[0] - snaive.points[0]), std::sqrt(2.0),
                1e-9);
    const Forecast naive = forecastOf(s, withHorizon(3, "naive"));
    EXPECT_EQ(naive.points, std::vector<double>(3, s.at(69)));
}

TEST(ForecasterTest, ExplicitModelsTheSeriesCannotSupportAreErrors)
{
    // A small segment: a few impressions a day, zero on some days (not outliers: the series
    // comes from counts this small).
    SeededRandom random(5);
    std::vector<double> counts;
    for (int t = 0; t < 70; ++t)
        counts.push_back(static_cast<double>(random.poisson(3.0 * kWeekday[t % 7])));
    ASSERT_GT(std::count(counts.begin(), counts.end(), 0.0), 3);
    EXPECT_EQ(errorOf(TimeSeries::daily(kStart, counts), withHorizon(7, "MNM")).code,
              QStringLiteral("not_positive"));
    // An isolated zero in a busy series is an outage: left out, the multiplicative model fits.
    std::vector<double> outage = weeklySeries(70, 5);
    outage[30] = 0.0;
    const Forecast f = forecastOf(TimeSeries::daily(kStart, outage), withHorizon(7, "MNM"));
    EXPECT_TRUE(f.notes.join(QLatin1Char(' ')).contains(kStart.addDays(30).toString(Qt::ISODate)));
    const core::Error shortSeries =
        errorOf(TimeSeries::daily(kStart, weeklySeries(12, 5)), withHorizon(7, "AAdA"));
    EXPECT_EQ(shortSeries.code, QStringLiteral("too_short"));
    EXPECT_TRUE(shortSeries.userMessage.contains(QStringLiteral("the series has 12")));
    ForecastOptions noSeason = withHorizon(7, "ANA");
    noSeason.seasonPeriod = 1;
    EXPECT_EQ(errorOf(TimeSeries::daily(kStart, weeklySeries(70, 5)), noSeason).code,
              QStringLiteral("no_season"));
}

TEST(ForecasterTest, ConstantShortAndEmptySeries)
{
    const Forecast constant =
        forecastOf(TimeSeries::daily(kStart, std::vector<double>(30, 42.0)), withHorizon(5));
    EXPECT_EQ(constant.model, QStringLiteral("Constant"));
    EXPECT_EQ(constant.points, std::vector<double>(5, 42.0));
    EXPECT_EQ(constant.interval(95)->lower, std::vector<double>(5, 42.0));
    EXPECT_TRUE(constant.notes.join(QLatin1Char(' ')).contains(QStringLiteral("Every value is 42")));

    const Forecast single = forecastOf(TimeSeries::numbered(1, {7.0}), withHorizon(2));
    EXPECT_EQ(single.model, QStringLiteral("Constant"));

    const Forecast tiny = forecastOf(TimeSeries::numbered(1, {10.0, 12.0, 11.0, 13.0}), withHorizon(3));
    EXPECT_EQ(tiny.model, QStringLiteral("Naive"));
    EXPECT_EQ(tiny.points, std::vector<double>(3, 13.0));
    EXPECT_LT(tiny.interval(80)->upper[0] - tiny.points[0], tiny.interval(80)->upper[2] - tiny.points[2]);
    EXPECT_TRUE(tiny.notes.join(QLatin1Char(' ')).contains(QStringLiteral("too few")));

    EXPECT_EQ(errorOf(TimeSeries::numbered(1, {NaN, NaN}), withHorizon(3)).code, QStringLiteral("no_data"));
}

TEST(ForecasterTest, ZeroHeavySeriesGetTheIntermittentForecast)
{
    SeededRandom random(6);
    std::vector<double> y;
    for (int t = 0; t < 90; ++t)
        y.push_back(random.chance(0.25) ? static_cast<double>(random.poisson(4.0)) + 1.0 : 0.0);
    const Forecast f = forecastOf(TimeSeries::daily(kStart, y), withHorizon(7));
    EXPECT_EQ(f.model, QStringLiteral("Intermittent"));
    EXPECT_GT(f.points[0], 0.0);
    EXPECT_LT(f.points[0], 3.0);
    EXPECT_EQ(f.interval(80)->lower[0], 0.0);
    EXPECT_GT(f.interval(95)->upper[0], f.points[0]);
    EXPECT_TRUE(f.notes.join(QLatin1Char(' ')).contains(QStringLiteral("are zero")));
}

TEST(ForecasterTest, MissingDaysAreSteppedOverNotClosedUp)
{
    // The same weekly series with 16 days missing (absent rows in the CSV): the forecast still
    // puts each weekday's level on the right date. Closing the gaps up would shift the pattern.
    std::vector<double> y = weeklySeries(112, 7, 0.01);
    QByteArray csv = "date,impressions\n";
    int missing = 0;
    for (int t = 0; t < 112; ++t) {
        if (t > 0 && t < 105 && t % 7 == (t / 7) % 7) { // a different weekday each week
            ++missing;
            continue;
        }
        csv += kStart.addDays(t).toString(Qt::ISODate).toUtf8() + ',' + QByteArray::number(y[t]) + '\n';
    }
    auto series = SeriesCsv::read(csv);
    ASSERT_TRUE(series.ok());
    EXPECT_EQ(series.value().missingCount(), missing);
    const Forecast f = forecastOf(series.value(), withHorizon(14));
    EXPECT_EQ(f.firstDay, kStart.addDays(112));
    for (int h = 0; h < 14; ++h)
        EXPECT_NEAR(f.points[h] / (1000.0 * kWeekday[(112 + h) % 7]), 1.0, 0.04) << h;
    EXPECT_TRUE(f.notes.join(QLatin1Char(' ')).contains(QStringLiteral("%1 missing value%2").arg(missing).arg(missing == 1 ? QString() : QStringLiteral("s"))));
}

TEST(ForecasterTest, ForecastsContinueAfterTheLastRowEvenWhenItIsEmpty)
{
    std::vector<double> y = weeklySeries(60, 8);
    y.back() = NaN;
    const Forecast daily = forecastOf(TimeSeries::daily(kStart, y), withHorizon(3));
    EXPECT_EQ(daily.firstDay, kStart.addDays(60));
    EXPECT_EQ(daily.labelAt(2), kStart.addDays(62).toString(Qt::ISODate));
    const Forecast numbered = forecastOf(TimeSeries::numbered(101, weeklySeries(30, 8)), withHorizon(3));
    EXPECT_FALSE(numbered.firstDay.isValid());
    EXPECT_EQ(numbered.labelAt(0), QStringLiteral("131"));
}

TEST(ForecasterTest, OneOffSpikesAreLeftOutOfTheFit)
{
    std::vector<double> y = weeklySeries(98, 9, 0.02);
    y[93] *= 4.0; // a burst five days before the end
    const TimeSeries s = TimeSeries::daily(kStart, y);
    ForecastOptions raw = withHorizon(7, "ANA");
    raw.screenOutliers = false;
    const Forecast screened = forecastOf(s, withHorizon(7, "ANA"));
    const Forecast chased = forecastOf(s, raw);
    double errScreened = 0, errChased = 0;
    for (int h = 0; h < 7; ++h) {
        const double truth = 1000.0 * kWeekday[(98 + h) % 7];
        errScreened += std::abs(screened.points[h] - truth);
        errChased += std::abs(chased.points[h] - truth);
    }
    EXPECT_LT(errScreened, errChased);
    EXPECT_TRUE(screened.notes.join(QLatin1Char(' ')).contains(kStart.addDays(93).toString(Qt::ISODate)));
    // The spike still widens the intervals: such days happen.
    ForecastOptions cleanOptions = withHorizon(7, "ANA");
    const Forecast clean = forecastOf(TimeSeries::daily(kStart, weeklySeries(98, 9, 0.02)), cleanOptions);
    EXPECT_GT(screened.interval(95)->upper[0] - screened.points[0],
              clean.interval(95)->upper[0] - clean.points[0]);
}

TEST(ForecasterTest, NonNegativeSeriesNeverGetNegativeForecasts)
{
    std::vector<double> falling;
    SeededRandom random(10);
    for (int t = 0; t < 50; ++t)
        falling.push_back(std::max(0.0, 60.0 - 1.2 * t + random.normal(0.0, 3.0)));
    const Forecast f = forecastOf(TimeSeries::numbered(1, falling), withHorizon(20, "AAN"));
    for (const auto& band : f.intervals) {
        for (int h = 0; h < 20; ++h) {
            EXPECT_GE(band.lower[h], 0.0);
            EXPECT_GE(f.points[h], 0.0);
        }
    }
    // Data with negative values are not floored.
    std::vector<double> negative;
    for (double v : falling)
        negative.push_back(v - 100.0);
    const Forecast g = forecastOf(TimeSeries::numbered(1, negative), withHorizon(5, "AAN"));
    EXPECT_LT(g.interval(95)->lower[4], -100.0);
}

TEST(ForecasterTest, OptionsAreValidated)
{
    const TimeSeries s = TimeSeries::numbered(1, {1, 2, 3, 4, 5, 6, 7, 8});
    ForecastOptions o;
    o.horizon = 0;
    EXPECT_EQ(errorOf(s, o).code, QStringLiteral("bad_horizon"));
    o = ForecastOptions{};
    o.levels = {80, 100};
    EXPECT_EQ(errorOf(s, o).code, QStringLiteral("bad_level"));
    o.levels = {80, 80};
    EXPECT_EQ(errorOf(s, o).code, QStringLiteral("bad_level"));
    o = ForecastOptions{};
    o.seasonPeriod = -1;
    EXPECT_EQ(errorOf(s, o).code, QStringLiteral("bad_season"));

    EXPECT_EQ(ForecastOptions::parseLevels(QStringLiteral("80, 95,99.5")).value(),
              (QList<double>{80, 95, 99.5}));
    EXPECT_FALSE(ForecastOptions::parseLevels(QStringLiteral("80,,95")).ok());
    EXPECT_FALSE(ForecastOptions::parseLevels(QStringLiteral("0")).ok());
    EXPECT_FALSE(ForecastOptions::parseLevels(QStringLiteral("95,95")).ok());
    EXPECT_EQ(ModelChoice::parse(QStringLiteral("AUTO")).value().kind, ModelChoice::Kind::Auto);
    EXPECT_EQ(ModelChoice::parse(QStringLiteral("snaive")).value().kind, ModelChoice::Kind::SeasonalNaive);
    EXPECT_EQ(ModelChoice::parse(QStringLiteral("MAdM")).value().spec.code(), QStringLiteral("MAdM"));
    EXPECT_FALSE(ModelChoice::parse(QStringLiteral("arima")).ok());
}

TEST(ForecasterTest, LevelsComeBackInTheOrderAsked)
{
    ForecastOptions o = withHorizon(4);
    o.levels = {99, 50, 90};
    const Forecast f = forecastOf(TimeSeries::daily(kStart, weeklySeries(56, 11)), o);
    ASSERT_EQ(f.intervals.size(), 3u);
    EXPECT_EQ(f.intervals[0].level, 99);
    EXPECT_EQ(f.intervals[1].level, 50);
    EXPECT_LT(f.interval(50)->upper[0], f.interval(90)->upper[0]);
    EXPECT_LT(f.interval(90)->upper[0], f.interval(99)->upper[0]);
    EXPECT_EQ(f.interval(80), nullptr);
}
