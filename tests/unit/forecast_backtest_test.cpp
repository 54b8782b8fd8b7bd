// Accuracy measures, rolling-origin backtests and the batch forecaster.
#include <cmath>

#include <gtest/gtest.h>

#include <QFutureWatcher>
#include <QSignalSpy>
#include <QThreadPool>

#include "forecast/accuracy.h"
#include "forecast/backtester.h"
#include "forecast/batch_forecaster.h"
#include "forecast/forecaster.h"
#include "forecast/seeded_random.h"
#include "forecast/synthetic_impressions.h"

using namespace core::forecast;

namespace {

const double NaN = std::nan("");

TimeSeries smoothWeekly(int days, std::uint64_t seed)
{
    const double weekday[7] = {1.2, 1.1, 1.0, 1.0, 0.9, 0.5, 0.6};
    SeededRandom random(seed);
    std::vector<double> y;
    for (int t = 0; t < days; ++t)
        y.push_back(5000.0 * weekday[t % 7] * (1.0 + random.normal(0.0, 0.08)));
    return TimeSeries::daily(QDate(2026, 1, 5), y);
}

} // namespace

TEST(AccuracyTest, MeasuresByHand)
{
    EXPECT_NEAR(Accuracy::smape({100, 200}, {110, 180}), (200.0 * 10 / 210 + 200.0 * 20 / 380) / 2, 1e-12);
    EXPECT_EQ(Accuracy::smape({0, 0}, {0, 0}), 0.0);
    EXPECT_EQ(Accuracy::smape({0}, {5}), 200.0);
    EXPECT_NEAR(Accuracy::smape({100, NaN}, {110, 5}), 200.0 * 10 / 210, 1e-12); // missing actuals skipped
    EXPECT_TRUE(std::isnan(Accuracy::smape({NaN}, {1})));
    EXPECT_DOUBLE_EQ(Accuracy::mae({1, 2, 3}, {2, 2, 5}), 1.0);
    // Seasonal-naive scale, m = 2: |3-1|, |4-2|, |9-3| -> 10/3.
    EXPECT_DOUBLE_EQ(Accuracy::maseScale({1, 2, 3, 4, 9}, 2), 10.0 / 3.0);
    EXPECT_DOUBLE_EQ(Accuracy::maseScale({1, NaN, 3, 4}, 2), 2.0);
    EXPECT_DOUBLE_EQ(Accuracy::mase({10, 12}, {11, 10}, {1, 2, 3, 4, 9}, 2), 1.5 / (10.0 / 3.0));
    EXPECT_TRUE(std::isnan(Accuracy::maseScale({1, 2}, 2)));
    const ForecastInterval band{80, {0, 0, 0, 0}, {10, 10, 10, 10}};
    EXPECT_EQ(Accuracy::covered({5, 10, 11, NaN}, band), 2); // bounds included, missing not counted
    EXPECT_EQ(Accuracy::observedCount({5, 10, 11, NaN}), 3);
}

TEST(BacktesterTest, RollsTheOriginAndScoresBothMethods)
{
    const TimeSeries s = smoothWeekly(182, 1);
    BacktestOptions o;
    o.forecast.horizon = 14;
    o.origins = 4;
    auto result = Backtester::run(s, o);
    ASSERT_TRUE(result.ok()) << result.error().toString().toStdString();
    const Backtest& b = result.value();
    EXPECT_EQ(b.origins, 4);
    EXPECT_EQ(b.step, 7); // the season of a daily series
    EXPECT_EQ(b.seasonPeriod, 7);
    EXPECT_EQ(b.model.points, 56);
    EXPECT_EQ(b.seasonalNaive.points, 56);
    EXPECT_EQ(b.model.models.size(), 4);
    EXPECT_EQ(b.seasonalNaive.models, QStringList(4, QStringLiteral("Seasonal naive")));
    // Noise around a fixed weekly pattern: smoothing beats copying last week.
    EXPECT_LT(b.maseRatio(), 0.9);
    EXPECT_LT(b.model.smape, b.seasonalNaive.smape);
    for (const auto* score : {&b.model, &b.seasonalNaive}) {
        ASSERT_EQ(score->coverage.size(), 2u);
        EXPECT_GE(score->coverageAt(95), score->coverageAt(80));
        EXPECT_GE(score->coverageAt(80), 0.5);
    }
    EXPECT_TRUE(std::isnan(b.model.coverageAt(50)));
}

TEST(BacktesterTest, ScoresAreThoseOfTheForecastsAtEachOrigin)
{
    // With seasonal naive as the model, both rows are the same method: identical scores.
    const TimeSeries s = smoothWeekly(60, 2);
    BacktestOptions o;
    o.forecast.horizon = 7;
    o.forecast.model.kind = ModelChoice::Kind::SeasonalNaive;
    o.origins = 3;
    o.step = 5;
    auto b = Backtester::run(s, o);
    ASSERT_TRUE(b.ok());
    EXPECT_EQ(b.value().step, 5);
    EXPECT_DOUBLE_EQ(b.value().model.smape, b.value().seasonalNaive.smape);
    EXPECT_DOUBLE_EQ(b.value().maseRatio(), 1.0);

    // One origin by hand: the last 7 values against a forecast from the 53 before.
    o.origins = 1;
    auto one = Backtester::run(s, o);
    ASSERT_TRUE(one.ok());
    const TimeSeries train = s.head(53);
    ForecastOptions fo = o.forecast;
    fo.seasonPeriod = 7;
    const Forecast f = Forecaster::fit(train, fo).value();
    const auto actual = s.slice(53, 7).values();
    EXPECT_DOUBLE_EQ(one.value().model.smape, Accuracy::smape(actual, f.points));
    EXPECT_DOUBLE_EQ(one.value().model.mase, Accuracy::mase(actual, f.points, train.values(), 7));
}

TEST(BacktesterTest, SkipsOriginsWithoutEnoughHistoryAndRefusesBadOptions)
{
    const TimeSeries s = smoothWeekly(40, 3);
    BacktestOptions o;
    o.forecast.horizon = 14;
    o.origins = 10; // origins after 26, 19, 12, 5 ... days; fewer than two weeks of history do not count
    auto b = Backtester::run(s, o);
    ASSERT_TRUE(b.ok());
    EXPECT_EQ(b.value().origins, 2);
    EXPECT_EQ(b.value().model.points, 28);
    o.origins = 0;
    EXPECT_EQ(Backtester::run(s, o).error().code, QStringLiteral("bad_origins"));
    o.origins = 4;
    o.forecast.horizon = 39;
    auto tooShort = Backtester::run(s, o);
    ASSERT_FALSE(tooShort.ok());
    EXPECT_EQ(tooShort.error().code, QStringLiteral("too_short"));
}

TEST(BatchForecasterTest, ForecastsEverySeriesInOrderWithProgress)
{
    SyntheticOptions synthetic;
    synthetic.count = 24;
    synthetic.days = 120;
    QList<BatchItem> items;
    for (int i = 0; i < synthetic.count; ++i)
        items.append(BatchItem{QStringLiteral("seg-%1").arg(i), SyntheticImpressions::series(synthetic, i)});
    items.append(BatchItem{QStringLiteral("empty"), TimeSeries::numbered(1, {NaN})});
    BatchOptions options;
    options.forecast.horizon = 7;
    options.backtest = true;
    options.backtestOrigins = 2;

    QThreadPool pool;
    pool.setMaxThreadCount(2);
    QFutureWatcher<BatchOutcome> watcher;
    QSignalSpy progress(&watcher, &QFutureWatcher<BatchOutcome>::progressValueChanged);
    watcher.setFuture(BatchForecaster(&pool).start(items, options));
    QSignalSpy finished(&watcher, &QFutureWatcher<BatchOutcome>::finished);
    ASSERT_TRUE(finished.wait(60000));
    const QFuture<BatchOutcome> future = watcher.future();
    ASSERT_EQ(future.resultCount(), items.size());
    EXPECT_EQ(watcher.progressMaximum(), items.size());
    EXPECT_EQ(watcher.progressValue(), items.size());
    EXPECT_FALSE(progress.isEmpty());
    for (int i = 0; i < synthetic.count; ++i) {
        const BatchOutcome out = future.resultAt(i);
        EXPECT_EQ(out.id, items[i].id);
        ASSERT_TRUE(out.forecast.ok());
        // The same as forecasting the series alone, on this thread.
        const Forecast alone = Forecaster::fit(items[i].series, options.forecast).value();
        EXPECT_EQ(out.forecast.value().points, alone.points);
        EXPECT_EQ(out.forecast.value().model, alone.model);
        ASSERT_TRUE(out.backtest.has_value() && out.backtest->ok());
        EXPECT_EQ(out.backtest->value().origins, 2);
    }
    const BatchOutcome empty = future.resultAt(synthetic.count);
    ASSERT_FALSE(empty.forecast.ok());
    EXPECT_EQ(empty.forecast.error().code, QStringLiteral("no_data"));
}

TEST(ForecasterAsyncTest, StartRunsOnAWorkerAndGivesTheSameForecast)
{
    const TimeSeries s = smoothWeekly(84, 4);
    ForecastOptions o;
    o.horizon = 10;
    QFuture<core::Result<Forecast>> future = Forecaster::start(s, o);
    future.waitForFinished();
    ASSERT_TRUE(future.result().ok());
    EXPECT_EQ(future.result().value().points, Forecaster::fit(s, o).value().points);
}

TEST(BatchForecasterTest, CancelStopsTheRest)
{
    SyntheticOptions synthetic;
    synthetic.days = 365;
    QList<BatchItem> items;
    const TimeSeries s = SyntheticImpressions::series(synthetic, 0);
    for (int i = 0; i < 2000; ++i)
        items.append(BatchItem{QString::number(i), s});
    QThreadPool pool;
    pool.setMaxThreadCount(2);
    QFuture<BatchOutcome> future = BatchForecaster(&pool).start(items, BatchOptions{});
    future.cancel();
    future.waitForFinished();
    EXPECT_TRUE(future.isCanceled());
    EXPECT_LT(future.progressValue(), 2000);
}

TEST(BatchForecasterTest, ProgressAndCancelAreItemByItem)
{
    SyntheticOptions synthetic;
    synthetic.days = 365;
    synthetic.count = 8;
    QList<BatchItem> items;
    for (int i = 0; i < 400; ++i)
        items.append(
            BatchItem{QString::number(i), SyntheticImpressions::series(synthetic, i % synthetic.count)});
    QThreadPool pool;
    pool.setMaxThreadCount(1);
    QFutureWatcher<BatchOutcome> watcher;
    int cancelledAt = -1;
    QObject::connect(&watcher, &QFutureWatcher<BatchOutcome>::progressValueChanged, &watcher, [&](int value) {
        if (value > 0 && cancelledAt < 0) {
            cancelledAt = value;
            watcher.cancel();
        }
    });
    QSignalSpy finished(&watcher, &QFutureWatcher<BatchOutcome>::finished);
    watcher.setFuture(BatchForecaster(&pool).start(items, BatchOptions{}));
    ASSERT_TRUE(finished.wait(60000));
    ASSERT_GT(cancelledAt, 0);
    // The first progress report comes after a few items, not after a block of hundreds, and the
    // cancel stops the rest: at most the item running then (and the few done meanwhile) finish.
    EXPECT_LT(cancelledAt, 50);
    EXPECT_TRUE(watcher.isCanceled());
    EXPECT_LT(watcher.progressValue(), cancelledAt + 20);
    EXPECT_LT(watcher.future().resultCount(), 400);
}
