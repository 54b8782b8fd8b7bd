// The demo generator is deterministic and its data flows bronze → silver → audience → gold.
#include "common/future_wait.h"
#include "demo/demo_generator.h"
#include "backends/sqlite/sqlite_backend.h"
#include "support/test_catalogue.h"

#include <gtest/gtest.h>

#include <QCryptographicHash>
#include <QFile>
#include <QRegularExpression>
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
    all += d.table(QStringLiteral("SELECT * FROM customer_identifiers ORDER BY user_id"));
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

TEST(DemoWorkspace, PeopleHaveSyntheticIdentifiersThatFitTheirProfile)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ws.sqlite"));
    const core::DemoOptions options = smallDemo();
    ASSERT_TRUE(core::DemoGenerator::createWorkspace(path, options));
    WorkspaceDigest d(path);
    const qint64 rows = d.count(QStringLiteral("SELECT COUNT(*) FROM customer_identifiers"));
    EXPECT_GT(rows, options.users * 8 / 10);
    EXPECT_LT(rows, options.users) << "some people are not in the customer database";
    for (const char* column : {"email", "phone", "first_name", "city", "postal_code", "birth_date", "country"}) {
        const qint64 known = d.count(QStringLiteral("SELECT COUNT(%1) FROM customer_identifiers").arg(QLatin1String(column)));
        EXPECT_GT(known, 0) << column;
        EXPECT_LT(known, rows) << column << " is missing for some";
    }

    const QRegularExpression fictional(QStringLiteral(
        "^(\\+1 \\d{3}-555-01\\d{2}|\\(\\d{3}\\) 555-01\\d{2}|\\+44 7700 900\\d{3}|07700 900\\d{3}|"
        "\\+61 [2378] 5550 \\d{4}|\\(0[2378]\\) 5550 \\d{4})$"));
    const QRegularExpression wellFormedEmail(QStringLiteral("^[A-Za-z0-9._]+@(example\\.com|example\\.org|Example\\.com|Example\\.org)$"));
    int badEmails = 0;
    int badPhones = 0;
    int mismatches = 0;
    int checkedAges = 0;
    {
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("demo-identifiers"));
        db.setDatabaseName(path);
        ASSERT_TRUE(db.open());
        QSqlQuery rowsOf(db);
        ASSERT_TRUE(rowsOf.exec(QStringLiteral(
            "SELECT c.email, c.phone, c.country, c.city, c.region, c.postal_code, c.birth_date, p.country, p.age_bucket, "
            "p.region FROM customer_identifiers c LEFT JOIN audience_profiles p ON p.user_id = c.user_id")));
        while (rowsOf.next()) {
            const QString email = rowsOf.value(0).toString();
            if (!email.isEmpty()) {
                const QString lower = email.toLower();
                EXPECT_TRUE(lower.endsWith(QStringLiteral("example.com")) || lower.endsWith(QStringLiteral("example.org")))
                    << "only the reserved example domains";
                badEmails += wellFormedEmail.match(email).hasMatch() ? 0 : 1;
            }
            const QString phone = rowsOf.value(1).toString();
            if (!phone.isEmpty()) {
                if (phone == QLatin1String("+1 555")) {
                    ++badPhones;
                } else {
                    EXPECT_TRUE(fictional.match(phone).hasMatch()) << "only numbers reserved for fiction: " << phone.toStdString();
                }
            }
            if (!rowsOf.value(3).toString().isEmpty()) {
                EXPECT_FALSE(rowsOf.value(4).toString().isEmpty()) << "a city has its region";
            }
            if (!rowsOf.value(5).toString().isEmpty()) {
                EXPECT_FALSE(rowsOf.value(3).toString().isEmpty()) << "a postal code has its city";
            }
            if (rowsOf.value(7).isNull())
                continue; // no events: not in the audience
            const QString country = rowsOf.value(2).toString();
            if (!country.isEmpty() && country.toUpper() != rowsOf.value(7).toString())
                ++mismatches;
            const QDate born = QDate::fromString(rowsOf.value(6).toString(), Qt::ISODate);
            if (born.isValid()) {
                int age = options.endDate.year() - born.year();
                if (options.endDate < born.addYears(age))
                    --age;
                const QString bucket = rowsOf.value(8).toString();
                const int low = bucket.section(QLatin1Char('-'), 0, 0).remove(QLatin1Char('+')).toInt();
                const int high = bucket.endsWith(QLatin1Char('+')) ? 120 : bucket.section(QLatin1Char('-'), 1, 1).toInt();
                EXPECT_TRUE(age >= low && age <= high) << "born " << born.toString(Qt::ISODate).toStdString() << ", " << bucket.toStdString();
                ++checkedAges;
            }
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("demo-identifiers"));
    EXPECT_EQ(mismatches, 0) << "the country is the person's";
    EXPECT_GT(checkedAges, 100);
    EXPECT_GT(badEmails, 0) << "a few e-mails a platform refuses";
    EXPECT_LT(badEmails, rows / 50);
    EXPECT_GT(badPhones, 0) << "a few phones a platform refuses";
}

// What the pipeline derives from the demo feed, table by table, equals the digests stored in
// tests/integration/golden/demo_metrics.txt, written once from the refresh as it was before it was
// made faster (issue 12): a faster refresh must derive the very same rows.
TEST(DemoWorkspace, PipelineDerivesTheStoredGoldenMetrics)
{
    core::DemoOptions options; // the demo's seed and shape, fewer people
    options.endDate = QDate(2026, 11, 24);
    options.users = 6000;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ws.sqlite"));
    ASSERT_TRUE(core::DemoGenerator::createWorkspace(path, options));
    WorkspaceDigest d(path);
    const QList<std::pair<QString, QString>> tables{
        {QStringLiteral("silver_impressions"), QStringLiteral("SELECT * FROM silver_impressions ORDER BY event_id")},
        {QStringLiteral("silver_quarantine"),
         QStringLiteral("SELECT source_line, event_id, reason FROM silver_quarantine ORDER BY source_line, event_id")},
        {QStringLiteral("audience_profiles"), QStringLiteral("SELECT * FROM audience_profiles ORDER BY user_id")},
        {QStringLiteral("audience_activity"),
         QStringLiteral("SELECT * FROM audience_activity ORDER BY event_type, day, user_id")},
        {QStringLiteral("gold_segment_daily_metrics"),
         QStringLiteral("SELECT * FROM gold_segment_daily_metrics ORDER BY segment_id, day")}};
    QStringList actual;
    for (const auto& [name, sql] : tables)
        actual.append(name + QLatin1Char(' ') + QString::fromLatin1(d.table(sql)));
    EXPECT_GT(d.count(QStringLiteral("SELECT COUNT(DISTINCT segment_id) FROM gold_segment_daily_metrics")), 10);
    QFile golden(QStringLiteral(SB_SOURCE_DIR "/tests/integration/golden/demo_metrics.txt"));
    ASSERT_TRUE(golden.open(QIODevice::ReadOnly)) << "missing golden file; the digests now:\n"
                                                  << actual.join(QLatin1Char('\n')).toStdString();
    const QStringList expected =
        QString::fromLatin1(golden.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    EXPECT_EQ(actual.join(QLatin1Char('\n')).toStdString(), expected.join(QLatin1Char('\n')).toStdString());
}

} // namespace
