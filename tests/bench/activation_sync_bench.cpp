// Issue 16, the API sync's own work per sync (what runs on the workstation besides the network):
// the plan of a 1 M-member segment against a 1 M-row sent set (digest of every row on both cores,
// both set differences by sort and merge; 5 % of the members changed), the row digests alone on
// one core (and, for comparison, the same digests through QCryptographicHash), reading a 1 M-row sent set from the state file, and journalling one acknowledged
// batch of 10,000 rows with its sent-set change in one SQLite transaction (the most a request
// carries).
#include <benchmark/benchmark.h>

#include <QCryptographicHash>
#include <QTemporaryDir>

#include "activation/sync/audience_sync_plan.h"
#include "activation/sync/audience_sync_state.h"

namespace {

QString hex(const QString& plain)
{
    return QString::fromLatin1(QCryptographicHash::hash(plain.toUtf8(), QCryptographicHash::Sha256).toHex());
}

// Google-shaped rows with an e-mail and a phone hash, Country and Zip in clear.
core::AudienceRow row(int i, int version)
{
    return core::AudienceRow{QString::number(i),
                             {hex(QStringLiteral("p%1@example.com").arg(i)), hex(QStringLiteral("+1%1%2").arg(i).arg(version)),
                              QString(), QString(), QStringLiteral("US"), QStringLiteral("94045")}};
}

void BM_PlanOneMillionMembers(benchmark::State& state)
{
    static const auto data = [] {
        struct Data
        {
            QList<core::AudienceRow> now;
            std::vector<core::RowDigest> sent;
        } d;
        d.now.reserve(1'000'000);
        d.sent.reserve(1'000'000);
        for (int i = 0; i < 1'000'000; ++i) {
            d.now.append(row(i, i % 20 == 0 ? 1 : 0)); // 5 % changed since the last sync
            d.sent.push_back(core::AudienceDelta::digestOf(row(i, 0)));
        }
        return d;
    }();
    for (auto _ : state) {
        const auto plan = core::AudienceSyncPlan::compute(data.now, data.sent, {}, 10000);
        benchmark::DoNotOptimize(plan.adds.size());
        if (plan.adds.size() != 50'000 || plan.removes.size() != 50'000)
            state.SkipWithError("unexpected plan");
    }
    state.SetItemsProcessed(state.iterations() * 1'000'000);
}
void BM_DigestOneMillionRows(benchmark::State& state)
{
    QList<core::AudienceRow> rows;
    rows.reserve(1'000'000);
    for (int i = 0; i < 1'000'000; ++i)
        rows.append(row(i, 0));
    for (auto _ : state) {
        qint64 n = 0;
        for (const auto& r : rows)
            n += r.digest().at(0);
        benchmark::DoNotOptimize(n);
    }
    state.SetItemsProcessed(state.iterations() * 1'000'000);
}
BENCHMARK(BM_DigestOneMillionRows)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// For comparison: the same digest as it was first written, through QCryptographicHash with a
// QByteArray per value and per length prefix.
void BM_DigestOneMillionRowsQCryptographicHash(benchmark::State& state)
{
    QList<core::AudienceRow> rows;
    rows.reserve(1'000'000);
    for (int i = 0; i < 1'000'000; ++i)
        rows.append(row(i, 0));
    if (rows.first().digest() != [&] {
            QCryptographicHash hash(QCryptographicHash::Sha256);
            for (const QString& value : rows.first().values) {
                const QByteArray utf8 = value.toUtf8();
                hash.addData(QByteArray::number(utf8.size()) + ':');
                hash.addData(utf8);
            }
            return hash.result();
        }())
        state.SkipWithError("the digests differ");
    for (auto _ : state) {
        qint64 n = 0;
        for (const auto& r : rows) {
            QCryptographicHash hash(QCryptographicHash::Sha256);
            for (const QString& value : r.values) {
                const QByteArray utf8 = value.toUtf8();
                hash.addData(QByteArray::number(utf8.size()) + ':');
                hash.addData(utf8);
            }
            n += hash.result().at(0);
        }
        benchmark::DoNotOptimize(n);
    }
    state.SetItemsProcessed(state.iterations() * 1'000'000);
}
BENCHMARK(BM_DigestOneMillionRowsQCryptographicHash)->Unit(benchmark::kMillisecond)->MinTime(2.0);

BENCHMARK(BM_PlanOneMillionMembers)->Unit(benchmark::kMillisecond)->MinTime(3.0);

void BM_JournalOneBatchOfTenThousand(benchmark::State& state)
{
    QTemporaryDir dir;
    auto opened = core::AudienceSyncState::open(dir.filePath(QStringLiteral("activation.sqlite")));
    auto& db = *opened.value();
    core::DestinationConfig c;
    c.name = QStringLiteral("bench");
    c.accountId = QStringLiteral("1234567890");
    const qint64 id = db.addDestination(c).value().id;
    const qint64 run = db.beginRun(id, QStringLiteral("s"), 0, 0).value();
    int batch = 0;
    for (auto _ : state) {
        state.PauseTiming();
        QList<core::SentRow> rows;
        rows.reserve(10000);
        for (int i = 0; i < 10000; ++i) {
            const core::AudienceRow r = row(batch * 10000 + i, 0);
            rows.append({r.digest(), r.values});
        }
        core::SyncBatchRecord record;
        record.sequence = ++batch;
        record.rows = record.accepted = 10000;
        record.state = QStringLiteral("acknowledged");
        state.ResumeTiming();
        if (!db.recordBatch(run, id, record, rows))
            state.SkipWithError("recordBatch failed");
    }
    state.SetItemsProcessed(state.iterations() * 10000);
}
BENCHMARK(BM_JournalOneBatchOfTenThousand)->Unit(benchmark::kMillisecond)->Iterations(30);

void BM_ReadOneMillionSentDigests(benchmark::State& state)
{
    QTemporaryDir dir;
    auto opened = core::AudienceSyncState::open(dir.filePath(QStringLiteral("activation.sqlite")));
    auto& db = *opened.value();
    core::DestinationConfig c;
    c.name = QStringLiteral("bench");
    c.accountId = QStringLiteral("1234567890");
    const qint64 id = db.addDestination(c).value().id;
    const qint64 run = db.beginRun(id, QStringLiteral("s"), 0, 0).value();
    for (int batch = 0; batch < 100; ++batch) {
        QList<core::SentRow> rows;
        for (int i = 0; i < 10000; ++i) {
            const core::AudienceRow r = row(batch * 10000 + i, 0);
            rows.append({r.digest(), r.values});
        }
        core::SyncBatchRecord record;
        record.sequence = batch + 1;
        record.state = QStringLiteral("acknowledged");
        db.recordBatch(run, id, record, rows);
    }
    for (auto _ : state) {
        const auto digests = db.sentDigests(id);
        if (!digests || digests.value().size() != 1'000'000)
            state.SkipWithError("sentDigests");
    }
    state.SetItemsProcessed(state.iterations() * 1'000'000);
}
BENCHMARK(BM_ReadOneMillionSentDigests)->Unit(benchmark::kMillisecond)->Iterations(3);

} // namespace

BENCHMARK_MAIN();
