// PostgreSQL backend (issue 11): save round trip and listing 10,000 segments on a local server
// (the private cluster the tests start), through PostgresBackend → SessionSegmentStore →
// PgExecutor → libpq. A harness, not a timed test: prints p50/p95 of each.
//   build/tests/bench/postgres_store_bench [--saves N]
#include <algorithm>
#include <chrono>
#include <cstdio>

#include <QCoreApplication>

#include "backends/postgres/postgres_backend.h"
#include "backends/segment_store.h"
#include "common/future_wait.h"
#include "domain/catalogue.h"
#include "domain/simple_definition.h"
#include "postgres_server.h"

namespace {

using Clock = std::chrono::steady_clock;

double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

core::Segment draft(int i)
{
    core::Segment s;
    s.advertiserId = QStringLiteral("adv");
    s.name = QStringLiteral("Segment %1").arg(i, 5, 10, QLatin1Char('0'));
    s.status = core::SegmentStatus::Active;
    core::SimpleDefinition d;
    d.include[core::Dimension::Country] = {QStringLiteral("US")};
    d.include[core::Dimension::Age] = {QStringLiteral("25-34")};
    s.definition = d.toDefinition();
    return s;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int savesAt = static_cast<int>(args.indexOf(QStringLiteral("--saves")));
    const int saves = savesAt > 0 && savesAt + 1 < args.size() ? args.at(savesAt + 1).toInt() : 500;

    QString error;
    testsupport::PostgresServer* server = testsupport::PostgresServer::shared(&error);
    if (!server) {
        std::fprintf(stderr, "no PostgreSQL server: %s\n", qPrintable(error));
        return 1;
    }
    const QString database = server->createUniqueDatabase(QStringLiteral("bench"));
    core::PgConnectionSettings settings;
    settings.conninfo = QStringLiteral("host=%1 port=%2 dbname=%3 user=%4")
                            .arg(server->host())
                            .arg(server->port())
                            .arg(database, server->superuser());
    auto catalogue = core::Catalogue::load();
    if (!catalogue) {
        std::fprintf(stderr, "%s\n", qPrintable(catalogue.error().toString()));
        return 1;
    }
    auto opened = core::PostgresBackend::open(settings, catalogue.value());
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().toString()));
        return 1;
    }
    core::SegmentStore& store = opened.value()->segments();
    if (!core::awaitFuture(store.saveAdvertiser({QStringLiteral("adv"), QStringLiteral("Advertiser")})))
        return 1;

    // Save round trip: create (validation, name check, row, version, reach cache in one
    // transaction), then an update of the same segment.
    std::vector<double> creates;
    std::vector<double> updates;
    for (int i = 0; i < saves; ++i) {
        const auto t0 = Clock::now();
        auto created = core::awaitFuture(store.createSegment(draft(i), QStringLiteral("bench")));
        const auto t1 = Clock::now();
        if (!created) {
            std::fprintf(stderr, "%s\n", qPrintable(created.error().toString()));
            return 1;
        }
        core::Segment edited = created.value();
        edited.description = QStringLiteral("edited");
        auto updated = core::awaitFuture(store.updateSegment(edited, QStringLiteral("bench")));
        const auto t2 = Clock::now();
        if (!updated)
            return 1;
        creates.push_back(ms(t1 - t0));
        updates.push_back(ms(t2 - t1));
    }
    std::printf("save round trip, %d creates: p50 %.2f ms, p95 %.2f ms (target p95 <= 5 ms)\n", saves,
                percentile(creates, 0.5), percentile(creates, 0.95));
    std::printf("save round trip, %d updates: p50 %.2f ms, p95 %.2f ms (target p95 <= 5 ms)\n", saves,
                percentile(updates, 0.5), percentile(updates, 0.95));

    for (int i = saves; i < 10'000; ++i) {
        if (!core::awaitFuture(store.createSegment(draft(i), QStringLiteral("bench"))))
            return 1;
    }
    std::vector<double> lists;
    for (int run = 0; run < 10; ++run) {
        const auto t0 = Clock::now();
        auto listed = core::awaitFuture(store.listSegments({}));
        lists.push_back(ms(Clock::now() - t0));
        if (!listed || listed.value().size() != 10'000) {
            std::fprintf(stderr, "listing returned %lld segments\n",
                         listed ? static_cast<long long>(listed.value().size()) : -1LL);
            return 1;
        }
    }
    std::printf("list 10,000 segments, 10 runs: p50 %.1f ms, max %.1f ms (target <= 200 ms)\n", percentile(lists, 0.5),
                percentile(lists, 1.0));
    return 0;
}
