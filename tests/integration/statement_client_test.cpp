// StatementClient against the emulator: every documented answer and every injected fault ends
// in the right rows or in a clear Error — never in a success for a statement that did not succeed.
#include "support/emulated_workspace.h"

#include <gtest/gtest.h>

#include <QElapsedTimer>
#include <QSignalSpy>

namespace {

using emulator::Fault;
using testsupport::EmulatedWorkspace;

class StatementClientTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ws = EmulatedWorkspace::create();
        ASSERT_TRUE(ws);
        ASSERT_TRUE(ws->execute(QStringLiteral("CREATE SCHEMA IF NOT EXISTS `main`.`ad_segments`")));
        ASSERT_TRUE(ws->execute(QStringLiteral("CREATE TABLE IF NOT EXISTS `main`.`ad_segments`.`t` (id BIGINT, name STRING, "
                                               "day DATE) USING DELTA")));
    }

    qint64 insertRows(int n)
    {
        QStringList tuples;
        for (int i = 0; i < n; ++i)
            tuples.append(QStringLiteral("(%1, 'row %1', DATE'2026-01-01')").arg(i));
        auto r = ws->execute(QStringLiteral("INSERT INTO `main`.`ad_segments`.`t` VALUES ") + tuples.join(QStringLiteral(", ")));
        EXPECT_TRUE(r) << r.error().toString().toStdString();
        return r ? r.value().affectedRows() : -1;
    }

    qint64 countRows()
    {
        auto r = ws->execute(QStringLiteral("SELECT COUNT(*) AS n FROM `main`.`ad_segments`.`t`"));
        EXPECT_TRUE(r) << r.error().toString().toStdString();
        return r ? r.value().value(0, QStringLiteral("n")).toLongLong() : -1;
    }

    std::unique_ptr<EmulatedWorkspace> ws;
};

TEST_F(StatementClientTest, SelectReturnsTypedTextAndNullsWithBoundParameters)
{
    insertRows(3);
    auto r = ws->execute(QStringLiteral("SELECT id, name, NULL AS nothing FROM `main`.`ad_segments`.`t` WHERE name = :name"),
                         {core::SqlParam{QStringLiteral("name"), QStringLiteral("row 1"), core::SqlParam::Type::String}});
    ASSERT_TRUE(r) << r.error().toString().toStdString();
    ASSERT_EQ(r.value().rows.size(), 1);
    EXPECT_EQ(r.value().value(0, QStringLiteral("id")).toString(), QStringLiteral("1"));
    EXPECT_EQ(r.value().value(0, QStringLiteral("name")).toString(), QStringLiteral("row 1"));
    EXPECT_TRUE(r.value().value(0, QStringLiteral("nothing")).isNull());
    // The value travelled as a parameter, not in the text.
    EXPECT_EQ(ws->emulator->executedStatements().last().indexOf(QStringLiteral("row 1")), -1);
}

TEST_F(StatementClientTest, DmlReportsAffectedRows)
{
    EXPECT_EQ(insertRows(4), 4);
    auto r = ws->execute(QStringLiteral("DELETE FROM `main`.`ad_segments`.`t` WHERE id < 2"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r.value().affectedRows(), 2);
}

TEST_F(StatementClientTest, ResultsSpanningChunksArriveWhole)
{
    insertRows(250);
    ws->emulator->setRowsPerChunk(40);
    auto r = ws->execute(QStringLiteral("SELECT id FROM `main`.`ad_segments`.`t` ORDER BY id"));
    ASSERT_TRUE(r) << r.error().toString().toStdString();
    ASSERT_EQ(r.value().rows.size(), 250);
    for (int i = 0; i < 250; ++i)
        ASSERT_EQ(r.value().rows[i][0].toString(), QString::number(i));
}

TEST_F(StatementClientTest, ExternalLinksAreDownloadedWithoutTheToken)
{
    insertRows(120);
    ws->emulator->setRowsPerChunk(50);
    ws->emulator->clearRecords();
    auto r = ws->execute(QStringLiteral("SELECT id FROM `main`.`ad_segments`.`t` ORDER BY id"), {}, true);
    ASSERT_TRUE(r) << r.error().toString().toStdString();
    EXPECT_EQ(r.value().rows.size(), 120);
    int downloads = 0;
    for (const auto& request : ws->emulator->requests()) {
        if (request.path.startsWith(QStringLiteral("/external/"))) {
            ++downloads;
            EXPECT_FALSE(request.headers.contains(QStringLiteral("authorization")));
        }
    }
    EXPECT_EQ(downloads, 3);
}

TEST_F(StatementClientTest, AnExpiredExternalLinkIsFetchedAgain)
{
    insertRows(30);
    Fault f;
    f.kind = Fault::Kind::ExpiredExternalLink;
    ws->emulator->injectFault(f);
    auto r = ws->execute(QStringLiteral("SELECT id FROM `main`.`ad_segments`.`t`"), {}, true);
    ASSERT_TRUE(r) << r.error().toString().toStdString();
    EXPECT_EQ(r.value().rows.size(), 30);
}

TEST_F(StatementClientTest, FailedWithHttp200IsAnErrorWithCodeAndSqlState)
{
    auto r = ws->execute(QStringLiteral("SELEC 1"));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().httpStatus, 200);
    EXPECT_EQ(r.error().code, QStringLiteral("42601"));
    EXPECT_NE(r.error().detail.indexOf(QStringLiteral("PARSE_SYNTAX_ERROR")), -1) << r.error().detail.toStdString();
}

TEST_F(StatementClientTest, MissingModifyGrantIsAPermissionErrorNamingTheTable)
{
    ws->emulator->principal(EmulatedWorkspace::kPrincipal).canModify = false;
    auto r = ws->execute(QStringLiteral("INSERT INTO `main`.`ad_segments`.`t` VALUES (1, 'x', DATE'2026-01-01')"));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, core::ErrorKind::Permission);
    EXPECT_EQ(r.error().code, QStringLiteral("42501"));
    EXPECT_NE(r.error().userMessage.indexOf(QStringLiteral("MODIFY")), -1) << r.error().userMessage.toStdString();
    EXPECT_FALSE(r.error().remediation.isEmpty());
    ws->emulator->principal(EmulatedWorkspace::kPrincipal).canModify = true;
    EXPECT_EQ(countRows(), 0);
}

TEST_F(StatementClientTest, PendingStatementsArePolledToTheirEnd)
{
    Fault f;
    f.kind = Fault::Kind::StaysPending;
    f.pendingPolls = 4;
    f.sqlContains = QStringLiteral("INSERT");
    ws->emulator->injectFault(f);
    QSignalSpy states(ws->statements.get(), &core::StatementClient::statementStateChanged);
    EXPECT_EQ(insertRows(2), 2);
    QStringList seen;
    for (const auto& s : states)
        seen.append(s.at(1).toString());
    EXPECT_TRUE(seen.contains(QStringLiteral("PENDING")));
    EXPECT_EQ(seen.last(), QStringLiteral("SUCCEEDED"));
}

TEST_F(StatementClientTest, AStoppedWarehouseIsStartedAndTheStatementWaitsForIt)
{
    ws->emulator->addWarehouse(QStringLiteral("wh-cold"), QStringLiteral("Cold"), QStringLiteral("STOPPED"));
    ws->emulator->setWarehouseStartupPolls(3);
    core::StatementClient cold(ws->api.get(), QStringLiteral("wh-cold"));
    cold.setPollBackoff(std::chrono::milliseconds(5), std::chrono::milliseconds(20));
    core::StatementRequest request;
    request.sql = QStringLiteral("SELECT 1 AS one");
    request.what = QStringLiteral("query a cold warehouse");
    auto r = core::awaitFuture(cold.execute(request));
    ASSERT_TRUE(r) << r.error().toString().toStdString();
    EXPECT_EQ(r.value().value(0, QStringLiteral("one")).toString(), QStringLiteral("1"));
    EXPECT_EQ(ws->emulator->warehouseState(QStringLiteral("wh-cold")), QStringLiteral("RUNNING"));
}

TEST_F(StatementClientTest, ThrottlingIsRetriedAfterRetryAfter)
{
    Fault f;
    f.kind = Fault::Kind::RetryAfter;
    f.retryAfterSeconds = 1;
    f.method = QStringLiteral("POST");
    f.pathContains = QStringLiteral("/sql/statements");
    ws->emulator->injectFault(f);
    QElapsedTimer clock;
    clock.start();
    EXPECT_EQ(insertRows(1), 1);
    EXPECT_GE(clock.elapsed(), 900) << "Retry-After must be honoured";
    EXPECT_EQ(countRows(), 1) << "the throttled submission was not executed, the retry was: exactly one row";
}

TEST_F(StatementClientTest, UnavailableIsRetriedAndThenSucceeds)
{
    Fault f;
    f.kind = Fault::Kind::HttpStatus;
    f.httpStatus = 503;
    f.remaining = 2;
    f.pathContains = QStringLiteral("/sql/statements");
    ws->emulator->injectFault(f);
    EXPECT_EQ(insertRows(1), 1);
    EXPECT_EQ(countRows(), 1);
}

TEST_F(StatementClientTest, PersistentUnavailabilityEndsInAClearError)
{
    Fault f;
    f.kind = Fault::Kind::HttpStatus;
    f.httpStatus = 503;
    f.remaining = -1;
    ws->emulator->injectFault(f);
    auto r = ws->execute(QStringLiteral("SELECT 1"));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().httpStatus, 503);
    EXPECT_FALSE(r.error().remediation.isEmpty());
    EXPECT_NE(r.error().detail.indexOf(QStringLiteral("gave up after")), -1);
}

TEST_F(StatementClientTest, AWriteWhoseAnswerIsLostIsNotResubmitted)
{
    // The server runs the INSERT but the connection drops before the answer: a retried POST
    // would insert twice. The client must report the failure instead.
    Fault f;
    f.kind = Fault::Kind::CloseConnection;
    f.processRequest = true;
    f.method = QStringLiteral("POST");
    f.sqlContains = QStringLiteral("INSERT");
    ws->emulator->injectFault(f);
    auto r = ws->execute(QStringLiteral("INSERT INTO `main`.`ad_segments`.`t` VALUES (7, 'once', DATE'2026-01-01')"));
    ASSERT_FALSE(r) << "a write whose outcome is unknown must not be reported as done; rows now: " << countRows();
    EXPECT_EQ(r.error().kind, core::ErrorKind::Network);
    EXPECT_EQ(countRows(), 1) << "and it must not have been sent twice";
}

TEST_F(StatementClientTest, MalformedAndTruncatedAnswersAreErrors)
{
    for (auto kind : {Fault::Kind::MalformedJson, Fault::Kind::TruncatedJson}) {
        Fault f;
        f.kind = kind;
        f.method = QStringLiteral("POST");
        ws->emulator->injectFault(f);
        auto r = ws->execute(QStringLiteral("SELECT 1 AS one"));
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().kind, core::ErrorKind::Parse);
        EXPECT_EQ(r.error().code, QStringLiteral("malformed_response"));
    }
}

TEST_F(StatementClientTest, AHangingServerTimesOut)
{
    core::RetryPolicy quick = EmulatedWorkspace::fastPolicy();
    quick.requestTimeout = std::chrono::milliseconds(300);
    quick.maxAttempts = 2;
    core::ApiClient api(&ws->network, ws->auth.get(), ws->emulator->baseUrl(), quick);
    core::StatementClient client(&api, EmulatedWorkspace::kWarehouse);
    Fault f;
    f.kind = Fault::Kind::Hang;
    f.remaining = -1;
    ws->emulator->injectFault(f);
    core::StatementRequest request;
    request.sql = QStringLiteral("SELECT 1");
    request.what = QStringLiteral("run the test statement");
    auto r = core::awaitFuture(client.execute(request));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, core::ErrorKind::Timeout);
    ws->emulator->clearFaults();
}

TEST_F(StatementClientTest, ARejectedPersonalAccessTokenIsAnAuthErrorNotARetryLoop)
{
    core::PatAuth wrong(QStringLiteral("dapi-not-a-real-token"));
    core::ApiClient api(&ws->network, &wrong, ws->emulator->baseUrl(), EmulatedWorkspace::fastPolicy());
    core::StatementClient client(&api, EmulatedWorkspace::kWarehouse);
    core::StatementRequest request;
    request.sql = QStringLiteral("SELECT 1");
    request.what = QStringLiteral("run the test statement");
    ws->emulator->clearRecords();
    auto r = core::awaitFuture(client.execute(request));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, core::ErrorKind::Auth);
    EXPECT_EQ(ws->emulator->requests().size(), 1);
    EXPECT_EQ(r.error().detail.indexOf(QStringLiteral("dapi-not-a-real-token")), -1);
}

TEST_F(StatementClientTest, CancelStopsAPendingStatementWithoutWriting)
{
    Fault f;
    f.kind = Fault::Kind::StaysPending;
    f.pendingPolls = 1000;
    f.sqlContains = QStringLiteral("INSERT");
    ws->emulator->injectFault(f);
    core::StatementRequest request;
    request.sql = QStringLiteral("INSERT INTO `main`.`ad_segments`.`t` VALUES (1, 'x', DATE'2026-01-01')");
    request.what = QStringLiteral("insert a row");
    auto future = ws->statements->execute(request);
    QSignalSpy states(ws->statements.get(), &core::StatementClient::statementStateChanged);
    ASSERT_TRUE(states.wait(5000));
    ws->statements->cancel(states.first().at(0).toString());
    auto r = core::awaitFuture(future);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, core::ErrorKind::Cancelled);
    ws->emulator->clearFaults();
    EXPECT_EQ(countRows(), 0);
}

} // namespace
