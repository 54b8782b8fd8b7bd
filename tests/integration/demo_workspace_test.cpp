// The demo generator is deterministic and its data flows bronze → silver → audience → gold.
#include "common/future_wait.h"
#include "demo/demo_generator.h"
#include "backends/sqlite/sqlite_backend.h"
#include "support/test_catalogue.h"

#include <gtest/gtest.h>

#include <QCryptographicHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QUuid>

namespace {

core::DemoOptions smallDemo(quint64 seed = 7)
{
    core::DemoOptions o;
    o.seed = seed;
    o.endDate = QDate(2026, 6, 30);
    o.users = 1500;
    o.days = 45;
    o.meanEventsPerUserPerDay = 0.2;
    return o;
}

// A digest of the rows of each table, in a fixed order.
class WorkspaceDigest
{
public:
    explicit WorkspaceDigest(const QString& path)
        : m_name(QUuid::createUuid().toString())
    {
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        EXPECT_TRUE(db.open());
    }
    ~WorkspaceDigest() { QSqlDatabase::removeDatabase(m_name); }

    QByteArray table(const QString& sql)
    {
        QCryptographicHash hash(QCryptographicHash::Sha256);
        QSqlQuery q(QSqlDatabase::database(m_name));
        EXPECT_TRUE(q.exec(sql)) << sql.toStdString();
        while (q.next()) {
            for (int i = 0; i < q.record().count(); ++i) {
                hash.addData(q.value(i).toString().toUtf8());
                hash.addData("\x1f");
            }
            hash.addData("\x1e");
        }
        return hash.result().toHex();
    }

    qint64 count(const QString& sql)
    {
        QSqlQuery q(QSqlDatabase::database(m_name));
        EXPECT_TRUE(q.exec(sql)) << sql.toStdString();
        return q.next() ? q.value(0).toLongLong() : -1;
    }

private:
    QString m_name;
};

QByteArray digestOf(const QString& path)
{
    WorkspaceDigest d(path);
    QByteArray all;
    all += d.table(QStringLiteral("SELECT * FROM advertisers ORDER BY advertiser_id"));
    all += d.table(QStringLiteral("SELECT * FROM gold_segments ORDER BY segment_id"));
    all += d.table(QStringLiteral("SELECT event_id, event_time, advertiser_id, campaign_id, user_id, age, gender, country, "
                                  "region, device, interests, event_type, cost_micros FROM bronze_impressions ORDER BY ingest_seq"));
    all += d.table(QStringLiteral("SELECT * FROM gold_segment_daily_metrics ORDER BY segment_id, day"));
    return all;
}

TEST(DemoWorkspace, SameSeedGivesIdenticalDataAndAnotherSeedDoesNot)
{
    QTemporaryDir dir;
    const QString a = dir.filePath(QStringLiteral("a.sqlite"));
    const QString b = dir.filePath(QStringLiteral("b.sqlite"));
    const QString c = dir.filePath(QStringLiteral("c.sqlite"));
    ASSERT_TRUE(core::DemoGenerator::createWorkspace(a, smallDemo(7)));
    ASSERT_TRUE(core::DemoGenerator::createWorkspace(b, smallDemo(7)));
    ASSERT_TRUE(core::DemoGenerator::createWorkspace(c, smallDemo(8)));
    EXPECT_EQ(digestOf(a), digestOf(b));
    EXPECT_NE(digestOf(a), digestOf(c));
}

TEST(DemoWorkspace, RefusesToOverwriteUnlessAsked)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ws.sqlite"));
    ASSERT_TRUE(core::DemoGenerator::createWorkspace(path, smallDemo()));
    auto again = core::DemoGenerator::createWorkspace(path, smallDemo());
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, QStringLiteral("workspace_exists"));
    EXPECT_TRUE(core::DemoGenerator::createWorkspace(path, smallDemo(), {}, true));
}

TEST(DemoWorkspace, FlowsFromBronzeToGoldWithDuplicatesAndBadRowsHandled)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ws.sqlite"));
    ASSERT_TRUE(core::DemoGenerator::createWorkspace(path, smallDemo()));
    WorkspaceDigest d(path);
    EXPECT_EQ(d.count(QStringLiteral("SELECT COUNT(*) FROM advertisers")), 3);
    EXPECT_EQ(d.count(QStringLiteral("SELECT COUNT(*) FROM gold_segments")), 15);
    EXPECT_EQ(d.count(QStringLiteral("SELECT COUNT(*) FROM gold_segment_versions")), 15);
    const qint64 bronze = d.count(QStringLiteral("SELECT COUNT(*) FROM bronze_impressions"));
    const qint64 distinctIds = d.count(QStringLiteral("SELECT COUNT(DISTINCT event_id) FROM bronze_impressions"));
    const qint64 silver = d.count(QStringLiteral("SELECT COUNT(*) FROM silver_impressions"));
    const qint64 quarantined = d.count(QStringLiteral("SELECT COUNT(*) FROM silver_quarantine"));
    EXPECT_GT(bronze, distinctIds) << "the demo feed re-delivers some events";
    EXPECT_GT(quarantined, 0) << "the demo feed has some malformed rows";
    // Every bronze row is either in silver, a duplicate of a silver row, or quarantined.
    EXPECT_EQ(silver + quarantined + (bronze - distinctIds), bronze);
    EXPECT_EQ(d.count(QStringLiteral("SELECT COUNT(*) FROM silver_quarantine WHERE reason LIKE 'country%'")) +
                  d.count(QStringLiteral("SELECT COUNT(*) FROM silver_quarantine WHERE reason LIKE 'age%'")),
              quarantined);
    // Gold sums match silver for a segment that matches everyone of its advertiser's audience it reaches.
    EXPECT_GT(d.count(QStringLiteral("SELECT COUNT(DISTINCT segment_id) FROM gold_segment_daily_metrics")), 10);
    EXPECT_EQ(d.count(QStringLiteral("SELECT COUNT(*) FROM gold_segment_daily_metrics WHERE clicks > impressions")), 0);
    EXPECT_EQ(d.count(QStringLiteral("SELECT COUNT(*) FROM audience_profiles")),
              d.count(QStringLiteral("SELECT COUNT(DISTINCT user_id) FROM silver_impressions")));
}

TEST(DemoWorkspace, DemoSegmentsOpenInTheStoreAndHaveReach)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ws.sqlite"));
    ASSERT_TRUE(core::DemoGenerator::createWorkspace(path, smallDemo()));
    auto store = core::SqliteBackend::open(path, testsupport::catalogue());
    ASSERT_TRUE(store);
    auto segments = core::awaitFuture(store.value()->segments().listSegments({}));
    ASSERT_TRUE(segments);
    ASSERT_EQ(segments.value().size(), 15);
    QStringList ids;
    for (const auto& s : segments.value())
        ids.append(s.id);
    auto reach = core::awaitFuture(store.value()->segments().reachOfSegments(ids));
    ASSERT_TRUE(reach) << reach.error().toString().toStdString();
    EXPECT_EQ(reach.value().size(), 15);
    int nonEmpty = 0;
    for (auto it = reach.value().cbegin(); it != reach.value().cend(); ++it)
        nonEmpty += it.value() > 0;
    EXPECT_GE(nonEmpty, 12);
}

} // namespace
