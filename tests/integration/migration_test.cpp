// A workspace written by an older schema opens, is migrated, and keeps its data.
#include "common/future_wait.h"
#include "domain/simple_definition.h"
#include "backends/sqlite/sqlite_migrator.h"
#include "backends/sqlite/sqlite_backend.h"
#include "support/test_catalogue.h"

#include <gtest/gtest.h>

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

namespace {

const char* kSegmentId = "4b6f1e0a-3c7d-4e8f-9a10-b2c3d4e5f601";

void writeVersionOneWorkspace(const QString& path)
{
    const QString name = QStringLiteral("v1-writer");
    {
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        ASSERT_TRUE(db.open());
        ASSERT_TRUE(core::SqliteMigrator::migrate(db, 1));
        QSqlQuery q(db);
        ASSERT_TRUE(q.exec(QStringLiteral("INSERT INTO advertisers VALUES ('adv-old', 'Old Advertiser')")));
        ASSERT_TRUE(q.prepare(QStringLiteral(
            "INSERT INTO gold_segments VALUES (?, 'adv-old', 'Legacy Segment', 'legacy segment', 'from v1', 'active', "
            "?, 'hash', 4, 'alice', '2025-01-02T03:04:05.000Z', 'bob', '2025-02-03T04:05:06.000Z', NULL)")));
        q.addBindValue(QLatin1String(kSegmentId));
        q.addBindValue(QStringLiteral(
            R"({"root":{"children":[{"dimension":"country","values":["US"]}],"op":"and"},"schema_version":1})"));
        ASSERT_TRUE(q.exec());
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

TEST(SqliteMigration, OlderSchemaIsUpgradedAndItsSegmentsKept)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.sqlite"));
    writeVersionOneWorkspace(path);
    ASSERT_GE(core::SqliteMigrator::latestVersion(), 3);

    auto store = core::SqliteBackend::open(path, testsupport::catalogue());
    ASSERT_TRUE(store) << store.error().toString().toStdString();
    auto segment = core::awaitFuture(store.value()->segments().getSegment(QLatin1String(kSegmentId)));
    ASSERT_TRUE(segment) << segment.error().toString().toStdString();
    EXPECT_EQ(segment.value().name, QStringLiteral("Legacy Segment"));
    EXPECT_EQ(segment.value().version, 4);
    EXPECT_EQ(segment.value().createdBy, QStringLiteral("alice"));
    // Tables of later migrations exist and work.
    auto reach = core::awaitFuture(store.value()->segments().estimateReach(segment.value().definition, QStringLiteral("adv-old")));
    EXPECT_TRUE(reach) << reach.error().toString().toStdString();
    // The segment can be edited after the upgrade.
    core::Segment edited = segment.value();
    edited.description = QStringLiteral("edited after upgrade");
    auto saved = core::awaitFuture(store.value()->segments().updateSegment(edited, QStringLiteral("carol")));
    ASSERT_TRUE(saved) << saved.error().toString().toStdString();
    EXPECT_EQ(saved.value().version, 5);
}

TEST(SqliteMigration, ReshapedAudienceIsRebuiltFromSilverOnOpen)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v3.sqlite"));
    {
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v3-writer"));
        db.setDatabaseName(path);
        ASSERT_TRUE(db.open());
        ASSERT_TRUE(core::SqliteMigrator::migrate(db, 3));
        QSqlQuery q(db);
        for (int i = 0; i < 3; ++i) {
            ASSERT_TRUE(q.prepare(QStringLiteral(
                "INSERT INTO silver_impressions VALUES (?, '2026-05-01T10:00:00Z', '2026-05-01', 'adv', 'c1', ?, '25-34', "
                "'female', 'DE', NULL, 'mobile', 'gaming.mobile|travel', 'impression', 1000, ?)")));
            q.addBindValue(QStringLiteral("ev-%1").arg(i));
            q.addBindValue(QStringLiteral("user-%1").arg(i % 2));
            q.addBindValue(i + 1);
            ASSERT_TRUE(q.exec());
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v3-writer"));

    auto store = core::SqliteBackend::open(path, testsupport::catalogue());
    ASSERT_TRUE(store) << store.error().toString().toStdString();
    core::SimpleDefinition gamers;
    gamers.include[core::Dimension::Interest] = {QStringLiteral("gaming")};
    gamers.include[core::Dimension::Device] = {QStringLiteral("mobile")};
    auto reach = core::awaitFuture(store.value()->segments().estimateReach(gamers.toDefinition(), QStringLiteral("adv")));
    ASSERT_TRUE(reach) << reach.error().toString().toStdString();
    EXPECT_EQ(reach.value().reach, 2);
    EXPECT_EQ(reach.value().activeUsers, 2);
}

TEST(SqliteMigration, CleanedBronzeBecomesADoneBatchAndQuarantineKeepsItsFile)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v4.sqlite"));
    const QString writer = QStringLiteral("v4-writer");
    {
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), writer);
        db.setDatabaseName(path);
        ASSERT_TRUE(db.open());
        ASSERT_TRUE(core::SqliteMigrator::migrate(db, 4));
        QSqlQuery q(db);
        for (const char* sql : {
                 "INSERT INTO bronze_impressions (event_id, event_time, advertiser_id, campaign_id, user_id, age, gender, "
                 "country, region, device, interests, event_type, cost_micros, source_file, ingest_time) VALUES "
                 "('ev-1', '2026-05-01T10:00:00Z', 'adv', 'c1', 'u1', '30', 'f', 'DE', '', 'mobile', 'travel', "
                 "'impression', '1000', 'feed-a.csv', '2026-05-02T00:00:00Z')",
                 "INSERT INTO bronze_impressions (event_id, event_time, advertiser_id, campaign_id, user_id, age, gender, "
                 "country, region, device, interests, event_type, cost_micros, source_file, ingest_time) VALUES "
                 "('ev-2', '2026-05-01T11:00:00Z', 'adv', 'c1', 'u1', '30', 'f', 'ZZ', '', 'mobile', 'travel', "
                 "'impression', '1000', 'feed-a.csv', '2026-05-02T00:00:00Z')",
                 "INSERT INTO silver_impressions VALUES ('ev-1', '2026-05-01T10:00:00Z', '2026-05-01', 'adv', 'c1', 'u1', "
                 "'25-34', 'female', 'DE', NULL, 'mobile', 'travel', 'impression', 1000, 1)",
                 "INSERT INTO silver_quarantine VALUES (2, 'ev-2', 'country is not an ISO 3166-1 alpha-2 code', "
                 "'2026-05-02T00:00:01Z')",
                 "INSERT INTO pipeline_state VALUES ('silver_watermark', '2')"}) {
            ASSERT_TRUE(q.exec(QLatin1String(sql))) << sql;
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(writer);

    {
        auto store = core::SqliteBackend::open(path, testsupport::catalogue());
        ASSERT_TRUE(store) << store.error().toString().toStdString();
    }
    auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), writer);
    db.setDatabaseName(path);
    ASSERT_TRUE(db.open());
    QSqlQuery q(db);
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT ingest_batch, source_line, source_file, event_id, reason FROM silver_quarantine")));
    ASSERT_TRUE(q.next());
    EXPECT_EQ(q.value(0).toString(), QStringLiteral("legacy"));
    EXPECT_EQ(q.value(1).toInt(), 2);
    EXPECT_EQ(q.value(2).toString(), QStringLiteral("feed-a.csv"));
    EXPECT_EQ(q.value(3).toString(), QStringLiteral("ev-2"));
    EXPECT_FALSE(q.next());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT COUNT(*) FROM pipeline_batches WHERE batch_id = 'legacy' AND done_at IS NOT NULL")));
    ASSERT_TRUE(q.next());
    EXPECT_EQ(q.value(0).toInt(), 1) << "rows cleaned before the upgrade are not cleaned again";
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT COUNT(*) FROM silver_impressions")));
    ASSERT_TRUE(q.next());
    EXPECT_EQ(q.value(0).toInt(), 1);
    q.finish();
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(writer);
}

TEST(SqliteMigration, WorkspaceFromANewerAppIsRefusedUntouched)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("future.sqlite"));
    {
        auto store = core::SqliteBackend::open(path, testsupport::catalogue());
        ASSERT_TRUE(store);
    }
    {
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("future"));
        db.setDatabaseName(path);
        ASSERT_TRUE(db.open());
        QSqlQuery q(db);
        ASSERT_TRUE(q.exec(QStringLiteral("INSERT INTO schema_migrations VALUES (999, 'future', '2030-01-01')")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("future"));
    auto store = core::SqliteBackend::open(path, testsupport::catalogue());
    ASSERT_FALSE(store);
    EXPECT_NE(store.error().userMessage.indexOf(QStringLiteral("newer version")), -1);
}

TEST(SqliteMigration, FileThatIsNotADatabaseGivesAClearError)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("notes.sqlite"));
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(4096, 'x'));
    f.close();
    auto store = core::SqliteBackend::open(path, testsupport::catalogue());
    ASSERT_FALSE(store);
    EXPECT_EQ(store.error().kind, core::ErrorKind::Storage);
    EXPECT_FALSE(store.error().remediation.isEmpty());
}

} // namespace
