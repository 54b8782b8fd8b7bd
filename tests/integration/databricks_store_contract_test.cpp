// The store contract suite against Databricks: DatabricksSegmentStore → StatementClient →
// ApiClient → HTTP → the emulator → PostgreSQL. Each store gets its own database, freshly
// provisioned with the app's DDL.
#include "common/future_wait.h"
#include "databricks/auth/pat_auth.h"
#include "databricks/http/api_client.h"
#include "databricks/statement/statement_client.h"
#include "databricks/store/databricks_segment_store.h"
#include "databricks_emulator.h"
#include "sql/provisioning_sql.h"
#include "store_contract_tests.h"
#include "support/postgres_server.h"
#include "support/test_catalogue.h"

#include <QNetworkAccessManager>

namespace {

const QString kToken = QStringLiteral("dapi-contract-test-token");
const QString kWarehouse = QStringLiteral("wh-contract");

// Everything one emulated workspace needs; lives until the process ends.
struct EmulatedWorkspace
{
    std::unique_ptr<emulator::DatabricksEmulator> emulator;
    QNetworkAccessManager network;
    std::unique_ptr<core::PatAuth> auth;
    std::unique_ptr<core::ApiClient> api;
    std::unique_ptr<core::StatementClient> statements;
};

std::unique_ptr<core::SegmentStore> openEmulatedDatabricksStore()
{
    static std::vector<std::unique_ptr<EmulatedWorkspace>> workspaces;
    QString why;
    auto* postgres = testsupport::PostgresServer::shared(&why);
    if (!postgres) {
        ADD_FAILURE() << "PostgreSQL for the emulator: " << why.toStdString();
        return nullptr;
    }
    const QString database = postgres->createUniqueDatabase(QStringLiteral("contract"));
    const QString connection = QStringLiteral("emulator-") + database;
    if (database.isEmpty() || !postgres->openConnection(connection, database)) {
        ADD_FAILURE() << postgres->errorString().toStdString();
        return nullptr;
    }
    auto ws = std::make_unique<EmulatedWorkspace>();
    ws->emulator = std::make_unique<emulator::DatabricksEmulator>(connection);
    if (!ws->emulator->listen()) {
        ADD_FAILURE() << "emulator could not listen";
        return nullptr;
    }
    ws->emulator->addPersonalAccessToken(kToken, emulator::Principal{QStringLiteral("contract@example.com")});
    ws->emulator->addWarehouse(kWarehouse, QStringLiteral("Contract warehouse"));
    ws->auth = std::make_unique<core::PatAuth>(kToken);
    core::RetryPolicy policy;
    policy.firstDelay = std::chrono::milliseconds(10);
    policy.requestTimeout = std::chrono::milliseconds(10000);
    ws->api = std::make_unique<core::ApiClient>(&ws->network, ws->auth.get(), ws->emulator->baseUrl(), policy);
    ws->statements = std::make_unique<core::StatementClient>(ws->api.get(), kWarehouse);
    ws->statements->setPollBackoff(std::chrono::milliseconds(5), std::chrono::milliseconds(50));

    const core::ProvisioningSql ddl(QStringLiteral("main"), QStringLiteral("ad_segments"));
    for (const auto& statement : ddl.statements()) {
        core::StatementRequest request;
        request.sql = statement.sql;
        request.what = QStringLiteral("create ") + statement.object;
        auto done = core::awaitFuture(ws->statements->execute(request));
        if (!done) {
            ADD_FAILURE() << "provisioning " << statement.object.toStdString() << ": " << done.error().toString().toStdString();
            return nullptr;
        }
    }
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
