// DatabricksConnection against the emulator: the wiring from a DatabricksConfig, the warehouses
// API (paging, start with progress), provisioning, and the Doctor over real HTTP — all green,
// a missing MODIFY with the GRANT that fixes it (run, and checked again), a rejected token.
#include <gtest/gtest.h>

#include <QSignalSpy>
#include <QTcpServer>

#include "backends/databricks/databricks_connection.h"
#include "databricks/diagnostics/doctor.h"
#include "databricks/diagnostics/workspace_probe.h"
#include "databricks/provisioner.h"
#include "databricks/warehouse/warehouse_client.h"
#include "sql/provisioning_sql.h"
#include "backends/segment_store.h"
#include "support/emulated_workspace.h"
#include "support/segment_builders.h"
#include "support/test_catalogue.h"
#include "databricks/statement/statement_client.h"

namespace {

using testsupport::EmulatedWorkspace;

core::ConfigValue value(const QString& v)
{
    return core::ConfigValue{v, core::ConfigSource::Explicit, QStringLiteral("test")};
}

class DatabricksConnectionTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ws = EmulatedWorkspace::create();
        ASSERT_TRUE(ws);
    }

    core::DatabricksConfig config(const QString& token = EmulatedWorkspace::kToken) const
    {
        core::DatabricksConfig c;
        c.host = value(ws->emulator->baseUrl().toString());
        c.token = value(token);
        c.authType = value(QStringLiteral("pat"));
        c.warehouseId = value(EmulatedWorkspace::kWarehouse);
        c.catalog = value(QStringLiteral("main"));
        c.schema = value(QStringLiteral("ad_segments"));
        return c;
    }

    std::unique_ptr<core::DatabricksConnection> connect(const core::DatabricksConfig& c)
    {
        core::DatabricksConnectionOptions options;
        options.network = &ws->network;
        options.catalogue = testsupport::catalogue();
        options.retryPolicy = EmulatedWorkspace::fastPolicy();
        options.firstPoll = std::chrono::milliseconds(5);
        options.maxPoll = std::chrono::milliseconds(50);
        auto made = core::DatabricksConnection::create(c, options);
        EXPECT_TRUE(made) << made.error().toString().toStdString();
        if (!made)
            return nullptr;
        auto connection = std::move(made).value();
        connection->warehouses()->setStartPolling(std::chrono::milliseconds(5), std::chrono::milliseconds(20),
                                                  std::chrono::milliseconds(10000));
        return connection;
    }

    std::unique_ptr<EmulatedWorkspace> ws;
};

TEST_F(DatabricksConnectionTest, InvalidCatalogOrSchemaNamesAreRefusedBeforeAnyCall)
{
    auto c = config();
    c.schema = value(QStringLiteral("ad-segments; DROP"));
    core::DatabricksConnectionOptions options;
    options.network = &ws->network;
    options.catalogue = testsupport::catalogue();
    auto made = core::DatabricksConnection::create(c, options);
    ASSERT_FALSE(made);
    EXPECT_EQ(made.error().kind, core::ErrorKind::Validation);
    EXPECT_TRUE(ws->emulator->requests().isEmpty());
}

TEST_F(DatabricksConnectionTest, WarehousesAreListedAcrossPages)
{
    ws->emulator->addWarehouse(QStringLiteral("wh-b"), QStringLiteral("Second"), QStringLiteral("STOPPED"));
    ws->emulator->addWarehouse(QStringLiteral("wh-c"), QStringLiteral("Third"));
    auto connection = connect(config());
    ASSERT_TRUE(connection);
    connection->warehouses()->setPageSize(1);
    auto listed = core::awaitFuture(connection->warehouses()->list());
    ASSERT_TRUE(listed) << listed.error().toString().toStdString();
    QStringList ids;
    for (const auto& w : listed.value())
        ids.append(w.id);
    EXPECT_EQ(ids,
              (QStringList{EmulatedWorkspace::kWarehouse, QStringLiteral("wh-b"), QStringLiteral("wh-c")}));
    int pageRequests = 0;
    for (const auto& r : ws->emulator->requests())
        pageRequests += r.path == QLatin1String("/api/2.0/sql/warehouses") ? 1 : 0;
    EXPECT_EQ(pageRequests, 3);
    EXPECT_EQ(listed.value().at(1).state, QStringLiteral("STOPPED"));
}

TEST_F(DatabricksConnectionTest, StartingAStoppedWarehouseWaitsUntilRunningWithProgress)
{
    ws->emulator->addWarehouse(QStringLiteral("wh-cold"), QStringLiteral("Cold"), QStringLiteral("STOPPED"));
    ws->emulator->setWarehouseStartupPolls(3);
    auto connection = connect(config());
    ASSERT_TRUE(connection);
    QSignalSpy progress(connection->warehouses(), &core::WarehouseClient::startProgress);
    auto started = core::awaitFuture(connection->warehouses()->start(QStringLiteral("wh-cold")));
    ASSERT_TRUE(started) << started.error().toString().toStdString();
    EXPECT_EQ(started.value().state, QStringLiteral("RUNNING"));
    EXPECT_EQ(ws->emulator->warehouseState(QStringLiteral("wh-cold")), QStringLiteral("RUNNING"));
    ASSERT_GE(progress.count(), 2);
    EXPECT_EQ(progress.first().at(1).toString(), QStringLiteral("STARTING"));
    EXPECT_TRUE(progress.first().at(2).toString().contains(QStringLiteral("starting…")))
        << progress.first().at(2).toString().toStdString();
    EXPECT_EQ(progress.last().at(1).toString(), QStringLiteral("RUNNING"));
}

TEST_F(DatabricksConnectionTest, StartingAnUnknownWarehouseIsNotFound)
{
    auto connection = connect(config());
    ASSERT_TRUE(connection);
    auto started = core::awaitFuture(connection->warehouses()->start(QStringLiteral("no-such-warehouse")));
    ASSERT_FALSE(started);
    EXPECT_EQ(started.error().httpStatus, 404);
    EXPECT_EQ(started.error().code, QStringLiteral("RESOURCE_DOES_NOT_EXIST"));
}

TEST_F(DatabricksConnectionTest, ProvisioningCreatesEachObjectInOrderAndTheSecondRunFindsThem)
{
    auto connection = connect(config());
    ASSERT_TRUE(connection);
    QSignalSpy steps(connection->provisioner(), &core::Provisioner::stepFinished);
    auto first =
        core::awaitFuture(connection->provisioner()->provision(connection->catalog(), connection->schema()));
    ASSERT_TRUE(first) << first.error().toString().toStdString();
    const auto objects = core::ProvisioningSql(connection->catalog(), connection->schema()).statements();
    ASSERT_EQ(first.value().size(), objects.size());
    EXPECT_EQ(steps.count(), objects.size());
    EXPECT_EQ(first.value().first().object, QStringLiteral("schema main.ad_segments"));
    EXPECT_EQ(first.value().last().object, QStringLiteral("volume landing"));
    // Only schemas and tables are listed before provisioning: the volume, the row filter functions
    // and the row filters are "ensured", everything else created.
    auto expected = [](const core::ProvisionStep& step, core::ProvisionStep::Outcome otherwise) {
        const bool listed = step.object.startsWith(QLatin1String("schema ")) || step.object.startsWith(QLatin1String("table "));
        return listed ? otherwise : core::ProvisionStep::Outcome::Ensured;
    };
    for (const auto& step : first.value())
        EXPECT_EQ(step.outcome, expected(step, core::ProvisionStep::Outcome::Created)) << step.object.toStdString();
    auto second =
        core::awaitFuture(connection->provisioner()->provision(connection->catalog(), connection->schema()));
    ASSERT_TRUE(second);
    for (const auto& step : second.value())
        EXPECT_EQ(step.outcome, expected(step, core::ProvisionStep::Outcome::AlreadyExisted))
            << step.object.toStdString();
    // The store works on what was provisioned.
    auto listed = core::awaitFuture(connection->segments().listSegments({}));
    ASSERT_TRUE(listed) << listed.error().toString().toStdString();
}

TEST_F(DatabricksConnectionTest, ProvisioningAgainAddsTheColumnsATableProvisionedBeforeThemLacks)
{
    auto connection = connect(config());
    ASSERT_TRUE(connection);
    ASSERT_TRUE(core::awaitFuture(connection->provisioner()->provision(connection->catalog(), connection->schema())));
    // A schema provisioned by a release before idempotency keys and currencies.
    for (const QString& sql : {QStringLiteral("ALTER TABLE %1.%2.gold_segment_versions DROP COLUMN change_key"),
                               QStringLiteral("ALTER TABLE %1.%2.advertisers DROP COLUMN currency")}) {
        core::StatementRequest request;
        request.sql = sql.arg(connection->catalog(), connection->schema());
        auto dropped = core::awaitFuture(connection->statements()->execute(request));
        ASSERT_TRUE(dropped) << dropped.error().toString().toStdString();
    }
    auto again = core::awaitFuture(connection->provisioner()->provision(connection->catalog(), connection->schema()));
    ASSERT_TRUE(again) << again.error().toString().toStdString();
    QStringList added;
    for (const auto& step : again.value())
        if (step.object.startsWith(QLatin1String("column ")))
            added.append(step.object);
    EXPECT_EQ(added, (QStringList{QStringLiteral("column advertisers.currency"),
                                  QStringLiteral("column gold_segment_versions.change_key")}));
    // The store writes and reads the keys again.
    ASSERT_TRUE(core::awaitFuture(connection->segments().saveAdvertiser({QStringLiteral("adv-1"), QStringLiteral("Acme")})));
    auto made = core::awaitFuture(connection->segments().createSegment(
        testsupport::draftSegment(QStringLiteral("adv-1"), QStringLiteral("Keyed")), core::WriteOrigin{QStringLiteral("me"), QStringLiteral("key-1")}));
    ASSERT_TRUE(made) << made.error().toString().toStdString();
    auto history = core::awaitFuture(connection->segments().segmentHistory(made.value().id));
    ASSERT_TRUE(history);
    EXPECT_EQ(history.value().first().changeKey, QStringLiteral("key-1"));
    // Nothing missing now: a third run adds nothing.
    auto third = core::awaitFuture(connection->provisioner()->provision(connection->catalog(), connection->schema()));
    ASSERT_TRUE(third);
    for (const auto& step : third.value())
        EXPECT_FALSE(step.object.startsWith(QLatin1String("column "))) << step.object.toStdString();
}

TEST_F(DatabricksConnectionTest, ProvisioningStopsAtTheFirstFailureWithTheDatabricksCode)
{
    ws->emulator->principal(EmulatedWorkspace::kPrincipal).canCreate = false;
    auto connection = connect(config());
    ASSERT_TRUE(connection);
    QSignalSpy steps(connection->provisioner(), &core::Provisioner::stepFinished);
    auto done =
        core::awaitFuture(connection->provisioner()->provision(connection->catalog(), connection->schema()));
    ASSERT_FALSE(done);
    EXPECT_EQ(done.error().kind, core::ErrorKind::Permission);
    EXPECT_EQ(done.error().code, QStringLiteral("42501"));
    EXPECT_TRUE(done.error().userMessage.contains(QStringLiteral("CREATE TABLE")))
        << done.error().userMessage.toStdString();
    EXPECT_EQ(steps.count(), 1); // the schema, then the first table failed
}

TEST_F(DatabricksConnectionTest, DoctorIsAllGreenOnAProvisionedWorkspace)
{
    ASSERT_TRUE(ws->provision());
    auto connection = connect(config());
    ASSERT_TRUE(connection);
    const auto report = core::awaitFuture(connection->doctor()->run());
    for (const auto& c : report.checks)
        EXPECT_EQ(c.status, core::CheckStatus::Ok)
            << c.id.toStdString() << ": " << c.summary.toStdString() << " | " << c.cause.toStdString();
    EXPECT_TRUE(report.allPassed());
    EXPECT_EQ(report.principal, EmulatedWorkspace::kPrincipal);
    // Nothing was written by the write check.
    auto rows = ws->execute(QStringLiteral("SELECT COUNT(*) AS n FROM `main`.`ad_segments`.`gold_segments`"));
    ASSERT_TRUE(rows);
    EXPECT_EQ(rows.value().value(0, QStringLiteral("n")).toString(), QStringLiteral("0"));
}

TEST_F(DatabricksConnectionTest, DoctorWithoutModifyPrintsTheGrantAndTheGrantFixesIt)
{
    ASSERT_TRUE(ws->provision());
    ws->emulator->principal(EmulatedWorkspace::kPrincipal).canModify = false;
    auto connection = connect(config());
    ASSERT_TRUE(connection);
    auto report = core::awaitFuture(connection->doctor()->run());
    const auto* write = report.find(QStringLiteral("write"));
    ASSERT_TRUE(write);
    EXPECT_EQ(write->status, core::CheckStatus::Failed);
    const QString grant =
        QStringLiteral("GRANT MODIFY ON TABLE `main`.`ad_segments`.`gold_segments` TO `tester@example.com`");
    EXPECT_EQ(write->fix, grant);
    EXPECT_EQ(report.find(QStringLiteral("read"))->status, core::CheckStatus::Ok);

    ASSERT_TRUE(ws->execute(grant)); // what the admin does with the fix
    report = core::awaitFuture(connection->doctor()->run());
    EXPECT_TRUE(report.allPassed()) << report.find(QStringLiteral("write"))->summary.toStdString();
}

TEST_F(DatabricksConnectionTest, DoctorWithoutUseSchemaNamesTheSchemaGrant)
{
    ASSERT_TRUE(ws->provision());
    ws->emulator->principal(EmulatedWorkspace::kPrincipal).canUseSchema = false;
    auto connection = connect(config());
    ASSERT_TRUE(connection);
    const auto report = core::awaitFuture(connection->doctor()->run());
    const auto* read = report.find(QStringLiteral("read"));
    ASSERT_TRUE(read);
    EXPECT_EQ(read->status, core::CheckStatus::Failed);
    EXPECT_EQ(read->fix,
              QStringLiteral("GRANT USE SCHEMA ON SCHEMA `main`.`ad_segments` TO `tester@example.com`"));
    EXPECT_EQ(report.find(QStringLiteral("write"))->status, core::CheckStatus::Skipped);
}

TEST_F(DatabricksConnectionTest, DoctorWithoutCanUseOnTheWarehouseSaysWhereToGrantIt)
{
    ws->emulator->principal(EmulatedWorkspace::kPrincipal).canUseWarehouse = false;
    auto connection = connect(config());
    ASSERT_TRUE(connection);
    const auto report = core::awaitFuture(connection->doctor()->run());
    const auto* warehouse = report.find(QStringLiteral("warehouse"));
    ASSERT_TRUE(warehouse);
    EXPECT_EQ(warehouse->status, core::CheckStatus::Failed);
    EXPECT_TRUE(warehouse->fix.contains(QStringLiteral("Permissions"))) << warehouse->fix.toStdString();
    EXPECT_TRUE(warehouse->fix.contains(QStringLiteral("CAN_USE")));
    EXPECT_TRUE(warehouse->fix.contains(EmulatedWorkspace::kPrincipal));
}

TEST_F(DatabricksConnectionTest, DoctorWithAWrongTokenStopsAtCredentials)
{
    auto connection = connect(config(QStringLiteral("dapi-wrong-token")));
    ASSERT_TRUE(connection);
    const auto report = core::awaitFuture(connection->doctor()->run());
    EXPECT_EQ(report.checks.at(0).status, core::CheckStatus::Ok);
    EXPECT_EQ(report.checks.at(1).status, core::CheckStatus::Failed);
    EXPECT_TRUE(report.checks.at(1).fix.contains(QStringLiteral("personal access token")));
    for (qsizetype i = 2; i < report.checks.size(); ++i)
        EXPECT_EQ(report.checks.at(i).status, core::CheckStatus::Skipped);
    for (const auto& c : report.checks)
        EXPECT_FALSE((c.summary + c.cause + c.fix).contains(QStringLiteral("dapi-wrong-token")))
            << "a secret in the report";
}

TEST_F(DatabricksConnectionTest, AnUnreachableHostFailsTheFirstCheckQuickly)
{
    QTcpServer closed; // find a free port, then close it: nothing listens there
    ASSERT_TRUE(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close();
    auto c = config();
    c.host = value(QStringLiteral("http://127.0.0.1:%1").arg(port));
    auto connection = connect(c);
    ASSERT_TRUE(connection);
    core::RetryPolicy quick = EmulatedWorkspace::fastPolicy();
    quick.maxAttempts = 2;
    connection->probe()->setReachPolicy(quick);
    const auto report = core::awaitFuture(connection->doctor()->run());
    EXPECT_EQ(report.checks.at(0).status, core::CheckStatus::Failed);
    EXPECT_EQ(report.checks.at(0).code, QStringLiteral("network_1")); // ConnectionRefusedError
    EXPECT_EQ(report.checks.at(1).status, core::CheckStatus::Skipped);
}

} // namespace
