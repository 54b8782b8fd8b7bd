// A segment's forecast in a few figures (the rows of "Forecast all segments") and their CSV.
#include <cmath>
#include <numeric>

#include <gtest/gtest.h>

#include "export/csv_reader.h"
#include "forecast/segment_forecast_csv.h"
#include "forecast/segment_forecast_summary.h"

namespace {

using namespace core::forecast;

TimeSeries weeklySeries(int days)
{
    std::vector<double> values;
    for (int i = 0; i < days; ++i)
        values.push_back(1000.0 + 300.0 * ((i % 7) >= 5 ? 1.0 : 0.0) + (i * 37 % 11));
    return TimeSeries::daily(QDate(2026, 1, 1), std::move(values));
}

double sum(const std::vector<double>& v)
{
    return std::accumulate(v.begin(), v.end(), 0.0);
}

TEST(SegmentForecastSummary, AddsUpTheHorizonAndComparesWithTheLastPeriod)
{
    const TimeSeries history = weeklySeries(120);
    BatchOptions options;
    options.forecast.horizon = 14;
    options.backtest = true;
    const BatchOutcome outcome = BatchForecaster::forecastOne({QStringLiteral("s1"), history}, options);
    ASSERT_TRUE(outcome.forecast);
    const Forecast& f = outcome.forecast.value();
    const auto s = SegmentForecastSummary::of(outcome, history);
    EXPECT_TRUE(s.forecast);
    EXPECT_EQ(s.segmentId, QStringLiteral("s1"));
    EXPECT_EQ(s.model, f.model);
    EXPECT_EQ(s.horizon, 14);
    EXPECT_EQ(s.firstDay, QDate(2026, 1, 1).addDays(120));
    EXPECT_EQ(s.lastDay, s.firstDay.addDays(13));
    EXPECT_DOUBLE_EQ(s.total, sum(f.points));
    EXPECT_DOUBLE_EQ(s.lower80, sum(f.interval(80.0)->lower));
    EXPECT_DOUBLE_EQ(s.upper95, sum(f.interval(95.0)->upper));
    EXPECT_LT(s.lower95, s.lower80);
    EXPECT_LT(s.lower80, s.total);
    EXPECT_LT(s.total, s.upper80);
    double previous = 0;
    for (qsizetype i = 106; i < 120; ++i)
        previous += history.at(i);
    EXPECT_DOUBLE_EQ(s.previousTotal, previous);
    EXPECT_DOUBLE_EQ(s.change(), (s.total - previous) / previous);
    ASSERT_TRUE(s.backtested);
    EXPECT_DOUBLE_EQ(s.maseRatio, outcome.backtest->value().maseRatio());
    EXPECT_DOUBLE_EQ(s.coverage95, outcome.backtest->value().model.coverageAt(95.0));
    EXPECT_TRUE(s.note.isEmpty());
}

TEST(SegmentForecastSummary, SaysWhyThereIsNoForecastOrBacktest)
{
    BatchOptions options;
    options.backtest = true;
    const TimeSeries empty = TimeSeries::daily(QDate(2026, 1, 1), {});
    const auto none = SegmentForecastSummary::of(
        BatchForecaster::forecastOne({QStringLiteral("e"), empty}, options), empty);
    EXPECT_FALSE(none.forecast);
    EXPECT_FALSE(none.note.isEmpty());
    EXPECT_TRUE(std::isnan(none.total));
    EXPECT_TRUE(std::isnan(none.change()));

    const TimeSeries shortSeries = weeklySeries(9); // a forecast, but too short to backtest
    const auto s = SegmentForecastSummary::of(
        BatchForecaster::forecastOne({QStringLiteral("s"), shortSeries}, options), shortSeries);
    EXPECT_TRUE(s.forecast);
    EXPECT_FALSE(s.backtested);
    EXPECT_TRUE(s.note.startsWith(QStringLiteral("No backtest:"))) << s.note.toStdString();
    EXPECT_TRUE(std::isnan(s.previousTotal)); // 9 days are fewer than the 14-day horizon
}

TEST(SegmentForecastCsv, OneRowPerSegmentWithEmptyCellsWhereAFigureDoesNotApply)
{
    const TimeSeries history = weeklySeries(60);
    BatchOptions options;
    auto s = SegmentForecastSummary::of(
        BatchForecaster::forecastOne({QStringLiteral("id-1"), history}, options), history);
    s.segmentName = QStringLiteral("=HYPERLINK(\"x\")");
    s.advertiserId = QStringLiteral("adv");
    s.advertiserName = QStringLiteral("Adv, Inc.");
    auto missing = SegmentForecastSummary::notForecast(QStringLiteral("No daily metrics yet."));
    missing.segmentId = QStringLiteral("id-2");
    missing.segmentName = QStringLiteral("Quiet");

    const QByteArray csv = SegmentForecastCsv::toCsv({s, missing}, QStringLiteral("clicks"));
    ASSERT_TRUE(csv.startsWith("\xEF\xBB\xBF"));
    auto table = core::CsvReader::readAll(csv);
    ASSERT_TRUE(table) << table.error().toString().toStdString();
    const auto& rows = table.value();
    ASSERT_EQ(rows.size(), 3);
    ASSERT_EQ(rows.at(0).size(), 19);
    EXPECT_EQ(rows.at(0).at(9), QStringLiteral("forecast_total"));
    EXPECT_EQ(rows.at(1).at(0), QStringLiteral("id-1"));
    EXPECT_EQ(rows.at(1).at(1), QStringLiteral("'=HYPERLINK(\"x\")")); // guarded
    EXPECT_EQ(rows.at(1).at(3), QStringLiteral("Adv, Inc."));
    EXPECT_EQ(rows.at(1).at(4), QStringLiteral("clicks"));
    EXPECT_EQ(rows.at(1).at(8), QStringLiteral("14"));
    EXPECT_NEAR(rows.at(1).at(9).toDouble(), s.total, 0.05);
    EXPECT_NEAR(rows.at(1).at(15).toDouble(), s.change(), 5e-5);
    EXPECT_EQ(rows.at(1).at(16), QString()); // no backtest asked
    EXPECT_EQ(rows.at(2).at(0), QStringLiteral("id-2"));
    EXPECT_EQ(rows.at(2).at(9), QString());
    EXPECT_EQ(rows.at(2).at(18), QStringLiteral("No daily metrics yet."));
}

} // namespace
