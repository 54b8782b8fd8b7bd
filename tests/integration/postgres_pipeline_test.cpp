// The impressions pipeline on a real PostgreSQL server (the private cluster of
// tests/support/postgres_server.h): PostgresBackend → PostgresImpressionsPipeline → PgExecutor →
// libpq, each test on fresh databases migrated by the backend.
//   - tests/data/events/impressions_small.csv imported and refreshed: the daily metrics of four
//     segments worked out by hand, the quarantine with its reasons, imports and refreshes
//     repeated, strict and failed imports leaving nothing, two computers refreshing at once;
//   - event times with every kind of flaw, read as the local workspace reads them;
//   - the demo feed of the local pipeline equivalence test (support/demo_feed.h) as ten events
//     files: refreshed one by one it derives what one refresh of all of them derives, and its
//     reach and daily metrics equal the local workspace's for the same files.
#include <gtest/gtest.h>

#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QUuid>

#include "backends/postgres/pg_executor.h"
#include "backends/postgres/postgres_backend.h"
#include "backends/postgres/postgres_impressions_pipeline.h"
#include "analytics/comparison_builder.h"
#include "backends/sqlite/sqlite_backend.h"
#include "backends/sqlite/sqlite_executor.h"
#include "common/future_wait.h"
#include "domain/simple_definition.h"
#include "support/demo_feed.h"
#include "support/postgres_backend_fixture.h"
#include "support/test_catalogue.h"

namespace {

using core::awaitFuture;

const QString kSmallFile = QStringLiteral(SB_SOURCE_DIR "/tests/data/events/impressions_small.csv");

// The segments the small file's metrics are checked for (as in segctl_analytics_test.cpp).
const QString kGermany = QStringLiteral("0c7d3a52-0000-4000-8000-00000000de01");
const QString kUnitedStates = QStringLiteral("0c7d3a52-0000-4000-8000-00000000a501");
const QString kFrance = QStringLiteral("0c7d3a52-0000-4000-8000-00000000f201");
const QString kConnectedTv = QStringLiteral("0c7d3a52-0000-4000-8000-0000000000c7");

core::Segment segment(const QString& id, const QString& advertiser, const QString& name, core::Dimension dimension,
                      const QString& value)
{
    core::SimpleDefinition d;
    d.include[dimension] = {value};
    core::Segment s;
    s.id = id;
    s.advertiserId = advertiser;
    s.name = name;
    s.description = QStringLiteral("pipeline test");
    s.status = core::SegmentStatus::Active;
    s.definition = d.toDefinition();
    s.definitionHash = s.definition.hash();
    s.version = 1;
    s.createdBy = s.updatedBy = QStringLiteral("tester");
    s.createdAt = s.updatedAt = QDateTime(QDate(2026, 2, 1), QTime(9, 0), QTimeZone::utc());
    return s;
}

// The value of a finished call; a test failure (and T{}) when it failed.
template <typename T> T ok(QFuture<core::Result<T>> future, const char* what)
{
    auto r = awaitFuture(std::move(future));
    EXPECT_TRUE(r) << what << ": " << (r ? std::string() : r.error().toString().toStdString());
    return r ? r.value() : T{};
}

std::vector<std::string> lines(const QStringList& list)
{
    std::vector<std::string> out;
    for (const auto& s : list)
        out.push_back(s.toStdString());
    return out;
}

// The rows of a query on the backend's own connection, a line each ("NULL" for SQL NULL).
QStringList rows(core::PostgresBackend& backend, const QString& sql)
{
    auto answered = awaitFuture(backend.executor().submit<core::SqlRows>(
        [sql](core::SqlSession& s) { return s.query({sql, {}}, QStringLiteral("read for the test")); }));
    EXPECT_TRUE(answered) << sql.toStdString() << ": "
                          << (answered ? std::string() : answered.error().toString().toStdString());
    QStringList out;
    if (!answered)
        return out;
    for (const auto& row : answered.value().rows) {
        QStringList values;
        for (const auto& v : row)
            values.append(v.isNull() ? QStringLiteral("NULL") : v.toString());
        out.append(values.join(QLatin1Char('|')));
    }
    return out;
}

void execute(core::PostgresBackend& backend, const QString& sql)
{
    auto done = awaitFuture(backend.executor().submit<qint64>(
        [sql](core::SqlSession& s) { return s.execute({sql, {}}, QStringLiteral("prepare the test")); }));
    ASSERT_TRUE(done) << sql.toStdString() << ": " << (done ? std::string() : done.error().toString().toStdString());
}

qint64 bronzeRows(core::PostgresBackend& backend)
{
    const QStringList n = rows(backend, QStringLiteral("SELECT COUNT(*) FROM bronze_impressions"));
    return n.isEmpty() ? -1 : n.first().toLongLong();
}

// A segment's daily metrics, "day,impressions,clicks,conversions,unique users,spend micros" a line.
QString metricsOf(core::Backend& backend, const QString& segmentId)
{
    QString out;
    for (const auto& d : ok(backend.metrics().dailyMetrics(segmentId, {}, {}), "daily metrics"))
        out += QStringLiteral("%1,%2,%3,%4,%5,%6\n")
                   .arg(d.day.toString(Qt::ISODate))
                   .arg(d.impressions)
                   .arg(d.clicks)
                   .arg(d.conversions)
                   .arg(d.uniqueUsers)
                   .arg(d.spendMicros);
    return out;
}

QString allMetrics(core::Backend& backend)
{
    QString out;
    for (const QString& id : {kGermany, kUnitedStates, kFrance, kConnectedTv})
        out += id + QLatin1Char('\n') + metricsOf(backend, id);
    return out;
}

// A PostgresBackend on a fresh database with the small file's advertisers and segments.
std::unique_ptr<core::PostgresBackend> openWithSegments(const QString& prefix, QString* database = nullptr)
{
    auto backend = testsupport::openPostgresBackend(prefix, database);
    if (!backend)
        return nullptr;
    for (const QString& advertiser : {QStringLiteral("adv-1"), QStringLiteral("adv-2")})
        EXPECT_TRUE(awaitFuture(backend->segments().saveAdvertiser({advertiser, advertiser})));
    for (const auto& s : {segment(kGermany, QStringLiteral("adv-1"), QStringLiteral("Germany"), core::Dimension::Country,
                                  QStringLiteral("DE")),
                          segment(kUnitedStates, QStringLiteral("adv-1"), QStringLiteral("United States"),
                                  core::Dimension::Country, QStringLiteral("US")),
                          segment(kFrance, QStringLiteral("adv-1"), QStringLiteral("France"), core::Dimension::Country,
                                  QStringLiteral("FR")),
                          segment(kConnectedTv, QStringLiteral("adv-2"), QStringLiteral("Connected TV"),
                                  core::Dimension::Device, QStringLiteral("ctv"))})
        ok(backend->segments().importSegment(s), "import a segment");
    return backend;
}

// By hand from impressions_small.csv (see segctl_analytics_test.cpp): Germany is u-2 (ages as
// buckets, " M", a space-separated time, a fraction); the United States u-1 and u-6 (lower-case
// codes and padded values normalised); France u-3, whose 2026-03-01T23:30:00-02:00 is 2026-03-02
// in UTC; the delivered-twice connected-TV impression counts once.
const QString kSmallFileMetrics = kGermany + QStringLiteral("\n2026-03-01,1,0,0,1,3000000\n2026-03-02,1,1,1,1,4000000\n") +
                                  kUnitedStates +
                                  QStringLiteral("\n2026-03-01,1,1,0,1,2500000\n2026-03-03,1,0,0,1,1500000\n") +
                                  kFrance + QStringLiteral("\n2026-03-02,1,0,0,1,1000000\n") + kConnectedTv +
                                  QStringLiteral("\n2026-03-02,1,0,0,1,9000000\n");

TEST(PostgresPipeline, TheSmallFileImportsAndRefreshesToTheDailyMetricsWorkedOutByHand)
{
    auto pg = openWithSegments(QStringLiteral("pipe"));
    ASSERT_TRUE(pg);
    const core::ImportReport imported = ok(pg->pipeline().importEvents(kSmallFile, {}), "import");
    EXPECT_EQ(imported.sourceFile, QStringLiteral("impressions_small.csv"));
    EXPECT_FALSE(QUuid::fromString(imported.batchId).isNull());
    EXPECT_EQ(imported.method, QStringLiteral("insert"));
    EXPECT_EQ(imported.rowsRead, 26);
    EXPECT_EQ(imported.rowsLoaded, 24);
    ASSERT_EQ(imported.rejected.size(), 2);
    EXPECT_EQ(imported.rejected.at(0).line, 24);
    EXPECT_EQ(imported.rejected.at(1).line, 25);
    EXPECT_EQ(bronzeRows(*pg), 24);
    EXPECT_EQ(rows(*pg, QStringLiteral("SELECT DISTINCT ingest_batch, source_file FROM bronze_impressions")),
              QStringList{imported.batchId + QStringLiteral("|impressions_small.csv")});

    const core::PipelineReport report = ok(pg->pipeline().refresh(), "refresh");
    // 24 loaded: 10 valid rows (ev-008 twice), 14 with a bad value.
    EXPECT_EQ(report.bronzeRowsProcessed, 24);
    EXPECT_EQ(report.silverRowsAdded, 9);
    EXPECT_EQ(report.duplicatesSkipped, 1);
    EXPECT_EQ(report.quarantined, 14);
    EXPECT_EQ(report.audienceUsers, 4); // u-1, u-2, u-3, u-6
    EXPECT_EQ(report.segmentsRefreshed, 4);
    EXPECT_EQ(report.segmentsSkipped, 0);
    qint64 reasons = 0;
    for (const auto& [reason, n] : report.quarantineReasons)
        reasons += n;
    EXPECT_EQ(reasons, 14);
    ASSERT_FALSE(report.quarantineReasons.isEmpty());
    EXPECT_EQ(report.quarantineReasons.first(),
              (std::pair<QString, qint64>{QStringLiteral("event_time is not an ISO 8601 time"), 3}));

    EXPECT_EQ(allMetrics(*pg).toStdString(), kSmallFileMetrics.toStdString());
    // Times in UTC to the millisecond, and their UTC days.
    EXPECT_EQ(lines(rows(*pg, QStringLiteral("SELECT event_id, to_char(event_time AT TIME ZONE 'UTC', "
                                             "'YYYY-MM-DD\"T\"HH24:MI:SS.MS'), event_date, age_bucket, gender, country, "
                                             "region, device, interests, event_type, cost_micros FROM "
                                             "silver_impressions WHERE event_id IN ('ev-004', 'ev-005', 'ev-006', "
                                             "'ev-024') ORDER BY event_id"))),
              lines({QStringLiteral("ev-004|2026-03-02T01:30:00.000|2026-03-02|65+|unknown|FR|FR-IDF|tablet|gaming|"
                                    "impression|1000000"),
                     QStringLiteral("ev-005|2026-03-02T08:15:00.000|2026-03-02|45-54|male|DE|DE-BY|desktop|finance|"
                                    "impression|4000000"),
                     QStringLiteral("ev-006|2026-03-02T08:16:00.250|2026-03-02|45-54|male|DE|DE-BY|desktop|finance|"
                                    "click|0"),
                     QStringLiteral("ev-024|2026-03-03T09:00:00.000|2026-03-03|25-34|female|US||mobile|news|"
                                    "impression|1500000")}));
    // The audience: each person's latest attributes, devices and interests as |a|b| lists.
    EXPECT_EQ(lines(rows(*pg, QStringLiteral("SELECT user_id, age_bucket, gender, country, region, "
                                             "replace(interests, '|', '/'), replace(devices, '|', '/'), first_seen, "
                                             "last_seen FROM audience_profiles ORDER BY user_id"))),
              lines({QStringLiteral("u-1|25-34|female|US|US-NY|/travel/|/ctv/mobile/|2026-03-01|2026-03-02"),
                     QStringLiteral("u-2|45-54|male|DE|DE-BY|/finance/|/desktop/|2026-03-01|2026-03-02"),
                     QStringLiteral("u-3|65+|unknown|FR|FR-IDF|/gaming/|/tablet/|2026-03-02|2026-03-02"),
                     QStringLiteral("u-6|25-34|female|US||/news/|/mobile/|2026-03-03|2026-03-03")}));
    EXPECT_EQ(rows(*pg, QStringLiteral("SELECT COUNT(*) FROM pipeline_batches WHERE done_at IS NULL")),
              QStringList{QStringLiteral("0")});
}

TEST(PostgresPipeline, DuplicatesAndBadRowsAreQuarantinedWithTheirReasons)
{
    auto pg = openWithSegments(QStringLiteral("quarantine"));
    ASSERT_TRUE(pg);
    ok(pg->pipeline().importEvents(kSmallFile, {}), "import");
    ok(pg->pipeline().refresh(), "refresh");
    const QList<core::QuarantinedRow> quarantined = ok(pg->pipeline().quarantined(100), "quarantined");
    ASSERT_EQ(quarantined.size(), 14);
    QStringList shown;
    for (const auto& r : quarantined)
        shown.append(QStringLiteral("%1,%2,%3,%4").arg(r.sourceFile).arg(r.line).arg(r.eventId, r.reason));
    for (const QString& row :
         {QStringLiteral("impressions_small.csv,11,ev-009,age is not 18-120 or an age bucket"),
          QStringLiteral("impressions_small.csv,12,ev-010,country is not an ISO 3166-1 alpha-2 code"),
          QStringLiteral("impressions_small.csv,13,ev-011,event_time is not an ISO 8601 time"), // 25:00
          QStringLiteral("impressions_small.csv,14,ev-012,event_time is not an ISO 8601 time"), // 30 February
          QStringLiteral("impressions_small.csv,15,ev-013,event_time is not an ISO 8601 time"), // "yesterday"
          QStringLiteral("impressions_small.csv,16,,event_id is missing"),
          QStringLiteral("impressions_small.csv,17,ev-014,device is not desktop, mobile, tablet or ctv"),
          QStringLiteral("impressions_small.csv,18,ev-015,event_type is not impression, click or conversion"),
          QStringLiteral("impressions_small.csv,19,ev-016,cost_micros is not a whole number from 0 to 18 digits"),
          QStringLiteral("impressions_small.csv,20,ev-017,region is not an ISO 3166-2 code of the country"),
          QStringLiteral("impressions_small.csv,21,ev-018,gender is not female, male or unknown"),
          QStringLiteral("impressions_small.csv,22,ev-019,interests contain characters other than a-z, 0-9, _, . and |"),
          QStringLiteral("impressions_small.csv,23,ev-020,user_id is missing"),
          QStringLiteral("impressions_small.csv,26,ev-023,interests contain characters other than a-z, 0-9, _, . and |")})
        EXPECT_TRUE(shown.contains(row)) << row.toStdString() << "\n" << shown.join(QLatin1Char('\n')).toStdString();
    // The second copy of ev-008 is a duplicate, not a bad row: silver has it once.
    EXPECT_EQ(rows(*pg, QStringLiteral("SELECT COUNT(*) FROM silver_impressions WHERE event_id = 'ev-008'")),
              QStringList{QStringLiteral("1")});
    EXPECT_EQ(ok(pg->pipeline().quarantined(3), "quarantined").size(), 3);
    EXPECT_TRUE(ok(pg->pipeline().quarantined(0), "quarantined").isEmpty());
}

TEST(PostgresPipeline, ImportingTwiceAndRefreshingTwiceGivesTheSameMetricsAsImportingOnce)
{
    auto once = openWithSegments(QStringLiteral("once"));
    ASSERT_TRUE(once);
    ok(once->pipeline().importEvents(kSmallFile, {}), "import");
    ok(once->pipeline().refresh(), "refresh");
    const QString metrics = allMetrics(*once);
    ASSERT_EQ(metrics.toStdString(), kSmallFileMetrics.toStdString());

    auto twice = openWithSegments(QStringLiteral("twice"));
    ASSERT_TRUE(twice);
    ok(twice->pipeline().importEvents(kSmallFile, {}), "import");
    ok(twice->pipeline().importEvents(kSmallFile, {}), "import again");
    const core::PipelineReport first = ok(twice->pipeline().refresh(), "refresh");
    EXPECT_EQ(first.bronzeRowsProcessed, 48);
    EXPECT_EQ(first.silverRowsAdded, 9);
    EXPECT_EQ(first.duplicatesSkipped, 11);
    EXPECT_EQ(first.quarantined, 28); // each batch's bad rows, by batch and line
    const core::PipelineReport second = ok(twice->pipeline().refresh(), "refresh again");
    EXPECT_EQ(second.bronzeRowsProcessed, 0);
    EXPECT_EQ(second.silverRowsAdded, 0);
    EXPECT_EQ(second.quarantined, 0);
    EXPECT_EQ(second.audienceUsers, 4);
    EXPECT_EQ(allMetrics(*twice).toStdString(), metrics.toStdString());

    // The same file again after a refresh: every event is a duplicate, nothing moves.
    ok(once->pipeline().importEvents(kSmallFile, {}), "import after the refresh");
    const core::PipelineReport again = ok(once->pipeline().refresh(), "refresh");
    EXPECT_EQ(again.bronzeRowsProcessed, 24);
    EXPECT_EQ(again.silverRowsAdded, 0);
    EXPECT_EQ(again.duplicatesSkipped, 10);
    ok(once->pipeline().refresh(), "refresh with nothing new");
    EXPECT_EQ(allMetrics(*once).toStdString(), metrics.toStdString());
}

TEST(PostgresPipeline, AStrictImportWithRejectedLinesLoadsNothing)
{
    auto pg = openWithSegments(QStringLiteral("strict"));
    ASSERT_TRUE(pg);
    core::ImportOptions strict;
    strict.strict = true;
    auto refused = awaitFuture(pg->pipeline().importEvents(kSmallFile, strict));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().kind, core::ErrorKind::Validation);
    EXPECT_EQ(refused.error().code, QStringLiteral("events_rejected"));
    EXPECT_TRUE(refused.error().userMessage.contains(QStringLiteral("line 24"))) << refused.error().userMessage.toStdString();
    EXPECT_EQ(bronzeRows(*pg), 0);
    EXPECT_EQ(ok(pg->pipeline().refresh(), "refresh").bronzeRowsProcessed, 0);

    auto missing = awaitFuture(pg->pipeline().importEvents(QStringLiteral(SB_SOURCE_DIR "/tests/data/events/nope.csv"), {}));
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, QStringLiteral("read_failed"));
    EXPECT_EQ(bronzeRows(*pg), 0);
}

TEST(PostgresPipeline, AnImportIsChunkedAndOneThatFailsPartWayLeavesNothingInBronze)
{
    auto pg = openWithSegments(QStringLiteral("chunks"));
    ASSERT_TRUE(pg);
    // Five records a statement: the small file's 24 loadable records in five INSERTs.
    core::PostgresImpressionsPipeline pipeline(pg->executor(), testsupport::catalogue(),
                                               core::PostgresImpressionsPipeline::Options{5});
    const core::ImportReport imported = ok(pipeline.importEvents(kSmallFile, {}), "import");
    EXPECT_EQ(imported.rowsLoaded, 24);
    EXPECT_EQ(bronzeRows(*pg), 24);
    EXPECT_EQ(rows(*pg, QStringLiteral("SELECT COUNT(DISTINCT ingest_time) FROM bronze_impressions")),
              QStringList{QStringLiteral("1")})
        << "one import, one ingest time";

    // The server refuses the 22nd record (ev-020, in the fifth INSERT): the four INSERTs before
    // it are rolled back with it.
    execute(*pg, QStringLiteral("CREATE FUNCTION refuse_ev_020() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                                "RAISE EXCEPTION 'refused by the test'; END $$"));
    execute(*pg, QStringLiteral("CREATE TRIGGER refuse_ev_020 BEFORE INSERT ON bronze_impressions FOR EACH ROW "
                                "WHEN (NEW.event_id = 'ev-020') EXECUTE FUNCTION refuse_ev_020()"));
    auto failed = awaitFuture(pipeline.importEvents(kSmallFile, {}));
    ASSERT_FALSE(failed);
    EXPECT_TRUE(failed.error().detail.contains(QStringLiteral("refused by the test"))) << failed.error().toString().toStdString();
    EXPECT_EQ(bronzeRows(*pg), 24);
    EXPECT_EQ(rows(*pg, QStringLiteral("SELECT COUNT(DISTINCT ingest_batch) FROM bronze_impressions")),
              QStringList{QStringLiteral("1")});
    // The connection is fine afterwards: the next refresh sees the first import only.
    EXPECT_EQ(ok(pg->pipeline().refresh(), "refresh").bronzeRowsProcessed, 24);
    EXPECT_EQ(allMetrics(*pg).toStdString(), kSmallFileMetrics.toStdString());
}

TEST(PostgresPipeline, TwoComputersRefreshingAtOnceBothSucceedAndCountEveryEventOnce)
{
    // Two backends on one database, as two app instances would be. Without the refresh lock the
    // second would claim the same batch and fail on pipeline_batches' key (or double gold).
    QString database;
    auto first = openWithSegments(QStringLiteral("concurrent"), &database);
    ASSERT_TRUE(first);
    auto second = testsupport::openPostgresBackend(QStringLiteral("concurrent"), &database);
    ASSERT_TRUE(second);
    ok(first->pipeline().importEvents(kSmallFile, {}), "import");
    for (int round = 0; round < 3; ++round) {
        auto a = first->pipeline().refresh();
        auto b = second->pipeline().refresh();
        const core::PipelineReport ra = ok(a, "first refresh");
        const core::PipelineReport rb = ok(b, "second refresh");
        EXPECT_EQ(ra.bronzeRowsProcessed + rb.bronzeRowsProcessed, 24); // the file again after each round
        EXPECT_EQ(ra.silverRowsAdded + rb.silverRowsAdded, round == 0 ? 9 : 0);
        EXPECT_EQ(ra.segmentsRefreshed, 4);
        EXPECT_EQ(rb.segmentsRefreshed, 4);
        EXPECT_EQ(allMetrics(*second).toStdString(), kSmallFileMetrics.toStdString()) << "round " << round;
        ok(first->pipeline().importEvents(kSmallFile, {}), "import again"); // duplicates only
    }
}

// The rows of a query on a SQLite workspace file, a line each.
QStringList sqliteRows(const QString& path, const QString& sql)
{
    QStringList out;
    const QString name = QUuid::createUuid().toString();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        EXPECT_TRUE(db.open());
        QSqlQuery q(db);
        EXPECT_TRUE(q.exec(sql)) << sql.toStdString() << ": " << q.lastError().text().toStdString();
        while (q.next()) {
            QStringList values;
            for (int i = 0; i < q.record().count(); ++i)
                values.append(q.value(i).isNull() ? QStringLiteral("NULL") : q.value(i).toString());
            out.append(values.join(QLatin1Char('|')));
        }
    }
    QSqlDatabase::removeDatabase(name);
    return out;
}

// PipelineSql's PostgreSQL time parsing (pattern, day check, cast) takes and refuses the times the
// local workspace's sb_utc_time does, and gives the same UTC times and days.
TEST(PostgresPipeline, EventTimesAreReadAsTheLocalWorkspaceReadsThem)
{
    const QStringList times{
        QStringLiteral("2024-02-29T12:00:00Z"),       QStringLiteral("2026-02-29T12:00:00Z"),
        QStringLiteral("2000-02-29T00:00:00Z"),       QStringLiteral("1900-02-29T00:00:00Z"),
        QStringLiteral("2026-04-31T00:00:00Z"),       QStringLiteral("2026-04-30T00:00:00Z"),
        QStringLiteral("2026-13-01T00:00:00Z"),       QStringLiteral("2026-00-10T00:00:00Z"),
        QStringLiteral("2026-12-31T23:59:59+14:00"),  QStringLiteral("2026-01-01T00:00:00-14:00"),
        QStringLiteral("2026-01-01T00:00:00+15:00"),  QStringLiteral("2026-01-01T00:00:00+05:60"),
        QStringLiteral("2026-12-31T22:30:00-05:30"),  QStringLiteral("2026-01-01T24:00:00Z"),
        QStringLiteral("2026-01-01T23:60:00Z"),       QStringLiteral("2026-01-01T23:59:60Z"),
        QStringLiteral("2026-01-01T10:00:00z"),       QStringLiteral("2026-01-01T10:00:00.123456789Z"),
        QStringLiteral("2026-01-01T10:00:00.5"),      QStringLiteral("2026-01-01 10:00:00"),
        QStringLiteral("2026-01-01T10:00Z"),          QStringLiteral("2026-1-01T10:00:00Z"),
        QStringLiteral("2026-01-01T10:00:00+0200"),   QStringLiteral("2026-01-01T10:00:00."),
        QStringLiteral("  2026-03-01T23:30:00-02:00 "), QStringLiteral("9999-12-31T23:59:59Z"),
        QStringLiteral("2026-01-01X10:00:00Z"),       QStringLiteral("20260101T100000Z")};
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    QByteArray csv = "event_id,event_time,advertiser_id,campaign_id,user_id,age,gender,country,region,device,interests,"
                     "event_type,cost_micros\n";
    for (qsizetype i = 0; i < times.size(); ++i)
        csv += QStringLiteral("ev-%1,%2,adv-1,c1,u-%1,30,f,US,,mobile,,impression,100\n")
                   .arg(i, 2, 10, QLatin1Char('0'))
                   .arg(times.at(i))
                   .toUtf8();
    const QString file = dir.filePath(QStringLiteral("times.csv"));
    {
        QFile f(file);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(csv);
    }
    const QString workspace = dir.filePath(QStringLiteral("local.sqlite"));
    {
        auto local = core::SqliteBackend::open(workspace, testsupport::catalogue());
        ASSERT_TRUE(local) << local.error().toString().toStdString();
        ok(local.value()->pipeline().importEvents(file, {}), "local import");
        ok(local.value()->pipeline().refresh(), "local refresh");
    }
    auto pg = testsupport::openPostgresBackend(QStringLiteral("times"));
    ASSERT_TRUE(pg);
    ok(pg->pipeline().importEvents(file, {}), "import");
    const core::PipelineReport report = ok(pg->pipeline().refresh(), "refresh");
    EXPECT_EQ(report.bronzeRowsProcessed, times.size());
    const QStringList local = sqliteRows(
        workspace, QStringLiteral("SELECT event_id, event_time, event_date FROM silver_impressions ORDER BY event_id"));
    const QStringList postgres =
        rows(*pg, QStringLiteral("SELECT event_id, to_char(event_time AT TIME ZONE 'UTC', "
                                 "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), event_date FROM silver_impressions ORDER BY event_id"));
    EXPECT_EQ(lines(postgres), lines(local));
    EXPECT_GE(local.size(), 12);
    EXPECT_EQ(report.silverRowsAdded + report.quarantined, times.size());
    EXPECT_EQ(lines(rows(*pg, QStringLiteral("SELECT event_id FROM silver_quarantine ORDER BY event_id"))),
              lines(sqliteRows(workspace, QStringLiteral("SELECT event_id FROM silver_quarantine ORDER BY event_id"))));
}

// --- the demo feed ------------------------------------------------------------------------------

// The demo feed as ten events files (batch-0.csv … batch-9.csv) and as one (feed.csv), with the
// demo's advertisers and 15 segments (behaviour windows, a segment built on another), made once
// for the suite.
class PostgresPipelineOnTheDemoFeed : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        s_dir = new QTemporaryDir;
        ASSERT_TRUE(s_dir->isValid());
        const QString feed = s_dir->filePath(QStringLiteral("feed.sqlite"));
        const QString connection = QStringLiteral("demo-feed");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
            db.setDatabaseName(feed);
            ASSERT_TRUE(db.open());
            testsupport::holdDemoFeed(db);
            for (int batch = -1; batch < testsupport::kDemoFeedBatches; ++batch) {
                QFile file(batch < 0 ? wholeFeedFile() : batchFile(batch));
                ASSERT_TRUE(file.open(QIODevice::WriteOnly));
                file.write(testsupport::heldBatchCsv(db, batch));
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(connection);
        auto workspace = core::SqliteBackend::open(feed, testsupport::catalogue());
        ASSERT_TRUE(workspace) << workspace.error().toString().toStdString();
        s_advertisers = ok(workspace.value()->segments().listAdvertisers(), "advertisers");
        s_segments = ok(workspace.value()->segments().listSegments(core::SegmentQuery{}), "segments");
    }
    static void TearDownTestSuite()
    {
        delete s_dir;
        s_dir = nullptr;
    }

    static QString batchFile(int batch) { return s_dir->filePath(QStringLiteral("batch-%1.csv").arg(batch)); }
    // The whole feed in one file.
    static QString wholeFeedFile() { return s_dir->filePath(QStringLiteral("feed.csv")); }

    // The demo's advertisers and segments in a backend (a segment another refers to first).
    static void addDemoSegments(core::Backend& backend)
    {
        for (const auto& a : s_advertisers)
            ASSERT_TRUE(awaitFuture(backend.segments().saveAdvertiser(a)));
        QList<core::Segment> pending = s_segments;
        for (int pass = 0; pass < 3 && !pending.isEmpty(); ++pass) {
            QList<core::Segment> later;
            for (const auto& s : pending) {
                if (!awaitFuture(backend.segments().importSegment(s)))
                    later.append(s);
            }
            pending = later;
        }
        ASSERT_TRUE(pending.isEmpty()) << pending.size() << " demo segments could not be imported";
    }

    static std::unique_ptr<core::PostgresBackend> openWithDemoSegments(const QString& prefix)
    {
        auto backend = testsupport::openPostgresBackend(prefix);
        if (backend)
            addDemoSegments(*backend);
        return backend;
    }

    static QStringList segmentIds()
    {
        QStringList ids;
        for (const auto& s : s_segments)
            ids.append(s.id);
        return ids;
    }

    // Everything the refresh derives, table by table (quarantine without its batch ids, which are
    // new UUIDs at every import).
    static QList<QStringList> derived(core::PostgresBackend& backend)
    {
        return {rows(backend, QStringLiteral("SELECT * FROM silver_impressions ORDER BY event_id")),
                rows(backend, QStringLiteral("SELECT source_file, source_line, event_id, reason FROM silver_quarantine "
                                             "ORDER BY source_file, source_line")),
                rows(backend, QStringLiteral("SELECT * FROM audience_profiles ORDER BY user_id")),
                rows(backend, QStringLiteral("SELECT * FROM audience_activity ORDER BY event_type, day, user_id")),
                rows(backend, QStringLiteral("SELECT * FROM gold_segment_daily_metrics ORDER BY segment_id, day"))};
    }

    static inline QTemporaryDir* s_dir = nullptr;
    static inline QList<core::Advertiser> s_advertisers;
    static inline QList<core::Segment> s_segments;
};

TEST_F(PostgresPipelineOnTheDemoFeed, RefreshingAfterEachBatchEqualsOneRefreshOfAllOfThem)
{
    ASSERT_GE(s_segments.size(), 15);
    auto steps = openWithDemoSegments(QStringLiteral("steps"));
    ASSERT_TRUE(steps);
    core::PipelineReport sum;
    for (int batch = 0; batch < testsupport::kDemoFeedBatches; ++batch) {
        ok(steps->pipeline().importEvents(batchFile(batch), {}), "import a batch");
        const core::PipelineReport report = ok(steps->pipeline().refresh(), "refresh");
        ASSERT_GT(report.silverRowsAdded, 0) << "batch " << batch;
        EXPECT_EQ(report.segmentsRefreshed, s_segments.size());
        sum.bronzeRowsProcessed += report.bronzeRowsProcessed;
        sum.silverRowsAdded += report.silverRowsAdded;
        sum.duplicatesSkipped += report.duplicatesSkipped;
        sum.quarantined += report.quarantined;

        auto once = openWithDemoSegments(QStringLiteral("once%1_").arg(batch));
        ASSERT_TRUE(once);
        for (int b = 0; b <= batch; ++b)
            ok(once->pipeline().importEvents(batchFile(b), {}), "import a batch");
        const core::PipelineReport whole = ok(once->pipeline().refresh(), "refresh all");
        EXPECT_EQ(whole.bronzeRowsProcessed, sum.bronzeRowsProcessed);
        EXPECT_EQ(whole.silverRowsAdded, sum.silverRowsAdded);
        EXPECT_EQ(whole.duplicatesSkipped, sum.duplicatesSkipped);
        EXPECT_EQ(whole.quarantined, sum.quarantined);
        EXPECT_EQ(whole.audienceUsers, report.audienceUsers);
        const auto expected = derived(*once);
        const auto actual = derived(*steps);
        ASSERT_EQ(actual.size(), expected.size());
        for (qsizetype t = 0; t < expected.size(); ++t) {
            if (batch == testsupport::kDemoFeedBatches - 1) { // by then every table has rows (quarantine too)
                ASSERT_FALSE(expected.at(t).isEmpty()) << "table " << t;
            }
            EXPECT_EQ(lines(actual.at(t)), lines(expected.at(t))) << "after batch " << batch << ", table " << t;
        }
    }
    EXPECT_GT(sum.duplicatesSkipped, 0) << "the feed's duplicates were met";
}

TEST_F(PostgresPipelineOnTheDemoFeed, ReachAndDailyMetricsEqualTheLocalWorkspacesForTheSameEvents)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    auto opened = core::SqliteBackend::open(dir.filePath(QStringLiteral("local.sqlite")), testsupport::catalogue());
    ASSERT_TRUE(opened) << opened.error().toString().toStdString();
    auto local = std::move(opened).value();
    addDemoSegments(*local);
    auto pg = openWithDemoSegments(QStringLiteral("reach"));
    ASSERT_TRUE(pg);
    // The whole feed into both (PostgreSQL: several INSERTs of 1,000 records), then one refresh each.
    const auto li = ok(local->pipeline().importEvents(wholeFeedFile(), {}), "local import");
    const auto pi = ok(pg->pipeline().importEvents(wholeFeedFile(), {}), "PostgreSQL import");
    EXPECT_EQ(pi.rowsLoaded, li.rowsLoaded);
    EXPECT_EQ(pi.rowsRead, li.rowsRead);
    EXPECT_GT(pi.rowsLoaded, 3000) << "more than three INSERTs";
    EXPECT_EQ(bronzeRows(*pg), pi.rowsLoaded);
    const core::PipelineReport l = ok(local->pipeline().refresh(), "local refresh");
    const core::PipelineReport p = ok(pg->pipeline().refresh(), "PostgreSQL refresh");
    EXPECT_EQ(p.bronzeRowsProcessed, l.bronzeRowsProcessed);
    EXPECT_EQ(p.silverRowsAdded, l.silverRowsAdded);
    EXPECT_EQ(p.duplicatesSkipped, l.duplicatesSkipped);
    EXPECT_EQ(p.quarantined, l.quarantined);
    EXPECT_EQ(p.audienceUsers, l.audienceUsers);
    EXPECT_EQ(p.segmentsRefreshed, l.segmentsRefreshed);
    EXPECT_EQ(p.quarantineReasons, l.quarantineReasons);

    const QHash<QString, qint64> localReach = ok(local->segments().reachOfSegments(segmentIds()), "local reach");
    const QHash<QString, qint64> pgReach = ok(pg->segments().reachOfSegments(segmentIds()), "PostgreSQL reach");
    int reached = 0;
    for (const auto& s : s_segments) {
        ASSERT_TRUE(localReach.contains(s.id)) << s.name.toStdString();
        EXPECT_EQ(pgReach.value(s.id, -1), localReach.value(s.id)) << s.name.toStdString();
        reached += localReach.value(s.id) > 0 ? 1 : 0;
        EXPECT_EQ(metricsOf(*pg, s.id).toStdString(), metricsOf(*local, s.id).toStdString()) << s.name.toStdString();
    }
    EXPECT_GE(reached, 10) << "most demo segments reach someone";
    // An ad-hoc definition with every kind of condition, estimated on both.
    core::SimpleDefinition every;
    every.include[core::Dimension::Age] = {QStringLiteral("25-34"), QStringLiteral("35-44")};
    every.include[core::Dimension::Device] = {QStringLiteral("mobile"), QStringLiteral("desktop")};
    every.behaviours = {{QStringLiteral("impression"), 1, 30}};
    every.exclude[core::Dimension::Country] = {QStringLiteral("GB")};
    for (const auto& a : s_advertisers) {
        const auto le = ok(local->segments().estimateReach(every.toDefinition(), a.id), "local estimate");
        const auto pe = ok(pg->segments().estimateReach(every.toDefinition(), a.id), "PostgreSQL estimate");
        EXPECT_GT(le.reach, 0);
        EXPECT_EQ(pe.reach, le.reach) << a.id.toStdString();
        EXPECT_EQ(pe.activeUsers, le.activeUsers) << a.id.toStdString();
        EXPECT_EQ(pe.asOf, le.asOf);
    }

    // A comparison of three segments of one advertiser: the same figures on both (overlap, reach,
    // daily rows, the tests between them).
    QStringList ids;
    for (const auto& s : s_segments) {
        if (s.advertiserId == s_segments.first().advertiserId && ids.size() < 3)
            ids.append(s.id);
    }
    ASSERT_EQ(ids.size(), 3);
    core::ComparisonRequest request;
    request.segmentIds = ids;
    const core::Comparison lc = ok(core::ComparisonBuilder(local->comparisons(), testsupport::catalogue()).build(request),
                                   "local comparison");
    const core::Comparison pc = ok(core::ComparisonBuilder(pg->comparisons(), testsupport::catalogue()).build(request),
                                   "PostgreSQL comparison");
    EXPECT_EQ(pc.range, lc.range);
    EXPECT_EQ(pc.asOf, lc.asOf);
    EXPECT_EQ(pc.overlap, lc.overlap);
    EXPECT_GT(lc.overlap.activeUsers, 0);
    ASSERT_EQ(pc.segments.size(), lc.segments.size());
    for (int i = 0; i < lc.count(); ++i) {
        EXPECT_EQ(pc.segments.at(i).reach, lc.segments.at(i).reach) << i;
        EXPECT_EQ(pc.segments.at(i).daily, lc.segments.at(i).daily) << i;
    }
    ASSERT_EQ(pc.tests.size(), lc.tests.size());
    for (int i = 0; i < lc.tests.size(); ++i)
        EXPECT_DOUBLE_EQ(pc.tests.at(i).adjustedPValue, lc.tests.at(i).adjustedPValue) << i;
}

} // namespace

// After a refresh, the next task on the workspace's thread counts every live segment's reach into
// segment_reach_cache (which the refresh cleared): the list then reads them instead of counting
// while the window waits. The same on both session backends, with the figures the store gives.
TEST(PostgresPipeline, ARefreshLeavesEveryLiveSegmentsReachInTheCacheOnBothSessionBackends)
{
    const QString cache = QStringLiteral("SELECT segment_id, reach FROM segment_reach_cache ORDER BY segment_id");
    auto pg = openWithSegments(QStringLiteral("reachcache"));
    ASSERT_TRUE(pg);
    ok(pg->pipeline().importEvents(kSmallFile, {}), "import");
    ok(pg->pipeline().refresh(), "refresh");
    const QStringList onPostgres = rows(*pg, cache); // queued behind the counting
    const QStringList ids{kConnectedTv, kFrance, kGermany, kUnitedStates};
    ASSERT_EQ(onPostgres.size(), ids.size()) << onPostgres.join(QLatin1Char('\n')).toStdString();
    const auto reach = ok(pg->segments().reachOfSegments(ids), "reach");
    for (const QString& line : onPostgres) {
        const QStringList parts = line.split(QLatin1Char('|'));
        ASSERT_EQ(parts.size(), 2) << line.toStdString();
        EXPECT_EQ(parts.at(1).toLongLong(), reach.value(parts.at(0), -1)) << line.toStdString();
    }
    EXPECT_GT(reach.value(kUnitedStates), 0);

    QTemporaryDir dir;
    auto opened = core::SqliteBackend::open(dir.filePath(QStringLiteral("local.sqlite")), testsupport::catalogue());
    ASSERT_TRUE(opened) << opened.error().toString().toStdString();
    auto local = std::move(opened).value();
    for (const QString& advertiser : {QStringLiteral("adv-1"), QStringLiteral("adv-2")})
        ASSERT_TRUE(awaitFuture(local->segments().saveAdvertiser({advertiser, advertiser})));
    for (const QString& id : ids) {
        auto segment = ok(pg->segments().getSegment(id), "segment");
        ASSERT_TRUE(awaitFuture(local->segments().importSegment(segment)));
    }
    ok(local->pipeline().importEvents(kSmallFile, {}), "local import");
    ok(local->pipeline().refresh(), "local refresh");
    auto cached = awaitFuture(local->executor().submit<QStringList>([cache](QSqlDatabase& db) -> core::Result<QStringList> {
        QSqlQuery q(db);
        if (!q.exec(cache))
            return core::Error::internal(q.lastError().text());
        QStringList out;
        while (q.next())
            out.append(q.value(0).toString() + QLatin1Char('|') + q.value(1).toString());
        return out;
    }));
    ASSERT_TRUE(cached) << cached.error().toString().toStdString();
    EXPECT_EQ(cached.value(), onPostgres) << "the same reach, counted after the refresh, on the local workspace";
}
