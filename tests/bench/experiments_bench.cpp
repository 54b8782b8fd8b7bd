// Issue 17: deterministic assignment throughput (target ≥ 10 M users/s per core) — the GrowthBook
// hash (two FNV-1a passes) and the bucket lookup, one thread, over a million distinct user ids.
#include <benchmark/benchmark.h>

#include <QStringList>

#include "experiments/experiment_assignment.h"

namespace {

const QStringList& userIds()
{
    static const QStringList ids = [] {
        QStringList out;
        out.reserve(1'000'000);
        for (int i = 0; i < 1'000'000; ++i)
            out.append(QStringLiteral("u-%1").arg(i, 7, 10, QLatin1Char('0')));
        return out;
    }();
    return ids;
}

void BM_AssignOneMillionUsers(benchmark::State& state)
{
    core::ExperimentSplit split;
    split.key = QStringLiteral("spring-retargeting");
    split.armPercents = {50, 50};
    split.holdoutPercent = 10;
    const auto ranges = core::ExperimentAssignment::bucketRanges(split);
    const QString seed = split.key;
    const QStringList& ids = userIds();
    for (auto _ : state) {
        qint64 inArms = 0;
        for (const QString& id : ids)
            inArms += core::ExperimentAssignment::arm(core::ExperimentAssignment::hash(seed, id), ranges) >= 0 ? 1 : 0;
        benchmark::DoNotOptimize(inArms);
    }
    state.SetItemsProcessed(state.iterations() * ids.size());
}
BENCHMARK(BM_AssignOneMillionUsers)->Unit(benchmark::kMillisecond)->MinTime(2.0);

} // namespace

BENCHMARK_MAIN();
