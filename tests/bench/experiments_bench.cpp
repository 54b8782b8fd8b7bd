// Issue 17: deterministic assignment throughput (target ≥ 10 M users/s per core) — the GrowthBook
// hash (two FNV-1a passes) and the bucket lookup, one thread, over a million distinct user ids;
// and the results of an experiment (ExperimentStore::data, the SQL assignment and aggregation,
// then ExperimentResults): on the largest demo segment (target ≤ 300 ms) and on a 1 M-member
// experiment generated here (target ≤ 2 s), both on the local workspace. The workspaces are built
// once in $SB_BENCH_DIR (default /tmp/sb-bench).
#include <ctime>

#include <benchmark/benchmark.h>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

#include "backends/sqlite/sqlite_executor.h"
#include "bench_workspace.h"
#include "common/future_wait.h"
#include "domain/simple_definition.h"
#include "experiments/experiment_assignment.h"
#include "experiments/experiment_results.h"
#include "logging/logging.h"

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

// An experiment of the backend on the segment, made once (found again by its key).
QString experimentOn(core::Backend& backend, const QString& segmentId, const QString& key, QDate start,
                     core::ExperimentMetric metric = core::ExperimentMetric::Ctr)
{
    auto existing = core::awaitFuture(backend.experiments().list({}));
    if (!existing)
        qFatal("%s", qPrintable(existing.error().toString()));
    for (const auto& e : existing.value()) {
        if (e.key == key)
            return e.id;
    }
    core::Experiment draft;
    draft.segmentId = segmentId;
    draft.name = QStringLiteral("Bench ") + key;
    draft.key = key;
    draft.arms = {{QStringLiteral("control"), 50}, {QStringLiteral("treatment"), 50}};
    draft.holdoutPercent = 10;
    draft.startDate = start;
    draft.primaryMetric = metric;
    draft.status = core::ExperimentStatus::Running;
    auto created = core::awaitFuture(backend.experiments().create(draft, QStringLiteral("bench")));
    if (!created)
        qFatal("%s", qPrintable(created.error().toString()));
    return created.value().id;
}

// CPU time of the whole process (the work runs on the workspace thread, not the timing one): on a
// machine shared with other work wall time stretches, this does much less.
double processCpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

// Reads the results as the app does: the store's data, then the readout.
void readResults(benchmark::State& state, core::Backend& backend, const QString& id)
{
    auto experiment = core::awaitFuture(backend.experiments().get(id));
    if (!experiment)
        qFatal("%s", qPrintable(experiment.error().toString()));
    qint64 members = 0;
    qint64 days = 0;
    double cpuMs = 0;
    for (auto _ : state) {
        const double start = processCpuMs();
        auto data = core::awaitFuture(backend.experiments().data(id));
        if (!data) {
            state.SkipWithError(data.error().toString().toStdString().c_str());
            break;
        }
        const core::ExperimentReadout readout = core::ExperimentResults::read(experiment.value(), data.value());
        benchmark::DoNotOptimize(readout.headline.size());
        cpuMs += processCpuMs() - start;
        members = 0;
        for (const auto& arm : data.value().arms)
            members += arm.users;
        days = data.value().days.size() / (experiment.value().arms.size() + 1);
    }
    state.counters["process_cpu_ms"] =
        benchmark::Counter(cpuMs / static_cast<double>(std::max<benchmark::IterationCount>(state.iterations(), 1)));
    state.counters["members"] = static_cast<double>(members);
    state.counters["days"] = static_cast<double>(days);
}

// The demo segment with the largest reach, and an experiment on it over all 180 days.
void BM_ResultsOfTheLargestDemoSegment(benchmark::State& state)
{
    core::SqliteBackend& demo = bench::demoStore();
    static const QString id = [&demo] {
        auto segments = core::awaitFuture(demo.segments().listSegments({}));
        if (!segments)
            qFatal("%s", qPrintable(segments.error().toString()));
        QStringList ids;
        for (const auto& s : segments.value())
            ids << s.id;
        auto reach = core::awaitFuture(demo.segments().reachOfSegments(ids));
        if (!reach)
            qFatal("%s", qPrintable(reach.error().toString()));
        QString largest;
        for (auto it = reach.value().cbegin(); it != reach.value().cend(); ++it) {
            if (largest.isEmpty() || it.value() > reach.value().value(largest))
                largest = it.key();
        }
        fprintf(stderr, "largest demo segment: %s, %lld members\n", qPrintable(largest),
                static_cast<long long>(reach.value().value(largest)));
        return experimentOn(demo, largest, QStringLiteral("bench-largest-demo"), QDate(2026, 5, 29));
    }();
    readResults(state, demo, id);
}
BENCHMARK(BM_ResultsOfTheLargestDemoSegment)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// A workspace of 1,000,000 people in the US, all active in the last 30 days to 2026-11-24, with
// 1.5 impressions each, a click for 1 in 25 and a conversion for 1 in 200 (1.55 M events), and a
// segment "US" of advertiser adv-big whose members are all of them.
core::SqliteBackend& millionWorkspace()
{
    static std::unique_ptr<core::SqliteBackend> backend = [] {
        const QString path = QDir(bench::benchDir()).filePath(QStringLiteral("experiments-1m.sqlite"));
        const bool fresh = !QFile::exists(path);
        auto opened = core::SqliteBackend::open(path, bench::catalogue());
        if (!opened)
            qFatal("open %s: %s", qPrintable(path), qPrintable(opened.error().toString()));
        std::unique_ptr<core::SqliteBackend> b = std::move(opened).value();
        if (!fresh)
            return b;
        QElapsedTimer t;
        t.start();
        if (!core::awaitFuture(b->segments().saveAdvertiser({QStringLiteral("adv-big"), QStringLiteral("Big")})))
            qFatal("advertiser");
        core::SimpleDefinition us;
        us.include[core::Dimension::Country] = {QStringLiteral("US")};
        core::Segment s;
        s.advertiserId = QStringLiteral("adv-big");
        s.name = QStringLiteral("US");
        s.status = core::SegmentStatus::Active;
        s.definition = us.toDefinition();
        if (!core::awaitFuture(b->segments().createSegment(s, QStringLiteral("bench"))))
            qFatal("segment");
        auto filled = b->executor().submit<core::Done>([](QSqlDatabase& db) -> core::Status {
            const QString people = QStringLiteral(
                "INSERT INTO audience_profiles (user_id, age_bucket, gender, country, region, interests, devices, "
                "first_seen, last_seen) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
                "1000000) SELECT printf('u%07d', i), '25-34', CASE WHEN i % 2 = 0 THEN 'female' ELSE 'male' END, "
                "'US', NULL, '|news|', '|mobile|', '2026-09-01', date('2026-11-24', '-' || (i % 30) || ' days') FROM n");
            // event kinds per person: k = 0 impression, 1 a second impression (half of them), 2 click, 3 conversion
            const QString events = QStringLiteral(
                "INSERT INTO silver_impressions (event_id, event_time, event_date, advertiser_id, campaign_id, user_id, "
                "age_bucket, gender, country, region, device, interests, event_type, cost_micros) "
                "SELECT 'e' || p.user_id || '-' || k.k, %1 || 'T12:00:00Z', %1, 'adv-big', 'c1', p.user_id, "
                "p.age_bucket, p.gender, p.country, NULL, 'mobile', 'news', "
                "CASE WHEN k.k <= 1 THEN 'impression' WHEN k.k = 2 THEN 'click' ELSE 'conversion' END, "
                "CASE WHEN k.k <= 1 THEN 2000 + (p.rowid % 7) * 100 ELSE 0 END "
                "FROM audience_profiles p CROSS JOIN (SELECT 0 AS k UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL "
                "SELECT 3) k "
                "WHERE k.k = 0 OR (k.k = 1 AND p.rowid % 2 = 0) OR (k.k = 2 AND p.rowid % 25 = 0) OR "
                "(k.k = 3 AND p.rowid % 200 = 0)")
                                       .arg(QStringLiteral("date(p.last_seen, '-' || ((p.rowid * 7 + k.k) % 5) || ' days')"));
            for (const QString& sql : {people, events}) {
                QSqlQuery q(db);
                if (!q.exec(sql))
                    return core::Error::internal(q.lastError().text());
            }
            return core::success();
        });
        if (auto done = core::awaitFuture(filled); !done)
            qFatal("filling the 1 M workspace failed: %s", qPrintable(done.error().toString()));
        fprintf(stderr, "1 M-member workspace built in %lld ms\n", static_cast<long long>(t.elapsed()));
        return b;
    }();
    return *backend;
}

void BM_ResultsOfAMillionMemberExperiment(benchmark::State& state)
{
    core::SqliteBackend& big = millionWorkspace();
    static const QString id = [&big] {
        auto segments = core::awaitFuture(big.segments().listSegments({}));
        if (!segments || segments.value().isEmpty())
            qFatal("the 1 M workspace has no segment");
        return experimentOn(big, segments.value().first().id, QStringLiteral("bench-million"), QDate(2026, 10, 26));
    }();
    readResults(state, big, id);
}
BENCHMARK(BM_ResultsOfAMillionMemberExperiment)->Unit(benchmark::kMillisecond)->Iterations(3);

// The same on spend per person: each member's running totals (for the variance) cost a sort of
// every member-day by member.
void BM_ResultsOfAMillionMemberExperimentOnSpendPerPerson(benchmark::State& state)
{
    core::SqliteBackend& big = millionWorkspace();
    static const QString id = [&big] {
        auto segments = core::awaitFuture(big.segments().listSegments({}));
        if (!segments || segments.value().isEmpty())
            qFatal("the 1 M workspace has no segment");
        return experimentOn(big, segments.value().first().id, QStringLiteral("bench-million-spend"), QDate(2026, 10, 26),
                            core::ExperimentMetric::SpendPerUser);
    }();
    readResults(state, big, id);
}
BENCHMARK(BM_ResultsOfAMillionMemberExperimentOnSpendPerPerson)->Unit(benchmark::kMillisecond)->Iterations(2);

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
