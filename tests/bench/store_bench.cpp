// Benchmarks of the local workspace (issue 2 targets): reach estimate on the demo
// workspace (≤ 150 ms), listing 10,000 segments (≤ 200 ms), and demo creation.
// Run: build/bin/store_bench [--benchmark_repetitions=5]; the demo workspace is built once in
// $SB_BENCH_DIR (default /tmp/sb-bench) and reused.
#include "bench_workspace.h"
#include "common/future_wait.h"
#include "domain/simple_definition.h"
#include "logging/logging.h"

#include <benchmark/benchmark.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>

namespace {

using bench::benchDir;
using bench::catalogue;
using bench::demoStore;

core::Definition typicalDefinition()
{
    core::SimpleDefinition s;
    s.include[core::Dimension::Age] = {QStringLiteral("25-34"), QStringLiteral("35-44")};
    s.include[core::Dimension::Country] = {QStringLiteral("US"), QStringLiteral("GB"), QStringLiteral("DE")};
    s.include[core::Dimension::Interest] = {QStringLiteral("travel"), QStringLiteral("sports")};
    s.include[core::Dimension::Device] = {QStringLiteral("mobile")};
    s.behaviours = {{QStringLiteral("click"), 1, 30}};
    s.exclude[core::Dimension::Gender] = {QStringLiteral("unknown")};
    return s.toDefinition();
}

void BM_ReachEstimateDemoWorkspace(benchmark::State& state)
{
    auto& store = demoStore();
    const core::Definition d = typicalDefinition();
    for (auto _ : state) {
        auto r = core::awaitFuture(store.segments().estimateReach(d, QStringLiteral("adv-northwind")));
        if (!r)
            state.SkipWithError(r.error().toString().toStdString().c_str());
        benchmark::DoNotOptimize(r.value().reach);
    }
}
BENCHMARK(BM_ReachEstimateDemoWorkspace)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_ReachEstimateSingleCountry(benchmark::State& state)
{
    auto& store = demoStore();
    core::SimpleDefinition s;
    s.include[core::Dimension::Country] = {QStringLiteral("US")};
    const core::Definition d = s.toDefinition();
    for (auto _ : state) {
        auto r = core::awaitFuture(store.segments().estimateReach(d, QString()));
        benchmark::DoNotOptimize(r.value().reach);
    }
}
BENCHMARK(BM_ReachEstimateSingleCountry)->Unit(benchmark::kMillisecond);

core::SqliteBackend& tenThousandSegments()
{
    static std::unique_ptr<core::SqliteBackend> store = [] {
        const QString path = QDir(benchDir()).filePath(QStringLiteral("ten-thousand.sqlite"));
        const bool fresh = !QFile::exists(path);
        auto opened = core::SqliteBackend::open(path, catalogue());
        if (!opened)
            qFatal("open %s: %s", qPrintable(path), qPrintable(opened.error().toString()));
        auto s = std::move(opened).value();
        if (fresh) {
            core::awaitFuture(s->segments().saveAdvertiser({QStringLiteral("adv"), QStringLiteral("Advertiser")}));
            for (int i = 0; i < 10000; ++i) {
                core::SimpleDefinition d;
                d.include[core::Dimension::Country] = {QStringLiteral("US")};
                d.include[core::Dimension::Age] = {QStringLiteral("25-34")};
                core::Segment seg;
                seg.advertiserId = QStringLiteral("adv");
                seg.name = QStringLiteral("Segment %1").arg(i, 5, 10, QLatin1Char('0'));
                seg.description = QStringLiteral("benchmark segment number %1").arg(i);
                seg.definition = d.toDefinition();
                auto r = core::awaitFuture(s->segments().createSegment(seg, QStringLiteral("bench")));
                if (!r)
                    qFatal("%s", qPrintable(r.error().toString()));
            }
        }
        return s;
    }();
    return *store;
}

void BM_List10000Segments(benchmark::State& state)
{
    auto& store = tenThousandSegments();
    for (auto _ : state) {
        auto r = core::awaitFuture(store.segments().listSegments({}));
        if (!r || r.value().size() != 10000)
            state.SkipWithError("listing failed");
        benchmark::DoNotOptimize(r.value().size());
    }
}
BENCHMARK(BM_List10000Segments)->Unit(benchmark::kMillisecond);

// One save of a segment on the local workspace, as the window does it: the cost of
// synchronous=FULL (the WAL is synced before the save is reported done).
void BM_SaveSegmentLocal(benchmark::State& state)
{
    struct Saving
    {
        std::unique_ptr<core::SqliteBackend> store;
        core::Segment current;
    };
    static Saving saving = [] {
        const QString path = QDir(benchDir()).filePath(QStringLiteral("saves.sqlite"));
        QFile::remove(path);
        auto opened = core::SqliteBackend::open(path, catalogue());
        if (!opened)
            qFatal("open %s: %s", qPrintable(path), qPrintable(opened.error().toString()));
        Saving s{std::move(opened).value(), {}};
        core::awaitFuture(s.store->segments().saveAdvertiser({QStringLiteral("adv"), QStringLiteral("Advertiser")}));
        core::Segment seg;
        seg.advertiserId = QStringLiteral("adv");
        seg.name = QStringLiteral("Saved often");
        seg.definition = typicalDefinition();
        auto created = core::awaitFuture(s.store->segments().createSegment(seg, QStringLiteral("bench")));
        if (!created)
            qFatal("create: %s", qPrintable(created.error().toString()));
        s.current = created.value();
        return s;
    }();
    for (auto _ : state) {
        saving.current.description = QStringLiteral("save %1").arg(saving.current.version);
        auto saved = core::awaitFuture(saving.store->segments().updateSegment(saving.current, QStringLiteral("bench")));
        if (!saved) {
            state.SkipWithError(qPrintable(saved.error().toString()));
            return;
        }
        saving.current = saved.value();
    }
}
BENCHMARK(BM_SaveSegmentLocal)->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    core::logging::initialize(QString());
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
