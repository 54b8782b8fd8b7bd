// Harness: events per second of the local metrics refresh (bronze → silver → audience → gold),
// and of `events import`. First the generated bronze is written out as an events CSV file and
// imported into a new workspace as the app does it, then the same file is parsed the same way and
// inserted by one prepared statement per record (the import's floor): the ratio is printed
// (SB_PIPELINE_BENCH_NO_IMPORT=1 skips this).
// Fills a workspace's bronze with the demo feed (duplicates and bad rows included, 15 segments),
// then times LocalPipeline::refresh over all of it, step by step, and a second refresh with
// nothing new (what a repeated `segctl metrics refresh` costs). Last, the storage floor: reading
// every bronze event once and writing it once into a table without any index through SQLite's C
// API, committed — the least any refresh that keeps silver as a SQLite table must do.
// Usage: pipeline_bench [--10m] [USERS=200000] [DAYS=180] [EVENTS_PER_USER_PER_DAY=0.028] [KEEP_PATH]
// --10m: ten times the data (500,000 people, 180 days, about 10 M events; `make bench-10m`).
// Last, what the window then asks of the workspace: the reach of every segment through the
// workspace's store, the detail view's metrics read, a six-segment comparison; and the peak
// memory (maxrss).
// (the defaults give about 1.1 million bronze events). SB_PIPELINE_BENCH_BRONZE=FILE keeps the
// generated workspace (bronze filled, nothing refreshed) in FILE and starts from a copy of it next
// time with the same arguments, which saves generating the feed again. SB_PIPELINE_BENCH_READS=FILE
// times only the reads, on a workspace that SB_PIPELINE_BENCH_REFRESHED kept.
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <sqlite3.h>
#include <sys/resource.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlDriver>
#include <QTemporaryDir>

#include "backends/impressions_pipeline.h"
#include "backends/session_reach.h"
#include "backends/sqlite/sqlite_session.h"
#include "sql/segment_sql.h"
#include "backends/sqlite/local_impressions_pipeline.h"
#include "analytics/comparison_builder.h"
#include "common/future_wait.h"
#include "export/csv_writer.h"
#include "export/events_csv.h"
#include "demo/demo_generator.h"
#include "backends/sqlite/sqlite_backend.h"
#include "logging/logging.h"
#include "backends/sqlite/local_pipeline.h"
#include "backends/sqlite/sqlite_executor.h"
#include "backends/sqlite/sqlite_migrator.h"
#include "backends/sqlite/sqlite_sql.h"

namespace {

qint64 bronzeRows(QSqlDatabase& db)
{
    auto q = core::SqliteSql::exec(db, QStringLiteral("SELECT COUNT(*) FROM bronze_impressions"),
                                   QVariantList{}, QStringLiteral("count"));
    return q && q.value().next() ? q.value().value(0).toLongLong() : -1;
}

core::Result<core::PipelineReport> timedRefresh(QSqlDatabase& db,
                                                std::shared_ptr<const core::Catalogue> catalogue,
                                                const char* title, qint64 events)
{
    QElapsedTimer clock;
    clock.start();
    const std::clock_t cpuStart = std::clock(); // process CPU time: the machine may be busy with others
    qint64 last = 0;
    std::clock_t lastCpu = cpuStart;
    QString lastStep;
    auto report = core::LocalPipeline(db, catalogue).refresh([&](int, const QString& step) {
        if (!lastStep.isEmpty())
            std::printf("    %-42s %8lld ms (CPU %lld ms)\n", qPrintable(lastStep),
                        static_cast<long long>(clock.elapsed() - last),
                        static_cast<long long>((std::clock() - lastCpu) * 1000 / CLOCKS_PER_SEC));
        last = clock.elapsed();
        lastCpu = std::clock();
        lastStep = step;
    });
    const double seconds = static_cast<double>(clock.nsecsElapsed()) / 1e9;
    const double cpu = static_cast<double>(std::clock() - cpuStart) / CLOCKS_PER_SEC;
    std::printf("  %s: %.3f s wall, %.3f s CPU", title, seconds, cpu);
    if (events > 0)
        std::printf(", %.0f events/s (wall), %.0f events/s (CPU)", static_cast<double>(events) / seconds,
                    static_cast<double>(events) / cpu);
    std::printf("\n");
    return report;
}

// Seconds to copy every bronze event, read once and written once, into a new table with silver's
// columns and no index, committed (then dropped again). No SQL expression, no normalising, no
// deduplication: a floor under the refresh, not a variant of it.
// indexedSeconds, when given: the floor plus silver's three B-trees built on the copy, committed.
double storageFloorSeconds(QSqlDatabase& db, double* indexedSeconds = nullptr)
{
    sqlite3* connection = *static_cast<sqlite3* const*>(db.driver()->handle().constData());
    auto exec = [&](const char* sql) {
        if (sqlite3_exec(connection, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
            std::fprintf(stderr, "storage floor: %s\n", sqlite3_errmsg(connection));
    };
    exec("DROP TABLE IF EXISTS bench_floor_copy");
    exec(
        "CREATE TABLE bench_floor_copy (event_id TEXT, event_time TEXT, event_date TEXT, advertiser_id TEXT, "
        "campaign_id TEXT, user_id TEXT, age_bucket TEXT, gender TEXT, country TEXT, region TEXT, device "
        "TEXT, "
        "interests TEXT, event_type TEXT, cost_micros INTEGER)");
    QElapsedTimer clock;
    clock.start();
    exec("BEGIN");
    sqlite3_stmt* read = nullptr;
    sqlite3_stmt* write = nullptr;
    sqlite3_prepare_v2(
        connection,
        "SELECT event_id, event_time, advertiser_id, campaign_id, user_id, age, gender, country, "
        "region, device, interests, event_type, cost_micros FROM bronze_impressions",
        -1, &read, nullptr);
    sqlite3_prepare_v2(connection,
                       "INSERT INTO bench_floor_copy VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", -1,
                       &write, nullptr);
    while (sqlite3_step(read) == SQLITE_ROW) {
        for (int column = 0; column < 13; ++column) {
            const int parameter = column < 2 ? column + 1 : column + 2; // event_date is parameter 3
            sqlite3_bind_text(write, parameter,
                              reinterpret_cast<const char*>(sqlite3_column_text(read, column)),
                              sqlite3_column_bytes(read, column), SQLITE_TRANSIENT);
        }
        sqlite3_bind_text(write, 3, reinterpret_cast<const char*>(sqlite3_column_text(read, 1)),
                          std::min(10, sqlite3_column_bytes(read, 1)), SQLITE_TRANSIENT);
        if (sqlite3_step(write) != SQLITE_DONE)
            std::fprintf(stderr, "storage floor: %s\n", sqlite3_errmsg(connection));
        sqlite3_reset(write);
    }
    sqlite3_finalize(read);
    sqlite3_finalize(write);
    exec("COMMIT");
    const double seconds = static_cast<double>(clock.nsecsElapsed()) / 1e9;
    if (indexedSeconds) {
        // What silver's own B-trees add, built as the refresh builds them into an empty silver:
        // after the rows, with the refresh's bulk settings (256 MiB of cache, a sort thread).
        exec("PRAGMA cache_size = -262144");
        exec("PRAGMA threads = 2");
        QElapsedTimer indexing;
        indexing.start();
        exec("BEGIN");
        // (Not UNIQUE: bronze holds the feed's duplicates, which the refresh leaves out. The sort is the same.)
        exec("CREATE INDEX bench_floor_event ON bench_floor_copy (event_id)");
        exec("CREATE INDEX bench_floor_advertiser ON bench_floor_copy (advertiser_id, event_date, user_id)");
        exec("CREATE INDEX bench_floor_user ON bench_floor_copy (user_id, advertiser_id, event_date, event_type, "
             "cost_micros)");
        exec("COMMIT");
        *indexedSeconds = seconds + static_cast<double>(indexing.nsecsElapsed()) / 1e9;
        exec("PRAGMA threads = 0");
        exec("PRAGMA cache_size = -65536");
    }
    exec("DROP TABLE bench_floor_copy");
    return seconds;
}

// The B-tree writes of one more day alone: a copy of the workspace as it is, where the batch's
// bronze rows go into silver as they are (no cleaning; its key and both indexes kept), committed.
double dailyStorageFloorSeconds(QSqlDatabase& db, const QString& batch)
{
    if (!core::SqliteSql::exec(db, QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"), QVariantList{},
                               QStringLiteral("checkpoint")))
        return -1;
    const QString copy = db.databaseName() + QStringLiteral(".day-floor");
    QFile::remove(copy);
    if (!QFile::copy(db.databaseName(), copy))
        return -1;
    sqlite3* connection = nullptr;
    double seconds = -1;
    if (sqlite3_open_v2(copy.toUtf8().constData(), &connection, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
        auto exec = [&](const char* sql) { return sqlite3_exec(connection, sql, nullptr, nullptr, nullptr) == SQLITE_OK; };
        exec("PRAGMA journal_mode = WAL");
        exec("PRAGMA synchronous = FULL"); // as the workspace connection
        exec("PRAGMA cache_size = -262144");
        sqlite3_stmt* insert = nullptr;
        sqlite3_prepare_v2(connection,
                           "INSERT OR IGNORE INTO silver_impressions (event_id, event_time, event_date, advertiser_id, "
                           "campaign_id, user_id, age_bucket, gender, country, region, device, interests, event_type, "
                           "cost_micros) SELECT event_id, event_time, substr(event_time, 1, 10), advertiser_id, "
                           "campaign_id, user_id, age, gender, country, COALESCE(region, ''), device, interests, "
                           "event_type, CAST(cost_micros AS INTEGER) FROM bronze_impressions WHERE ingest_batch = ?",
                           -1, &insert, nullptr);
        const QByteArray name = batch.toUtf8();
        sqlite3_bind_text(insert, 1, name.constData(), name.size(), SQLITE_TRANSIENT);
        QElapsedTimer clock;
        clock.start();
        const bool ok = exec("BEGIN") && sqlite3_step(insert) == SQLITE_DONE && exec("COMMIT");
        if (ok)
            seconds = static_cast<double>(clock.nsecsElapsed()) / 1e9;
        else
            std::fprintf(stderr, "day's storage floor: %s\n", sqlite3_errmsg(connection));
        sqlite3_finalize(insert);
        sqlite3_close(connection);
    }
    for (const char* suffix : {"", "-wal", "-shm"})
        QFile::remove(copy + QLatin1String(suffix));
    return seconds;
}

// The bench's bronze as an events CSV file (what `events import` reads): every event column.
bool writeEventsFile(QSqlDatabase& db, const QString& path)
{
    auto q = core::SqliteSql::exec(db,
                                   QStringLiteral("SELECT %1 FROM bronze_impressions ORDER BY ingest_seq")
                                       .arg(core::EventsCsv::columns().join(QStringLiteral(", "))),
                                   QVariantList{}, QStringLiteral("read bronze"));
    if (!q)
        return false;
    core::CsvWriter::Options options;
    options.formulaGuard = false;
    core::CsvWriter csv(options);
    csv.writeRow(core::EventsCsv::columns());
    const int columns = static_cast<int>(core::EventsCsv::columns().size());
    while (q.value().next()) {
        for (int c = 0; c < columns; ++c)
            csv.addField(q.value().value(c).toString());
        csv.endRow();
    }
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(csv.takeData()) >= 0;
}

// A new, migrated workspace file.
bool freshWorkspace(const QString& path)
{
    QFile::remove(path);
    core::SqliteExecutor executor(path);
    auto done = executor.submit<core::Done>([](QSqlDatabase& db) -> core::Status { return core::SqliteMigrator::migrate(db); });
    done.waitForFinished();
    return bool(done.result());
}

// The import's floor: the same file read and parsed as the import does (readEventsFile, EventsCsv),
// each record inserted into an empty bronze_impressions by one prepared statement of SQLite's C
// API, values bound as they are, committed. No batching, no checks beyond the parser's.
double importFloorSeconds(const QString& csvPath, const QString& workspace)
{
    if (!freshWorkspace(workspace))
        return -1;
    sqlite3* connection = nullptr;
    if (sqlite3_open(workspace.toUtf8().constData(), &connection) != SQLITE_OK)
        return -1;
    QElapsedTimer clock;
    clock.start();
    auto bytes = core::readEventsFile(csvPath);
    if (!bytes)
        return -1;
    core::EventsCsv csv(std::move(bytes).value(), QStringLiteral("events.csv"));
    if (!csv.readHeader())
        return -1;
    sqlite3_exec(connection, "BEGIN", nullptr, nullptr, nullptr);
    sqlite3_stmt* insert = nullptr;
    const QByteArray sql = QStringLiteral("INSERT INTO bronze_impressions (%1, source_line, source_file, ingest_time, "
                                          "ingest_batch) VALUES (%2?, ?, ?, ?)")
                               .arg(core::EventsCsv::columns().join(QStringLiteral(", ")),
                                    QStringLiteral("?, ").repeated(core::EventsCsv::columns().size()))
                               .toUtf8();
    if (sqlite3_prepare_v2(connection, sql.constData(), -1, &insert, nullptr) != SQLITE_OK) {
        std::fprintf(stderr, "import floor: %s\n", sqlite3_errmsg(connection));
        return -1;
    }
    const QString file = QStringLiteral("events.csv");
    const QString ingestTime = QStringLiteral("2026-11-25T00:00:00.000Z");
    const QString batch = QStringLiteral("floor");
    auto text = [&](int parameter, const QString& value) {
        sqlite3_bind_text16(insert, parameter, value.utf16(), static_cast<int>(value.size() * 2), SQLITE_STATIC);
    };
    core::BronzeRecord record;
    while (true) {
        auto more = csv.next(record);
        if (!more || !more.value())
            break;
        int p = 1;
        for (const QString& v : record.values)
            text(p++, v);
        sqlite3_bind_int64(insert, p++, record.line);
        text(p++, file);
        text(p++, ingestTime);
        text(p++, batch);
        if (sqlite3_step(insert) != SQLITE_DONE)
            std::fprintf(stderr, "import floor: %s\n", sqlite3_errmsg(connection));
        sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    sqlite3_exec(connection, "COMMIT", nullptr, nullptr, nullptr);
    const double seconds = static_cast<double>(clock.nsecsElapsed()) / 1e9;
    sqlite3_close(connection);
    return seconds;
}

// `events import` of the file into a new workspace, as the app and segctl run it, then its floor.
void importFigures(const QString& csvPath, const QString& dir, std::shared_ptr<const core::Catalogue> catalogue)
{
    const QString workspace = dir + QStringLiteral("/import.sqlite");
    if (!freshWorkspace(workspace)) {
        std::fprintf(stderr, "could not create %s\n", qPrintable(workspace));
        return;
    }
    double seconds = 0;
    qint64 rows = 0;
    {
        core::SqliteExecutor executor(workspace);
        core::LocalImpressionsPipeline pipeline(executor, catalogue);
        QElapsedTimer clock;
        clock.start();
        auto report = core::awaitFuture(pipeline.importEvents(csvPath, core::ImportOptions{}));
        seconds = static_cast<double>(clock.nsecsElapsed()) / 1e9;
        if (!report) {
            std::fprintf(stderr, "%s\n", qPrintable(report.error().toString()));
            return;
        }
        rows = report.value().rowsLoaded;
    }
    const double floor = importFloorSeconds(csvPath, dir + QStringLiteral("/import-floor.sqlite"));
    std::printf("events import of the %lld-event file: %.3f s, %.0f events/s\n", static_cast<long long>(rows),
                seconds, static_cast<double>(rows) / seconds);
    std::printf("  import floor (the same parse, one prepared insert per record, committed): %.3f s\n", floor);
    std::printf("  events import / import floor: %.2f (target <= 1.5)\n", seconds / floor);
    QFile::remove(workspace);
    QFile::remove(dir + QStringLiteral("/import-floor.sqlite"));
}

// The daily case: one more day arrives (the last day's events again, a day later, new ids), and
// the refresh of it is timed.
// One more day of events (the last day's again, a day later), refreshed; then another. The first
// after a full refresh inserts into silver's indexes as they were built, every leaf full (most
// inserts split one); on the next day the leaves have room, as on any later day.
core::Status dailyRefresh(QSqlDatabase& db, std::shared_ptr<const core::Catalogue> catalogue, QDate lastDay)
{
    for (int day = 1; day <= 2; ++day) {
        const QString suffix = QStringLiteral("-next-%1").arg(day);
        auto next = core::SqliteSql::exec(
            db,
            QStringLiteral(
                "INSERT INTO bronze_impressions (event_id, event_time, advertiser_id, campaign_id, user_id, age, "
                "gender, country, region, device, interests, event_type, cost_micros, source_file, ingest_time, "
                "ingest_batch, source_line) SELECT event_id || ?, strftime('%Y-%m-%dT%H:%M:%SZ', event_time, "
                "?), advertiser_id, campaign_id, user_id, age, gender, country, region, device, interests, "
                "event_type, cost_micros, 'next-day.csv', ingest_time, 'bench' || ?, source_line FROM "
                "bronze_impressions WHERE substr(event_time, 1, 10) = ? AND ingest_batch NOT LIKE 'bench-next%'"),
            QVariantList{suffix, QStringLiteral("+%1 day").arg(day), suffix, lastDay.toString(Qt::ISODate)},
            QStringLiteral("add a day"));
        if (!next)
            return next.error();
        const qint64 added = next.value().numRowsAffected();
        std::printf("%s: %lld new bronze events\n", day == 1 ? "one more day" : "and the day after",
                    static_cast<long long>(added));
        std::printf("  its storage floor (into silver and its indexes as they are, on a copy, committed): %.3f s\n",
                    dailyStorageFloorSeconds(db, QStringLiteral("bench") + suffix));
        auto daily = timedRefresh(db, catalogue, day == 1 ? "refresh of one more day" : "refresh of the day after",
                                  added);
        if (!daily)
            return daily.error();
    }
    return core::success();
}

// What the app then asks of the workspace: the reach of its segments, a detail, a comparison.
int readFigures(const QString& path, const std::shared_ptr<const core::Catalogue>& catalogue)
{
    auto backend = core::SqliteBackend::open(path, catalogue);
    if (!backend) {
        std::fprintf(stderr, "%s\n", qPrintable(backend.error().toString()));
        return 1;
    }
    auto segments = core::awaitFuture(backend.value()->segments().listSegments({}));
    if (!segments)
        return 1;
    for (const auto& segment : segments.value()) {
        QElapsedTimer clock;
        clock.start();
        auto reach = core::awaitFuture(backend.value()->segments().reachOfSegments({segment.id}));
        std::printf("  reach of %-40s %9lld people, %6lld ms (from the cache the refresh filled)\n", qPrintable(segment.name),
                    reach ? static_cast<long long>(reach.value().value(segment.id)) : -1LL,
                    static_cast<long long>(clock.elapsed()));
    }
    // The detail view's read: a segment's whole daily series (the slowest of them).
    qint64 slowestDetail = 0;
    for (const auto& segment : segments.value()) {
        QElapsedTimer clock;
        clock.start();
        auto days = core::awaitFuture(backend.value()->metrics().dailyMetrics(segment.id));
        if (!days)
            return 1;
        slowestDetail = std::max(slowestDetail, clock.elapsed());
    }
    std::printf("  detail view's metrics read, slowest of %lld segments: %lld ms\n",
                static_cast<long long>(segments.value().size()), static_cast<long long>(slowestDetail));
    // The comparison view on six segments, its default range (the last 30 days with data).
    QStringList six;
    for (const auto& segment : segments.value())
        if (six.size() < core::ComparisonRequest::kMaxSegments)
            six.append(segment.id);
    const core::ComparisonBuilder builder(backend.value()->comparisons(), catalogue);
    QStringList times;
    for (int run = 0; run < 3; ++run) { // the first also reads the pages from disk
        QElapsedTimer clock;
        clock.start();
        auto compared = core::awaitFuture(builder.build({six, {}}));
        if (!compared) {
            std::fprintf(stderr, "%s\n", qPrintable(compared.error().toString()));
            return 1;
        }
        times.append(QString::number(clock.elapsed()));
        if (run == 0) {
            QStringList reach;
            for (const auto& s : compared.value().segments)
                reach.append(QStringLiteral("%1/%2").arg(s.reach).arg(s.kpis.uniqueUsers.value_or(-1)));
            std::printf("  compared (reach/users in range): %s\n", qPrintable(reach.join(QStringLiteral(", "))));
        }
    }
    std::printf("  comparison of %lld segments (last 30 days), 3 runs: %s ms\n", static_cast<long long>(six.size()),
                qPrintable(times.join(QStringLiteral(", "))));
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const bool verbose = qEnvironmentVariableIsSet("SB_VERBOSE"); // then each statement's time on stderr
    core::logging::initialize(
        QString(), verbose, verbose ? core::logging::Console::Everything : core::logging::Console::Warnings);
    QStringList args = app.arguments().mid(1);
    const bool tenTimes = args.contains(QStringLiteral("--10m"));
    args.removeIf(
        [](const QString& a) { return a.startsWith(QLatin1Char('-')); }); // run-benchmarks.sh's flags
    core::DemoOptions options;
    options.endDate = QDate(2026, 11, 24);
    options.users = args.size() > 0 ? args.at(0).toInt() : (tenTimes ? 500000 : 200000);
    options.days = args.size() > 1 ? args.at(1).toInt() : 180;
    options.meanEventsPerUserPerDay = args.size() > 2 ? args.at(2).toDouble() : (tenTimes ? 0.112 : 0.028);
    options.runPipeline = false;
    QTemporaryDir dir;
    const QString path = args.size() > 3 ? args.at(3) : dir.filePath(QStringLiteral("bench.sqlite"));
    QFile::remove(path);
    const QString cached = qEnvironmentVariable("SB_PIPELINE_BENCH_BRONZE");
    // SB_PIPELINE_BENCH_REFRESHED=FILE: the workspace after the full refresh is kept in FILE; when
    // FILE exists, the run starts from a copy of it and times the daily refresh alone.
    const QString refreshed = qEnvironmentVariable("SB_PIPELINE_BENCH_REFRESHED");
    const bool refreshedCopy = !refreshed.isEmpty() && QFile::exists(refreshed);
    const bool fromCache = refreshedCopy || (!cached.isEmpty() && QFile::exists(cached));
    if (fromCache && !QFile::copy(refreshedCopy ? refreshed : cached, path)) {
        std::fprintf(stderr, "could not copy %s\n", qPrintable(cached));
        return 1;
    }
    auto catalogue = core::Catalogue::load();
    if (!catalogue) {
        std::fprintf(stderr, "%s\n", qPrintable(catalogue.error().toString()));
        return 1;
    }
    // SB_PIPELINE_BENCH_READS=FILE: only the reads (reach, detail, comparison) of a refreshed
    // workspace kept by SB_PIPELINE_BENCH_REFRESHED, opened in place.
    if (const QString reads = qEnvironmentVariable("SB_PIPELINE_BENCH_READS"); !reads.isEmpty())
        return readFigures(reads, catalogue.value());
    core::SqliteExecutor executor(path);
    auto done = executor.submit<core::Done>([&](QSqlDatabase& db) -> core::Status {
        if (auto s = core::SqliteMigrator::migrate(db); !s)
            return s;
        if (!fromCache) {
            if (auto s = core::DemoGenerator::fill(db, options, catalogue.value()); !s)
                return s;
            if (!cached.isEmpty()) {
                QFile::remove(cached);
                if (auto s = core::SqliteSql::exec(db, QStringLiteral("VACUUM INTO ?"), QVariantList{cached},
                                                   QStringLiteral("keep the feed"));
                    !s)
                    return s.error();
            }
        }
        const qint64 events = bronzeRows(db);
        if (refreshedCopy) // the daily case alone, from a workspace refreshed by an earlier run
            return dailyRefresh(db, catalogue.value(), options.endDate);
        if (!qEnvironmentVariableIsSet("SB_PIPELINE_BENCH_NO_IMPORT")) {
            const QString csvPath = QFileInfo(path).absolutePath() + QStringLiteral("/bench-events.csv");
            if (!writeEventsFile(db, csvPath))
                return core::Error::io(QStringLiteral("could not write %1").arg(csvPath));
            importFigures(csvPath, QFileInfo(path).absolutePath(), catalogue.value());
            QFile::remove(csvPath);
        }
        std::printf("local metrics refresh, %lld bronze events (%d users x %d days), 15 segments\n",
                    static_cast<long long>(events), options.users, options.days);
        QElapsedTimer firstClock;
        firstClock.start();
        auto first = timedRefresh(db, catalogue.value(), "refresh of all events", events);
        const double firstSeconds = static_cast<double>(firstClock.nsecsElapsed()) / 1e9;
        if (!first)
            return first.error();
        std::printf("  silver %lld, duplicates %lld, quarantined %lld, audience %lld, segments %d\n",
                    static_cast<long long>(first.value().silverRowsAdded),
                    static_cast<long long>(first.value().duplicatesSkipped),
                    static_cast<long long>(first.value().quarantined),
                    static_cast<long long>(first.value().audienceUsers), first.value().segmentsRefreshed);
        if (!refreshed.isEmpty()) {
            QFile::remove(refreshed);
            if (auto s = core::SqliteSql::exec(db, QStringLiteral("VACUUM INTO ?"), QVariantList{refreshed},
                                               QStringLiteral("keep the refreshed workspace"));
                !s)
                return s.error();
        }
        auto again = timedRefresh(db, catalogue.value(), "refresh with nothing new", 0);
        if (!again)
            return again.error();
        if (auto s = dailyRefresh(db, catalogue.value(), options.endDate); !s)
            return s;
        {
            // What the app runs next on the workspace thread: every segment's reach into the cache.
            QElapsedTimer warm;
            warm.start();
            core::SqliteSession session(db);
            const core::SegmentSql sql(core::SqliteSession::target());
            if (auto s = core::SessionReach(session, sql, *catalogue.value()).warmCache(); !s)
                return s;
            std::printf("  reach of every segment counted after the refresh: %.3f s\n",
                        static_cast<double>(warm.nsecsElapsed()) / 1e9);
        }
        double indexedFloor = 0;
        const double floor = storageFloorSeconds(db, &indexedFloor);
        std::printf("  storage floor (each bronze event read once and written once, no index, committed): "
                    "%.3f s, %.0f events/s\n",
                    floor, static_cast<double>(events) / floor);
        std::printf("  refresh of all events / storage floor: %.2f (target <= 2)\n", firstSeconds / floor);
        std::printf("  the floor with silver's key and two indexes built after the rows: %.3f s (%.2f x the floor)\n",
                    indexedFloor, indexedFloor / floor);
        double load[3] = {};
        if (getloadavg(load, 3) == 3)
            std::printf("  load average: %.2f %.2f %.2f\n", load[0], load[1], load[2]);
        return core::success();
    });
    done.waitForFinished();
    if (!done.result()) {
        std::fprintf(stderr, "%s\n", qPrintable(done.result().error().toString()));
        return 1;
    }
    if (readFigures(path, catalogue.value()) != 0)
        return 1;
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("  peak memory (maxrss): %.0f MiB\n", static_cast<double>(usage.ru_maxrss) / 1024.0);
    return 0;
}
