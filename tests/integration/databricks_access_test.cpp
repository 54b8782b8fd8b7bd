// Roles per advertiser on Databricks with two principals of the emulator: the Unity Catalog row
// filters provision sets (emulated as PostgreSQL row-level security) keep a viewer to its
// advertisers even with hand-written SQL; its writes are refused with the role needed; the
// principal recorded is current_user() as the warehouse knows it from the token.
#include <gtest/gtest.h>

#include "backends/databricks/databricks_access_store.h"
#include "backends/databricks/databricks_segment_store.h"
#include "support/emulated_workspace.h"
#include "support/segment_builders.h"
#include "support/test_catalogue.h"

namespace {

template <typename T> T await(QFuture<T> f) { return core::awaitFuture(std::move(f)); }

const QString kViewerToken = QStringLiteral("dapi-viewer-token");
const QString kViewer = QStringLiteral("vic@example.com");

// One principal's REST stack and stores on the shared emulated workspace.
struct Caller
{
    std::unique_ptr<core::PatAuth> auth;
    std::unique_ptr<core::ApiClient> api;
    std::unique_ptr<core::StatementClient> statements;
    std::unique_ptr<core::DatabricksAccessStore> access;
    std::unique_ptr<core::DatabricksSegmentStore> segments;

    Caller(testsupport::EmulatedWorkspace& ws, const QString& token)
    {
        auth = std::make_unique<core::PatAuth>(token);
        api = std::make_unique<core::ApiClient>(&ws.network, auth.get(), ws.emulator->baseUrl(),
                                                testsupport::EmulatedWorkspace::fastPolicy());
        statements = std::make_unique<core::StatementClient>(api.get(), testsupport::EmulatedWorkspace::kWarehouse);
        statements->setPollBackoff(std::chrono::milliseconds(5), std::chrono::milliseconds(50));
        access = std::make_unique<core::DatabricksAccessStore>(statements.get(), QStringLiteral("main"),
                                                               QStringLiteral("ad_segments"));
        segments = std::make_unique<core::DatabricksSegmentStore>(statements.get(), QStringLiteral("main"),
                                                                  QStringLiteral("ad_segments"), testsupport::catalogue(),
                                                                  QStringLiteral("emulator"));
        segments->setAccess(access.get());
    }
    ~Caller()
    {
        segments.reset();
        access.reset();
    }

    core::Result<core::StatementResult> sql(const QString& text)
    {
        core::StatementRequest request;
        request.sql = text;
        request.catalog = QStringLiteral("main");
        request.schema = QStringLiteral("ad_segments");
        request.what = QStringLiteral("run the hand-written statement");
        return await(statements->execute(request));
    }
};

class DatabricksAccess : public ::testing::Test
{
protected:
    std::unique_ptr<testsupport::EmulatedWorkspace> ws;
    std::unique_ptr<Caller> owner; // tester@example.com
    std::unique_ptr<Caller> viewer;
    core::Segment acmeSegment;
    core::Segment globexSegment;

    void SetUp() override
    {
        ws = testsupport::EmulatedWorkspace::create();
        ASSERT_TRUE(ws);
        ASSERT_TRUE(ws->provision());
        ws->emulator->addPersonalAccessToken(kViewerToken, emulator::Principal{kViewer});
        owner = std::make_unique<Caller>(*ws, testsupport::EmulatedWorkspace::kToken);
        viewer = std::make_unique<Caller>(*ws, kViewerToken);
        ASSERT_TRUE(await(owner->segments->saveAdvertiser({QStringLiteral("acme"), QStringLiteral("Acme")})));
        ASSERT_TRUE(await(owner->segments->saveAdvertiser({QStringLiteral("globex"), QStringLiteral("Globex")})));
        auto a = await(owner->segments->createSegment(testsupport::draftSegment(QStringLiteral("acme"), QStringLiteral("Acme hikers")),
                                                       QStringLiteral("forged-name")));
        ASSERT_TRUE(a) << a.error().toString().toStdString();
        acmeSegment = a.value();
        auto g = await(owner->segments->createSegment(
            testsupport::draftSegment(QStringLiteral("globex"), QStringLiteral("Globex gamers")), QStringLiteral("forged-name")));
        ASSERT_TRUE(g) << g.error().toString().toStdString();
        globexSegment = g.value();
        // No grant yet: the first makes the granter owner of Acme. Nobody is granted Globex.
        ASSERT_TRUE(await(owner->access->grant(QStringLiteral("acme"), kViewer, core::AdvertiserRole::Viewer)));
    }

    void TearDown() override
    {
        viewer.reset();
        owner.reset();
        ws.reset();
    }
};

TEST_F(DatabricksAccess, TheWriterIsTheTokensPrincipalNeverTheNameHandedIn)
{
    EXPECT_EQ(acmeSegment.createdBy, testsupport::EmulatedWorkspace::kPrincipal);
    auto read = await(owner->segments->getSegment(acmeSegment.id));
    ASSERT_TRUE(read) << read.error().toString().toStdString();
    EXPECT_EQ(read.value().createdBy, testsupport::EmulatedWorkspace::kPrincipal);
    EXPECT_EQ(read.value().updatedBy, testsupport::EmulatedWorkspace::kPrincipal);
    auto history = await(owner->segments->segmentHistory(acmeSegment.id));
    ASSERT_TRUE(history);
    ASSERT_EQ(history.value().size(), 1);
    EXPECT_EQ(history.value()[0].changedBy, testsupport::EmulatedWorkspace::kPrincipal);
    auto who = await(viewer->access->currentPrincipal());
    ASSERT_TRUE(who);
    EXPECT_EQ(who.value(), kViewer);
}

TEST_F(DatabricksAccess, RowFiltersKeepAViewerToItsAdvertisersEvenWithHandWrittenSql)
{
    auto mine = await(viewer->access->myRoles());
    ASSERT_TRUE(mine) << mine.error().toString().toStdString();
    EXPECT_TRUE(mine.value().managed);
    EXPECT_EQ(mine.value().roleOf(QStringLiteral("acme")), core::AdvertiserRole::Viewer);
    EXPECT_EQ(mine.value().roleOf(QStringLiteral("globex")), core::AdvertiserRole::None);

    auto advertisers = await(viewer->segments->listAdvertisers());
    ASSERT_TRUE(advertisers) << advertisers.error().toString().toStdString();
    ASSERT_EQ(advertisers.value().size(), 1);
    EXPECT_EQ(advertisers.value()[0].id, QStringLiteral("acme"));
    auto listed = await(viewer->segments->listSegments({}));
    ASSERT_TRUE(listed);
    ASSERT_EQ(listed.value().size(), 1);
    EXPECT_EQ(listed.value()[0].id, acmeSegment.id);
    EXPECT_FALSE(await(viewer->segments->getSegment(globexSegment.id)));

    auto segments = viewer->sql(QStringLiteral("SELECT segment_id FROM main.ad_segments.gold_segments"));
    ASSERT_TRUE(segments) << segments.error().toString().toStdString();
    ASSERT_EQ(segments.value().rows.size(), 1);
    EXPECT_EQ(segments.value().value(0, QStringLiteral("segment_id")).toString(), acmeSegment.id);
    auto versions = viewer->sql(QStringLiteral("SELECT v.segment_id FROM main.ad_segments.gold_segment_versions v "
                                               "WHERE v.segment_id = '%1'").arg(globexSegment.id));
    ASSERT_TRUE(versions) << versions.error().toString().toStdString();
    EXPECT_TRUE(versions.value().rows.isEmpty());
    // A viewer cannot touch rows it cannot see: the filter applies to UPDATE and DELETE too.
    auto deleted = viewer->sql(QStringLiteral("DELETE FROM main.ad_segments.gold_segments WHERE advertiser_id = 'globex'"));
    ASSERT_TRUE(deleted) << deleted.error().toString().toStdString();
    EXPECT_EQ(deleted.value().affectedRows(), 0);
    auto still = owner->sql(QStringLiteral("SELECT COUNT(*) AS n FROM main.ad_segments.gold_segments"));
    ASSERT_TRUE(still);
    // The owner of Acme sees Acme's only: nobody was granted Globex.
    EXPECT_EQ(still.value().value(0, QStringLiteral("n")).toLongLong(), 1);
    auto unfiltered = ws->execute(QStringLiteral("SELECT filter_name, target_columns FROM main.information_schema.row_filters "
                                                 "WHERE table_name = 'gold_segments'"));
    ASSERT_TRUE(unfiltered) << unfiltered.error().toString().toStdString();
    ASSERT_EQ(unfiltered.value().rows.size(), 1);
    EXPECT_EQ(unfiltered.value().value(0, QStringLiteral("filter_name")).toString(),
              QStringLiteral("main.ad_segments.sb_advertiser_visible"));
}

TEST_F(DatabricksAccess, AViewersWriteIsRefusedWithTheRoleItNeeds)
{
    auto created = await(viewer->segments->createSegment(
        testsupport::draftSegment(QStringLiteral("acme"), QStringLiteral("Sneaky")), QStringLiteral("x")));
    ASSERT_FALSE(created);
    EXPECT_EQ(created.error().kind, core::ErrorKind::Permission);
    EXPECT_EQ(created.error().userMessage,
              QStringLiteral("You are a viewer of Acme; editing segments needs the editor role — ask an owner."));
    auto removed = await(viewer->segments->deleteSegment(acmeSegment.id, acmeSegment.version, QStringLiteral("x")));
    ASSERT_FALSE(removed);
    EXPECT_EQ(removed.error().kind, core::ErrorKind::Permission);
    auto granted = await(viewer->access->grant(QStringLiteral("acme"), kViewer, core::AdvertiserRole::Owner));
    ASSERT_FALSE(granted);
    EXPECT_TRUE(granted.error().userMessage.contains(QStringLiteral("needs the owner role")));

    ASSERT_TRUE(await(owner->access->grant(QStringLiteral("acme"), kViewer, core::AdvertiserRole::Editor)));
    auto edited = await(viewer->segments->createSegment(
        testsupport::draftSegment(QStringLiteral("acme"), QStringLiteral("By the editor")), QStringLiteral("x")));
    ASSERT_TRUE(edited) << edited.error().toString().toStdString();
    EXPECT_EQ(edited.value().createdBy, kViewer);
}

} // namespace
