// segctl doctor for PostgreSQL/Lakebase (PgDoctor) against the private cluster: every check with
// its cause and fix, and the GRANT it prints really is the one that makes it pass.
#include <gtest/gtest.h>

#include "backends/postgres/pg_doctor.h"
#include "backends/postgres/pg_executor.h"
#include "common/future_wait.h"
#include "support/postgres_backend_fixture.h"

namespace {

const QString kProvision = QStringLiteral("segctl --postgres '…' provision");

core::DiagnosticsReport diagnose(const core::PgConnectionSettings& settings)
{
    core::PgExecutor executor(settings);
    return core::awaitFuture(core::PgDoctor(executor, kProvision).run());
}

core::Status runAsSuperuser(testsupport::PostgresServer& server, const QString& database, const QString& sql)
{
    core::PgExecutor executor(testsupport::postgresSettings(server, database));
    return core::awaitFuture(executor.submit<core::Done>([sql](core::SqlSession& db) -> core::Status {
        auto done = db.execute({sql, {}}, QStringLiteral("set up the test"));
        if (!done)
            return done.error();
        return core::success();
    }));
}

testsupport::PostgresServer& server()
{
    QString error;
    auto* s = testsupport::PostgresServer::shared(&error);
    EXPECT_NE(s, nullptr) << error.toStdString();
    return *s;
}

} // namespace

TEST(PgDoctor, AProvisionedDatabaseIsAllGreenAndSaysWhoWeAre)
{
    QString database;
    ASSERT_TRUE(testsupport::openPostgresBackend(QStringLiteral("doctor"), &database));
    const auto report = diagnose(testsupport::postgresSettings(server(), database));
    ASSERT_EQ(report.checks.size(), 3);
    EXPECT_TRUE(report.allPassed()) << report.firstFailure()->summary.toStdString();
    EXPECT_EQ(report.principal, QStringLiteral("postgres"));
    EXPECT_TRUE(report.find(QStringLiteral("server"))->summary.contains(database));
    EXPECT_TRUE(report.find(QStringLiteral("privileges"))->summary.contains(QStringLiteral("all 17 tables")));
}

TEST(PgDoctor, AnEmptyDatabaseAsksForProvisioningAndSkipsThePrivileges)
{
    const QString database = server().createUniqueDatabase(QStringLiteral("doctor_empty"));
    const auto report = diagnose(testsupport::postgresSettings(server(), database));
    ASSERT_EQ(report.checks.size(), 3);
    EXPECT_EQ(report.checks.at(0).status, core::CheckStatus::Ok);
    const auto* schema = report.find(QStringLiteral("schema"));
    EXPECT_EQ(schema->status, core::CheckStatus::Failed);
    EXPECT_TRUE(schema->fix.contains(kProvision)) << schema->fix.toStdString();
    EXPECT_EQ(report.find(QStringLiteral("privileges"))->status, core::CheckStatus::Skipped);
}

TEST(PgDoctor, ARoleThatMayOnlyReadGetsTheGrantThatFixesItAndItDoes)
{
    QString database;
    ASSERT_TRUE(testsupport::openPostgresBackend(QStringLiteral("doctor_grant"), &database));
    // Roles belong to the cluster: one per database, with a space so the GRANT must quote it.
    const QString role = QStringLiteral("Reader ") + database;
    ASSERT_TRUE(runAsSuperuser(server(), database, QStringLiteral("CREATE ROLE \"%1\" LOGIN").arg(role)));
    ASSERT_TRUE(runAsSuperuser(server(), database,
                               QStringLiteral("GRANT SELECT ON ALL TABLES IN SCHEMA public TO \"%1\"").arg(role)));
    auto settings = testsupport::postgresSettings(server(), database);
    settings.conninfo.replace(QStringLiteral("user=postgres"), QStringLiteral("user='%1'").arg(role));
    const auto before = diagnose(settings);
    ASSERT_EQ(before.checks.size(), 3);
    EXPECT_EQ(before.principal, role);
    const auto* privileges = before.find(QStringLiteral("privileges"));
    ASSERT_EQ(privileges->status, core::CheckStatus::Failed);
    EXPECT_EQ(privileges->code, QStringLiteral("42501"));
    EXPECT_TRUE(privileges->fix.contains(QStringLiteral("GRANT INSERT, UPDATE, DELETE ON TABLE advertisers, gold_segments")))
        << privileges->fix.toStdString();
    EXPECT_TRUE(privileges->fix.endsWith(QStringLiteral("TO \"%1\";").arg(role))) << privileges->fix.toStdString();

    // The printed statement, run by the owner, is what makes the check pass.
    const QString grant = privileges->fix.mid(privileges->fix.indexOf(QStringLiteral("GRANT ")));
    ASSERT_TRUE(runAsSuperuser(server(), database, grant.chopped(1)));
    const auto after = diagnose(settings);
    EXPECT_TRUE(after.allPassed()) << (after.firstFailure() ? after.firstFailure()->summary.toStdString() : "");
}

TEST(PgDoctor, AnUnreachableServerFailsTheFirstCheckAndSkipsTheRest)
{
    core::PgConnectionSettings settings;
    settings.conninfo = QStringLiteral("host=127.0.0.1 port=1 dbname=segments user=nobody");
    settings.connectTimeout = std::chrono::seconds(2);
    const auto report = diagnose(settings);
    ASSERT_EQ(report.checks.size(), 3);
    EXPECT_EQ(report.checks.at(0).status, core::CheckStatus::Failed);
    EXPECT_TRUE(report.checks.at(0).fix.contains(QStringLiteral("host, port"))) << report.checks.at(0).fix.toStdString();
    EXPECT_EQ(report.checks.at(1).status, core::CheckStatus::Skipped);
    EXPECT_EQ(report.checks.at(2).status, core::CheckStatus::Skipped);
}
