// The local refresh taken in steps equals one refresh of everything: a demo feed arrives in ten
// batches (mostly by day, a quarter of the events late, with the feed's duplicates and bad rows),
// one refresh after each. After every step the cleaned events, quarantine, audience, activity and
// daily metrics of all 15 demo segments (behaviour windows and a segment built on another among
// them) equal those of a workspace that received the same batches and refreshed once — whichever
// way each refresh went (rebuilt, or incremental with some segments moved and others recomputed).
#include <gtest/gtest.h>

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QUuid>

#include "backends/sqlite/local_pipeline.h"
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

    core::PipelineReport refresh()
    {
        QSqlDatabase connection = db();
        auto report = core::LocalPipeline(connection, testsupport::catalogue()).refresh();
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

TEST_F(LocalPipelineSteps, RefreshingAfterEachBatchEqualsOneRefreshOfAllOfThem)
{
    Workspace steps(copyOfFeed(QStringLiteral("steps")));
    int incremental = 0;
    int segmentsRecomputedInIncrementalSteps = 0;
    for (int batch = 0; batch < kBatches; ++batch) {
        steps.arrive(batch);
        const core::PipelineReport report = steps.refresh();
        ASSERT_GT(report.silverRowsAdded, 0) << "batch " << batch;
        if (report.incremental) {
            ++incremental;
            segmentsRecomputedInIncrementalSteps += report.segmentsRecomputed;
        }

        Workspace once(copyOfFeed(QStringLiteral("once-%1").arg(batch)));
        for (int b = 0; b <= batch; ++b)
            once.arrive(b);
        const core::PipelineReport whole = once.refresh();
        EXPECT_FALSE(whole.incremental);
        const auto expected = once.derived();
        const auto actual = steps.derived();
        ASSERT_EQ(actual.size(), expected.size());
        for (qsizetype t = 0; t < expected.size(); ++t) {
            if (batch == kBatches - 1) { // by then every table has rows (quarantine too)
                ASSERT_FALSE(expected.at(t).isEmpty()) << "table " << t;
            }
            EXPECT_EQ(actual.at(t), expected.at(t)) << "after batch " << batch << ", table " << t
                                                    << (report.incremental ? " (incremental)" : " (rebuilt)");
        }
    }
    // The comparison covered both ways, and within the incremental one both kinds of segment.
    EXPECT_GE(incremental, 5);
    EXPECT_LT(incremental, kBatches);
    EXPECT_GT(segmentsRecomputedInIncrementalSteps, 0);
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

} // namespace
