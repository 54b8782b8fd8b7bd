// The store contract suite against a real PostgreSQL server (the private cluster of
// tests/support/postgres_server.h): PostgresBackend → SessionSegmentStore → PgExecutor → libpq.
// Each store gets its own database, migrated by the backend's own migrations.
#include "backends/postgres/pg_executor.h"
#include "backends/backend_diagnostics.h"
#include "backends/postgres/postgres_backend.h"
#include "backends/segment_store.h"
#include "common/future_wait.h"
#include "postgres_server.h"
#include "audience_contract_tests.h"
#include "store_contract_tests.h"
#include "support/postgres_backend_fixture.h"
#include "support/segment_builders.h"
#include "support/test_catalogue.h"

namespace {

std::shared_ptr<core::PostgresBackend> openBackend(QString* database = nullptr)
{
    return testsupport::openPostgresBackend(QStringLiteral("store"), database);
}

std::shared_ptr<core::SegmentStore> openPostgresStore()
{
    auto backend = openBackend();
    if (!backend)
        return nullptr;
    return std::shared_ptr<core::SegmentStore>(backend, &backend->segments());
}

contract::AudienceBackend audienceOf(std::shared_ptr<core::PostgresBackend> backend)
{
    if (!backend)
        return {};
    return {&backend->segments(), &backend->pipeline(), &backend->audiences(), backend};
}

contract::AudienceBackend emptyPostgresAudience()
{
    return audienceOf(openBackend());
}

// The demo's segments and events through the backend's own stores, its identifiers imported.
contract::AudienceBackend demoPostgresAudience()
{
    static const std::shared_ptr<core::PostgresBackend> backend = []() -> std::shared_ptr<core::PostgresBackend> {
        std::shared_ptr<core::PostgresBackend> pg = openBackend();
        if (!pg)
            return nullptr;
        const auto& demo = testsupport::DemoAudience::get();
        demo.loadInto(pg->segments(), pg->pipeline());
        auto stored = core::awaitFuture(pg->audiences().importIdentifiers(demo.identifiers));
        EXPECT_TRUE(stored) << stored.error().toString().toStdString();
        return pg;
    }();
    return audienceOf(backend);
}

} // namespace

using contract::AudienceContract;
using contract::StoreContract;

INSTANTIATE_TEST_SUITE_P(Postgres, AudienceContract,
                         ::testing::Values(contract::AudienceFactory{"postgres", true, &emptyPostgresAudience,
                                                                     &demoPostgresAudience}),
                         [](const auto& info) { return info.param.name; });

INSTANTIATE_TEST_SUITE_P(Postgres, StoreContract,
                         ::testing::Values(contract::StoreFactory{"postgres", &openPostgresStore, QStringLiteral("postgres")}),
                         [](const auto& info) { return info.param.name; });

using contract::ExperimentStoreContract;

INSTANTIATE_TEST_SUITE_P(Postgres, ExperimentStoreContract,
                         ::testing::Values(contract::BackendFactory{"postgres",
                                                                    [] { return std::shared_ptr<core::Backend>(openBackend()); },
                                                                    QStringLiteral("postgres")}),
                         [](const auto& info) { return info.param.name; });

using contract::AuditStoreContract;

INSTANTIATE_TEST_SUITE_P(Postgres, AuditStoreContract,
                         ::testing::Values(contract::BackendFactory{"postgres",
                                                                    [] { return std::shared_ptr<core::Backend>(openBackend()); },
                                                                    QStringLiteral("postgres")}),
                         [](const auto& info) { return info.param.name; });

TEST(PostgresBackend, TwoComputersCreatingTheSameNameAtOnce_OneWinsTheOtherGetsTheConflictMessage)
{
    // Two backends on one database, as two app instances would be: each checks the name in its
    // own transaction, both see it free, and the unique index on live names decides.
    QString database;
    auto first = openBackend(&database);
    ASSERT_TRUE(first);
    auto second = openBackend(&database);
    ASSERT_TRUE(second);
    ASSERT_TRUE(core::awaitFuture(first->segments().saveAdvertiser({QStringLiteral("adv"), QStringLiteral("Advertiser")})));

    int wins = 0;
    int conflicts = 0;
    for (int round = 0; round < 10; ++round) {
        const QString name = QStringLiteral("Summer Hikers %1").arg(round);
        // Both writes are queued before either is awaited: they run at once on two connections.
        auto a = first->segments().createSegment(testsupport::draftSegment(QStringLiteral("adv"), name), QStringLiteral("ann"));
        auto b = second->segments().createSegment(testsupport::draftSegment(QStringLiteral("adv"), name), QStringLiteral("bob"));
        const auto ra = core::awaitFuture(a);
        const auto rb = core::awaitFuture(b);
        ASSERT_NE(ra.ok(), rb.ok()) << "round " << round << ": exactly one create must win";
        const auto& lost = ra.ok() ? rb : ra;
        EXPECT_EQ(lost.error().kind, core::ErrorKind::Conflict);
        EXPECT_EQ(lost.error().code, QStringLiteral("name_taken"));
        EXPECT_TRUE(lost.error().userMessage.contains(name)) << lost.error().userMessage.toStdString();
        ++wins;
        ++conflicts;
    }
    EXPECT_EQ(wins, 10);
    core::SegmentQuery live;
    live.advertiserId = QStringLiteral("adv");
    auto listed = core::awaitFuture(second->segments().listSegments(live));
    ASSERT_TRUE(listed);
    EXPECT_EQ(listed.value().size(), 10) << "one segment per name, none lost and none doubled";
    // Every winner left exactly one version behind; the loser wrote nothing.
    for (const auto& s : listed.value()) {
        auto history = core::awaitFuture(first->segments().segmentHistory(s.id));
        ASSERT_TRUE(history);
        EXPECT_EQ(history.value().size(), 1);
    }
}

TEST(PostgresBackend, DisplayNameNamesTheServerAndNeverThePassword)
{
    QString error;
    testsupport::PostgresServer* server = testsupport::PostgresServer::shared(&error);
    ASSERT_TRUE(server) << error.toStdString();
    const QString database = server->createUniqueDatabase(QStringLiteral("display"));
    auto settings = testsupport::postgresSettings(*server, database);
    settings.conninfo += QStringLiteral(" password=hunter2-secret");
    auto opened = core::PostgresBackend::open(settings, testsupport::catalogue());
    ASSERT_TRUE(opened) << opened.error().toString().toStdString(); // trust auth: the password is not needed
    EXPECT_EQ(opened.value()->kind(), QStringLiteral("postgres"));
    EXPECT_TRUE(opened.value()->displayName().contains(database)) << opened.value()->displayName().toStdString();
    EXPECT_FALSE(opened.value()->displayName().contains(QStringLiteral("hunter2"))) << opened.value()->displayName().toStdString();
}

TEST(PostgresBackend, AnUnreachableServerIsANetworkErrorThatNamesItWithoutThePassword)
{
    core::PgConnectionSettings settings;
    settings.conninfo = QStringLiteral("host=127.0.0.1 port=1 dbname=nothing user=nobody password=hunter2-secret");
    settings.connectTimeout = std::chrono::seconds(2);
    auto opened = core::PostgresBackend::open(settings, testsupport::catalogue());
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.error().kind, core::ErrorKind::Network);
    EXPECT_FALSE(opened.error().toString().contains(QStringLiteral("hunter2"))) << opened.error().toString().toStdString();
}

TEST(PostgresBackend, ALakebaseDatabaseIsNamedAsTheUserKnowsItEverywhere)
{
    QString error;
    testsupport::PostgresServer* server = testsupport::PostgresServer::shared(&error);
    ASSERT_TRUE(server) << error.toStdString();
    const QString database = server->createUniqueDatabase(QStringLiteral("naming"));
    const core::PostgresBackend::Naming naming{QStringLiteral("Lakebase segments-db · databricks_postgres (sam@example.com)"),
                                               QStringLiteral("segctl --profile prod --lakebase segments-db provision")};
    auto opened = core::PostgresBackend::open(testsupport::postgresSettings(*server, database), testsupport::catalogue(), naming);
    ASSERT_TRUE(opened) << opened.error().toString().toStdString();
    core::PostgresBackend& backend = *opened.value();
    EXPECT_EQ(backend.displayName(), naming.displayName);
    EXPECT_EQ(backend.segments().displayName(), naming.displayName) << "what the status bar shows";
    EXPECT_TRUE(backend.savedComparisons().location().startsWith(naming.displayName));
    ASSERT_NE(backend.diagnostics(), nullptr);
    EXPECT_EQ(backend.diagnostics()->title(), naming.displayName);
}
