// PostgreSQL backend (issue 11) on a local server (the private cluster the tests start), through
// PostgresBackend → Session* stores → PgExecutor → libpq. A harness, not a timed test: prints
//   - the save round trip (create, update): p50/p95;
//   - listing 10,000 segments: p50/max of 10 runs;
//   - reach on the demo data (the demo workspace's events imported and refreshed into PostgreSQL,
//     the 6-condition definition of store_bench): p50/p95 of 30 estimates, and the local
//     workspace's figure on the same data beside it.
//   build/bin/postgres_store_bench [--saves N] [--skip-demo]
#include <algorithm>
#include <chrono>
#include <cstdio>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include "backends/postgres/postgres_backend.h"
#include "backends/sqlite/sqlite_backend.h"
#include "demo/demo_generator.h"
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

// The demo workspace's bronze events as an events CSV (values hold no comma or quote).
bool writeDemoEvents(const QString& workspace, const QString& csv)
{
    const QString name = QStringLiteral("bench-export");
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(workspace);
        QFile out(csv);
        if (db.open() && out.open(QIODevice::WriteOnly)) {
            const QString columns = QStringLiteral("event_id, event_time, advertiser_id, campaign_id, user_id, age, gender, "
                                                   "country, region, device, interests, event_type, cost_micros");
            out.write(QString(columns).remove(QLatin1Char(' ')).toUtf8() + '\n');
            QSqlQuery q(db);
            ok = q.exec(QStringLiteral("SELECT %1 FROM bronze_impressions ORDER BY ingest_seq").arg(columns));
            while (ok && q.next()) {
                QStringList cells;
                for (int i = 0; i < 13; ++i)
                    cells.append(q.value(i).toString());
                out.write(cells.join(QLatin1Char(',')).toUtf8() + '\n');
            }
        }
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

double timeReach(core::SegmentStore& store, std::vector<double>& out)
{
    const core::Definition d = typicalDefinition();
    qint64 reach = 0;
    for (int i = 0; i < 30; ++i) {
        const auto t0 = Clock::now();
        auto r = core::awaitFuture(store.estimateReach(d, QStringLiteral("adv-northwind")));
        out.push_back(ms(Clock::now() - t0));
        if (!r) {
            std::fprintf(stderr, "%s\n", qPrintable(r.error().toString()));
            return -1;
        }
        reach = r.value().reach;
    }
    return static_cast<double>(reach);
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
    core::PgConnectionSettings settings; // reused for the demo database below
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
    if (args.contains(QStringLiteral("--skip-demo")))
        return 0;

    // Reach on the demo data: the same events in the local workspace and in PostgreSQL.
    QTemporaryDir dir;
    const QString workspace = dir.filePath(QStringLiteral("demo.sqlite"));
    core::DemoOptions options;
    options.endDate = QDate(2026, 11, 30);
    if (auto made = core::DemoGenerator::createWorkspace(workspace, options); !made) {
        std::fprintf(stderr, "%s\n", qPrintable(made.error().toString()));
        return 1;
    }
    const QString csv = dir.filePath(QStringLiteral("events.csv"));
    if (!writeDemoEvents(workspace, csv))
        return 1;
    auto local = core::SqliteBackend::open(workspace, catalogue.value());
    if (!local)
        return 1;
    const QString demoDatabase = server->createUniqueDatabase(QStringLiteral("bench_demo"));
    settings.conninfo = QStringLiteral("host=%1 port=%2 dbname=%3 user=%4")
                            .arg(server->host())
                            .arg(server->port())
                            .arg(demoDatabase, server->superuser());
    auto demo = core::PostgresBackend::open(settings, catalogue.value());
    if (!demo)
        return 1;
    auto exported = core::awaitFuture(local.value()->segments().listSegments({}));
    if (!exported)
        return 1;
    const auto advertisers = core::awaitFuture(local.value()->segments().listAdvertisers());
    if (!advertisers)
        return 1;
    for (const auto& a : advertisers.value())
        core::awaitFuture(demo.value()->segments().saveAdvertiser(a));
    for (const auto& segment : exported.value())
        core::awaitFuture(demo.value()->segments().importSegment(segment));
    auto t0 = Clock::now();
    auto imported = core::awaitFuture(demo.value()->pipeline().importEvents(csv, {}));
    const double importSeconds = ms(Clock::now() - t0) / 1000.0;
    t0 = Clock::now();
    auto refreshed = core::awaitFuture(demo.value()->pipeline().refresh());
    const double refreshSeconds = ms(Clock::now() - t0) / 1000.0;
    if (!imported || !refreshed) {
        std::fprintf(stderr, "%s\n", qPrintable((imported ? refreshed.error() : imported.error()).toString()));
        return 1;
    }
    std::printf("demo feed into PostgreSQL: %lld events imported in %.1f s, refreshed in %.1f s\n",
                static_cast<long long>(imported.value().rowsLoaded), importSeconds, refreshSeconds);
    std::vector<double> onPostgres;
    std::vector<double> onSqlite;
    const double pgReach = timeReach(demo.value()->segments(), onPostgres);
    const double localReach = timeReach(local.value()->segments(), onSqlite);
    std::printf("reach on the demo data (6 conditions, waterfall), 30 runs: PostgreSQL p50 %.1f ms, p95 %.1f ms "
                "(target <= 150 ms); local workspace p50 %.1f ms; same reach on both: %s (%.0f)\n",
                percentile(onPostgres, 0.5), percentile(onPostgres, 0.95), percentile(onSqlite, 0.5),
                pgReach == localReach ? "yes" : "NO", pgReach);
    return pgReach == localReach ? 0 : 1;
}
