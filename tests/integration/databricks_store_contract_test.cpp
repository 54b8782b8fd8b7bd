// The store contract suite against Databricks: DatabricksSegmentStore → StatementClient →
// ApiClient → HTTP → the emulator → PostgreSQL. Each store gets its own database, freshly
// provisioned with the app's DDL.
#include "audience_contract_tests.h"
#include "backends/databricks/databricks_audience_store.h"
#include "backends/databricks/databricks_impressions_pipeline.h"
#include "backends/databricks/databricks_connection.h"
#include "backends/databricks/databricks_segment_store.h"
#include "databricks/files/volume_files.h"
#include "store_contract_tests.h"
#include "support/emulated_workspace.h"
#include "support/test_catalogue.h"

namespace {

std::shared_ptr<core::SegmentStore> openEmulatedDatabricksStore()
{
    static std::vector<std::unique_ptr<testsupport::EmulatedWorkspace>> workspaces; // live until exit
    auto ws = testsupport::EmulatedWorkspace::create();
    if (!ws || !ws->provision())
        return nullptr;
    auto store = std::make_unique<core::DatabricksSegmentStore>(ws->statements.get(), QStringLiteral("main"),
                                                                QStringLiteral("ad_segments"), testsupport::catalogue(),
                                                                ws->emulator->baseUrl().host());
    workspaces.push_back(std::move(ws));
    return store;
}


// The Databricks backend's stores on a provisioned emulated workspace.
struct EmulatedAudience
{
    std::unique_ptr<testsupport::EmulatedWorkspace> ws;
    std::unique_ptr<core::DatabricksSegmentStore> segments;
    std::unique_ptr<core::VolumeFiles> files;
    std::unique_ptr<core::DatabricksImpressionsPipeline> pipeline;
    std::unique_ptr<core::DatabricksAudienceStore> audiences;

    ~EmulatedAudience()
    {
        audiences.reset();
        pipeline.reset();
        files.reset();
        segments.reset();
    }
};

std::shared_ptr<EmulatedAudience> openEmulatedAudience()
{
    auto e = std::make_shared<EmulatedAudience>();
    e->ws = testsupport::EmulatedWorkspace::create();
    if (!e->ws || !e->ws->provision())
        return nullptr;
    const QString catalog = QStringLiteral("main");
    const QString schema = QStringLiteral("ad_segments");
    e->segments = std::make_unique<core::DatabricksSegmentStore>(e->ws->statements.get(), catalog, schema,
                                                                 testsupport::catalogue(), QStringLiteral("emulator"));
    e->files = std::make_unique<core::VolumeFiles>(e->ws->api.get());
    e->pipeline = std::make_unique<core::DatabricksImpressionsPipeline>(e->ws->statements.get(), e->files.get(),
                                                                        e->segments.get(), catalog, schema,
                                                                        testsupport::catalogue());
    e->audiences = std::make_unique<core::DatabricksAudienceStore>(e->ws->statements.get(), catalog, schema, *e->segments);
    return e;
}

contract::AudienceBackend audienceOf(const std::shared_ptr<EmulatedAudience>& e)
{
    if (!e)
        return {};
    return {e->segments.get(), e->pipeline.get(), e->audiences.get(), e};
}

contract::AudienceBackend emptyDatabricksAudience()
{
    return audienceOf(openEmulatedAudience());
}

contract::AudienceBackend demoDatabricksAudience()
{
    static const std::shared_ptr<EmulatedAudience> shared = []() -> std::shared_ptr<EmulatedAudience> {
        auto e = openEmulatedAudience();
        if (!e)
            return nullptr;
        const auto& demo = testsupport::DemoAudience::get();
        demo.loadInto(*e->segments, *e->pipeline);
        EXPECT_TRUE(e->ws->insertIdentifiers(demo.identifiers));
        return e;
    }();
    return audienceOf(shared);
}

} // namespace

using contract::AudienceContract;
using contract::StoreContract;

INSTANTIATE_TEST_SUITE_P(Databricks, AudienceContract,
                         ::testing::Values(contract::AudienceFactory{"databricks_emulator", false, &emptyDatabricksAudience,
                                                                     &demoDatabricksAudience}),
                         [](const auto& info) { return info.param.name; });

INSTANTIATE_TEST_SUITE_P(Databricks, StoreContract,
                         ::testing::Values(contract::StoreFactory{"databricks_emulator", &openEmulatedDatabricksStore,
                                                                 testsupport::EmulatedWorkspace::kPrincipal}),
                         [](const auto& info) { return info.param.name; });

namespace {

// A whole DatabricksConnection (the Backend) on a freshly provisioned emulated workspace: its
// experiment store, segments and pipeline (events through the landing volume and COPY INTO).
std::shared_ptr<core::Backend> openEmulatedDatabricksBackend()
{
    struct Held
    {
        std::unique_ptr<testsupport::EmulatedWorkspace> ws;
        std::unique_ptr<core::DatabricksConnection> connection;
    };
    auto held = std::make_shared<Held>();
    held->ws = testsupport::EmulatedWorkspace::create();
    if (!held->ws || !held->ws->provision())
        return nullptr;
    core::DatabricksConfig c;
    const auto value = [](const QString& v) {
        return core::ConfigValue{v, core::ConfigSource::Explicit, QStringLiteral("test")};
    };
    c.host = value(held->ws->emulator->baseUrl().toString());
    c.token = value(testsupport::EmulatedWorkspace::kToken);
    c.authType = value(QStringLiteral("pat"));
    c.warehouseId = value(testsupport::EmulatedWorkspace::kWarehouse);
    c.catalog = value(QStringLiteral("main"));
    c.schema = value(QStringLiteral("ad_segments"));
    core::DatabricksConnectionOptions options;
    options.network = &held->ws->network;
    options.catalogue = testsupport::catalogue();
    options.retryPolicy = testsupport::EmulatedWorkspace::fastPolicy();
    options.firstPoll = std::chrono::milliseconds(5);
    options.maxPoll = std::chrono::milliseconds(50);
    auto made = core::DatabricksConnection::create(c, options);
    if (!made) {
        ADD_FAILURE() << made.error().toString().toStdString();
        return nullptr;
    }
    held->connection = std::move(made).value();
    core::Backend* backend = held->connection.get();
    return std::shared_ptr<core::Backend>(held, backend);
}

} // namespace

using contract::ExperimentStoreContract;

INSTANTIATE_TEST_SUITE_P(Databricks, ExperimentStoreContract,
                         ::testing::Values(contract::BackendFactory{"databricks_emulator", &openEmulatedDatabricksBackend,
                                                                   testsupport::EmulatedWorkspace::kPrincipal}),
                         [](const auto& info) { return info.param.name; });

using contract::AuditStoreContract;

INSTANTIATE_TEST_SUITE_P(Databricks, AuditStoreContract,
                         ::testing::Values(contract::BackendFactory{"databricks_emulator", &openEmulatedDatabricksBackend,
                                                                   testsupport::EmulatedWorkspace::kPrincipal}),
                         [](const auto& info) { return info.param.name; });

namespace {

// Beyond the contract: Databricks-specific failure handling of the store.
class DatabricksStoreFaults : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ws = testsupport::EmulatedWorkspace::create();
        ASSERT_TRUE(ws && ws->provision());
        store = std::make_unique<core::DatabricksSegmentStore>(ws->statements.get(), QStringLiteral("main"),
                                                               QStringLiteral("ad_segments"), testsupport::catalogue(),
                                                               QStringLiteral("emulator"));
        ASSERT_TRUE(core::awaitFuture(store->saveAdvertiser({QStringLiteral("adv"), QStringLiteral("Advertiser")})));
    }
    std::unique_ptr<testsupport::EmulatedWorkspace> ws;
    std::unique_ptr<core::DatabricksSegmentStore> store;
};

TEST_F(DatabricksStoreFaults, AWriteRepeatedAfterALostAnswerIsRecognisedAsDone)
{
    // The MERGE runs, then the answer is replaced by a 503; the client retries, the second MERGE
    // affects no row, and the store must see that the stored row is its own write.
    emulator::Fault f;
    f.kind = emulator::Fault::Kind::HttpStatus;
    f.httpStatus = 503;
    f.processRequest = true;
    f.sqlContains = QStringLiteral("MERGE INTO `main`.`ad_segments`.`gold_segments`");
    ws->emulator->injectFault(f);
    auto created = core::awaitFuture(store->createSegment(testsupport::draftSegment(QStringLiteral("adv"), QStringLiteral("Once")),
                                                          QStringLiteral("tester")));
    ASSERT_TRUE(created) << created.error().toString().toStdString();
    auto listed = core::awaitFuture(store->listSegments({}));
    ASSERT_TRUE(listed);
    EXPECT_EQ(listed.value().size(), 1);
}

TEST_F(DatabricksStoreFaults, MissingModifyGrantFailsTheSaveAndWritesNothing)
{
    ws->emulator->principal(testsupport::EmulatedWorkspace::kPrincipal).canModify = false;
    auto created = core::awaitFuture(store->createSegment(testsupport::draftSegment(QStringLiteral("adv"), QStringLiteral("Denied")),
                                                          QStringLiteral("tester")));
    ASSERT_FALSE(created);
    EXPECT_EQ(created.error().kind, core::ErrorKind::Permission);
    EXPECT_EQ(created.error().code, QStringLiteral("42501"));
    ws->emulator->principal(testsupport::EmulatedWorkspace::kPrincipal).canModify = true;
    auto listed = core::awaitFuture(store->listSegments({}));
    ASSERT_TRUE(listed);
    EXPECT_TRUE(listed.value().isEmpty());
}

TEST_F(DatabricksStoreFaults, MissingTablesSayHowToProvision)
{
    auto bare = testsupport::EmulatedWorkspace::create();
    ASSERT_TRUE(bare);
    core::DatabricksSegmentStore unprovisioned(bare->statements.get(), QStringLiteral("main"), QStringLiteral("ad_segments"),
                                               testsupport::catalogue(), QStringLiteral("emulator"));
    auto listed = core::awaitFuture(unprovisioned.listSegments({}));
    ASSERT_FALSE(listed);
    EXPECT_EQ(listed.error().kind, core::ErrorKind::NotFound);
    EXPECT_NE(listed.error().remediation.indexOf(QStringLiteral("provision")), -1) << listed.error().remediation.toStdString();
}

} // namespace
