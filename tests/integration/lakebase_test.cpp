// Lakebase (Databricks' managed PostgreSQL) against the emulator: DatabaseClient (instances,
// Provisioned and Autoscaling credentials, errors), LakebaseCredentials (renewal margin, the
// proactive timer, passwordBlocking across threads, revocation), LakebaseTarget (conninfo and
// its libpq quoting, the password callback, reconnecting after a renewal on the private
// PostgreSQL), and that no token ever reaches the log.
#include <atomic>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QUuid>

#include "backends/postgres/lakebase_target.h"
#include "backends/postgres/pg_executor.h"
#include "backends/postgres/pg_session.h"
#include "backends/postgres/postgres_backend.h"
#include "backends/segment_store.h"
#include "common/future_wait.h"
#include "postgres_server.h"
#include "support/segment_builders.h"
#include "support/test_catalogue.h"
#include "databricks/database/database_client.h"
#include "databricks/database/lakebase_credentials.h"
#include "databricks/diagnostics/current_user.h"
#include "logging/logging.h"
#include "support/emulated_workspace.h"
#include "support/gtest_qt.h"

namespace {

using namespace core;
using namespace std::chrono_literals;
using testsupport::EmulatedWorkspace;

const QString kInstance = QStringLiteral("segments-db");
const QString kHost = QStringLiteral("instance-7f3a.database.cloud.databricks.com");

std::string text(const Error& e)
{
    return e.toString().toStdString();
}

// Captures what the named loggers write, at every level.
class LogCapture
{
public:
    LogCapture()
    {
        m_sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(m_stream);
        m_sink->set_level(spdlog::level::trace);
        for (const char* name : {"core.lakebase", "core.net", "core.pg", "qt"}) {
            auto l = logging::logger(name);
            m_levels.push_back({l, l->level()});
            l->sinks().push_back(m_sink);
            l->set_level(spdlog::level::trace);
        }
    }
    ~LogCapture()
    {
        for (auto& [l, level] : m_levels) {
            auto& sinks = l->sinks();
            sinks.erase(std::remove(sinks.begin(), sinks.end(), m_sink), sinks.end());
            l->set_level(level);
        }
    }
    QString text() const { return QString::fromStdString(m_stream.str()); }

private:
    std::ostringstream m_stream;
    std::shared_ptr<spdlog::sinks::ostream_sink_mt> m_sink;
    std::vector<std::pair<std::shared_ptr<spdlog::logger>, spdlog::level::level_enum>> m_levels;
};

class LakebaseTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ws = EmulatedWorkspace::create();
        ASSERT_TRUE(ws);
        ws->emulator->addDatabaseInstance(kInstance, kHost);
        client = std::make_unique<DatabaseClient>(ws->api.get());
    }

    std::unique_ptr<LakebaseCredentials> credentials(std::chrono::milliseconds margin = 5min)
    {
        auto c = std::make_unique<LakebaseCredentials>(client.get(), kInstance);
        c->setRenewalMargin(margin);
        return c;
    }

    // Bodies of the credential requests the emulator received.
    QList<QJsonObject> credentialRequests() const
    {
        QList<QJsonObject> out;
        for (const auto& r : ws->emulator->requests())
            if (r.path == QLatin1String("/api/2.0/database/credentials"))
                out.append(QJsonDocument::fromJson(r.body).object());
        return out;
    }

    std::unique_ptr<EmulatedWorkspace> ws;
    std::unique_ptr<DatabaseClient> client;
};

// ---------------------------------------------------------------- DatabaseClient

TEST_F(LakebaseTest, InstanceLookupAnswersItsReadWriteHostAndState)
{
    auto found = awaitFuture(client->instance(kInstance));
    ASSERT_TRUE(found) << text(found.error());
    EXPECT_EQ(found.value().name, kInstance);
    EXPECT_EQ(found.value().state, QStringLiteral("AVAILABLE"));
    EXPECT_TRUE(found.value().isAvailable());
    EXPECT_EQ(found.value().readWriteDns, kHost);
    EXPECT_EQ(found.value().pgVersion, QStringLiteral("PG_VERSION_16"));
    EXPECT_FALSE(found.value().uid.isEmpty());
    EXPECT_FALSE(found.value().stopped);
}

TEST_F(LakebaseTest, UnknownInstanceIsNotFoundNamingIt)
{
    auto missing = awaitFuture(client->instance(QStringLiteral("no-such-db")));
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().kind, ErrorKind::NotFound) << text(missing.error());
    EXPECT_EQ(missing.error().httpStatus, 404);
    EXPECT_EQ(missing.error().code, QStringLiteral("RESOURCE_DOES_NOT_EXIST"));
    EXPECT_TRUE(missing.error().userMessage.contains(QStringLiteral("“no-such-db”")))
        << text(missing.error());
    EXPECT_TRUE(missing.error().remediation.contains(QStringLiteral("instance name")))
        << text(missing.error());

    auto credential = awaitFuture(client->generateCredential({QStringLiteral("no-such-db")}));
    ASSERT_FALSE(credential);
    EXPECT_EQ(credential.error().kind, ErrorKind::NotFound) << text(credential.error());
    EXPECT_TRUE(credential.error().userMessage.contains(QStringLiteral("no-such-db")));
    EXPECT_TRUE(ws->emulator->issuedDatabaseTokens().isEmpty());
}

TEST_F(LakebaseTest, AnInstanceThePrincipalMayNotUseIsPermissionDenied)
{
    ws->emulator->setDatabaseInstanceAllowed(kInstance, EmulatedWorkspace::kPrincipal, false);
    auto forbidden = awaitFuture(client->instance(kInstance));
    ASSERT_FALSE(forbidden);
    EXPECT_EQ(forbidden.error().kind, ErrorKind::Permission) << text(forbidden.error());
    EXPECT_EQ(forbidden.error().httpStatus, 403);
    EXPECT_EQ(forbidden.error().code, QStringLiteral("PERMISSION_DENIED"));
    EXPECT_TRUE(forbidden.error().userMessage.contains(kInstance)) << text(forbidden.error());
    EXPECT_TRUE(forbidden.error().remediation.contains(QStringLiteral("CAN USE"))) << text(forbidden.error());

    auto credential = awaitFuture(client->generateCredential({kInstance}));
    ASSERT_FALSE(credential);
    EXPECT_EQ(credential.error().kind, ErrorKind::Permission) << text(credential.error());
}

TEST_F(LakebaseTest, EveryCredentialCallSendsAFreshRequestIdAndGetsADistinctToken)
{
    const QDateTime before = QDateTime::currentDateTimeUtc();
    auto first = awaitFuture(client->generateCredential({kInstance}));
    auto second = awaitFuture(client->generateCredential({kInstance}));
    ASSERT_TRUE(first) << text(first.error());
    ASSERT_TRUE(second) << text(second.error());
    EXPECT_FALSE(first.value().token.isEmpty());
    EXPECT_NE(first.value().token, second.value().token);
    EXPECT_EQ(ws->emulator->issuedDatabaseTokens(), (QStringList{first.value().token, second.value().token}));

    // Valid an hour, as UTC.
    EXPECT_EQ(first.value().expiresAt.timeSpec(), Qt::UTC);
    EXPECT_NEAR(double(before.secsTo(first.value().expiresAt)), 3600.0, 5.0);
    EXPECT_FALSE(first.value().describe().contains(first.value().token));

    const auto bodies = credentialRequests();
    ASSERT_EQ(bodies.size(), 2);
    QSet<QString> ids;
    for (const QJsonObject& body : bodies) {
        EXPECT_EQ(body.value(QStringLiteral("instance_names")).toArray(), QJsonArray{kInstance});
        const QString id = body.value(QStringLiteral("request_id")).toString();
        EXPECT_FALSE(QUuid::fromString(id).isNull()) << id.toStdString();
        ids.insert(id);
    }
    EXPECT_EQ(ids.size(), 2) << "each call has its own request_id";
    const QStringList recorded = ws->emulator->databaseCredentialRequestIds();
    EXPECT_EQ(QSet<QString>(recorded.begin(), recorded.end()), ids);
}

TEST_F(LakebaseTest, TheEmulatorRefusesCredentialRequestsWithoutRequestIdOrInstances)
{
    auto send = [&](const QJsonObject& body) {
        return awaitFuture(
            ws->api->send(ApiRequest::post(QStringLiteral("/api/2.0/database/credentials"), body,
                                           QStringLiteral("ask for a test credential"), true)));
    };
    auto noId = send(QJsonObject{{QStringLiteral("instance_names"), QJsonArray{kInstance}}});
    ASSERT_FALSE(noId);
    EXPECT_EQ(noId.error().httpStatus, 400);
    EXPECT_EQ(noId.error().code, QStringLiteral("INVALID_PARAMETER_VALUE"));
    EXPECT_TRUE(noId.error().detail.contains(QStringLiteral("request_id"))) << text(noId.error());

    auto noInstances = send(QJsonObject{{QStringLiteral("request_id"), QUuid::createUuid().toString()}});
    ASSERT_FALSE(noInstances);
    EXPECT_EQ(noInstances.error().httpStatus, 400);

    // A repeated request_id is answered with the credential it got the first time.
    const QJsonObject body{
        {QStringLiteral("instance_names"), QJsonArray{kInstance}},
        {QStringLiteral("request_id"), QUuid::createUuid().toString(QUuid::WithoutBraces)}};
    auto once = send(body);
    auto again = send(body);
    ASSERT_TRUE(once && again);
    EXPECT_EQ(once.value().body, again.value().body);
    EXPECT_EQ(ws->emulator->issuedDatabaseTokens().size(), 1);
}

TEST_F(LakebaseTest, ACredentialWithoutTokenOrWithAnUnreadableExpiryIsAParseError)
{
    const QString what = QStringLiteral("read the test credential");
    auto noToken = DatabaseCredential::fromJson(
        QJsonObject{{QStringLiteral("expiration_time"), QStringLiteral("2030-01-01T00:00:00Z")}}, what);
    ASSERT_FALSE(noToken);
    EXPECT_EQ(noToken.error().kind, ErrorKind::Parse);

    auto emptyToken = DatabaseCredential::fromJson(
        QJsonObject{{QStringLiteral("token"), QString()},
                    {QStringLiteral("expiration_time"), QStringLiteral("2030-01-01T00:00:00Z")}},
        what);
    ASSERT_FALSE(emptyToken);
    EXPECT_EQ(emptyToken.error().kind, ErrorKind::Parse);

    const QString secret = QStringLiteral("eyJsecret-token-value");
    for (const QJsonValue& expiry :
         {QJsonValue(QStringLiteral("tomorrow")), QJsonValue(12345), QJsonValue()}) {
        QJsonObject o{{QStringLiteral("token"), secret}};
        if (!expiry.isNull())
            o.insert(QStringLiteral("expiration_time"), expiry);
        auto bad = DatabaseCredential::fromJson(o, what);
        ASSERT_FALSE(bad) << QJsonDocument(o).toJson().toStdString();
        EXPECT_EQ(bad.error().kind, ErrorKind::Parse);
        EXPECT_FALSE(bad.error().toString().contains(secret)) << text(bad.error());
    }

    // RFC 3339 as Google's Timestamp JSON writes it: nanoseconds, offsets, Autoscaling's field name.
    auto nanos = DatabaseCredential::fromJson(
        QJsonObject{{QStringLiteral("token"), secret},
                    {QStringLiteral("expiration_time"), QStringLiteral("2030-01-01T12:00:00.123456789Z")}},
        what);
    ASSERT_TRUE(nanos) << text(nanos.error());
    EXPECT_EQ(nanos.value().expiresAt, QDateTime(QDate(2030, 1, 1), QTime(12, 0, 0, 123), Qt::UTC));
    auto offset = DatabaseCredential::fromJson(
        QJsonObject{{QStringLiteral("token"), secret},
                    {QStringLiteral("expire_time"), QStringLiteral("2030-01-01T14:00:00+02:00")}},
        what);
    ASSERT_TRUE(offset) << text(offset.error());
    EXPECT_EQ(offset.value().expiresAt, QDateTime(QDate(2030, 1, 1), QTime(12, 0), Qt::UTC));
    EXPECT_EQ(offset.value().expiresAt.timeSpec(), Qt::UTC);

    // Over HTTP: a 200 that is not the credential JSON.
    emulator::Fault fault;
    fault.kind = emulator::Fault::Kind::MalformedJson;
    fault.pathContains = QStringLiteral("/database/credentials");
    ws->emulator->injectFault(fault);
    auto malformed = awaitFuture(client->generateCredential({kInstance}));
    ASSERT_FALSE(malformed);
    EXPECT_EQ(malformed.error().kind, ErrorKind::Parse) << text(malformed.error());
}

TEST_F(LakebaseTest, AutoscalingEndpointsGetCredentialsThroughTheSameInterface)
{
    const QString endpoint = QStringLiteral("projects/seg/branches/production/endpoints/ep-primary");
    ws->emulator->addDatabaseEndpoint(endpoint, QStringLiteral("ep-abc-123.database.cloud.databricks.com"));
    LakebaseCredentials creds(client.get(), endpoint, LakebaseCredentials::Generation::Autoscaling);
    creds.setRequestedLifetime(15min);
    auto token = awaitFuture(creds.password());
    ASSERT_TRUE(token) << text(token.error());
    EXPECT_EQ(ws->emulator->issuedDatabaseTokens(), QStringList{token.value()});
    EXPECT_NEAR(double(QDateTime::currentDateTimeUtc().secsTo(creds.expiresAt())), 900.0, 5.0);
    QJsonObject body;
    for (const auto& r : ws->emulator->requests())
        if (r.path == QLatin1String("/api/2.0/postgres/credentials"))
            body = QJsonDocument::fromJson(r.body).object();
    EXPECT_EQ(body.value(QStringLiteral("endpoint")).toString(), endpoint);
    EXPECT_EQ(body.value(QStringLiteral("ttl")).toString(), QStringLiteral("900s"));

    auto unknown =
        awaitFuture(client->generateEndpointCredential(QStringLiteral("projects/x/branches/y/endpoints/z")));
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().kind, ErrorKind::NotFound) << text(unknown.error());
    auto tooLong = awaitFuture(client->generateEndpointCredential(endpoint, 2h));
    ASSERT_FALSE(tooLong);
    EXPECT_EQ(tooLong.error().kind, ErrorKind::Validation);
}

// ---------------------------------------------------------------- LakebaseCredentials

TEST_F(LakebaseTest, PasswordAnswersTheHeldTokenWhileFreshAndConcurrentCallsShareOneRenewal)
{
    auto creds = credentials();
    auto a = creds->password();
    auto b = creds->password();
    auto c = creds->password();
    const auto ta = awaitFuture(a);
    const auto tb = awaitFuture(b);
    const auto tc = awaitFuture(c);
    ASSERT_TRUE(ta && tb && tc);
    EXPECT_EQ(ta.value(), tb.value());
    EXPECT_EQ(ta.value(), tc.value());
    EXPECT_EQ(ws->emulator->issuedDatabaseTokens().size(), 1) << "one renewal for three callers";

    auto again = awaitFuture(creds->password());
    ASSERT_TRUE(again);
    EXPECT_EQ(again.value(), ta.value());
    auto needed = awaitFuture(creds->renewIfNeeded());
    ASSERT_TRUE(needed);
    EXPECT_EQ(needed.value(), creds->expiresAt());
    EXPECT_EQ(ws->emulator->issuedDatabaseTokens().size(), 1) << "a fresh credential is not renewed";
    // Renewed an hour minus the margin after it was issued.
    EXPECT_NEAR(double(creds->renewsAt().secsTo(creds->expiresAt())), 300.0, 2.0);

    auto forced = awaitFuture(creds->renew());
    ASSERT_TRUE(forced);
    EXPECT_EQ(ws->emulator->issuedDatabaseTokens().size(), 2);
    auto renewedToken = awaitFuture(creds->password());
    ASSERT_TRUE(renewedToken);
    EXPECT_EQ(renewedToken.value(), ws->emulator->issuedDatabaseTokens().last());
}

TEST_F(LakebaseTest, TheTimerRenewsBeforeExpiryWithoutDroppingTheCurrentToken)
{
    ws->emulator->setDatabaseCredentialLifetimeSeconds(3);
    auto creds = credentials(2s);
    QList<QDateTime> renewedAt;
    QObject context;
    QObject::connect(creds.get(), &LakebaseCredentials::renewed, &context,
                     [&](const QDateTime&) { renewedAt.append(QDateTime::currentDateTimeUtc()); });
    auto first = awaitFuture(creds->password());
    ASSERT_TRUE(first) << text(first.error());
    const QDateTime firstIssued = QDateTime::currentDateTimeUtc();
    const QDateTime firstExpiry = creds->expiresAt();
    EXPECT_TRUE(renewedAt.isEmpty()) << "the first credential is no renewal";

    // Renewed by the timer ~1 s later (3 s lifetime, 2 s margin), before the first expired.
    TRY_VERIFY_WITH_TIMEOUT(renewedAt.size() >= 1, 2500);
    EXPECT_LT(renewedAt.at(0), firstExpiry);
    EXPECT_GE(firstIssued.msecsTo(renewedAt.at(0)), 800);
    const QStringList issued = ws->emulator->issuedDatabaseTokens();
    ASSERT_GE(issued.size(), 2);
    EXPECT_NE(issued.at(0), issued.at(1));
    auto current = awaitFuture(creds->password());
    ASSERT_TRUE(current);
    EXPECT_EQ(current.value(), ws->emulator->issuedDatabaseTokens().last());
    EXPECT_GT(creds->expiresAt(), firstExpiry);

    // And again on the next cycle, without anyone asking.
    TRY_VERIFY_WITH_TIMEOUT(renewedAt.size() >= 2, 2500);
    EXPECT_EQ(ws->emulator->issuedDatabaseTokens().size(), renewedAt.size() + 1);
}

TEST_F(LakebaseTest, PasswordBlockingFromAWorkerThreadReturnsTheToken)
{
    auto creds = credentials();
    std::atomic<bool> done{false};
    Result<QString> answer;
    std::thread worker([&] {
        answer = creds->passwordBlocking(5s);
        done = true;
    });
    // The owner (this) thread keeps its event loop running, as the network thread does.
    TRY_VERIFY_WITH_TIMEOUT(done.load(), 6000);
    worker.join();
    ASSERT_TRUE(answer) << text(answer.error());
    EXPECT_EQ(answer.value(), ws->emulator->issuedDatabaseTokens().value(0));

    // A second call answers the held token without a request.
    done = false;
    std::thread again([&] {
        answer = creds->passwordBlocking(5s);
        done = true;
    });
    TRY_VERIFY_WITH_TIMEOUT(done.load(), 6000);
    again.join();
    ASSERT_TRUE(answer);
    EXPECT_EQ(ws->emulator->issuedDatabaseTokens().size(), 1);
}

TEST_F(LakebaseTest, PasswordBlockingOnTheOwnerThreadFailsAtOnceInsteadOfDeadlocking)
{
    auto creds = credentials();
    QElapsedTimer clock;
    clock.start();
    auto answer = creds->passwordBlocking(10s);
    EXPECT_LT(clock.elapsed(), 1000);
    ASSERT_FALSE(answer);
    EXPECT_EQ(answer.error().kind, ErrorKind::Internal);
    EXPECT_EQ(answer.error().code, QStringLiteral("lakebase_blocking_on_owner_thread"));
    EXPECT_TRUE(ws->emulator->requests().isEmpty());
}

TEST_F(LakebaseTest, PasswordBlockingTimesOutWhenTheOwnerThreadDoesNotAnswer)
{
    auto creds = credentials();
    Result<QString> answer;
    QElapsedTimer clock;
    clock.start();
    // The owner thread is blocked in join(), not running its event loop: the worker must give up.
    std::thread worker([&] { answer = creds->passwordBlocking(300ms); });
    worker.join();
    EXPECT_LT(clock.elapsed(), 3000);
    ASSERT_FALSE(answer);
    EXPECT_EQ(answer.error().kind, ErrorKind::Timeout) << text(answer.error());
    // The queued request still runs once the loop turns, and nothing is left dangling.
    TRY_COMPARE(ws->emulator->issuedDatabaseTokens().size(), 1);
}

TEST_F(LakebaseTest, ARevokedRenewalIsAClearAuthErrorWithoutTheToken)
{
    ws->emulator->setDatabaseCredentialLifetimeSeconds(3);
    auto creds = credentials(2s);
    QSignalSpy failed(creds.get(), &LakebaseCredentials::renewalFailed);
    auto first = awaitFuture(creds->password());
    ASSERT_TRUE(first) << text(first.error());

    ws->emulator->setDatabaseCredentialsRevoked(true);
    auto refused = awaitFuture(creds->renew());
    ASSERT_FALSE(refused);
    const Error& e = refused.error();
    EXPECT_EQ(e.kind, ErrorKind::Auth) << text(e);
    EXPECT_EQ(e.code, QStringLiteral("lakebase_credential_refused"));
    EXPECT_TRUE(e.userMessage.contains(kInstance)) << text(e);
    EXPECT_TRUE(e.userMessage.contains(QStringLiteral("permission"))) << text(e);
    EXPECT_TRUE(e.remediation.contains(QStringLiteral("CAN USE"))) << text(e);
    EXPECT_TRUE(e.detail.contains(QStringLiteral("revoked"))) << text(e);
    for (const QString& token : ws->emulator->issuedDatabaseTokens())
        EXPECT_FALSE(e.toString().contains(token)) << text(e);
    EXPECT_GE(failed.count(), 1);

    // The timer keeps trying; once the old token has run out, the worker's login gets the error.
    QTest::qWait(3200);
    std::atomic<bool> done{false};
    Result<QString> answer;
    std::thread worker([&] {
        answer = creds->passwordBlocking(5s);
        done = true;
    });
    TRY_VERIFY_WITH_TIMEOUT(done.load(), 6000);
    worker.join();
    ASSERT_FALSE(answer);
    EXPECT_EQ(answer.error().kind, ErrorKind::Auth) << text(answer.error());
    EXPECT_FALSE(answer.error().toString().contains(first.value()));
    EXPECT_EQ(ws->emulator->issuedDatabaseTokens().size(), 1);
}

TEST_F(LakebaseTest, ARejectedWorkspaceSignInSaysToSignInAgain)
{
    PatAuth wrong(QStringLiteral("dapi-not-a-known-token"));
    ApiClient api(&ws->network, &wrong, ws->emulator->baseUrl(), EmulatedWorkspace::fastPolicy());
    DatabaseClient otherClient(&api);
    LakebaseCredentials creds(&otherClient, kInstance);
    auto answer = awaitFuture(creds.password());
    ASSERT_FALSE(answer);
    EXPECT_EQ(answer.error().kind, ErrorKind::Auth) << text(answer.error());
    EXPECT_TRUE(answer.error().userMessage.contains(QStringLiteral("sign in"))) << text(answer.error());
    EXPECT_FALSE(answer.error().toString().contains(QStringLiteral("dapi-not-a-known-token")));
}

TEST_F(LakebaseTest, AFailedRenewalFallsBackToTheCurrentTokenWhileItIsStillValid)
{
    ws->emulator->setDatabaseCredentialLifetimeSeconds(12);
    auto creds = credentials(11s); // renewed after a quarter of its life: 3 s
    auto first = awaitFuture(creds->password());
    ASSERT_TRUE(first) << text(first.error());
    EXPECT_NEAR(double(QDateTime::currentDateTimeUtc().msecsTo(creds->renewsAt())), 3000.0, 500.0);

    emulator::Fault outage;
    outage.pathContains = QStringLiteral("/database/credentials");
    outage.remaining = -1;
    ws->emulator->injectFault(outage); // 503 for every credential call
    QSignalSpy failed(creds.get(), &LakebaseCredentials::renewalFailed);
    TRY_VERIFY_WITH_TIMEOUT(failed.count() >= 1, 6000);
    const Error e = failed.first().at(0).value<Error>();
    EXPECT_EQ(e.kind, ErrorKind::Http) << text(e);

    auto stillUsable = awaitFuture(creds->password());
    ASSERT_TRUE(stillUsable) << text(stillUsable.error());
    EXPECT_EQ(stillUsable.value(), first.value());
    ws->emulator->clearFaults();
    auto renewed = awaitFuture(creds->renew());
    ASSERT_TRUE(renewed) << text(renewed.error());
    EXPECT_EQ(ws->emulator->issuedDatabaseTokens().size(), 2);
}

// ---------------------------------------------------------------- LakebaseTarget

TEST(LakebaseTargetConninfo, BuildsTheDocumentedConnectionWithLibpqQuoting)
{
    DatabaseInstance instance;
    instance.name = kInstance;
    instance.state = QStringLiteral("AVAILABLE");
    instance.readWriteDns = kHost;
    CurrentUser user;
    user.userName = QStringLiteral("alice@example.com");
    auto target = LakebaseTarget::fromInstance(instance, QString(), user);
    ASSERT_TRUE(target) << text(target.error());
    EXPECT_EQ(
        target.value().conninfo(),
        QStringLiteral("host=%1 port=5432 dbname=databricks_postgres user=alice@example.com sslmode=require "
                       "application_name=segment-builder")
            .arg(kHost));

    // A quote, a space, a backslash and a %1 in names: quoted for libpq, which reads them back.
    user.userName = QStringLiteral("o'brien smith%1@example.com");
    auto quoted = LakebaseTarget::fromInstance(instance, QStringLiteral("seg\\ments db"), user);
    ASSERT_TRUE(quoted);
    const QString conninfo = quoted.value().conninfo();
    EXPECT_TRUE(conninfo.contains(QStringLiteral("user='o\\'brien smith%1@example.com'")))
        << conninfo.toStdString();
    EXPECT_TRUE(conninfo.contains(QStringLiteral("dbname='seg\\\\ments db'"))) << conninfo.toStdString();
    const QString parsed = PgSession::printableConnInfo(conninfo); // through PQconninfoParse
    EXPECT_TRUE(parsed.contains(QStringLiteral("user='o\\'brien smith%1@example.com'")))
        << parsed.toStdString();
    EXPECT_TRUE(parsed.contains(QStringLiteral("dbname='seg\\\\ments db'"))) << parsed.toStdString();
    EXPECT_TRUE(parsed.contains(QStringLiteral("sslmode=require"))) << parsed.toStdString();
    EXPECT_TRUE(parsed.contains(QStringLiteral("port=5432"))) << parsed.toStdString();
    EXPECT_EQ(LakebaseTarget::quoteValue(QString()), QStringLiteral("''"));

    // A service principal logs in as its application id.
    CurrentUser sp;
    sp.userName = QStringLiteral("segments-sp");
    sp.applicationId = QStringLiteral("6f1c2a7e-0000-4000-8000-00000000abcd");
    auto asSp = LakebaseTarget::fromInstance(instance, QStringLiteral("segments"), sp);
    ASSERT_TRUE(asSp);
    EXPECT_EQ(asSp.value().user(), sp.applicationId);
    EXPECT_EQ(asSp.value().database(), QStringLiteral("segments"));

    auto nobody = LakebaseTarget::fromInstance(instance, QString(), CurrentUser{});
    ASSERT_FALSE(nobody);
    EXPECT_EQ(nobody.error().kind, ErrorKind::Validation);

    instance.state = QStringLiteral("STOPPED");
    auto stopped = LakebaseTarget::fromInstance(instance, QString(), sp);
    ASSERT_FALSE(stopped);
    EXPECT_EQ(stopped.error().code, QStringLiteral("lakebase_instance_unavailable"));
    EXPECT_TRUE(stopped.error().userMessage.contains(kInstance));
}

TEST_F(LakebaseTest, TheTargetAsksTheCredentialsAtEveryConnectAndReconnectsAfterARenewal)
{
    QString why;
    auto* postgres = testsupport::PostgresServer::shared(&why);
    ASSERT_TRUE(postgres) << why.toStdString();
    const QString database = postgres->createUniqueDatabase(QStringLiteral("lakebase"));
    ASSERT_FALSE(database.isEmpty());

    auto instance = awaitFuture(client->instance(kInstance));
    ASSERT_TRUE(instance) << text(instance.error());
    CurrentUser me;
    me.userName = EmulatedWorkspace::kPrincipal;
    auto target = LakebaseTarget::fromInstance(instance.value(), QString(), me);
    ASSERT_TRUE(target) << text(target.error());
    auto creds = credentials();
    PgConnectionSettings settings = target.value().settings(creds.get(), 10s);
    EXPECT_EQ(settings.conninfo, target.value().conninfo());
    ASSERT_TRUE(settings.password);

    // The private cluster stands in for the instance (no TLS, trust): the callback is the target's.
    std::mutex mutex;
    QStringList asked;
    const auto lakebasePassword = settings.password;
    settings.conninfo =
        QStringLiteral("host=127.0.0.1 port=%1 dbname=%2 user=postgres").arg(postgres->port()).arg(database);
    settings.connectTimeout = 5s;
    settings.password = [&, lakebasePassword]() -> Result<QString> {
        auto p = lakebasePassword();
        std::lock_guard lock(mutex);
        asked.append(p ? p.value() : QStringLiteral("error: ") + p.error().toString());
        return p;
    };
    PgExecutor executor(settings);
    const auto connection = LakebaseTarget::reconnectOnRenewal(creds.get(), &executor);
    auto pid = [](SqlSession& s) {
        return s.query(BoundSql{QStringLiteral("SELECT pg_backend_pid() AS pid"), {}},
                       QStringLiteral("read the pid"));
    };
    auto first = awaitFuture(executor.submit<SqlRows>(pid));
    ASSERT_TRUE(first) << text(first.error());
    auto second = awaitFuture(executor.submit<SqlRows>(pid));
    ASSERT_TRUE(second) << text(second.error());
    {
        std::lock_guard lock(mutex);
        EXPECT_EQ(asked, QStringList{ws->emulator->issuedDatabaseTokens().value(0)})
            << "one login, the first token";
    }
    EXPECT_EQ(first.value().value(0, QStringLiteral("pid")), second.value().value(0, QStringLiteral("pid")));

    ASSERT_TRUE(awaitFuture(creds->renew()));
    auto third = awaitFuture(executor.submit<SqlRows>(pid));
    ASSERT_TRUE(third) << text(third.error());
    EXPECT_NE(third.value().value(0, QStringLiteral("pid")), first.value().value(0, QStringLiteral("pid")));
    {
        std::lock_guard lock(mutex);
        EXPECT_EQ(asked, ws->emulator->issuedDatabaseTokens())
            << "the reconnect logged in with the renewed token";
    }
    QObject::disconnect(connection);
}

// ---------------------------------------------------------------- logs

TEST_F(LakebaseTest, NoTokenEverReachesTheLog)
{
    LogCapture capture;
    {
        ws->emulator->setDatabaseCredentialLifetimeSeconds(3);
        auto creds = credentials(2s);
        ASSERT_TRUE(awaitFuture(client->instance(kInstance)));
        ASSERT_TRUE(awaitFuture(creds->password()));
        std::atomic<bool> done{false};
        std::thread worker([&] {
            EXPECT_TRUE(creds->passwordBlocking(5s));
            done = true;
        });
        TRY_VERIFY_WITH_TIMEOUT(done.load(), 6000);
        worker.join();
        QSignalSpy renewed(creds.get(), &LakebaseCredentials::renewed);
        TRY_VERIFY_WITH_TIMEOUT(renewed.count() >= 1, 3000); // the timer
        EXPECT_FALSE(creds->passwordBlocking(1s));           // on the owner thread: logged as an error
        ws->emulator->setDatabaseCredentialsRevoked(true);
        EXPECT_FALSE(awaitFuture(creds->renew()));
    }
    const QString log = capture.text();
    ASSERT_TRUE(log.contains(QStringLiteral("Lakebase password for")))
        << "the capture saw the lakebase logger";
    ASSERT_TRUE(log.contains(QStringLiteral("could not renew"))) << log.toStdString();
    const QStringList tokens = ws->emulator->issuedDatabaseTokens();
    ASSERT_GE(tokens.size(), 2);
    for (const QString& token : tokens) {
        EXPECT_EQ(log.indexOf(token), -1) << "token in log:\n" << log.toStdString();
        // Nor a recognisable piece of it (the signature part).
        EXPECT_EQ(log.indexOf(token.section(QLatin1Char('.'), 2)), -1);
    }
}

} // namespace

// ---------------------------------------------------------------- a backend on a server that checks the token

namespace {

// Runs value-free setup SQL as the cluster's superuser.
Status asSuperuser(testsupport::PostgresServer& server, const QString& database, const QString& sql)
{
    PgConnectionSettings s;
    s.conninfo = QStringLiteral("host=127.0.0.1 port=%1 dbname=%2 user=postgres").arg(server.port()).arg(database);
    PgExecutor executor(s);
    return awaitFuture(executor.submit<Done>([sql](SqlSession& db) -> Status {
        auto done = db.execute({sql, {}}, QStringLiteral("set up the test"));
        if (!done)
            return done.error();
        return success();
    }));
}

} // namespace

TEST_F(LakebaseTest, AnExpiredCredentialIsRenewedAndTheNextSaveSucceedsARevokedOneIsAClearError)
{
    // The private cluster stands in for the instance, but here it checks the password as Lakebase
    // checks the token: only at login, by SCRAM, for the role "lake_<db>".
    QString why;
    auto* postgres = testsupport::PostgresServer::shared(&why);
    ASSERT_TRUE(postgres) << why.toStdString();
    const QString database = postgres->createUniqueDatabase(QStringLiteral("lakebase_login"));
    const QString role = QStringLiteral("lake_") + database;
    ASSERT_TRUE(asSuperuser(*postgres, database, QStringLiteral("CREATE ROLE %1 LOGIN").arg(role)));
    ASSERT_TRUE(asSuperuser(*postgres, database, QStringLiteral("ALTER DATABASE %1 OWNER TO %2").arg(database, role)));
    ASSERT_TRUE(asSuperuser(*postgres, database, QStringLiteral("ALTER SCHEMA public OWNER TO %1").arg(role)));
    {
        QFile hba(QDir(postgres->dataDirectory()).filePath(QStringLiteral("pg_hba.conf")));
        ASSERT_TRUE(hba.open(QIODevice::ReadOnly));
        const QByteArray rules = hba.readAll();
        hba.close();
        ASSERT_TRUE(hba.open(QIODevice::WriteOnly | QIODevice::Truncate));
        hba.write(QStringLiteral("host all %1 127.0.0.1/32 scram-sha-256\n").arg(role).toUtf8() + rules);
    }
    ASSERT_TRUE(asSuperuser(*postgres, database, QStringLiteral("SELECT pg_reload_conf()")));
    auto setPassword = [&](const QString& token) {
        ASSERT_FALSE(token.contains(QLatin1Char('\'')));
        ASSERT_TRUE(asSuperuser(*postgres, database, QStringLiteral("ALTER ROLE %1 PASSWORD '%2'").arg(role, token)));
    };

    // A token that lives 4 s, renewed 3 s before it ends: about a second after it was issued.
    ws->emulator->setDatabaseCredentialLifetimeSeconds(4);
    auto creds = credentials(3s);
    QSignalSpy renewed(creds.get(), &LakebaseCredentials::renewed);
    ASSERT_TRUE(awaitFuture(creds->renewIfNeeded()));
    setPassword(ws->emulator->issuedDatabaseTokens().last());

    auto instance = awaitFuture(client->instance(kInstance));
    ASSERT_TRUE(instance);
    CurrentUser me;
    me.userName = role;
    auto target = LakebaseTarget::fromInstance(instance.value(), database, me);
    ASSERT_TRUE(target);
    PgConnectionSettings settings = target.value().settings(creds.get(), 10s);
    settings.conninfo = QStringLiteral("host=127.0.0.1 port=%1 dbname=%2 user=%3").arg(postgres->port()).arg(database, role);
    // Opened on a worker, as the app does: the credential is asked from this thread's event loop.
    auto opened = awaitFuture(QtConcurrent::run([settings]() -> Result<std::shared_ptr<PostgresBackend>> {
        auto b = PostgresBackend::open(settings, testsupport::catalogue());
        if (!b)
            return b.error();
        return std::shared_ptr<PostgresBackend>(std::move(b).value());
    }));
    ASSERT_TRUE(opened) << text(opened.error());
    std::shared_ptr<PostgresBackend> backend = opened.value();
    const auto reconnect = LakebaseTarget::reconnectOnRenewal(creds.get(), &backend->executor());
    SegmentStore& segments = backend->segments();
    ASSERT_TRUE(awaitFuture(segments.saveAdvertiser({QStringLiteral("adv"), QStringLiteral("Advertiser")})));

    // The credential is renewed before it expires; from then on only the new token logs in.
    ASSERT_TRUE(QTest::qWaitFor([&] { return renewed.count() >= 1; }, 10000)) << "renewed before expiry";
    setPassword(ws->emulator->issuedDatabaseTokens().last());
    auto saved = awaitFuture(segments.createSegment(testsupport::draftSegment(QStringLiteral("adv"), QStringLiteral("After renewal")),
                                                    QStringLiteral("lake")));
    ASSERT_TRUE(saved) << text(saved.error());

    // Revoked: no new credential, and the server no longer takes the old one.
    ws->emulator->setDatabaseCredentialsRevoked(true);
    setPassword(QStringLiteral("rotated-by-the-server"));
    backend->executor().resetConnection();
    auto refused = awaitFuture(segments.createSegment(testsupport::draftSegment(QStringLiteral("adv"), QStringLiteral("After revoke")),
                                                      QStringLiteral("lake")));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().kind, ErrorKind::Auth) << text(refused.error());
    EXPECT_FALSE(refused.error().remediation.isEmpty());
    for (const QString& token : ws->emulator->issuedDatabaseTokens())
        EXPECT_FALSE(refused.error().toString().contains(token)) << "no token in the error";
    QObject::disconnect(reconnect);
    backend.reset();
}
