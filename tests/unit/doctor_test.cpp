// The Doctor against a scripted probe: the order of the checks, which checks are skipped when
// an earlier one fails (and why), and the exact wording of the fixes.
#include <gtest/gtest.h>

#include <QPromise>
#include <QSignalSpy>

#include "common/future_wait.h"
#include "databricks/diagnostics/diagnostics_probe.h"
#include "databricks/diagnostics/doctor.h"
#include "sql/provisioning_sql.h"

namespace {

using core::CheckStatus;
using core::DiagnosticsReport;
using core::Doctor;

template <typename T> QFuture<core::Result<T>> ready(core::Result<T> value)
{
    return QtFuture::makeReadyFuture(std::move(value));
}

core::StatementResult rows(const QString& column, const QStringList& values)
{
    core::StatementResult r;
    r.columns = {{column, QStringLiteral("STRING")}};
    for (const QString& v : values)
        r.rows.append({QVariant(v)});
    return r;
}

// A FAILED statement refused for a missing privilege, as StatementClient reports it.
core::Error refused(const QString& what, const QString& message)
{
    core::Error e;
    e.kind = core::ErrorKind::Permission;
    e.httpStatus = 200;
    e.code = QStringLiteral("42501");
    e.userMessage = QStringLiteral("Databricks refused to %1: [INSUFFICIENT_PERMISSIONS] Insufficient "
                                   "privileges: %2 SQLSTATE: 42501")
                        .arg(what, message);
    e.detail = QStringLiteral("statement FAILED (error_code BAD_REQUEST, SQLSTATE 42501): ") + message;
    return e;
}

class FakeProbe final : public core::DiagnosticsProbe
{
public:
    core::Result<core::HostAnswer> host = core::HostAnswer{401, true, 2};
    core::Result<core::CurrentUser> user = core::CurrentUser{
        QStringLiteral("tester@example.com"), QStringLiteral("Tester"), {}, QStringLiteral("42")};
    core::Result<core::WarehouseInfo> warehouseInfo = core::WarehouseInfo{QStringLiteral("wh-1"),
                                                                          QStringLiteral("Analytics"),
                                                                          QStringLiteral("RUNNING"),
                                                                          QStringLiteral("HEALTHY"),
                                                                          {},
                                                                          QStringLiteral("Small")};
    core::Result<QList<core::WarehouseInfo>> list = QList<core::WarehouseInfo>{
        {QStringLiteral("wh-1"), QStringLiteral("Analytics"), QStringLiteral("RUNNING"), {}, {}, {}}};
    QList<QPair<QString, core::Result<core::StatementResult>>> sql;
    QStringList executed;
    std::shared_ptr<QPromise<core::Result<core::CurrentUser>>>
        heldUser; // when set, currentUser() waits for it

    FakeProbe()
    {
        answer(QStringLiteral("SELECT 1 AS one"), rows(QStringLiteral("one"), {QStringLiteral("1")}));
        answer(QStringLiteral("information_schema.catalogs"),
               rows(QStringLiteral("catalog_name"), {QStringLiteral("main")}));
        answer(QStringLiteral("information_schema.schemata"),
               rows(QStringLiteral("schema_name"), {QStringLiteral("ad_segments")}));
        answer(
            QStringLiteral("information_schema.tables"),
            rows(QStringLiteral("table_name"),
                 core::ProvisioningSql(QStringLiteral("main"), QStringLiteral("ad_segments")).tableNames()));
        QStringList filtered;
        for (const auto& f : core::ProvisioningSql(QStringLiteral("main"), QStringLiteral("ad_segments")).expectedRowFilters())
            filtered.append(f.table);
        answer(QStringLiteral("information_schema.row_filters"), rows(QStringLiteral("table_name"), filtered));
        answer(QStringLiteral("LIMIT 0"), core::StatementResult{});
        answer(QStringLiteral("MERGE INTO"),
               rows(QStringLiteral("num_affected_rows"), {QStringLiteral("0")}));
    }
    // Later answers win over earlier ones for the same SQL.
    void answer(const QString& sqlContains, core::Result<core::StatementResult> result)
    {
        sql.prepend({sqlContains, std::move(result)});
    }

    QFuture<core::Result<core::HostAnswer>> reachHost() override { return ready(host); }
    QFuture<core::Result<core::CurrentUser>> currentUser() override
    {
        if (heldUser)
            return heldUser->future();
        return ready(user);
    }
    QFuture<core::Result<core::WarehouseInfo>> warehouse(const QString&) override
    {
        return ready(warehouseInfo);
    }
    QFuture<core::Result<QList<core::WarehouseInfo>>> warehouses() override { return ready(list); }
    QFuture<core::Result<core::StatementResult>> run(const core::StatementRequest& request) override
    {
        executed.append(request.sql);
        for (const auto& [key, result] : sql) {
            if (request.sql.contains(key))
                return ready(result);
        }
        return ready(core::Result<core::StatementResult>(
            core::Error::internal(QStringLiteral("unscripted SQL: ") + request.sql)));
    }
};

core::DiagnosticsTarget target()
{
    core::DiagnosticsTarget t;
    t.host = QStringLiteral("https://dbc-test.cloud.databricks.com");
    t.warehouseId = QStringLiteral("wh-1");
    t.authType = QStringLiteral("pat");
    t.credentialOrigin = QStringLiteral("/home/u/.databrickscfg:3 [prod]");
    t.provisionCommand = QStringLiteral("segctl --profile prod provision");
    return t;
}

class DoctorTest : public ::testing::Test
{
protected:
    FakeProbe probe;
    DiagnosticsReport run(core::DiagnosticsTarget t = target())
    {
        Doctor doctor(&probe, std::move(t));
        return core::awaitFuture(doctor.run());
    }
    static const core::DiagnosticCheck& check(const DiagnosticsReport& r, const char* id)
    {
        const auto* c = r.find(QLatin1String(id));
        if (!c)
            throw std::runtime_error(std::string("no check ") + id);
        return *c;
    }
};

TEST_F(DoctorTest, AllTenChecksRunInOrderAndPass)
{
    const auto report = run();
    QStringList ids;
    for (const auto& c : report.checks)
        ids.append(c.id);
    EXPECT_EQ(ids,
              (QStringList{QStringLiteral("host"), QStringLiteral("credentials"), QStringLiteral("warehouse"),
                           QStringLiteral("select"), QStringLiteral("catalog"), QStringLiteral("schema"),
                           QStringLiteral("tables"), QStringLiteral("read"), QStringLiteral("write"),
                           QStringLiteral("row_filters")}));
    for (const auto& c : report.checks)
        EXPECT_EQ(c.status, CheckStatus::Ok)
            << c.id.toStdString() << ": " << c.summary.toStdString() << " / " << c.cause.toStdString();
    EXPECT_TRUE(report.allPassed());
    EXPECT_EQ(report.principal, QStringLiteral("tester@example.com"));
}

TEST_F(DoctorTest, MissingRowFiltersFailWithProvisionAsTheFix)
{
    probe.answer(QStringLiteral("information_schema.row_filters"), rows(QStringLiteral("table_name"), {QStringLiteral("gold_segments")}));
    const auto report = run();
    ASSERT_EQ(report.checks.size(), 10);
    const auto& filters = report.checks.last();
    EXPECT_EQ(filters.id, QStringLiteral("row_filters"));
    EXPECT_EQ(filters.status, CheckStatus::Failed);
    EXPECT_EQ(filters.code, QStringLiteral("row_filters_missing"));
    EXPECT_TRUE(filters.summary.contains(QStringLiteral("gold_experiments"))) << filters.summary.toStdString();
    EXPECT_FALSE(filters.summary.contains(QStringLiteral("gold_segments,"))) << filters.summary.toStdString();
    EXPECT_TRUE(filters.fix.contains(QStringLiteral("provision"))) << filters.fix.toStdString();
}

TEST_F(DoctorTest, TheWriteCheckChangesNothing)
{
    run();
    QString merge;
    for (const QString& s : probe.executed) {
        EXPECT_FALSE(s.startsWith(QLatin1String("INSERT")) || s.startsWith(QLatin1String("UPDATE")) ||
                     s.startsWith(QLatin1String("DELETE")))
            << s.toStdString();
        if (s.startsWith(QLatin1String("MERGE")))
            merge = s;
    }
    EXPECT_TRUE(merge.contains(QStringLiteral("MERGE INTO `main`.`ad_segments`.`gold_segments`")))
        << merge.toStdString();
    EXPECT_TRUE(merge.contains(QStringLiteral("WHERE 1 = 0"))) << merge.toStdString();
    EXPECT_TRUE(merge.contains(QStringLiteral("ON false"))) << merge.toStdString();
}

TEST_F(DoctorTest, MissingModifyGivesTheExactGrantNamingPrincipalAndTable)
{
    probe.answer(
        QStringLiteral("MERGE INTO"),
        refused(QStringLiteral("check write access"),
                QStringLiteral("User does not have MODIFY on Table 'main.ad_segments.gold_segments'.")));
    const auto report = run();
    const auto& write = check(report, "write");
    EXPECT_EQ(write.status, CheckStatus::Failed);
    EXPECT_EQ(
        write.fix,
        QStringLiteral("GRANT MODIFY ON TABLE `main`.`ad_segments`.`gold_segments` TO `tester@example.com`"));
    EXPECT_EQ(write.code, QStringLiteral("42501"));
    EXPECT_TRUE(write.cause.contains(QStringLiteral("does not have MODIFY"))) << write.cause.toStdString();
    EXPECT_EQ(check(report, "read").status, CheckStatus::Ok);
    EXPECT_FALSE(report.allPassed());
}

TEST_F(DoctorTest, AnUnreadableRefusalStillGetsTheGrantOfTheCheck)
{
    core::Error e = refused(QStringLiteral("check write access"), QStringLiteral("Access denied."));
    probe.answer(QStringLiteral("MERGE INTO"), e);
    const auto report = run(); // kept: check() returns a reference into it
    const auto& write = check(report, "write");
    EXPECT_EQ(
        write.fix,
        QStringLiteral("GRANT MODIFY ON TABLE `main`.`ad_segments`.`gold_segments` TO `tester@example.com`"));
}

TEST_F(DoctorTest, AServicePrincipalIsGrantedByItsApplicationId)
{
    probe.user = core::CurrentUser{
        QStringLiteral("6f1c0000-0000-4000-8000-00000000e3a1"), QStringLiteral("segments-sp"),
        QStringLiteral("6f1c0000-0000-4000-8000-00000000e3a1"), QStringLiteral("7")};
    probe.answer(
        QStringLiteral("LIMIT 0"),
        refused(QStringLiteral("read"),
                QStringLiteral("User does not have SELECT on Table 'main.ad_segments.gold_segments'.")));
    const auto report = run();
    EXPECT_EQ(check(report, "read").fix,
              QStringLiteral("GRANT SELECT ON TABLE `main`.`ad_segments`.`gold_segments` TO "
                             "`6f1c0000-0000-4000-8000-00000000e3a1`"));
    EXPECT_TRUE(check(report, "credentials").summary.contains(QStringLiteral("service principal")));
}

TEST_F(DoctorTest, MissingUseSchemaOnReadSkipsTheWriteCheckWithTheReason)
{
    probe.answer(QStringLiteral("LIMIT 0"),
                 refused(QStringLiteral("read"),
                         QStringLiteral("User does not have USE SCHEMA on Schema 'main.ad_segments'.")));
    const auto report = run();
    EXPECT_EQ(check(report, "read").fix,
              QStringLiteral("GRANT USE SCHEMA ON SCHEMA `main`.`ad_segments` TO `tester@example.com`"));
    const auto& write = check(report, "write");
    EXPECT_EQ(write.status, CheckStatus::Skipped);
    EXPECT_TRUE(write.summary.contains(QStringLiteral("USE SCHEMA on main.ad_segments")))
        << write.summary.toStdString();
    EXPECT_FALSE(probe.executed.join(QLatin1Char('\n')).contains(QStringLiteral("MERGE")));
}

TEST_F(DoctorTest, AnUnreachableHostSkipsEverythingElseNamingIt)
{
    core::Error e;
    e.kind = core::ErrorKind::Network;
    e.code = QStringLiteral("network_3");
    e.userMessage =
        QStringLiteral("The Databricks workspace address could not be found while trying to reach it.");
    e.remediation = QStringLiteral("Check the workspace URL.");
    probe.host = e;
    const auto report = run();
    ASSERT_EQ(report.checks.size(), 10);
    EXPECT_EQ(report.checks[0].status, CheckStatus::Failed);
    EXPECT_TRUE(report.checks[0].fix.contains(QStringLiteral("https://dbc-test.cloud.databricks.com")))
        << report.checks[0].fix.toStdString();
    for (qsizetype i = 1; i < report.checks.size(); ++i) {
        EXPECT_EQ(report.checks[i].status, CheckStatus::Skipped) << report.checks[i].id.toStdString();
        EXPECT_TRUE(report.checks[i].summary.contains(QStringLiteral("“Host reachable”")))
            << report.checks[i].summary.toStdString();
    }
    EXPECT_TRUE(probe.executed.isEmpty());
}

TEST_F(DoctorTest, ARejectedTokenStopsAtCredentialsWithATokenFix)
{
    core::Error e;
    e.kind = core::ErrorKind::Auth;
    e.httpStatus = 403;
    e.code = QStringLiteral("403");
    e.userMessage =
        QStringLiteral("Databricks did not accept your sign-in while trying to look up the current user.");
    probe.user = e;
    const auto report = run();
    const auto& credentials = check(report, "credentials");
    EXPECT_EQ(credentials.status, CheckStatus::Failed);
    EXPECT_TRUE(credentials.fix.contains(QStringLiteral("personal access token")))
        << credentials.fix.toStdString();
    EXPECT_TRUE(credentials.fix.contains(QStringLiteral("/home/u/.databrickscfg:3 [prod]")))
        << credentials.fix.toStdString();
    for (qsizetype i = 2; i < report.checks.size(); ++i) {
        EXPECT_EQ(report.checks[i].status, CheckStatus::Skipped);
        EXPECT_TRUE(report.checks[i].summary.contains(QStringLiteral("“Credentials valid”")))
            << report.checks[i].summary.toStdString();
    }
    EXPECT_TRUE(report.principal.isEmpty());
}

TEST_F(DoctorTest, AWarehouseRefusalExplainsCanUseAndWhereToSetIt)
{
    core::Error e;
    e.kind = core::ErrorKind::Permission;
    e.httpStatus = 403;
    e.code = QStringLiteral("PERMISSION_DENIED");
    e.userMessage = QStringLiteral("You are not allowed to read the SQL warehouse wh-1 in Databricks.");
    e.detail = QStringLiteral("HTTP 403 while trying to read the SQL warehouse wh-1: User does not have "
                              "permission to use warehouse wh-1.");
    probe.warehouseInfo = e;
    const auto report = run();
    const auto& warehouse = check(report, "warehouse");
    EXPECT_EQ(warehouse.status, CheckStatus::Failed);
    EXPECT_TRUE(warehouse.cause.contains(QStringLiteral("CAN USE"))) << warehouse.cause.toStdString();
    EXPECT_TRUE(warehouse.fix.contains(QStringLiteral("SQL Warehouses ▸ wh-1 ▸ Permissions")))
        << warehouse.fix.toStdString();
    EXPECT_TRUE(warehouse.fix.contains(QStringLiteral("`tester@example.com`")))
        << warehouse.fix.toStdString();
    EXPECT_TRUE(warehouse.fix.contains(QStringLiteral("\"user_name\": \"tester@example.com\"")))
        << warehouse.fix.toStdString();
    EXPECT_EQ(check(report, "select").status, CheckStatus::Skipped);
}

TEST_F(DoctorTest, NoWarehouseConfiguredListsTheUsableOnes)
{
    auto t = target();
    t.warehouseId.clear();
    const auto report = run(t); // kept: check() returns a reference into it
    const auto& warehouse = check(report, "warehouse");
    EXPECT_EQ(warehouse.status, CheckStatus::Failed);
    EXPECT_TRUE(warehouse.fix.contains(QStringLiteral("warehouse_id"))) << warehouse.fix.toStdString();
    EXPECT_TRUE(warehouse.fix.contains(QStringLiteral("wh-1 (Analytics, RUNNING)")))
        << warehouse.fix.toStdString();
}

TEST_F(DoctorTest, AStoppedWarehouseIsAWarningAndTheChecksGoOn)
{
    probe.warehouseInfo = core::WarehouseInfo{
        QStringLiteral("wh-1"), QStringLiteral("Analytics"), QStringLiteral("STOPPED"), {}, {}, {}};
    const auto report = run();
    EXPECT_EQ(check(report, "warehouse").status, CheckStatus::Warning);
    EXPECT_EQ(check(report, "select").status, CheckStatus::Ok);
    EXPECT_TRUE(report.allPassed());
}

TEST_F(DoctorTest, MissingTablesFailButPrivilegeChecksRunWhileGoldSegmentsExists)
{
    probe.answer(
        QStringLiteral("information_schema.tables"),
        rows(QStringLiteral("table_name"), {QStringLiteral("advertisers"), QStringLiteral("GOLD_SEGMENTS")}));
    auto report = run();
    const auto& tables = check(report, "tables");
    EXPECT_EQ(tables.status, CheckStatus::Failed);
    const qsizetype all =
        core::ProvisioningSql(QStringLiteral("main"), QStringLiteral("ad_segments")).tableNames().size();
    EXPECT_TRUE(tables.summary.contains(QStringLiteral("%1 of %2 tables are missing").arg(all - 2).arg(all)))
        << tables.summary.toStdString();
    EXPECT_TRUE(tables.fix.contains(QStringLiteral("segctl --profile prod provision")))
        << tables.fix.toStdString();
    EXPECT_TRUE(tables.fix.contains(
        QStringLiteral("GRANT CREATE TABLE ON SCHEMA `main`.`ad_segments` TO `tester@example.com`")));
    EXPECT_EQ(check(report, "read").status, CheckStatus::Ok);
    EXPECT_EQ(check(report, "write").status, CheckStatus::Ok);

    probe.answer(QStringLiteral("information_schema.tables"),
                 rows(QStringLiteral("table_name"), {QStringLiteral("advertisers")}));
    report = run();
    for (const char* id : {"read", "write"}) {
        EXPECT_EQ(check(report, id).status, CheckStatus::Skipped);
        EXPECT_TRUE(check(report, id).summary.contains(QStringLiteral("gold_segments does not exist")));
    }
}

TEST_F(DoctorTest, AMissingSchemaNamesProvisionAndTheGrants)
{
    probe.answer(QStringLiteral("information_schema.schemata"), rows(QStringLiteral("schema_name"), {}));
    const auto report = run();
    const auto& schema = check(report, "schema");
    EXPECT_EQ(schema.status, CheckStatus::Failed);
    EXPECT_TRUE(schema.fix.contains(QStringLiteral("`segctl --profile prod provision`")));
    EXPECT_TRUE(
        schema.fix.contains(QStringLiteral("GRANT CREATE SCHEMA ON CATALOG `main` TO `tester@example.com`")));
    EXPECT_TRUE(schema.fix.contains(
        QStringLiteral("GRANT USE SCHEMA ON SCHEMA `main`.`ad_segments` TO `tester@example.com`")));
    for (const char* id : {"tables", "read", "write"})
        EXPECT_EQ(check(report, id).status, CheckStatus::Skipped) << id;
}

TEST_F(DoctorTest, SignalsReportEachCheckAsItFinishes)
{
    probe.answer(QStringLiteral("information_schema.catalogs"), rows(QStringLiteral("catalog_name"), {}));
    Doctor doctor(&probe, target());
    QSignalSpy started(&doctor, &Doctor::checkStarted);
    QSignalSpy finished(&doctor, &Doctor::checkFinished);
    QSignalSpy done(&doctor, &Doctor::finished);
    const auto report = core::awaitFuture(doctor.run());
    EXPECT_EQ(finished.count(), 10);
    EXPECT_EQ(started.count(), 5); // host … catalog; the five after the failed catalog check never start
    EXPECT_EQ(done.count(), 1);
    EXPECT_EQ(finished.at(4).at(0).toInt(), 4);
    EXPECT_EQ(finished.at(4).at(1).value<core::DiagnosticCheck>().status, CheckStatus::Failed);
}

TEST_F(DoctorTest, ADoctorDestroyedMidRunStillDeliversACompleteReport)
{
    probe.heldUser = std::make_shared<QPromise<core::Result<core::CurrentUser>>>();
    probe.heldUser->start();
    auto doctor = std::make_unique<Doctor>(&probe, target());
    auto future = doctor->run();
    QCoreApplication::processEvents();
    doctor.reset();
    // The call answers and goes away, as a finished REST call does (its continuation with it).
    probe.heldUser->addResult(probe.user);
    probe.heldUser->finish();
    probe.heldUser.reset();
    const auto report = core::awaitFuture(future);
    ASSERT_EQ(report.checks.size(), 10);
    EXPECT_EQ(report.checks[0].status, CheckStatus::Ok);
    EXPECT_EQ(report.checks[1].status, CheckStatus::Skipped);
    EXPECT_FALSE(report.allPassed());
}

} // namespace
