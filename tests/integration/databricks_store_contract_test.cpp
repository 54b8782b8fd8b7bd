// The store contract suite against Databricks: DatabricksSegmentStore → StatementClient →
// ApiClient → HTTP → the emulator → PostgreSQL. Each store gets its own database, freshly
// provisioned with the app's DDL.
#include "backends/databricks/databricks_connection.h"
#include "backends/databricks/databricks_segment_store.h"
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

} // namespace

using contract::StoreContract;

INSTANTIATE_TEST_SUITE_P(Databricks, StoreContract,
                         ::testing::Values(contract::StoreFactory{"databricks_emulator", &openEmulatedDatabricksStore}),
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
                         ::testing::Values(contract::BackendFactory{"databricks_emulator", &openEmulatedDatabricksBackend}),
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
