// The local refresh taken in steps equals one refresh of everything: a demo feed arrives in ten
// batches (mostly by day, a quarter of the events late, with the feed's duplicates and bad rows),
// one refresh after each. After every step the cleaned events, quarantine, audience, activity and
// daily metrics of all 15 demo segments (behaviour windows and a segment built on another among
// them) equal those of a workspace that received the same batches and refreshed once — whichever
// way each refresh went (rebuilt, or incremental with the segments moved, those with behaviour
// windows by the days leaving them too).
#include <gtest/gtest.h>

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QUuid>

#include "backends/sqlite/local_pipeline.h"
#include "backends/sqlite/sqlite_functions.h"
#include "backends/sqlite/sqlite_migrator.h"
#include "backends/sqlite/sqlite_native_staging.h"
#include "sql/pipeline_sql.h"
#include "backends/sqlite/sqlite_sql.h"
#include "support/demo_feed.h"
#include "support/test_catalogue.h"

namespace {

constexpr int kBatches = testsupport::kDemoFeedBatches;

// One workspace file on its own connection.
class Workspace
{
public:
    explicit Workspace(const QString& path) : m_name(QUuid::createUuid().toString())
    {
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        EXPECT_TRUE(db.open());
    }
    ~Workspace() { QSqlDatabase::removeDatabase(m_name); }

    QSqlDatabase db() const { return QSqlDatabase::database(m_name); }

    void exec(const QString& sql, const QVariantList& values = {})
    {
        QSqlDatabase connection = db();
        auto q = core::SqliteSql::exec(connection, sql, values, QStringLiteral("test"));
        ASSERT_TRUE(q) << q.error().toString().toStdString();
    }

    // The rows of a query, a line each.
    QStringList rows(const QString& sql) const
    {
        QSqlQuery q(db());
        EXPECT_TRUE(q.exec(sql)) << sql.toStdString();
        QStringList out;
        while (q.next()) {
            QStringList values;
            for (int i = 0; i < q.record().count(); ++i)
                values.append(q.value(i).isNull() ? QStringLiteral("NULL") : q.value(i).toString());
            out.append(values.join(QLatin1Char('|')));
        }
        return out;
    }

    core::PipelineReport refresh(core::LocalPipeline::BehaviourCounting counting =
                                     core::LocalPipeline::BehaviourCounting::Cheaper)
    {
        QSqlDatabase connection = db();
        core::LocalPipeline pipeline(connection, testsupport::catalogue());
        pipeline.setBehaviourCounting(counting);
        auto report = pipeline.refresh();
        EXPECT_TRUE(report) << report.error().toString().toStdString();
        return report ? report.value() : core::PipelineReport{};
    }

    // The held rows of one batch arrive in bronze, in the order they were generated.
    void arrive(int batch)
    {
        exec(
            QStringLiteral(
                "INSERT INTO bronze_impressions (event_id, event_time, advertiser_id, campaign_id, user_id, "
                "age, "
                "gender, country, region, device, interests, event_type, cost_micros, source_file, "
                "ingest_time, "
                "ingest_batch, source_line) SELECT event_id, event_time, advertiser_id, campaign_id, "
                "user_id, age, "
                "gender, country, region, device, interests, event_type, cost_micros, 'batch-' || arrives || "
                "'.csv', ingest_time, 'batch-' || arrives, source_line FROM held WHERE arrives = ? ORDER BY "
                "ingest_seq"),
            {batch});
    }

    // Everything the refresh derives, table by table.
    QList<QStringList> derived() const
    {
        return {rows(QStringLiteral("SELECT * FROM silver_impressions ORDER BY event_id")),
                rows(QStringLiteral("SELECT ingest_batch, source_line, source_file, event_id, reason FROM "
                                    "silver_quarantine ORDER BY ingest_batch, source_line")),
                rows(QStringLiteral("SELECT * FROM audience_profiles ORDER BY user_id")),
                rows(QStringLiteral("SELECT * FROM audience_activity ORDER BY event_type, day, user_id")),
                rows(QStringLiteral("SELECT * FROM gold_segment_daily_metrics ORDER BY segment_id, day"))};
    }

private:
    QString m_name;
};

class LocalPipelineSteps : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        Workspace feed(path(QStringLiteral("feed")));
        QSqlDatabase db = feed.db();
        testsupport::holdDemoFeed(db); // the held rows arrive in bronze batch by batch (arrive())
    }

    QString path(const QString& name) const { return m_dir.filePath(name + QStringLiteral(".sqlite")); }

    // A copy of the held feed under another name.
    QString copyOfFeed(const QString& name) const
    {
        const QString to = path(name);
        QFile::remove(to);
        EXPECT_TRUE(QFile::copy(path(QStringLiteral("feed")), to));
        return to;
    }

    QTemporaryDir m_dir;
};

// Both ways of counting the behaviour windows of the people concerned: per person in silver, and
// from audience_activity's windows (the refresh takes whichever reads fewer rows).
TEST_F(LocalPipelineSteps, RefreshingAfterEachBatchEqualsOneRefreshOfAllOfThem)
{
    using Counting = core::LocalPipeline::BehaviourCounting;
    Workspace perPerson(copyOfFeed(QStringLiteral("steps-per-person")));
    Workspace byWindow(copyOfFeed(QStringLiteral("steps-by-window")));
    int incremental = 0;
    int segmentsWithWindowsMoved = 0;
    for (int batch = 0; batch < kBatches; ++batch) {
        Workspace once(copyOfFeed(QStringLiteral("once-%1").arg(batch)));
        for (int b = 0; b <= batch; ++b)
            once.arrive(b);
        const core::PipelineReport whole = once.refresh();
        EXPECT_FALSE(whole.incremental);
        const auto expected = once.derived();
        for (auto [steps, counting] : {std::pair{&perPerson, Counting::PerPerson}, std::pair{&byWindow, Counting::ByWindow}}) {
            steps->arrive(batch);
            const core::PipelineReport report = steps->refresh(counting);
            ASSERT_GT(report.silverRowsAdded, 0) << "batch " << batch;
            if (report.incremental) {
                ++incremental;
                segmentsWithWindowsMoved += report.segmentsWindowsMoved;
            }
            const auto actual = steps->derived();
            ASSERT_EQ(actual.size(), expected.size());
            for (qsizetype t = 0; t < expected.size(); ++t) {
                if (batch == kBatches - 1) { // by then every table has rows (quarantine too)
                    ASSERT_FALSE(expected.at(t).isEmpty()) << "table " << t;
                }
                EXPECT_EQ(actual.at(t), expected.at(t))
                    << "after batch " << batch << ", table " << t
                    << (report.incremental ? " (incremental" : " (rebuilt")
                    << (counting == Counting::PerPerson ? ", per person)" : ", by window)");
            }
        }
    }
    // The comparison covered both ways, and within the incremental one both kinds of segment.
    EXPECT_GE(incremental, 2 * 5);
    EXPECT_LT(incremental, 2 * kBatches);
    EXPECT_GT(segmentsWithWindowsMoved, 0);
}

TEST_F(LocalPipelineSteps, ABatchOfOnlyDuplicatesChangesNothing)
{
    Workspace steps(copyOfFeed(QStringLiteral("steps")));
    for (int batch = 0; batch < kBatches; ++batch)
        steps.arrive(batch);
    steps.refresh();
    const auto before = steps.derived();
    // The last batch again, as another file: every valid row is a duplicate now.
    steps.exec(QStringLiteral("UPDATE held SET arrives = 99 WHERE arrives = 9"));
    steps.arrive(99);
    const core::PipelineReport again = steps.refresh();
    EXPECT_EQ(again.silverRowsAdded, 0);
    EXPECT_GT(again.duplicatesSkipped, 0);
    auto after = steps.derived();
    after[1].removeIf([](const QString& row) { return row.startsWith(QStringLiteral("batch-99|")); });
    EXPECT_EQ(after, before);
}

// The refresh stages bronze rows in code (SqliteNativeStaging); PipelineSql's SQL staging is the
// description it must equal, value for value and type for type, on rows of every kind: spaces
// around values, case, NULLs, empty texts, unknown catalogue values, ages as numbers and buckets,
// times with zones and impossible days, costs too long or not numbers.
TEST(NativeStaging, StagesWhatTheSqlStagingStages)
{
    QTemporaryDir dir;
    Workspace ws(dir.filePath(QStringLiteral("staging.sqlite")));
    QSqlDatabase db = ws.db();
    ASSERT_TRUE(core::SqliteMigrator::migrate(db));
    ASSERT_TRUE(core::SqliteFunctions::install(db));
    const core::PipelineSql sql(core::SqlTarget{core::SqlDialect::Sqlite, {}});
    for (const auto& st : sql.referenceValues(*testsupport::catalogue())) {
        auto q = core::SqliteSql::exec(db, st.sql.sql, st.sql.params, QStringLiteral("test"));
        ASSERT_TRUE(q) << q.error().toString().toStdString();
    }
    const QList<QVariantList> variants{
        {QStringLiteral("e1"), QStringLiteral("  e2 "), QString(), QVariant(), QStringLiteral("E3")},
        {QStringLiteral("2026-05-01T10:00:00Z"), QStringLiteral(" 2026-05-01 23:30:00.123+02:00 "),
         QStringLiteral("2026-02-30T10:00:00Z"), QStringLiteral("2026-05-01T24:00:00"), QVariant(),
         QStringLiteral("yesterday"), QStringLiteral("2026-12-31T23:59:59-01:30"), QString()},
        {QStringLiteral("adv-1"), QStringLiteral(" adv-2"), QString(), QVariant()},
        {QStringLiteral("c1"), QString(), QVariant(), QStringLiteral("  ")},
        {QStringLiteral("u1"), QStringLiteral("u 2 "), QString(), QVariant()},
        {QStringLiteral("34"), QStringLiteral(" 18-24 "), QStringLiteral("17"), QStringLiteral("121"),
         QStringLiteral("0034"), QStringLiteral("65"), QStringLiteral("abc"), QString(), QVariant(),
         QStringLiteral("65+"), QStringLiteral("3 4"), QStringLiteral("120")},
        {QStringLiteral("F"), QStringLiteral(" male "), QStringLiteral("u"), QString(), QVariant(),
         QStringLiteral("other"), QStringLiteral("UNKNOWN")},
        {QStringLiteral("us"), QStringLiteral(" DE "), QStringLiteral("XX"), QString(), QVariant(),
         QStringLiteral("u%"), QStringLiteral("gb")},
        {QStringLiteral("us-ca"), QStringLiteral("DE-BE"), QString(), QVariant(), QStringLiteral("US-XX"),
         QStringLiteral(" gb-eng "), QStringLiteral("  ")},
        {QStringLiteral("Mobile"), QStringLiteral(" desktop"), QStringLiteral("phone"), QString(), QVariant(),
         QStringLiteral("CTV")},
        {QStringLiteral("Sports|News"), QString(), QVariant(), QStringLiteral("bad interest!"),
         QStringLiteral(" travel.air|x_1 "), QStringLiteral("Ünïcode")},
        {QStringLiteral("impression"), QStringLiteral(" CLICK "), QStringLiteral("view"), QString(), QVariant(),
         QStringLiteral("conversion")},
        {QStringLiteral("1500"), QString(), QVariant(), QStringLiteral(" 42 "), QStringLiteral("-5"),
         QStringLiteral("1234567890123456789"), QStringLiteral("123456789012345678"), QStringLiteral("1.5")}};
    const int rows = 600;
    ws.exec(QStringLiteral("BEGIN"));
    for (int i = 0; i < rows; ++i) {
        QVariantList values;
        for (qsizetype c = 0; c < variants.size(); ++c) {
            const auto& options = variants.at(c);
            // Every fifth row of the first two variants (valid, the second with spaces and case),
            // the others mixed.
            values.append(options.at(i % 5 == 0 ? (i / 5) % 2 : (i * (2 * c + 3) + i / 7 + c) % options.size()));
        }
        values.append(QStringLiteral("batch-%1").arg(i % 3));
        values.append(i + 1);
        ws.exec(QStringLiteral("INSERT INTO bronze_impressions (event_id, event_time, advertiser_id, campaign_id, "
                               "user_id, age, gender, country, region, device, interests, event_type, cost_micros, "
                               "ingest_batch, source_line, source_file, ingest_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                               "?, ?, ?, ?, ?, ?, ?, 'f.csv', '2026-05-02T00:00:00.000Z')"),
                values);
    }
    ws.exec(QStringLiteral("COMMIT"));
    ws.exec(QStringLiteral("ATTACH DATABASE ':memory:' AS ") + core::PipelineSql::sqliteWorkSchema());
    for (const auto& st : sql.claimBatches() + sql.stageClaimedRows())
        ws.exec(st.sql.sql);
    const QString staged = QStringLiteral(
        "SELECT quote(ingest_batch), quote(source_line), quote(source_file), quote(ingest_time), quote(event_id), "
        "quote(event_time), quote(advertiser_id), quote(campaign_id), quote(user_id), quote(age_bucket), "
        "quote(gender), quote(country), quote(region), quote(device), quote(interests), quote(event_type), "
        "quote(cost_micros) FROM pipeline_work.staging ORDER BY rowid");
    const QStringList bySql = ws.rows(staged);
    ASSERT_EQ(bySql.size(), rows);
    auto native = core::SqliteNativeStaging(db).stage(QStringLiteral("test"));
    ASSERT_TRUE(native) << native.error().toString().toStdString();
    EXPECT_EQ(native.value(), rows);
    const QStringList byCode = ws.rows(staged);
    ASSERT_EQ(byCode.size(), rows);
    int valid = 0;
    for (int i = 0; i < rows; ++i) {
        EXPECT_EQ(byCode.at(i).toStdString(), bySql.at(i).toStdString()) << "row " << i;
        valid += byCode.at(i).contains(QStringLiteral("NULL")) ? 0 : 1;
    }
    EXPECT_GT(valid, 5) << "some rows are valid";
    EXPECT_LT(valid, rows / 2) << "most rows have something to normalise away";
}

} // namespace
