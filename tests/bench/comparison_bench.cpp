// Benchmark of issue 4's target: a comparison of 6 segments opens in ≤ 300 ms on the demo
// workspace (50,000 users, 180 days): segments, overlap and reach, daily metrics, distinct users,
// KPIs with intervals, definition diff and Holm-corrected tests, through ComparisonBuilder.
// Run: build/bin/comparison_bench; the demo workspace is built once in $SB_BENCH_DIR.
// SB_BENCH_VERBOSE=1 logs each build's steps (core.analytics debug lines).
#include <ctime>

#include <benchmark/benchmark.h>

#include <QCoreApplication>

#include "analytics/comparison_builder.h"
#include "analytics/comparison_csv.h"
#include "bench_workspace.h"
#include "common/future_wait.h"
#include "logging/logging.h"

namespace {

// CPU time of the whole process (the work runs on the workspace thread, not the timing one):
// on a busy machine wall time stretches, this does much less.
double processCpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

void openComparison(benchmark::State& state, const core::ComparisonRequest& request)
{
    const core::ComparisonBuilder builder(bench::demoStore().comparisons(), bench::catalogue());
    double cpuMs = 0;
    for (auto _ : state) {
        const double start = processCpuMs();
        auto c = core::awaitFuture(builder.build(request));
        cpuMs += processCpuMs() - start;
        if (!c) {
            state.SkipWithError(c.error().toString().toStdString().c_str());
            break;
        }
        benchmark::DoNotOptimize(c.value().overlap.activeUsers);
    }
    state.counters["process_cpu_ms"] = benchmark::Counter(
        cpuMs / static_cast<double>(std::max<benchmark::IterationCount>(state.iterations(), 1)));
}

// The view opens on the default range: the last 30 days with data.
void BM_OpenSixSegmentComparisonLast30Days(benchmark::State& state)
{
    openComparison(state, {bench::sixComparisonSegmentIds(), {}});
}
BENCHMARK(BM_OpenSixSegmentComparisonLast30Days)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// Worst case: the whole 180 days (distinct users scan every event of the range).
void BM_OpenSixSegmentComparisonAll180Days(benchmark::State& state)
{
    openComparison(
        state, {bench::sixComparisonSegmentIds(), core::DateRange{QDate(2026, 5, 29), QDate(2026, 11, 24)}});
}
BENCHMARK(BM_OpenSixSegmentComparisonAll180Days)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_TwoSegmentComparisonLast30Days(benchmark::State& state)
{
    openComparison(state, {bench::sixComparisonSegmentIds().mid(0, 2), {}});
}
BENCHMARK(BM_TwoSegmentComparisonLast30Days)->Unit(benchmark::kMillisecond);

void BM_ComparisonCsvExport(benchmark::State& state)
{
    const core::ComparisonBuilder builder(bench::demoStore().comparisons(), bench::catalogue());
    auto c = core::awaitFuture(builder.build({bench::sixComparisonSegmentIds(), {}}));
    if (!c)
        qFatal("%s", qPrintable(c.error().toString()));
    for (auto _ : state)
        benchmark::DoNotOptimize(core::ComparisonCsv::toCsv(c.value()).size());
}
BENCHMARK(BM_ComparisonCsvExport)->Unit(benchmark::kMicrosecond);

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    core::logging::initialize(QString(), qEnvironmentVariableIsSet("SB_BENCH_VERBOSE"),
                              core::logging::Console::Everything);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
