// Issue 5 targets: fit + 14-day forecast of a 365-day series in <= 5 ms, and forecasting 2,000
// segments in the background in <= 10 s.
//  - BM_Forecast365Days/auto: Forecaster::fit with automatic model choice (stepwise AICc, the
//    default) on 365-day synthetic impression series, intervals included; "exhaustive" fits all
//    15 candidates as R does; "MNM" one given model.
//  - BM_BatchForecast2000Segments: BatchForecaster on the global thread pool (one thread per
//    core), 2,000 365-day series, from start until the future finishes, progress reported;
//    counters: the process CPU time and what it means for the wall time on idle cores.
#include <ctime>

#include <benchmark/benchmark.h>

#include <QThreadPool>

#include "forecast/batch_forecaster.h"
#include "forecast/forecaster.h"
#include "forecast/synthetic_impressions.h"

using namespace core::forecast;

namespace {

std::vector<TimeSeries> yearOfSeries(int count)
{
    SyntheticOptions options;
    options.days = 365;
    options.count = count;
    return SyntheticImpressions::generate(options);
}

void forecastEach(benchmark::State& state, const ForecastOptions& options)
{
    static const std::vector<TimeSeries> series = yearOfSeries(50);
    size_t i = 0;
    for (auto _ : state) {
        auto f = Forecaster::fit(series[i++ % series.size()], options);
        benchmark::DoNotOptimize(f);
        if (!f.ok())
            state.SkipWithError("forecast failed");
    }
    state.SetItemsProcessed(state.iterations());
}

void BM_Forecast365Days_auto(benchmark::State& state)
{
    forecastEach(state, ForecastOptions{});
}

void BM_Forecast365Days_exhaustive(benchmark::State& state)
{
    ForecastOptions o;
    o.selection = EtsModelSelector::Strategy::Exhaustive;
    forecastEach(state, o);
}

void BM_Forecast365Days_MNM(benchmark::State& state)
{
    ForecastOptions o;
    o.model = ModelChoice::parse(QStringLiteral("MNM")).value();
    forecastEach(state, o);
}

void BM_BatchForecast2000Segments(benchmark::State& state)
{
    const std::vector<TimeSeries> distinct = yearOfSeries(200);
    QList<BatchItem> items;
    for (int i = 0; i < 2000; ++i)
        items.append(BatchItem{QStringLiteral("segment-%1").arg(i),
                               distinct[static_cast<size_t>(i) % distinct.size()]});
    const std::clock_t cpuBefore = std::clock();
    for (auto _ : state) {
        QFuture<BatchOutcome> future = BatchForecaster().start(items, BatchOptions{});
        future.waitForFinished();
        if (future.resultCount() != items.size() || future.progressValue() != items.size())
            state.SkipWithError("batch incomplete");
    }
    // CPU time of all threads: on a machine busy with other work the wall time says little, while
    // process CPU / threads is the wall time the batch needs when it has the cores to itself.
    const double cpuSeconds = static_cast<double>(std::clock() - cpuBefore) / CLOCKS_PER_SEC;
    const int threads = QThreadPool::globalInstance()->maxThreadCount();
    state.counters["threads"] = threads;
    state.counters["process_cpu_s"] = cpuSeconds / static_cast<double>(state.iterations());
    state.counters["idle_wall_s"] = cpuSeconds / static_cast<double>(state.iterations()) / threads;
    state.SetItemsProcessed(state.iterations() * items.size());
}

} // namespace

BENCHMARK(BM_Forecast365Days_auto)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_Forecast365Days_exhaustive)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_Forecast365Days_MNM)->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(BM_BatchForecast2000Segments)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();

BENCHMARK_MAIN();
