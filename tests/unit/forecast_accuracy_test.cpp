// The accuracy suite of issue 5, as tests:
//  - the shipped synthetic set (120 daily impression-like series, last 14 days held out): mean
//    MASE at most 0.85 x seasonal naive's, better than seasonal naive on at least 75 % of the
//    series, 95 % intervals covering between 90 % and 98 % of the held-out days;
//  - R's forecast::ets on the fixtures (tests/data/forecast, same training part and holdout):
//    holdout sMAPE no worse than R's by more than 0.5 points per series on average.
// The figures are printed so they can be quoted.
#include <cmath>
#include <cstdio>

#include <gtest/gtest.h>

#include <QFile>

#include "export/csv_reader.h"
#include "forecast/accuracy.h"
#include "forecast/baseline_forecasts.h"
#include "forecast/forecaster.h"
#include "forecast/series_csv.h"
#include "forecast/synthetic_impressions.h"

using namespace core::forecast;

namespace {

constexpr int kHoldout = 14;

QByteArray fixture(const QString& name)
{
    QFile f(QStringLiteral(SB_SOURCE_DIR "/tests/data/forecast/") + name);
    EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << name.toStdString();
    return f.readAll();
}

struct SyntheticScore
{
    double maseRatio = 0.0;
    double betterShare = 0.0;
    double coverage80 = 0.0;
    double coverage95 = 0.0;
};

SyntheticScore scoreSynthetic(const SyntheticOptions& options)
{
    double maseModel = 0.0, maseNaive = 0.0;
    int better = 0;
    qsizetype in80 = 0, in95 = 0, points = 0;
    for (const TimeSeries& s : SyntheticImpressions::generate(options)) {
        const TimeSeries train = s.head(s.size() - kHoldout);
        const std::vector<double> actual = s.slice(s.size() - kHoldout, kHoldout).values();
        ForecastOptions o;
        o.horizon = kHoldout;
        auto f = Forecaster::fit(train, o);
        EXPECT_TRUE(f.ok());
        if (!f.ok())
            continue;
        const Forecast naive = BaselineForecasts::seasonalNaive(train.values(), 7, kHoldout, o.levels);
        const double model = Accuracy::mase(actual, f.value().points, train.values(), 7);
        const double baseline = Accuracy::mase(actual, naive.points, train.values(), 7);
        maseModel += model;
        maseNaive += baseline;
        better += model < baseline;
        in80 += Accuracy::covered(actual, *f.value().interval(80));
        in95 += Accuracy::covered(actual, *f.value().interval(95));
        points += Accuracy::observedCount(actual);
    }
    return SyntheticScore{maseModel / maseNaive, double(better) / options.count, double(in80) / points,
                          double(in95) / points};
}

} // namespace

TEST(ForecastAccuracyTest, BeatsSeasonalNaiveOnTheSyntheticSet)
{
    const SyntheticOptions options; // the shipped set: seed 20240501, 120 series x 182 days
    ASSERT_GE(options.count, 100);
    const SyntheticScore s = scoreSynthetic(options);
    std::printf("synthetic set (%d series, %d-day holdout): MASE ratio %.3f, better than seasonal naive on "
                "%.1f %%, coverage 80 %% -> %.1f %%, 95 %% -> %.1f %%\n",
                options.count, kHoldout, s.maseRatio, 100 * s.betterShare, 100 * s.coverage80,
                100 * s.coverage95);
    EXPECT_LE(s.maseRatio, 0.85);
    EXPECT_GE(s.betterShare, 0.75);
    EXPECT_GE(s.coverage95, 0.90);
    EXPECT_LE(s.coverage95, 0.98);
}

TEST(ForecastAccuracyTest, HoldsUpOnAnotherDrawOfTheGenerator)
{
    // Not tuned on: the same generator with another seed must clear the same bars.
    SyntheticOptions options;
    options.seed = 7;
    const SyntheticScore s = scoreSynthetic(options);
    std::printf("synthetic set, seed 7: MASE ratio %.3f, better %.1f %%, coverage 80 %% -> %.1f %%, 95 %% -> "
                "%.1f %%\n",
                s.maseRatio, 100 * s.betterShare, 100 * s.coverage80, 100 * s.coverage95);
    EXPECT_LE(s.maseRatio, 0.85);
    EXPECT_GE(s.betterShare, 0.75);
    EXPECT_GE(s.coverage95, 0.90);
    EXPECT_LE(s.coverage95, 0.98);
}

TEST(ForecastAccuracyTest, AsAccurateAsRsEtsOnTheFixtures)
{
    auto summary = core::CsvReader::readAll(fixture(QStringLiteral("summary.csv")));
    ASSERT_TRUE(summary.ok());
    const QStringList header = summary.value().first();
    const int cSeries = header.indexOf(QStringLiteral("series")),
              cSeason = header.indexOf(QStringLiteral("season")),
              cHorizon = header.indexOf(QStringLiteral("horizon")),
              cModel = header.indexOf(QStringLiteral("r_model")),
              cSmape = header.indexOf(QStringLiteral("r_smape"));
    double totalDifference = 0.0;
    int fixtures = 0;
    for (qsizetype row = 1; row < summary.value().size(); ++row) {
        const QStringList& r = summary.value().at(row);
        auto series = SeriesCsv::read(fixture(r.at(cSeries) + QStringLiteral(".csv")));
        ASSERT_TRUE(series.ok());
        const int horizon = r.at(cHorizon).toInt();
        const TimeSeries train = series.value().head(series.value().size() - horizon);
        const std::vector<double> actual = series.value().slice(train.size(), horizon).values();

        // R's forecasts of the same holdout: the fixture's actual values must be ours.
        auto rOut = core::CsvReader::readAll(fixture(r.at(cSeries) + QStringLiteral(".r_ets.csv")));
        ASSERT_TRUE(rOut.ok());
        ASSERT_EQ(rOut.value().size(), horizon + 1);
        std::vector<double> rForecast;
        for (int h = 0; h < horizon; ++h) {
            EXPECT_DOUBLE_EQ(rOut.value().at(h + 1).at(1).toDouble(), actual[h]);
            rForecast.push_back(rOut.value().at(h + 1).at(2).toDouble());
        }
        const double rSmape = r.at(cSmape).toDouble();
        EXPECT_NEAR(Accuracy::smape(actual, rForecast), rSmape, 0.001); // the summary is R's own holdout

        ForecastOptions o;
        o.horizon = horizon;
        o.seasonPeriod = r.at(cSeason).toInt();
        auto f = Forecaster::fit(train, o);
        ASSERT_TRUE(f.ok());
        const double ours = Accuracy::smape(actual, f.value().points);
        std::printf("%-14s R %-10s sMAPE %6.3f | ours %-12s sMAPE %6.3f (%+.3f), 95 %% coverage %d/%d\n",
                    qPrintable(r.at(cSeries)), qPrintable(r.at(cModel)), rSmape, qPrintable(f.value().model),
                    ours, ours - rSmape, int(Accuracy::covered(actual, *f.value().interval(95))), horizon);
        totalDifference += ours - rSmape;
        ++fixtures;
    }
    ASSERT_EQ(fixtures, 4);
    const double meanDifference = totalDifference / fixtures;
    std::printf("mean sMAPE difference to R: %+.3f points\n", meanDifference);
    EXPECT_LE(meanDifference, 0.5);
}
