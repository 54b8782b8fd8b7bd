// Issue 4 target: chart decimation at >= 100 M points/s. items_per_second is the number of
// points inside the decimated range per second, into 1200 pixel columns: for min/max per column
// and LTTB over the whole of 1M- and 10M-point series, a zoomed-in tenth, and a hundredth (83
// points per column: every point is read, no block summaries). Wide min/max columns read whole
// 64-point blocks from the summaries TimeSeries::create builds; BM_CreateSeries is that one-off
// cost (points per second).
#include <cmath>
#include <limits>
#include <map>

#include <benchmark/benchmark.h>

#include "charting/decimation.h"
#include "charting/lttb_decimator.h"
#include "charting/min_max_decimator.h"
#include "support/chart_series_fixtures.h"

namespace {

using core::charting::TimeSeries;
using core::charting::XRange;

constexpr int kColumns = 1200;

const TimeSeries& walk(std::size_t n)
{
    static std::map<std::size_t, TimeSeries> cache;
    auto it = cache.find(n);
    if (it == cache.end())
        it = cache.emplace(n, chartfixtures::randomWalk(n, 17, 1.7e12, 60'000.0)).first;
    return it->second;
}

// Every 1000th point starts a 10-point NaN stretch.
const TimeSeries& walkWithGaps()
{
    static const TimeSeries series = [] {
        const TimeSeries& base = walk(1'000'000);
        std::vector<double> x(base.xs().begin(), base.xs().end());
        std::vector<double> y(base.ys().begin(), base.ys().end());
        for (std::size_t i = 0; i < y.size(); i += 1000)
            for (std::size_t k = i; k < std::min(y.size(), i + 10); ++k)
                y[k] = std::numeric_limits<double>::quiet_NaN();
        return chartfixtures::orThrow(TimeSeries::create(std::move(x), std::move(y)));
    }();
    return series;
}

XRange share(const TimeSeries& s, double from, double to)
{
    const XRange all = *s.extent();
    return {all.min + from * all.width(), all.min + to * all.width()};
}

template <typename Decimate>
void run(benchmark::State& state, const TimeSeries& series, const XRange& range, Decimate decimate)
{
    const auto visible = series.indicesWithin(range);
    qsizetype out = 0;
    for (auto _ : state) {
        const QList<QPointF> points = decimate(series, range);
        out = points.size();
        benchmark::DoNotOptimize(points.constData());
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(visible.size()));
    state.counters["points_out"] = static_cast<double>(out);
}

const auto minMax = [](const TimeSeries& s, const XRange& r) {
    return core::charting::decimateMinMax(s, r, kColumns);
};
const auto lttb = [](const TimeSeries& s, const XRange& r) {
    return core::charting::decimateLttb(s, r, 2 * kColumns);
};

void BM_MinMaxWhole(benchmark::State& state)
{
    const TimeSeries& s = walk(static_cast<std::size_t>(state.range(0)));
    run(state, s, *s.extent(), minMax);
}
BENCHMARK(BM_MinMaxWhole)->Arg(1'000'000)->Arg(10'000'000)->Unit(benchmark::kMicrosecond);

void BM_MinMaxZoomedTenth(benchmark::State& state)
{
    const TimeSeries& s = walk(10'000'000);
    run(state, s, share(s, 0.45, 0.55), minMax);
}
BENCHMARK(BM_MinMaxZoomedTenth)->Unit(benchmark::kMicrosecond);

void BM_MinMaxZoomedHundredthPointByPoint(benchmark::State& state)
{
    const TimeSeries& s = walk(10'000'000);
    run(state, s, share(s, 0.495, 0.505), minMax);
}
BENCHMARK(BM_MinMaxZoomedHundredthPointByPoint)->Unit(benchmark::kMicrosecond);

void BM_MinMaxWithGaps(benchmark::State& state)
{
    const TimeSeries& s = walkWithGaps();
    run(state, s, *s.extent(), minMax);
}
BENCHMARK(BM_MinMaxWithGaps)->Unit(benchmark::kMicrosecond);

void BM_LttbWhole(benchmark::State& state)
{
    const TimeSeries& s = walk(static_cast<std::size_t>(state.range(0)));
    run(state, s, *s.extent(), lttb);
}
BENCHMARK(BM_LttbWhole)->Arg(1'000'000)->Arg(10'000'000)->Unit(benchmark::kMicrosecond);

void BM_LttbWithGaps(benchmark::State& state)
{
    const TimeSeries& s = walkWithGaps();
    run(state, s, *s.extent(), lttb);
}
BENCHMARK(BM_LttbWithGaps)->Unit(benchmark::kMicrosecond);

void BM_CreateSeries(benchmark::State& state)
{
    const TimeSeries& source = walk(1'000'000);
    for (auto _ : state) {
        state.PauseTiming(); // the caller's vectors are moved in: copying them is not create()'s cost
        std::vector<double> x(source.xs().begin(), source.xs().end());
        std::vector<double> y(source.ys().begin(), source.ys().end());
        state.ResumeTiming();
        auto created = TimeSeries::create(std::move(x), std::move(y));
        benchmark::DoNotOptimize(created.ok());
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * 1'000'000);
}
BENCHMARK(BM_CreateSeries)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
