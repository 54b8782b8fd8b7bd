// The API sync of audiences to Google (Data Manager API) and Meta (Marketing API custom
// audiences), end to end over loopback HTTP against the two emulators
// (tests/support/ad_platform_emulator): first sync creates the audience and sends everything;
// a later sync sends only the difference; a sync stopped half-way (a rejected batch, dropped
// connections, a cancel) ends failed and the next one completes it, the platform then holding
// exactly the rows; throttling and expired tokens are retried / refreshed; rejected rows make a
// partial sync, never a success; batches stay within 10,000 rows, Meta's with correct session
// fields; and no plain identifier reaches a request, the state file or the log.
#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QEventLoop>
#include <QProcess>
#include <QTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>
#include <QNetworkAccessManager>
#include <QTemporaryDir>

#include "activation/audience_normaliser.h"
#include "activation/sync/audience_sync.h"
#include "activation/sync/destination_factory.h"
#include "activation/sync/destination_sync_job.h"
#include "activation/sync/google_api_errors.h"
#include "activation/sync/google_data_manager_destination.h"
#include "activation/sync/meta_api_errors.h"
#include "activation/sync/meta_custom_audience_destination.h"
#include "common/future_wait.h"
#include "databricks/auth/memory_secret_store.h"
#include "logging/logging.h"
#include "support/ad_platform_emulator/google_data_manager_emulator.h"
#include "support/ad_platform_emulator/meta_marketing_emulator.h"
#include "support/activation_rows.h"
#include "support/segctl_process.h"
#include "support/workspace_exports.h"

using namespace core;
using adplatform::Fault;
using namespace testsupport;

namespace {

const QString kCustomer = QStringLiteral("1234567890");
const QString kAdAccount = QStringLiteral("99887766");
const QString kClientId = QStringLiteral("123-abc.apps.googleusercontent.com");
const QString kClientSecret = QStringLiteral("GOCSPX-client-secret-value");
const QString kRefreshToken = QStringLiteral("1//refresh-token-value");
const QString kMetaToken = QStringLiteral("EAAGsystemusertokenvalue");
const QString kAppId = QStringLiteral("4242");
const QString kAppSecret = QStringLiteral("meta-app-secret-value");

QSet<QString> expectedMembers(AudiencePlatform platform, const QList<AudienceRow>& rows)
{
    QSet<QString> out;
    for (const AudienceRow& r : rows)
        out.insert(platform == AudiencePlatform::Google ? adplatform::GoogleDataManagerEmulator::memberKey(r.values)
                                                        : adplatform::MetaMarketingEmulator::memberKey(r.values));
    return out;
}

// Compares member sets by size and difference (the sets are too large to print).
::testing::AssertionResult sameMembers(const QSet<QString>& actual, const QSet<QString>& expected)
{
    if (actual == expected)
        return ::testing::AssertionSuccess();
    const qsizetype missing = QSet<QString>(expected).subtract(actual).size();
    const qsizetype extra = QSet<QString>(actual).subtract(expected).size();
    return ::testing::AssertionFailure() << "platform holds " << actual.size() << " members, expected " << expected.size()
                                         << " (" << missing << " missing, " << extra << " not expected)";
}

QByteArray fileBytes(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

RetryPolicy fastPolicy()
{
    RetryPolicy p;
    p.maxAttempts = 4;
    p.firstDelay = std::chrono::milliseconds(20);
    p.maxDelay = std::chrono::milliseconds(80);
    p.requestTimeout = std::chrono::milliseconds(20000);
    p.deadline = std::chrono::milliseconds(60000);
    return p;
}

class ActivationSyncTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        core::logging::initialize(m_dir.filePath(QStringLiteral("logs")), true, core::logging::Console::Nothing);
        ASSERT_TRUE(m_google.listen());
        ASSERT_TRUE(m_meta.listen());
        m_google.addOAuthClient(kClientId, kClientSecret);
        m_google.addRefreshToken(kRefreshToken);
        m_google.addCustomer(kCustomer);
        m_meta.addAdAccount(kAdAccount);
        m_meta.addApp(kAppId, kAppSecret);
        m_meta.acceptAccessToken(kMetaToken);
        m_endpoints.googleDataManager = m_google.baseUrl();
        m_endpoints.googleToken = m_google.tokenUrl();
        m_endpoints.metaGraph = m_meta.graphUrl();
        auto state = AudienceSyncState::open(m_dir.filePath(QStringLiteral("activation.sqlite")));
        ASSERT_TRUE(state) << state.error().toString().toStdString();
        m_state = std::move(state.value());
    }

    void TearDown() override { core::logging::initialize(QString()); }

    DestinationConfig addDestination(const QString& name, AudiencePlatform platform)
    {
        DestinationConfig c;
        c.name = name;
        c.platform = platform;
        c.accountId = platform == AudiencePlatform::Google ? kCustomer : kAdAccount;
        c.audienceName = QStringLiteral("Audience of ") + name;
        auto saved = m_state->addDestination(c);
        EXPECT_TRUE(saved) << saved.error().toString().toStdString();
        return saved ? saved.value() : c;
    }

    DestinationCredentials credentials(AudiencePlatform platform, bool metaExchanges = true) const
    {
        DestinationCredentials c;
        if (platform == AudiencePlatform::Google) {
            c.clientId = kClientId;
            c.clientSecret = kClientSecret;
            c.refreshToken = kRefreshToken;
        } else {
            c.accessToken = kMetaToken;
            if (metaExchanges) {
                c.appId = kAppId;
                c.appSecret = kAppSecret;
            }
        }
        return c;
    }

    // One sync of `name` with these rows; a fresh client each time, like separate app runs.
    AudienceSyncReport sync(const QString& name, const QList<AudienceRow>& now, int batchRows = 0, bool dryRun = false,
                            std::function<void(AudienceSync&)> during = {}, bool metaExchanges = true)
    {
        auto config = m_state->destination(name);
        EXPECT_TRUE(config);
        if (!config)
            return {};
        auto destination = DestinationFactory::create(config.value(), credentials(config.value().platform, metaExchanges),
                                                      m_endpoints, &m_network, fastPolicy());
        EXPECT_TRUE(destination) << destination.error().toString().toStdString();
        if (!destination)
            return {};
        AudienceSync sync(m_state.get(), destination.value().get());
        if (batchRows > 0)
            sync.setBatchRows(batchRows);
        if (during)
            during(sync);
        AudienceSyncRequest request;
        request.destinationName = name;
        request.segmentId = QStringLiteral("seg-1");
        request.rows = now;
        request.dryRun = dryRun;
        auto report = awaitFuture(sync.run(request));
        EXPECT_TRUE(report) << report.error().toString().toStdString();
        return report ? report.value() : AudienceSyncReport{};
    }

    QSet<QString> platformMembers(const QString& name)
    {
        const auto config = m_state->destination(name);
        if (!config || config.value().audienceId.isEmpty())
            return {};
        return config.value().platform == AudiencePlatform::Google ? m_google.members(config.value().audienceId)
                                                                   : m_meta.members(config.value().audienceId);
    }

    int sentCount(const QString& name)
    {
        const auto config = m_state->destination(name);
        return config ? m_state->sentCount(config.value().id).value() : -1;
    }

    QByteArray logText()
    {
        spdlog::apply_all([](const std::shared_ptr<spdlog::logger>& l) { l->flush(); });
        QByteArray out;
        const QDir logs(m_dir.filePath(QStringLiteral("logs")));
        for (const QString& f : logs.entryList(QDir::Files))
            out += fileBytes(logs.filePath(f));
        return out;
    }

    // The state database with its write-ahead log, as bytes.
    QByteArray stateBytes()
    {
        const QString path = m_dir.filePath(QStringLiteral("activation.sqlite"));
        return fileBytes(path) + fileBytes(path + QStringLiteral("-wal"));
    }

    QTemporaryDir m_dir;
    adplatform::GoogleDataManagerEmulator m_google;
    adplatform::MetaMarketingEmulator m_meta;
    QNetworkAccessManager m_network;
    DestinationEndpoints m_endpoints;
    std::unique_ptr<AudienceSyncState> m_state;
};

// Members per ingest/remove request body (Google) or rows per /users body (Meta).
QList<int> batchSizes(const QList<adplatform::RecordedRequest>& requests, const QString& method, const QString& path)
{
    QList<int> out;
    for (const auto& r : requests) {
        if (r.method != method || !r.path.endsWith(path))
            continue;
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        out.append(body.contains(QStringLiteral("audienceMembers"))
                       ? int(body.value(QStringLiteral("audienceMembers")).toArray().size())
                       : int(body.value(QStringLiteral("payload")).toObject().value(QStringLiteral("data")).toArray().size()));
    }
    return out;
}

} // namespace

// ------------------------------------------------------------------------------------ Google

TEST_F(ActivationSyncTest, GoogleFirstSyncCreatesTheAudienceAndSendsEveryRowInRequestsOfAtMostTenThousand)
{
    addDestination(QStringLiteral("google-main"), AudiencePlatform::Google);
    const QList<AudienceRow> now = rows(AudiencePlatform::Google, 0, 25000);
    const AudienceSyncReport report = sync(QStringLiteral("google-main"), now);

    EXPECT_TRUE(report.succeeded()) << syncRunStateKey(report.state).toStdString();
    EXPECT_TRUE(report.audienceCreated);
    EXPECT_EQ(report.added, 25000);
    EXPECT_EQ(m_google.listCreations(), 1);
    ASSERT_EQ(m_google.userListIds(kCustomer), QStringList{report.audienceId});
    EXPECT_EQ(m_google.userListName(report.audienceId), QStringLiteral("Audience of google-main"));
    EXPECT_TRUE(sameMembers(platformMembers(QStringLiteral("google-main")), expectedMembers(AudiencePlatform::Google, now)));
    EXPECT_EQ(batchSizes(m_google.requests(), QStringLiteral("POST"), QStringLiteral("audienceMembers:ingest")),
              (QList<int>{10000, 10000, 5000}));
    EXPECT_EQ(m_google.largestRequest(), 10000);
    EXPECT_EQ(sentCount(QStringLiteral("google-main")), 25000);

    const auto history = m_state->history(report.destination.id);
    ASSERT_TRUE(history);
    ASSERT_EQ(history.value().size(), 1);
    EXPECT_EQ(history.value().first().state, SyncRunState::Succeeded);
    EXPECT_EQ(history.value().first().added, 25000);
    const auto journal = m_state->journal(report.runId);
    ASSERT_TRUE(journal);
    ASSERT_EQ(journal.value().size(), 3);
    EXPECT_EQ(journal.value().at(2).state, QStringLiteral("acknowledged"));
    EXPECT_FALSE(journal.value().at(0).requestId.isEmpty()); // Google's requestId, for support
}

TEST_F(ActivationSyncTest, GoogleSecondSyncSendsOnlyTheDifference)
{
    addDestination(QStringLiteral("g"), AudiencePlatform::Google);
    ASSERT_TRUE(sync(QStringLiteral("g"), rows(AudiencePlatform::Google, 0, 1000)).succeeded());
    m_google.clearRequests();

    // 100 people left (0..99), 150 joined (1000..1149), 50 changed phone (500..549).
    QHash<int, int> changed;
    for (int i = 500; i < 550; ++i)
        changed.insert(i, 1);
    const QList<AudienceRow> now = rows(AudiencePlatform::Google, 100, 1150, changed);
    const AudienceSyncReport report = sync(QStringLiteral("g"), now);

    EXPECT_TRUE(report.succeeded());
    EXPECT_FALSE(report.audienceCreated);
    EXPECT_EQ(report.plan.adds.size(), 200);
    EXPECT_EQ(report.plan.removes.size(), 150);
    EXPECT_EQ(report.plan.alreadySent, 850);
    EXPECT_EQ(report.added, 200);
    EXPECT_EQ(report.removed, 150);
    EXPECT_EQ(batchSizes(m_google.requests(), QStringLiteral("POST"), QStringLiteral("audienceMembers:remove")), QList<int>{150});
    EXPECT_EQ(batchSizes(m_google.requests(), QStringLiteral("POST"), QStringLiteral("audienceMembers:ingest")), QList<int>{200});
    EXPECT_EQ(m_google.requestCount(QStringLiteral("GET"), QStringLiteral("userLists")), 0); // the audience id is kept
    EXPECT_TRUE(sameMembers(platformMembers(QStringLiteral("g")), expectedMembers(AudiencePlatform::Google, now)));
    EXPECT_EQ(sentCount(QStringLiteral("g")), 1050);

    // Removes went before adds (a changed row's old version first).
    const auto requests = m_google.requests();
    qsizetype firstRemove = -1, firstIngest = -1;
    for (qsizetype i = 0; i < requests.size(); ++i) {
        if (firstRemove < 0 && requests.at(i).path.endsWith(QLatin1String(":remove")))
            firstRemove = i;
        if (firstIngest < 0 && requests.at(i).path.endsWith(QLatin1String(":ingest")))
            firstIngest = i;
    }
    EXPECT_LT(firstRemove, firstIngest);

    // Nothing changed: nothing sent, still a recorded success.
    m_google.clearRequests();
    const AudienceSyncReport again = sync(QStringLiteral("g"), now);
    EXPECT_TRUE(again.succeeded());
    EXPECT_TRUE(again.plan.isEmpty());
    EXPECT_EQ(m_google.requestCount(QString(), QStringLiteral("audienceMembers")), 0);
}

TEST_F(ActivationSyncTest, GoogleRejectedBatchEndsFailedAndTheNextSyncCompletesIt)
{
    addDestination(QStringLiteral("g"), AudiencePlatform::Google);
    const QList<AudienceRow> now = rows(AudiencePlatform::Google, 0, 1000);
    Fault reject;
    reject.kind = Fault::Kind::RejectBatch;
    reject.pathContains = QStringLiteral(":ingest");
    reject.skip = 3; // the 4th batch
    m_google.addFault(reject);

    QList<AudienceBatchReport> batches;
    const AudienceSyncReport first = sync(QStringLiteral("g"), now, 100, false, [&](AudienceSync& s) {
        QObject::connect(&s, &AudienceSync::batchFinished, [&](const AudienceBatchReport& b) { batches.append(b); });
    });
    EXPECT_FALSE(first.succeeded());
    EXPECT_EQ(first.state, SyncRunState::Failed);
    EXPECT_EQ(first.failedBatches, 1);
    EXPECT_EQ(first.added, 900); // the other batches went on
    ASSERT_TRUE(first.error);
    EXPECT_EQ(first.error->kind, ErrorKind::Remote);
    ASSERT_EQ(batches.size(), 10);
    EXPECT_EQ(batches.at(3).state, QStringLiteral("rejected"));
    EXPECT_FALSE(batches.at(3).message.isEmpty());
    EXPECT_EQ(batches.at(4).state, QStringLiteral("acknowledged"));
    EXPECT_EQ(platformMembers(QStringLiteral("g")).size(), 900);
    EXPECT_EQ(sentCount(QStringLiteral("g")), 900);

    m_google.clearRequests();
    const AudienceSyncReport second = sync(QStringLiteral("g"), now, 100);
    EXPECT_TRUE(second.succeeded());
    EXPECT_EQ(second.added, 100);
    EXPECT_EQ(batchSizes(m_google.requests(), QStringLiteral("POST"), QStringLiteral(":ingest")), QList<int>{100});
    EXPECT_TRUE(sameMembers(platformMembers(QStringLiteral("g")), expectedMembers(AudiencePlatform::Google, now)));

    const auto history = m_state->history(first.destination.id);
    ASSERT_EQ(history.value().size(), 2);
    EXPECT_EQ(history.value().at(0).state, SyncRunState::Succeeded);
    EXPECT_EQ(history.value().at(1).state, SyncRunState::Failed);
    EXPECT_EQ(history.value().at(1).failedBatches, 1);
    EXPECT_FALSE(history.value().at(1).message.isEmpty());
}

TEST_F(ActivationSyncTest, GoogleSyncWhoseConnectionsKeepDroppingStopsFailedAndResumes)
{
    addDestination(QStringLiteral("g"), AudiencePlatform::Google);
    const QList<AudienceRow> now = rows(AudiencePlatform::Google, 0, 1000);
    Fault drop;
    drop.kind = Fault::Kind::DropConnection;
    drop.pathContains = QStringLiteral(":ingest");
    drop.skip = 4;
    drop.remaining = -1; // from the 5th batch on, every attempt
    m_google.addFault(drop);

    const AudienceSyncReport first = sync(QStringLiteral("g"), now, 100);
    EXPECT_EQ(first.state, SyncRunState::Failed);
    ASSERT_TRUE(first.error);
    EXPECT_EQ(first.error->kind, ErrorKind::Network);
    EXPECT_EQ(first.added, 400);
    // Every attempt of the 5th batch (Qt may itself repeat a request once on a dropped kept-alive
    // connection), then it stopped: no 6th batch.
    const int ingests = m_google.requestCount(QStringLiteral("POST"), QStringLiteral(":ingest"));
    EXPECT_GE(ingests, 4 + fastPolicy().maxAttempts);
    EXPECT_LE(ingests, 4 + 2 * fastPolicy().maxAttempts);
    EXPECT_EQ(sentCount(QStringLiteral("g")), 400);

    m_google.clearFaults();
    const AudienceSyncReport second = sync(QStringLiteral("g"), now, 100);
    EXPECT_TRUE(second.succeeded());
    EXPECT_EQ(second.added, 600);
    EXPECT_TRUE(sameMembers(platformMembers(QStringLiteral("g")), expectedMembers(AudiencePlatform::Google, now)));
    EXPECT_EQ(sentCount(QStringLiteral("g")), 1000);
}

TEST_F(ActivationSyncTest, GoogleBatchAppliedThenDroppedIsSentAgainHarmlessly)
{
    addDestination(QStringLiteral("g"), AudiencePlatform::Google);
    const QList<AudienceRow> now = rows(AudiencePlatform::Google, 0, 300);
    Fault drop;
    drop.kind = Fault::Kind::DropConnection;
    drop.pathContains = QStringLiteral(":ingest");
    drop.skip = 1;
    drop.applyFirst = true; // the platform has the batch; the app does not know
    m_google.addFault(drop);

    const AudienceSyncReport report = sync(QStringLiteral("g"), now, 100);
    EXPECT_TRUE(report.succeeded());
    EXPECT_EQ(m_google.requestCount(QStringLiteral("POST"), QStringLiteral(":ingest")), 4);
    EXPECT_TRUE(sameMembers(platformMembers(QStringLiteral("g")), expectedMembers(AudiencePlatform::Google, now)));
}

TEST_F(ActivationSyncTest, GoogleThrottlingIsRetriedAfterRetryAfter)
{
    addDestination(QStringLiteral("g"), AudiencePlatform::Google);
    Fault throttle;
    throttle.kind = Fault::Kind::RateLimit;
    throttle.pathContains = QStringLiteral(":ingest");
    throttle.remaining = 2;
    throttle.retryAfterSeconds = 1;
    m_google.addFault(throttle);

    QElapsedTimer clock;
    clock.start();
    const QList<AudienceRow> now = rows(AudiencePlatform::Google, 0, 50);
    const AudienceSyncReport report = sync(QStringLiteral("g"), now);
    EXPECT_TRUE(report.succeeded());
    EXPECT_GE(clock.elapsed(), 2000); // Retry-After: 1, twice
    EXPECT_EQ(m_google.requestCount(QStringLiteral("POST"), QStringLiteral(":ingest")), 3);
    EXPECT_EQ(platformMembers(QStringLiteral("g")).size(), 50);
}

TEST_F(ActivationSyncTest, GoogleExpiredAccessTokenIsRefreshedOnce)
{
    addDestination(QStringLiteral("g"), AudiencePlatform::Google);
    Fault expired;
    expired.kind = Fault::Kind::ExpiredToken;
    expired.pathContains = QStringLiteral(":ingest");
    expired.skip = 1;
    m_google.addFault(expired);

    const AudienceSyncReport report = sync(QStringLiteral("g"), rows(AudiencePlatform::Google, 0, 300), 100);
    EXPECT_TRUE(report.succeeded());
    EXPECT_EQ(m_google.tokensIssued(), 2); // the first token, and one refresh after the 401
    EXPECT_EQ(platformMembers(QStringLiteral("g")).size(), 300);

    // Tokens that expire between runs: the next run's first call is refused, refreshed, repeated.
    m_google.expireAccessTokens();
    const AudienceSyncReport next = sync(QStringLiteral("g"), rows(AudiencePlatform::Google, 0, 310));
    EXPECT_TRUE(next.succeeded());
    EXPECT_EQ(m_google.tokensIssued(), 3);
}

TEST_F(ActivationSyncTest, GoogleRevokedRefreshTokenFailsWithWhatToDoAndSendsNothing)
{
    addDestination(QStringLiteral("g"), AudiencePlatform::Google);
    m_google.revokeRefreshToken(kRefreshToken);
    const AudienceSyncReport report = sync(QStringLiteral("g"), rows(AudiencePlatform::Google, 0, 10));
    EXPECT_EQ(report.state, SyncRunState::Failed);
    ASSERT_TRUE(report.error);
    EXPECT_EQ(report.error->kind, ErrorKind::Auth);
    EXPECT_TRUE(report.error->userMessage.contains(QStringLiteral("Google"))) << report.error->userMessage.toStdString();
    EXPECT_FALSE(report.error->remediation.isEmpty());
    EXPECT_FALSE(report.error->toString().contains(kRefreshToken));
    EXPECT_EQ(m_google.requestCount(QString(), QStringLiteral("/v1/")), 0);
    EXPECT_EQ(sentCount(QStringLiteral("g")), 0);
}

TEST_F(ActivationSyncTest, GoogleRejectedMembersMakeAPartialSyncAndAreTriedAgainNextTime)
{
    addDestination(QStringLiteral("g"), AudiencePlatform::Google);
    const QList<AudienceRow> now = rows(AudiencePlatform::Google, 0, 200);
    m_google.rejectIdentifierValues({sha(person(5).email), sha(person(150).phone)});

    const AudienceSyncReport report = sync(QStringLiteral("g"), now, 100);
    EXPECT_FALSE(report.succeeded());
    EXPECT_EQ(report.state, SyncRunState::Partial);
    EXPECT_EQ(report.rejected, 2);
    EXPECT_EQ(report.added, 198);
    ASSERT_EQ(report.batches.size(), 2);
    EXPECT_EQ(report.batches.at(0).state, QStringLiteral("partial"));
    EXPECT_TRUE(report.batches.at(0).message.contains(QStringLiteral("INVALID_SHA256_FORMAT")))
        << report.batches.at(0).message.toStdString();
    // Each rejected request was sent again without the named member.
    EXPECT_EQ(batchSizes(m_google.requests(), QStringLiteral("POST"), QStringLiteral(":ingest")),
              (QList<int>{100, 99, 100, 99}));
    QList<AudienceRow> accepted = now;
    accepted.removeAt(150);
    accepted.removeAt(5);
    EXPECT_TRUE(sameMembers(platformMembers(QStringLiteral("g")), expectedMembers(AudiencePlatform::Google, accepted)));
    EXPECT_EQ(sentCount(QStringLiteral("g")), 198);
    EXPECT_EQ(m_state->history(report.destination.id).value().first().state, SyncRunState::Partial);

    // Still rejected the next time: still not a success.
    const AudienceSyncReport again = sync(QStringLiteral("g"), now, 100);
    EXPECT_EQ(again.plan.adds.size(), 2);
    EXPECT_EQ(again.state, SyncRunState::Partial);
    EXPECT_EQ(again.rejected, 2);
    EXPECT_EQ(m_google.requestCount(QStringLiteral("POST"), QStringLiteral(":ingest")), 5); // both named: no resend
    m_google.rejectIdentifierValues({});
    EXPECT_TRUE(sync(QStringLiteral("g"), now, 100).succeeded());
    EXPECT_TRUE(sameMembers(platformMembers(QStringLiteral("g")), expectedMembers(AudiencePlatform::Google, now)));
}

TEST_F(ActivationSyncTest, CancelledSyncIsNotASuccessAndTheNextOneCompletes)
{
    addDestination(QStringLiteral("g"), AudiencePlatform::Google);
    const QList<AudienceRow> now = rows(AudiencePlatform::Google, 0, 1000);
    const AudienceSyncReport first = sync(QStringLiteral("g"), now, 100, false, [](AudienceSync& s) {
        QObject::connect(&s, &AudienceSync::progress, &s, [&s](const AudienceSyncProgress& p) {
            if (p.batchesDone == 3)
                s.cancel();
        });
    });
    EXPECT_EQ(first.state, SyncRunState::Cancelled);
    EXPECT_EQ(first.added, 300);
    EXPECT_EQ(sentCount(QStringLiteral("g")), 300);

    const AudienceSyncReport second = sync(QStringLiteral("g"), now, 100);
    EXPECT_TRUE(second.succeeded());
    EXPECT_EQ(second.added, 700);
    EXPECT_TRUE(sameMembers(platformMembers(QStringLiteral("g")), expectedMembers(AudiencePlatform::Google, now)));
}

TEST_F(ActivationSyncTest, EverySyncRunIsInTheAuditTrailWithWhoWhatAndItsCounts)
{
    addDestination(QStringLiteral("g"), AudiencePlatform::Google);
    const QList<AudienceRow> now = rows(AudiencePlatform::Google, 0, 1000);
    const AudienceSyncReport first = sync(QStringLiteral("g"), now, 100, false, [](AudienceSync& s) {
        QObject::connect(&s, &AudienceSync::progress, &s, [&s](const AudienceSyncProgress& p) {
            if (p.batchesDone == 2)
                s.cancel();
        });
    });
    ASSERT_EQ(first.state, SyncRunState::Cancelled);
    const AudienceSyncReport second = sync(QStringLiteral("g"), now, 100);
    ASSERT_TRUE(second.succeeded());

    core::AuditQuery bySegment;
    bySegment.objectId = QStringLiteral("seg-1");
    const auto entries = m_state->auditLog(bySegment);
    ASSERT_TRUE(entries) << entries.error().toString().toStdString();
    ASSERT_EQ(entries.value().size(), 2); // newest first
    const core::AuditEntry& done = entries.value().at(0);
    EXPECT_EQ(done.objectKind, QStringLiteral("activation_sync"));
    EXPECT_EQ(done.action, QStringLiteral("sync_succeeded"));
    EXPECT_EQ(done.version, second.runId);
    EXPECT_FALSE(done.actor.isEmpty());
    EXPECT_TRUE(done.before.isEmpty());
    const QJsonObject after = QJsonDocument::fromJson(done.after.toUtf8()).object();
    EXPECT_EQ(after.value(QStringLiteral("destination")).toString(), QStringLiteral("g"));
    EXPECT_EQ(after.value(QStringLiteral("platform")).toString(), QStringLiteral("google"));
    EXPECT_EQ(after.value(QStringLiteral("added")).toInt(), second.added);
    EXPECT_EQ(after.value(QStringLiteral("planned_adds")).toInt(), 800);
    EXPECT_EQ(entries.value().at(1).action, QStringLiteral("sync_cancelled"));
    EXPECT_EQ(QJsonDocument::fromJson(entries.value().at(1).after.toUtf8()).object().value(QStringLiteral("added")).toInt(),
              first.added);
    // Only hashes and counts: no row value is in the trail.
    for (const auto& e : entries.value())
        EXPECT_FALSE(e.after.contains(QStringLiteral("@"))) << e.after.toStdString();
    core::AuditQuery other;
    other.objectId = QStringLiteral("seg-other");
    EXPECT_TRUE(m_state->auditLog(other).value().isEmpty());
}

TEST_F(ActivationSyncTest, RunLeftRunningByADeadProcessIsMarkedInterrupted)
{
    const DestinationConfig d = addDestination(QStringLiteral("g"), AudiencePlatform::Google);
    const auto stale = m_state->beginRun(d.id, QStringLiteral("seg-1"), 10, 0); // as if the app died
    ASSERT_TRUE(stale);
    ASSERT_TRUE(sync(QStringLiteral("g"), rows(AudiencePlatform::Google, 0, 10)).succeeded());
    const auto history = m_state->history(d.id).value();
    ASSERT_EQ(history.size(), 2);
    EXPECT_EQ(history.at(1).id, stale.value());
    EXPECT_EQ(history.at(1).state, SyncRunState::Interrupted);
}

TEST_F(ActivationSyncTest, DryRunPlansWithoutSendingCreatingOrRecording)
{
    addDestination(QStringLiteral("g"), AudiencePlatform::Google);
    QList<AudienceRow> now = rows(AudiencePlatform::Google, 0, 120);
    now.append(now.first());                                               // a duplicate
    now.append(AudienceRow{QStringLiteral("x"), {QString(), QString(), QString(), QString(), QStringLiteral("US"), QStringLiteral("94045")}});
    const AudienceSyncReport report = sync(QStringLiteral("g"), now, 50, true);
    EXPECT_TRUE(report.dryRun);
    EXPECT_FALSE(report.succeeded());
    EXPECT_EQ(report.plan.rowsNow, 122);
    EXPECT_EQ(report.plan.adds.size(), 120);
    EXPECT_EQ(report.plan.duplicates, 1);
    EXPECT_EQ(report.plan.skipped, 1); // country and zip alone match no one
    EXPECT_EQ(report.plan.addBatches(), 3);
    EXPECT_TRUE(m_google.requests().isEmpty());
    EXPECT_TRUE(m_state->history(report.destination.id).value().isEmpty());
    EXPECT_TRUE(m_state->destination(QStringLiteral("g")).value().audienceId.isEmpty());
}

TEST_F(ActivationSyncTest, DestinationKeepsOneSegmentsAudience)
{
    addDestination(QStringLiteral("g"), AudiencePlatform::Google);
    ASSERT_TRUE(sync(QStringLiteral("g"), rows(AudiencePlatform::Google, 0, 10)).succeeded());
    auto config = m_state->destination(QStringLiteral("g"));
    auto destination = DestinationFactory::create(config.value(), credentials(AudiencePlatform::Google), m_endpoints,
                                                  &m_network, fastPolicy());
    AudienceSync other(m_state.get(), destination.value().get());
    AudienceSyncRequest request;
    request.destinationName = QStringLiteral("g");
    request.segmentId = QStringLiteral("seg-2");
    request.rows = rows(AudiencePlatform::Google, 0, 5);
    const auto result = awaitFuture(other.run(request));
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().kind, ErrorKind::Conflict);
    EXPECT_EQ(platformMembers(QStringLiteral("g")).size(), 10); // nothing removed
}

TEST_F(ActivationSyncTest, ExistingPlatformAudienceOfTheSameNameIsReused)
{
    addDestination(QStringLiteral("g"), AudiencePlatform::Google);
    ASSERT_TRUE(sync(QStringLiteral("g"), rows(AudiencePlatform::Google, 0, 10)).succeeded());
    const QString id = m_state->destination(QStringLiteral("g")).value().audienceId;
    ASSERT_TRUE(m_state->removeDestination(QStringLiteral("g")));
    addDestination(QStringLiteral("g"), AudiencePlatform::Google); // same name → same audience name
    const AudienceSyncReport report = sync(QStringLiteral("g"), rows(AudiencePlatform::Google, 0, 10));
    EXPECT_TRUE(report.succeeded());
    EXPECT_EQ(report.audienceId, id);
    EXPECT_EQ(m_google.listCreations(), 1);
}

// -------------------------------------------------------------------------------------- Meta

TEST_F(ActivationSyncTest, MetaFirstSyncCreatesTheAudienceAndSendsOneSessionOfAtMostTenThousandRows)
{
    addDestination(QStringLiteral("meta-main"), AudiencePlatform::Meta);
    const QList<AudienceRow> now = rows(AudiencePlatform::Meta, 0, 25000);
    const AudienceSyncReport report = sync(QStringLiteral("meta-main"), now);

    EXPECT_TRUE(report.succeeded()) << syncRunStateKey(report.state).toStdString();
    EXPECT_EQ(report.added, 25000);
    EXPECT_EQ(m_meta.audienceCreations(), 1);
    EXPECT_EQ(m_meta.audienceName(report.audienceId), QStringLiteral("Audience of meta-main"));
    EXPECT_TRUE(sameMembers(platformMembers(QStringLiteral("meta-main")), expectedMembers(AudiencePlatform::Meta, now)));
    EXPECT_EQ(m_meta.largestRequest(), 10000);

    const auto sessions = m_meta.sessions();
    ASSERT_EQ(sessions.size(), 1);
    EXPECT_EQ(sessions.first().operation, QStringLiteral("add"));
    EXPECT_EQ(sessions.first().batchSequences, (QList<int>{1, 2, 3}));
    EXPECT_EQ(sessions.first().batchRows, (QList<int>{10000, 10000, 5000}));
    EXPECT_EQ(sessions.first().estimatedTotals, (QList<int>{25000, 25000, 25000}));
    EXPECT_TRUE(sessions.first().closed);
    // last_batch_flag only on the last request, schema as Meta names it.
    QList<bool> lastFlags;
    for (const auto& r : m_meta.requests()) {
        if (!r.path.endsWith(QLatin1String("/users")))
            continue;
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        lastFlags.append(body.value(QStringLiteral("session")).toObject().value(QStringLiteral("last_batch_flag")).toBool());
        EXPECT_EQ(body.value(QStringLiteral("payload")).toObject().value(QStringLiteral("schema")).toArray(),
                  QJsonArray::fromStringList(MetaCustomAudienceDestination::schema()));
    }
    EXPECT_EQ(lastFlags, (QList<bool>{false, false, true}));
    const auto journal = m_state->journal(report.runId).value();
    ASSERT_EQ(journal.size(), 3);
    EXPECT_EQ(journal.at(2).batchSequence, 3);
    EXPECT_EQ(journal.at(2).sessionId, sessions.first().id);
}

TEST_F(ActivationSyncTest, MetaSecondSyncDeletesAndAddsTheDifferenceInTwoSessions)
{
    addDestination(QStringLiteral("m"), AudiencePlatform::Meta);
    ASSERT_TRUE(sync(QStringLiteral("m"), rows(AudiencePlatform::Meta, 0, 500)).succeeded());
    m_meta.clearRequests();
    QHash<int, int> changed{{300, 1}, {301, 1}};
    const QList<AudienceRow> now = rows(AudiencePlatform::Meta, 50, 560, changed);
    const AudienceSyncReport report = sync(QStringLiteral("m"), now, 40);
    EXPECT_TRUE(report.succeeded());
    EXPECT_EQ(report.removed, 52);
    EXPECT_EQ(report.added, 62);
    EXPECT_EQ(batchSizes(m_meta.requests(), QStringLiteral("DELETE"), QStringLiteral("/users")), (QList<int>{40, 12}));
    EXPECT_EQ(batchSizes(m_meta.requests(), QStringLiteral("POST"), QStringLiteral("/users")), (QList<int>{40, 22}));
    const auto sessions = m_meta.sessions();
    ASSERT_EQ(sessions.size(), 3);
    EXPECT_EQ(sessions.at(1).operation, QStringLiteral("remove"));
    EXPECT_EQ(sessions.at(1).batchSequences, (QList<int>{1, 2}));
    EXPECT_EQ(sessions.at(1).estimatedTotals, (QList<int>{52, 52}));
    EXPECT_EQ(sessions.at(2).operation, QStringLiteral("add"));
    EXPECT_TRUE(sessions.at(2).closed);
    EXPECT_NE(sessions.at(1).id, sessions.at(2).id);
    EXPECT_TRUE(sameMembers(platformMembers(QStringLiteral("m")), expectedMembers(AudiencePlatform::Meta, now)));
}

TEST_F(ActivationSyncTest, MetaSyncKilledHalfWayResumesInANewSessionAndEndsExact)
{
    addDestination(QStringLiteral("m"), AudiencePlatform::Meta);
    const QList<AudienceRow> now = rows(AudiencePlatform::Meta, 0, 1000);
    Fault drop;
    drop.kind = Fault::Kind::DropConnection;
    drop.method = QStringLiteral("POST");
    drop.pathContains = QStringLiteral("/users");
    drop.skip = 5;
    drop.remaining = -1;
    m_meta.addFault(drop);
    const AudienceSyncReport first = sync(QStringLiteral("m"), now, 100);
    EXPECT_EQ(first.state, SyncRunState::Failed);
    EXPECT_EQ(first.added, 500);
    EXPECT_EQ(platformMembers(QStringLiteral("m")).size(), 500);

    m_meta.clearFaults();
    const AudienceSyncReport second = sync(QStringLiteral("m"), now, 100);
    EXPECT_TRUE(second.succeeded());
    EXPECT_EQ(second.added, 500);
    EXPECT_TRUE(sameMembers(platformMembers(QStringLiteral("m")), expectedMembers(AudiencePlatform::Meta, now)));
    const auto sessions = m_meta.sessions();
    ASSERT_EQ(sessions.size(), 2);
    EXPECT_FALSE(sessions.at(0).closed); // the interrupted one never got its last batch
    EXPECT_EQ(sessions.at(1).batchSequences, (QList<int>{1, 2, 3, 4, 5}));
    EXPECT_EQ(sessions.at(1).estimatedTotals.first(), 500);
    EXPECT_TRUE(sessions.at(1).closed);
}

TEST_F(ActivationSyncTest, MetaThrottlingCodeIsRetried)
{
    addDestination(QStringLiteral("m"), AudiencePlatform::Meta);
    Fault throttle;
    throttle.kind = Fault::Kind::RateLimit;
    throttle.pathContains = QStringLiteral("/users");
    throttle.remaining = 2;
    m_meta.addFault(throttle);
    Fault unavailable;
    unavailable.kind = Fault::Kind::ServerError;
    unavailable.pathContains = QStringLiteral("/users");
    m_meta.addFault(unavailable);
    const AudienceSyncReport report = sync(QStringLiteral("m"), rows(AudiencePlatform::Meta, 0, 30));
    EXPECT_TRUE(report.succeeded());
    EXPECT_EQ(m_meta.requestCount(QStringLiteral("POST"), QStringLiteral("/users")), 4);
    EXPECT_EQ(m_meta.sessions().first().batchSequences, (QList<int>{1})); // refused requests never reached the session
    EXPECT_EQ(platformMembers(QStringLiteral("m")).size(), 30);
}

TEST_F(ActivationSyncTest, MetaExpiredTokenIsExchangedForANewOne)
{
    addDestination(QStringLiteral("m"), AudiencePlatform::Meta);
    Fault expired;
    expired.kind = Fault::Kind::ExpiredToken;
    expired.pathContains = QStringLiteral("/users");
    expired.skip = 1;
    m_meta.addFault(expired);
    const AudienceSyncReport report = sync(QStringLiteral("m"), rows(AudiencePlatform::Meta, 0, 300), 100);
    EXPECT_TRUE(report.succeeded());
    EXPECT_EQ(m_meta.tokenExchanges(), 2); // before first use, and after the code 190
    EXPECT_EQ(platformMembers(QStringLiteral("m")).size(), 300);
    // The exchange is a form POST: the token and the app secret are not in any URL.
    for (const auto& r : m_meta.requests())
        EXPECT_FALSE(r.query.toString().contains(kAppSecret) || r.query.toString().contains(kMetaToken));
}

TEST_F(ActivationSyncTest, MetaSystemUserTokenRejectedFailsWithWhatToDo)
{
    addDestination(QStringLiteral("m"), AudiencePlatform::Meta);
    m_meta.expireAccessTokens();
    const AudienceSyncReport report =
        sync(QStringLiteral("m"), rows(AudiencePlatform::Meta, 0, 10), 0, false, {}, /*metaExchanges=*/false);
    EXPECT_EQ(report.state, SyncRunState::Failed);
    ASSERT_TRUE(report.error);
    EXPECT_EQ(report.error->kind, ErrorKind::Auth);
    EXPECT_EQ(report.error->code, QStringLiteral("190/463"));
    EXPECT_TRUE(report.error->remediation.contains(QStringLiteral("token")));
    EXPECT_EQ(m_meta.tokenExchanges(), 0);
    EXPECT_EQ(m_meta.requestCount(QString(), QStringLiteral("customaudiences")), 1); // not retried
}

TEST_F(ActivationSyncTest, MetaInvalidEntriesMakeAPartialSync)
{
    addDestination(QStringLiteral("m"), AudiencePlatform::Meta);
    const QList<AudienceRow> now = rows(AudiencePlatform::Meta, 0, 100);
    m_meta.markInvalidValues({sha(person(7).email)});
    const AudienceSyncReport report = sync(QStringLiteral("m"), now);
    EXPECT_EQ(report.state, SyncRunState::Partial);
    EXPECT_EQ(report.rejected, 1);
    EXPECT_EQ(report.added, 99);
    ASSERT_EQ(report.batches.size(), 1);
    EXPECT_EQ(report.batches.first().state, QStringLiteral("partial"));
    EXPECT_EQ(platformMembers(QStringLiteral("m")).size(), 99);
    EXPECT_EQ(sentCount(QStringLiteral("m")), 99); // the rejected row is tried again next time
    m_meta.markInvalidValues({});
    const AudienceSyncReport again = sync(QStringLiteral("m"), now);
    EXPECT_TRUE(again.succeeded());
    EXPECT_EQ(again.added, 1);
    EXPECT_TRUE(sameMembers(platformMembers(QStringLiteral("m")), expectedMembers(AudiencePlatform::Meta, now)));
}

TEST_F(ActivationSyncTest, MetaRejectedBatchIsReportedAndTheRestGoesOn)
{
    addDestination(QStringLiteral("m"), AudiencePlatform::Meta);
    const QList<AudienceRow> now = rows(AudiencePlatform::Meta, 0, 300);
    Fault reject;
    reject.kind = Fault::Kind::RejectBatch;
    reject.skip = 1;
    m_meta.addFault(reject);
    const AudienceSyncReport first = sync(QStringLiteral("m"), now, 100);
    EXPECT_EQ(first.state, SyncRunState::Failed);
    EXPECT_EQ(first.added, 200);
    ASSERT_TRUE(first.error);
    EXPECT_EQ(first.error->code, QStringLiteral("100"));
    EXPECT_EQ(first.batches.at(1).state, QStringLiteral("rejected"));
    // The refused batch is not part of the session: the next batch took its batch_seq.
    ASSERT_EQ(m_meta.sessions().size(), 1);
    EXPECT_EQ(m_meta.sessions().first().batchSequences, (QList<int>{1, 2}));
    EXPECT_TRUE(m_meta.sessions().first().closed);
    const auto journal = m_state->journal(first.runId).value();
    ASSERT_EQ(journal.size(), 3);
    EXPECT_EQ(journal.at(1).state, QStringLiteral("rejected"));
    EXPECT_EQ(journal.at(2).batchSequence, 2);
    EXPECT_TRUE(sync(QStringLiteral("m"), now, 100).succeeded());
    EXPECT_TRUE(sameMembers(platformMembers(QStringLiteral("m")), expectedMembers(AudiencePlatform::Meta, now)));
}

// ------------------------------------------------------------------------ a killed process

// Runs activation_sync_child (which SIGKILLs itself mid-sync) against the emulators while this
// thread's event loop serves them.
QProcess::ExitStatus runKilledChild(const QStringList& args, const QHash<QString, QString>& env)
{
    QProcess p;
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    for (auto it = env.cbegin(); it != env.cend(); ++it)
        e.insert(it.key(), it.value());
    p.setProcessEnvironment(e);
    QEventLoop loop;
    QObject::connect(&p, &QProcess::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    p.start(QStringLiteral(SB_TEST_BIN_DIR "/activation_sync_child"), args);
    if (!p.waitForStarted(10000))
        return QProcess::NormalExit;
    loop.exec();
    if (p.state() != QProcess::NotRunning) {
        p.kill();
        p.waitForFinished(5000);
    }
    EXPECT_EQ(p.exitStatus(), QProcess::CrashExit) << "exit code " << p.exitCode() << ": " << p.readAllStandardError().toStdString();
    return p.exitStatus();
}

TEST_F(ActivationSyncTest, SyncsKilledHalfWayAreResumedAndEndExact)
{
    for (const AudiencePlatform platform : {AudiencePlatform::Google, AudiencePlatform::Meta}) {
        const QString name = audiencePlatformKey(platform);
        DestinationConfig c;
        c.name = name;
        c.platform = platform;
        c.accountId = platform == AudiencePlatform::Google ? kCustomer : kAdAccount;
        c.credentialSource = CredentialSource::Environment;
        ASSERT_TRUE(m_state->addDestination(c));
        const QHash<QString, QString> env{
            {QStringLiteral("SEGCTL_GOOGLE_DATAMANAGER_URL"), m_google.baseUrl().toString()},
            {QStringLiteral("SEGCTL_GOOGLE_TOKEN_URL"), m_google.tokenUrl().toString()},
            {QStringLiteral("SEGCTL_META_GRAPH_URL"), m_meta.graphUrl().toString()},
            {QStringLiteral("SEGCTL_GOOGLE_CLIENT_ID"), kClientId},
            {QStringLiteral("SEGCTL_GOOGLE_CLIENT_SECRET"), kClientSecret},
            {QStringLiteral("SEGCTL_GOOGLE_REFRESH_TOKEN"), kRefreshToken},
            {QStringLiteral("SEGCTL_META_ACCESS_TOKEN"), kMetaToken},
        };
        runKilledChild({m_state->path(), name, name, QStringLiteral("2000"), QStringLiteral("200"), QStringLiteral("4")}, env);

        // What the dead process left: a run still "running", the acknowledged batches in the
        // sent set (4, or 5 if the one in flight was acknowledged before the kill), and the
        // platform holding at least those.
        const DestinationConfig d = m_state->destination(name).value();
        const auto left = m_state->history(d.id).value();
        ASSERT_EQ(left.size(), 1);
        EXPECT_EQ(left.first().state, SyncRunState::Running);
        const int sent = sentCount(name);
        EXPECT_TRUE(sent == 800 || sent == 1000) << name.toStdString() << ": " << sent;
        EXPECT_GE(platformMembers(name).size(), sent);
        EXPECT_LT(platformMembers(name).size(), 2000);

        const QList<AudienceRow> now = rows(platform, 0, 2000);
        const AudienceSyncReport resumed = sync(name, now, 200);
        EXPECT_TRUE(resumed.succeeded()) << name.toStdString();
        EXPECT_EQ(resumed.added, 2000 - sent);
        EXPECT_TRUE(sameMembers(platformMembers(name), expectedMembers(platform, now))) << name.toStdString();
        const auto history = m_state->history(d.id).value();
        ASSERT_EQ(history.size(), 2);
        EXPECT_EQ(history.at(1).state, SyncRunState::Interrupted);
        EXPECT_EQ(history.at(1).added, sent);
        EXPECT_EQ(history.at(0).state, SyncRunState::Succeeded);
    }
}

// --------------------------------------------------------------------- DestinationSyncJob

TEST_F(ActivationSyncTest, SyncJobReadsKeychainCredentialsAndKeepsTheRenewedMetaToken)
{
    DestinationConfig c = addDestination(QStringLiteral("m"), AudiencePlatform::Meta);
    MemorySecretStore secrets;
    ASSERT_TRUE(awaitFuture(DestinationCredentialStore(secrets).write(QStringLiteral("m"), credentials(AudiencePlatform::Meta))));
    const auto runJob = [&](const QList<AudienceRow>& now) {
        DestinationSyncJob job(m_state.get(), &secrets, m_endpoints, &m_network, fastPolicy());
        int batches = 0;
        QObject::connect(&job, &DestinationSyncJob::batchFinished, [&batches](const AudienceBatchReport&) { ++batches; });
        job.setBatchRows(50);
        AudienceSyncRequest request;
        request.destinationName = QStringLiteral("m");
        request.segmentId = QStringLiteral("seg-1");
        request.rows = now;
        auto report = awaitFuture(job.start(request));
        EXPECT_TRUE(report) << report.error().toString().toStdString();
        EXPECT_EQ(batches, report ? report.value().batches.size() : -1);
        return report ? report.value() : AudienceSyncReport{};
    };
    EXPECT_TRUE(runJob(rows(AudiencePlatform::Meta, 0, 120)).succeeded());
    const auto stored = awaitFuture(DestinationCredentialStore(secrets).read(QStringLiteral("m")));
    ASSERT_TRUE(stored);
    EXPECT_NE(stored.value().accessToken, kMetaToken); // the exchanged one, for the next run
    EXPECT_EQ(stored.value().appSecret, kAppSecret);
    EXPECT_TRUE(stored.value().accessToken.startsWith(QStringLiteral("EAAG")));

    // The original token is revoked; the next run exchanges the kept one.
    m_meta.expireAccessTokens();
    const AudienceSyncReport next = runJob(rows(AudiencePlatform::Meta, 0, 130));
    EXPECT_TRUE(next.succeeded());
    EXPECT_EQ(next.added, 10);
    EXPECT_EQ(m_meta.tokenExchanges(), 2);
    const QJsonObject exchange = [&] {
        QJsonObject last;
        for (const auto& r : m_meta.requests())
            if (r.path.endsWith(QLatin1String("/oauth/access_token")))
                last = QJsonObject{{QStringLiteral("body"), QString::fromUtf8(r.body)}};
        return last;
    }();
    EXPECT_TRUE(exchange.value(QStringLiteral("body")).toString().contains(QString::fromLatin1(QUrl::toPercentEncoding(stored.value().accessToken))));
    EXPECT_EQ(c.credentialSource, CredentialSource::Keychain);
}

TEST_F(ActivationSyncTest, SyncJobReadsEnvironmentCredentialsAndDryRunsWithoutAny)
{
    DestinationConfig c;
    c.name = QStringLiteral("env");
    c.platform = AudiencePlatform::Google;
    c.accountId = kCustomer;
    c.credentialSource = CredentialSource::Environment;
    ASSERT_TRUE(m_state->addDestination(c));
    AudienceSyncRequest request;
    request.destinationName = QStringLiteral("env");
    request.segmentId = QStringLiteral("seg-4");
    request.rows = rows(AudiencePlatform::Google, 0, 20);

    {
        DestinationSyncJob job(m_state.get(), nullptr, m_endpoints, &m_network, fastPolicy());
        job.setEnvironment(QProcessEnvironment());
        request.dryRun = true;
        const auto plan = awaitFuture(job.start(request));
        ASSERT_TRUE(plan);
        EXPECT_EQ(plan.value().plan.adds.size(), 20);
        EXPECT_TRUE(m_google.requests().isEmpty());
    }
    {
        DestinationSyncJob job(m_state.get(), nullptr, m_endpoints, &m_network, fastPolicy());
        job.setEnvironment(QProcessEnvironment());
        request.dryRun = false;
        const auto missing = awaitFuture(job.start(request));
        ASSERT_FALSE(missing);
        EXPECT_TRUE(missing.error().remediation.contains(QStringLiteral("SEGCTL_GOOGLE_REFRESH_TOKEN")));
    }
    DestinationSyncJob job(m_state.get(), nullptr, m_endpoints, &m_network, fastPolicy());
    QProcessEnvironment env;
    env.insert(QStringLiteral("SEGCTL_GOOGLE_CLIENT_ID"), kClientId);
    env.insert(QStringLiteral("SEGCTL_GOOGLE_CLIENT_SECRET"), kClientSecret);
    env.insert(QStringLiteral("SEGCTL_GOOGLE_REFRESH_TOKEN"), kRefreshToken);
    job.setEnvironment(env);
    const auto report = awaitFuture(job.start(request));
    ASSERT_TRUE(report);
    EXPECT_TRUE(report.value().succeeded());
    EXPECT_EQ(m_google.userListName(report.value().audienceId), QStringLiteral("Segment seg-4"));
    EXPECT_TRUE(sameMembers(platformMembers(QStringLiteral("env")), expectedMembers(AudiencePlatform::Google, request.rows)));
}

// ------------------------------------------------------------------------- no plain identifiers

TEST_F(ActivationSyncTest, NoPlainIdentifierInAnyRequestTheStateFileOrTheLog)
{
    addDestination(QStringLiteral("g"), AudiencePlatform::Google);
    addDestination(QStringLiteral("m"), AudiencePlatform::Meta);
    // Faults too, so error paths write their lines.
    m_google.rejectIdentifierValues({sha(person(3).email)});
    Fault drop;
    drop.kind = Fault::Kind::DropConnection;
    drop.pathContains = QStringLiteral("/users");
    drop.skip = 1;
    m_meta.addFault(drop);
    m_meta.markInvalidValues({sha(person(4).first)});
    ASSERT_FALSE(sync(QStringLiteral("g"), rows(AudiencePlatform::Google, 0, 300), 100).succeeded());
    ASSERT_FALSE(sync(QStringLiteral("m"), rows(AudiencePlatform::Meta, 0, 300), 100).succeeded());
    ASSERT_TRUE(sync(QStringLiteral("m"), rows(AudiencePlatform::Meta, 0, 200), 100).state != SyncRunState::Running);

    const QByteArray sent = m_google.everythingReceived() + m_meta.everythingReceived();
    const QByteArray state = stateBytes();
    const QByteArray log = logText();
    ASSERT_FALSE(log.isEmpty());
    ASSERT_TRUE(sent.contains(sha(person(10).email).toLatin1())); // the check can see what is there
    for (int i = 0; i < 300; i += 7) {
        const Person p = person(i);
        for (const QString& plain : {p.email, p.phone, QString(p.phone).remove(QLatin1Char('+')), p.first, p.last, p.city}) {
            const QByteArray needle = plain.toUtf8();
            EXPECT_FALSE(sent.contains(needle)) << "request carries " << plain.toStdString();
            EXPECT_FALSE(state.contains(needle)) << "state file holds " << plain.toStdString();
            EXPECT_FALSE(log.contains(needle)) << "log holds " << plain.toStdString();
        }
    }
    // Nor a secret in the state file or the log.
    for (const QString& secret : {kClientSecret, kRefreshToken, kMetaToken, kAppSecret}) {
        EXPECT_FALSE(state.contains(secret.toUtf8())) << secret.toStdString();
        EXPECT_FALSE(log.contains(secret.toUtf8())) << secret.toStdString();
    }
}

// ---------------------------------------------------------------------- pieces on their own

TEST(ActivationSyncPieces, GoogleErrorsAreDecoded)
{
    const QByteArray body =
        R"({"error":{"code":400,"message":"There was a problem with the request.","status":"INVALID_ARGUMENT","details":[)"
        R"({"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"INVALID_ARGUMENT","domain":"datamanager.googleapis.com"},)"
        R"({"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[)"
        R"({"field":"audience_members.audience_members[3].user_data.user_identifiers","reason":"INVALID_HEX_ENCODING"},)"
        R"({"field":"audience_members.audience_members[17]","reason":"INVALID_SHA256_FORMAT"}]}]}})";
    const GoogleErrorBody parsed = GoogleErrorBody::parse(body);
    EXPECT_EQ(parsed.status, QStringLiteral("INVALID_ARGUMENT"));
    EXPECT_EQ(parsed.violatingMemberIndexes(), (QList<int>{3, 17}));
    const GoogleApiErrors google;
    const Error e = google.fromHttp(400, body, QStringLiteral("add members"));
    EXPECT_EQ(e.kind, ErrorKind::Remote);
    EXPECT_EQ(e.code, QStringLiteral("INVALID_ARGUMENT"));
    EXPECT_TRUE(e.detail.contains(QStringLiteral("INVALID_HEX_ENCODING")));
    const QByteArray exhausted = R"({"error":{"code":429,"message":"Quota","status":"RESOURCE_EXHAUSTED"}})";
    EXPECT_TRUE(google.isThrottled(429, exhausted));
    EXPECT_FALSE(google.isCredentialRejected(429, exhausted));
    EXPECT_TRUE(google.isCredentialRejected(401, R"({"error":{"code":401,"status":"UNAUTHENTICATED"}})"));
    EXPECT_FALSE(google.isCredentialRejected(403, R"({"error":{"code":403,"status":"PERMISSION_DENIED"}})"));
    EXPECT_EQ(google.fromHttp(403, R"({"error":{"code":403,"status":"PERMISSION_DENIED"}})", QStringLiteral("x")).kind,
              ErrorKind::Permission);
    EXPECT_EQ(google.fromHttp(502, "<html>Bad gateway</html>", QStringLiteral("x")).kind, ErrorKind::Http);
}

TEST(ActivationSyncPieces, MetaErrorsAreDecodedByCodeWhateverTheStatus)
{
    const MetaApiErrors meta;
    const QByteArray expired =
        R"({"error":{"message":"Error validating access token","type":"OAuthException","code":190,"error_subcode":463,"fbtrace_id":"AbC"}})";
    EXPECT_TRUE(meta.isCredentialRejected(400, expired));
    const Error e = meta.fromHttp(400, expired, QStringLiteral("add people"));
    EXPECT_EQ(e.kind, ErrorKind::Auth);
    EXPECT_EQ(e.code, QStringLiteral("190/463"));
    EXPECT_TRUE(e.detail.contains(QStringLiteral("fbtrace_id AbC")));
    const QByteArray throttled = R"({"error":{"message":"too many calls","type":"OAuthException","code":80003}})";
    EXPECT_TRUE(meta.isThrottled(400, throttled));
    EXPECT_FALSE(meta.isCredentialRejected(400, throttled)); // an OAuthException that is not about the token
    EXPECT_TRUE(meta.isThrottled(400, R"({"error":{"code":17,"message":"User request limit reached"}})"));
    EXPECT_TRUE(meta.isTransient(500, R"({"error":{"code":2,"is_transient":true}})"));
    EXPECT_EQ(meta.fromHttp(400, R"({"error":{"code":100,"message":"(#100) Invalid parameter"}})", QStringLiteral("x")).kind,
              ErrorKind::Remote);
    EXPECT_EQ(meta.fromHttp(400, R"({"error":{"code":200,"message":"Permissions error"}})", QStringLiteral("x")).kind,
              ErrorKind::Permission);
}

TEST(ActivationSyncPieces, EndpointsComeFromTheEnvironmentAndRefusePlainHttpElsewhere)
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("SEGCTL_GOOGLE_DATAMANAGER_URL"), QStringLiteral("http://127.0.0.1:8123"));
    env.insert(QStringLiteral("SEGCTL_META_GRAPH_URL"), QStringLiteral("https://graph.example.test/v22.0"));
    const auto endpoints = DestinationEndpoints::fromEnvironment(env);
    ASSERT_TRUE(endpoints);
    EXPECT_EQ(endpoints.value().googleDataManager, QUrl(QStringLiteral("http://127.0.0.1:8123")));
    EXPECT_EQ(endpoints.value().googleToken, QUrl(QStringLiteral("https://oauth2.googleapis.com/token")));
    EXPECT_EQ(endpoints.value().metaTokenEndpoint(), QUrl(QStringLiteral("https://graph.example.test/v22.0/oauth/access_token")));
    env.insert(QStringLiteral("SEGCTL_GOOGLE_TOKEN_URL"), QStringLiteral("http://tokens.example.test/token"));
    const auto bad = DestinationEndpoints::fromEnvironment(env);
    ASSERT_FALSE(bad);
    EXPECT_TRUE(bad.error().userMessage.contains(QStringLiteral("SEGCTL_GOOGLE_TOKEN_URL")));
}

TEST(ActivationSyncPieces, CredentialsLiveInTheSecretStoreUnderTheDestinationsName)
{
    MemorySecretStore secrets;
    DestinationCredentialStore store(secrets);
    DestinationCredentials c;
    c.accessToken = QStringLiteral("EAAtoken");
    c.appId = QStringLiteral("1");
    c.appSecret = QStringLiteral("s");
    ASSERT_TRUE(awaitFuture(store.write(QStringLiteral("Meta EU"), c)));
    EXPECT_TRUE(secrets.contains(QStringLiteral("ad-destination/meta eu")));
    const auto back = awaitFuture(store.read(QStringLiteral("meta eu")));
    ASSERT_TRUE(back);
    EXPECT_EQ(back.value().accessToken, c.accessToken);
    EXPECT_TRUE(back.value().check(AudiencePlatform::Meta));
    EXPECT_FALSE(back.value().check(AudiencePlatform::Google));
    ASSERT_TRUE(awaitFuture(store.remove(QStringLiteral("Meta EU"))));
    const auto gone = awaitFuture(store.read(QStringLiteral("Meta EU")));
    ASSERT_FALSE(gone);
    EXPECT_EQ(gone.error().kind, ErrorKind::NotFound);
}

TEST(ActivationSyncPieces, StateSurvivesReopeningAndKeepsNamesUnique)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a/activation.sqlite"));
    qint64 id = 0;
    {
        auto state = AudienceSyncState::open(path);
        ASSERT_TRUE(state);
        DestinationConfig c;
        c.name = QStringLiteral("Google EU");
        c.platform = AudiencePlatform::Google;
        c.accountId = QStringLiteral("1112223334");
        auto saved = state.value()->addDestination(c);
        ASSERT_TRUE(saved);
        id = saved.value().id;
        c.name = QStringLiteral("google eu");
        const auto twice = state.value()->addDestination(c);
        ASSERT_FALSE(twice);
        EXPECT_EQ(twice.error().kind, ErrorKind::Conflict);
        c.name = QStringLiteral("../bad name!");
        EXPECT_FALSE(state.value()->addDestination(c));
        const auto run = state.value()->beginRun(id, QStringLiteral("s"), 1, 0);
        SyncBatchRecord b;
        b.sequence = 1;
        b.rows = 1;
        b.accepted = 1;
        b.state = QStringLiteral("acknowledged");
        ASSERT_TRUE(state.value()->recordBatch(run.value(), id, b, {SentRow{QByteArray(32, 'x'), {QStringLiteral("v")}}}));
        ASSERT_TRUE(state.value()->finishRun(run.value(), SyncRunState::Succeeded, {}));
    }
    auto state = AudienceSyncState::open(path);
    ASSERT_TRUE(state);
    EXPECT_EQ(state.value()->destination(QStringLiteral("GOOGLE EU")).value().id, id);
    EXPECT_EQ(state.value()->sentCount(id).value(), 1);
    EXPECT_EQ(state.value()->sentRows(id, {QByteArray(32, 'x')}).value().first().values, QStringList{QStringLiteral("v")});
    EXPECT_EQ(state.value()->history(id).value().first().added, 1);
    const auto missing = state.value()->destination(QStringLiteral("nope"));
    ASSERT_FALSE(missing);
    EXPECT_TRUE(missing.error().remediation.contains(QStringLiteral("Google EU")));
    ASSERT_TRUE(state.value()->removeDestination(QStringLiteral("google eu")));
    EXPECT_EQ(state.value()->sentCount(id).value(), 0); // the sent set and history went with it
    EXPECT_TRUE(state.value()->history(id).value().isEmpty());
}

TEST(ActivationSyncPieces, AccountIdsAreNormalised)
{
    EXPECT_EQ(DestinationConfig::normaliseAccountId(AudiencePlatform::Google, QStringLiteral("123-456-7890")).value(),
              QStringLiteral("1234567890"));
    EXPECT_FALSE(DestinationConfig::normaliseAccountId(AudiencePlatform::Google, QStringLiteral("12345")));
    EXPECT_EQ(DestinationConfig::normaliseAccountId(AudiencePlatform::Meta, QStringLiteral("act_998877")).value(),
              QStringLiteral("998877"));
    EXPECT_FALSE(DestinationConfig::normaliseAccountId(AudiencePlatform::Meta, QStringLiteral("act_x")));
}

// ------------------------------------------------------------------- segctl destinations ...

namespace {

// segctl with a private home (data, config, logs), no keychain reachable (no session bus), the
// given extra environment and standard input; the test's event loop keeps running meanwhile.
SegctlRun runSegctlIn(const QString& home, const QStringList& args, const QHash<QString, QString>& extra = {},
                      const QByteArray& input = {})
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString& key : env.keys()) {
        if (key.startsWith(QLatin1String("SEGCTL_")))
            env.remove(key);
    }
    env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), QDir(home).filePath(QStringLiteral("no-runtime")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), QDir(home).filePath(QStringLiteral("xdg-data")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), QDir(home).filePath(QStringLiteral("xdg-config")));
    env.insert(QStringLiteral("USER"), QStringLiteral("cli-tester"));
    env.remove(QStringLiteral("QT_LOGGING_RULES"));
    for (auto it = extra.cbegin(); it != extra.cend(); ++it)
        env.insert(it.key(), it.value());
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(home);
    QEventLoop loop;
    QObject::connect(&p, &QProcess::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    p.start(QStringLiteral(SB_BIN_DIR "/segctl"), args);
    if (!p.waitForStarted(10000)) {
        ADD_FAILURE() << "segctl did not start";
        return {};
    }
    p.write(input);
    p.closeWriteChannel();
    if (p.state() != QProcess::NotRunning)
        loop.exec();
    if (p.state() != QProcess::NotRunning) {
        p.kill();
        p.waitForFinished(5000);
        ADD_FAILURE() << "segctl did not finish: " << args.join(QLatin1Char(' ')).toStdString();
    }
    SegctlRun r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QString dataDirOf(const QString& home)
{
    return QDir(home).filePath(QStringLiteral("xdg-data/SegmentBuilder/segment-builder"));
}

QByteArray everythingUnder(const QString& dir)
{
    QByteArray out;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        out += fileBytes(it.next());
    return out;
}

const QHash<QString, QString> kGoogleEnv{{QStringLiteral("SEGCTL_GOOGLE_CLIENT_ID"), kClientId},
                                         {QStringLiteral("SEGCTL_GOOGLE_CLIENT_SECRET"), kClientSecret},
                                         {QStringLiteral("SEGCTL_GOOGLE_REFRESH_TOKEN"), kRefreshToken}};

} // namespace

TEST(SegctlDestinations, AddListHistoryRemoveWithCredentialsFromTheEnvironment)
{
    QTemporaryDir home;
    const QString h = home.path();
    SegctlRun r = runSegctlIn(h, {QStringLiteral("destinations"), QStringLiteral("add"), QStringLiteral("google"),
                                  QStringLiteral("Google EU"), QStringLiteral("--account"), QStringLiteral("123-456-7890"),
                                  QStringLiteral("--audience-name"), QStringLiteral("Buyers EU"),
                                  QStringLiteral("--credentials-from-env")},
                              kGoogleEnv);
    expectOk(r);
    EXPECT_TRUE(r.outText().contains(QStringLiteral("Added destination Google EU"))) << r;
    r = runSegctlIn(h, {QStringLiteral("destinations"), QStringLiteral("add"), QStringLiteral("meta"), QStringLiteral("fb"),
                        QStringLiteral("--account"), QStringLiteral("act_99887766"), QStringLiteral("--credentials-from-env")},
                    {{QStringLiteral("SEGCTL_META_ACCESS_TOKEN"), kMetaToken}});
    expectOk(r);

    r = runSegctlIn(h, {QStringLiteral("destinations"), QStringLiteral("list")});
    expectOk(r);
    EXPECT_TRUE(r.outText().contains(QStringLiteral("123-456-7890"))) << r;
    EXPECT_TRUE(r.outText().contains(QStringLiteral("act_99887766"))) << r;
    EXPECT_TRUE(r.outText().contains(QStringLiteral("never"))) << r;
    r = runSegctlIn(h, {QStringLiteral("destinations"), QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("json")});
    expectOk(r);
    const QJsonArray listed = QJsonDocument::fromJson(r.out).array();
    ASSERT_EQ(listed.size(), 2) << r;
    EXPECT_EQ(listed.at(1).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("Google EU"));
    EXPECT_EQ(listed.at(1).toObject().value(QStringLiteral("account_id")).toString(), QStringLiteral("1234567890"));
    EXPECT_EQ(listed.at(1).toObject().value(QStringLiteral("credentials")).toString(), QStringLiteral("environment"));
    EXPECT_EQ(listed.at(0).toObject().value(QStringLiteral("platform")).toString(), QStringLiteral("meta"));

    // A sync through core against the emulator writes the history segctl shows.
    {
        adplatform::GoogleDataManagerEmulator google;
        ASSERT_TRUE(google.listen());
        google.addOAuthClient(kClientId, kClientSecret);
        google.addRefreshToken(kRefreshToken);
        google.addCustomer(kCustomer);
        auto state = AudienceSyncState::open(QDir(dataDirOf(h)).filePath(QStringLiteral("activation.sqlite")));
        ASSERT_TRUE(state);
        DestinationEndpoints endpoints;
        endpoints.googleDataManager = google.baseUrl();
        endpoints.googleToken = google.tokenUrl();
        QNetworkAccessManager network;
        auto config = state.value()->destination(QStringLiteral("google eu"));
        ASSERT_TRUE(config);
        auto credentials = DestinationCredentials::fromEnvironment(AudiencePlatform::Google, [] {
            QProcessEnvironment env;
            for (auto it = kGoogleEnv.cbegin(); it != kGoogleEnv.cend(); ++it)
                env.insert(it.key(), it.value());
            return env;
        }());
        auto destination = DestinationFactory::create(config.value(), credentials, endpoints, &network, fastPolicy());
        ASSERT_TRUE(destination);
        AudienceSync sync(state.value().get(), destination.value().get());
        AudienceSyncRequest request;
        request.destinationName = QStringLiteral("Google EU");
        request.segmentId = QStringLiteral("seg-9");
        request.rows = rows(AudiencePlatform::Google, 0, 42);
        const auto report = awaitFuture(sync.run(request));
        ASSERT_TRUE(report && report.value().succeeded());
        EXPECT_EQ(google.userListName(report.value().audienceId), QStringLiteral("Buyers EU"));
    }
    r = runSegctlIn(h, {QStringLiteral("destinations"), QStringLiteral("history"), QStringLiteral("Google EU"),
                        QStringLiteral("--format"), QStringLiteral("json")});
    expectOk(r);
    const QJsonArray runs = QJsonDocument::fromJson(r.out).array();
    ASSERT_EQ(runs.size(), 1) << r;
    EXPECT_EQ(runs.first().toObject().value(QStringLiteral("state")).toString(), QStringLiteral("succeeded"));
    EXPECT_EQ(runs.first().toObject().value(QStringLiteral("added")).toInt(), 42);
    EXPECT_EQ(runs.first().toObject().value(QStringLiteral("segment_id")).toString(), QStringLiteral("seg-9"));
    r = runSegctlIn(h, {QStringLiteral("destinations"), QStringLiteral("history"), QStringLiteral("Google EU")});
    expectOk(r);
    EXPECT_TRUE(r.outText().contains(QStringLiteral("succeeded"))) << r;
    EXPECT_TRUE(r.outText().contains(QStringLiteral("42/42"))) << r;
    r = runSegctlIn(h, {QStringLiteral("destinations"), QStringLiteral("list")});
    EXPECT_TRUE(r.outText().contains(QStringLiteral("seg-9"))) << r;

    // No secret anywhere segctl wrote, nor on its output.
    const QByteArray written = everythingUnder(dataDirOf(h));
    for (const QString& secret : {kClientSecret, kRefreshToken, kMetaToken}) {
        EXPECT_FALSE(written.contains(secret.toUtf8())) << secret.toStdString();
        EXPECT_FALSE(r.out.contains(secret.toUtf8()));
    }

    r = runSegctlIn(h, {QStringLiteral("destinations"), QStringLiteral("remove"), QStringLiteral("Google EU")});
    expectOk(r);
    EXPECT_TRUE(r.outText().contains(QStringLiteral("stays"))) << r; // the platform audience is not deleted
    r = runSegctlIn(h, {QStringLiteral("destinations"), QStringLiteral("history"), QStringLiteral("Google EU")});
    expectError(r, 2, QStringLiteral("fb")); // names the known destinations
    r = runSegctlIn(h, {QStringLiteral("destinations"), QStringLiteral("remove"), QStringLiteral("Google EU")});
    expectError(r, 2);
}

TEST(SegctlDestinations, BadInputIsAOneLineErrorAndAddsNothing)
{
    QTemporaryDir home;
    const QString h = home.path();
    const QStringList add{QStringLiteral("destinations"), QStringLiteral("add")};
    // No credentials: names the variables, not their values.
    SegctlRun r = runSegctlIn(h, add + QStringList{QStringLiteral("google"), QStringLiteral("g"), QStringLiteral("--account"),
                                                   QStringLiteral("1234567890"), QStringLiteral("--credentials-from-env")});
    expectError(r, 2, QStringLiteral("SEGCTL_GOOGLE_REFRESH_TOKEN"));
    // No keychain here: nothing is added, and the way out is named.
    r = runSegctlIn(h, add + QStringList{QStringLiteral("google"), QStringLiteral("g"), QStringLiteral("--account"),
                                         QStringLiteral("1234567890")},
                    kGoogleEnv);
    expectError(r, 3, QStringLiteral("--credentials-from-env"));
    EXPECT_FALSE(r.err.contains(kRefreshToken.toUtf8()));
    r = runSegctlIn(h, add + QStringList{QStringLiteral("tiktok"), QStringLiteral("t"), QStringLiteral("--account"),
                                         QStringLiteral("1")});
    expectError(r, 1, QStringLiteral("google or meta"));
    r = runSegctlIn(h, add + QStringList{QStringLiteral("google"), QStringLiteral("g"), QStringLiteral("--account"),
                                         QStringLiteral("12-34"), QStringLiteral("--credentials-from-env")},
                    kGoogleEnv);
    expectError(r, 2, QStringLiteral("10 digits"));
    r = runSegctlIn(h, add + QStringList{QStringLiteral("meta"), QStringLiteral("../etc"), QStringLiteral("--account"),
                                         QStringLiteral("act_1"), QStringLiteral("--credentials-from-env")},
                    {{QStringLiteral("SEGCTL_META_ACCESS_TOKEN"), kMetaToken}});
    expectError(r, 2, QStringLiteral("destination name"));
    r = runSegctlIn(h, add + QStringList{QStringLiteral("meta"), QStringLiteral("m"), QStringLiteral("--account"),
                                         QStringLiteral("act_1"), QStringLiteral("--token-stdin"),
                                         QStringLiteral("--credentials-from-env")},
                    {}, kMetaToken.toUtf8() + '\n');
    expectError(r, 1, QStringLiteral("--credentials-from-env"));
    // Empty standard input for --token-stdin.
    r = runSegctlIn(h, add + QStringList{QStringLiteral("meta"), QStringLiteral("m"), QStringLiteral("--account"),
                                         QStringLiteral("act_1"), QStringLiteral("--token-stdin")});
    expectError(r, 2, QStringLiteral("standard input"));

    r = runSegctlIn(h, {QStringLiteral("destinations"), QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("json")});
    expectOk(r);
    EXPECT_TRUE(QJsonDocument::fromJson(r.out).array().isEmpty()) << r;

    // A name taken (case-insensitively) is a conflict.
    r = runSegctlIn(h, add + QStringList{QStringLiteral("meta"), QStringLiteral("Main"), QStringLiteral("--account"),
                                         QStringLiteral("act_1"), QStringLiteral("--credentials-from-env")},
                    {{QStringLiteral("SEGCTL_META_ACCESS_TOKEN"), kMetaToken}});
    expectOk(r);
    r = runSegctlIn(h, add + QStringList{QStringLiteral("meta"), QStringLiteral("main"), QStringLiteral("--account"),
                                         QStringLiteral("act_2"), QStringLiteral("--credentials-from-env")},
                    {{QStringLiteral("SEGCTL_META_ACCESS_TOKEN"), kMetaToken}});
    expectError(r, 4, QStringLiteral("already exists"));
    // Nor a token in the log.
    EXPECT_FALSE(everythingUnder(dataDirOf(h)).contains(kMetaToken.toUtf8()));
}

TEST(ActivationSyncPieces, PlanIsTheDifferenceBothWaysInRowOrder)
{
    // Sent: rows 0..9999. Now: 5000..14999 with 10000..14999 new, row 7000 twice, 100 rows of
    // nothing but Country and Zip (Google matches no one on those).
    std::vector<RowDigest> sent;
    for (int i = 0; i < 10000; ++i)
        sent.push_back(AudienceDelta::digestOf(googleRow(i)));
    QList<AudienceRow> now = rows(AudiencePlatform::Google, 5000, 15000);
    now.insert(3, googleRow(7000));
    for (int i = 0; i < 100; ++i)
        now.append(AudienceRow{QString(), {QString(), QString(), QString(), QString(), QStringLiteral("US"), QStringLiteral("1")}});
    const AudienceSyncPlan plan =
        AudienceSyncPlan::compute(now, sent, GoogleDataManagerDestination::sendable, 1000);
    EXPECT_EQ(plan.rowsNow, 10101);
    EXPECT_EQ(plan.skipped, 100);
    EXPECT_EQ(plan.duplicates, 1);
    EXPECT_EQ(plan.alreadySent, 5000);
    ASSERT_EQ(plan.adds.size(), 5000);
    EXPECT_EQ(plan.adds.first().userId, QStringLiteral("u10000")); // in the order given
    EXPECT_EQ(plan.adds.last().userId, QStringLiteral("u14999"));
    ASSERT_EQ(plan.removes.size(), 5000);
    EXPECT_TRUE(std::is_sorted(plan.removes.cbegin(), plan.removes.cend()));
    QSet<QByteArray> expectedRemoves;
    for (int i = 0; i < 5000; ++i)
        expectedRemoves.insert(googleRow(i).digest());
    EXPECT_EQ(QSet<QByteArray>(plan.removes.cbegin(), plan.removes.cend()), expectedRemoves);
    EXPECT_EQ(plan.addBatches(), 5);
    EXPECT_EQ(plan.sizeAfter(), 10000);
    // Nothing sent before, nothing now.
    EXPECT_TRUE(AudienceSyncPlan::compute({}, {}, GoogleDataManagerDestination::sendable, 10).isEmpty());
}

// ---------------------------------------------------------- segctl audiences export | sync ...

namespace {

const QString kEndDate = QStringLiteral("2026-09-30");

// A segment of the demo workspace's people in four countries (some 800 members with 3,000
// people), and the same segment edited: one country swapped for another.
QByteArray segmentJson(const QStringList& countries, const QString& id = {}, int version = 0)
{
    QJsonObject o{{QStringLiteral("advertiser_id"), QStringLiteral("adv-pixel")},
                  {QStringLiteral("name"), QStringLiteral("Activation buyers")},
                  {QStringLiteral("status"), QStringLiteral("active")},
                  {QStringLiteral("definition"),
                   QJsonObject{{QStringLiteral("schema_version"), 1},
                               {QStringLiteral("root"),
                                QJsonObject{{QStringLiteral("op"), QStringLiteral("and")},
                                            {QStringLiteral("children"),
                                             QJsonArray{QJsonObject{{QStringLiteral("dimension"), QStringLiteral("country")},
                                                                    {QStringLiteral("values"), QJsonArray::fromStringList(countries)}}}}}}}}};
    if (!id.isEmpty()) {
        o.insert(QStringLiteral("segment_id"), id);
        o.insert(QStringLiteral("version"), version);
    }
    return QJsonDocument(o).toJson();
}

// An audience file read back: its header line and its records (hashes, Google's Country and
// Zip; no cell of the file is quoted).
struct AudienceFile
{
    QByteArray header;
    QList<QStringList> rows;
};

AudienceFile readAudienceFile(const QString& path)
{
    AudienceFile out;
    const QByteArray bytes = fileBytes(path);
    EXPECT_TRUE(bytes.endsWith("\r\n")) << path.toStdString();
    QList<QByteArray> lines = bytes.split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QByteArray line = lines.at(i);
        EXPECT_TRUE(line.endsWith('\r')) << "line " << i + 1;
        line.chop(1);
        EXPECT_FALSE(line.contains('"')) << "line " << i + 1;
        if (i == 0)
            out.header = line;
        else
            out.rows.append(QString::fromUtf8(line).split(QLatin1Char(',')));
    }
    return out;
}

// A file's distinct rows (a sync sends rows with the same values once), as their text.
QSet<QString> distinctRows(const QList<QStringList>& rows)
{
    QSet<QString> out;
    for (const QStringList& r : rows)
        out.insert(r.join(QLatin1Char(',')));
    return out;
}

QList<QStringList> rowsOf(const QSet<QString>& rows)
{
    QList<QStringList> out;
    for (const QString& r : rows)
        out.append(r.split(QLatin1Char(',')));
    return out;
}

QString memberKeyOf(AudiencePlatform platform, const QStringList& values)
{
    return platform == AudiencePlatform::Google ? adplatform::GoogleDataManagerEmulator::memberKey(values)
                                                : adplatform::MetaMarketingEmulator::memberKey(values);
}

QSet<QString> memberKeys(AudiencePlatform platform, const QList<QStringList>& rows)
{
    QSet<QString> out;
    for (const QStringList& r : rows)
        out.insert(memberKeyOf(platform, r));
    return out;
}

// The members the recorded requests added (Google :ingest, Meta POST /users) or removed
// (Google :remove, Meta DELETE /users), as the emulator keys them.
QSet<QString> sentMembers(AudiencePlatform platform, const QList<adplatform::RecordedRequest>& requests, bool add)
{
    QSet<QString> out;
    for (const auto& r : requests) {
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        if (platform == AudiencePlatform::Google) {
            if (r.method != QLatin1String("POST") || !r.path.endsWith(add ? QStringLiteral(":ingest") : QStringLiteral(":remove")))
                continue;
            for (const QJsonValue& m : body.value(QStringLiteral("audienceMembers")).toArray()) {
                QStringList v(6);
                for (const QJsonValue& id :
                     m.toObject().value(QStringLiteral("userData")).toObject().value(QStringLiteral("userIdentifiers")).toArray()) {
                    const QJsonObject o = id.toObject();
                    if (o.contains(QStringLiteral("emailAddress")))
                        v[0] = o.value(QStringLiteral("emailAddress")).toString();
                    if (o.contains(QStringLiteral("phoneNumber")))
                        v[1] = o.value(QStringLiteral("phoneNumber")).toString();
                    const QJsonObject a = o.value(QStringLiteral("address")).toObject();
                    if (!a.isEmpty()) {
                        v[2] = a.value(QStringLiteral("givenName")).toString();
                        v[3] = a.value(QStringLiteral("familyName")).toString();
                        v[4] = a.value(QStringLiteral("regionCode")).toString();
                        v[5] = a.value(QStringLiteral("postalCode")).toString();
                    }
                }
                out.insert(adplatform::GoogleDataManagerEmulator::memberKey(v));
            }
        } else {
            if (r.method != (add ? QLatin1String("POST") : QLatin1String("DELETE")) || !r.path.endsWith(QLatin1String("/users")))
                continue;
            const QJsonObject payload = body.value(QStringLiteral("payload")).toObject();
            QStringList schema;
            for (const QJsonValue& s : payload.value(QStringLiteral("schema")).toArray())
                schema.append(s.toString());
            for (const QJsonValue& row : payload.value(QStringLiteral("data")).toArray()) {
                QStringList values;
                for (const QJsonValue& v : row.toArray())
                    values.append(v.toString());
                out.insert(adplatform::MetaMarketingEmulator::memberKey(schema, values));
            }
        }
    }
    return out;
}

qint64 preflightFigure(const SegctlRun& r, const QString& label)
{
    const QRegularExpression re(QRegularExpression::escape(label) + QStringLiteral(R"(\s+([\d,]+))"));
    const QRegularExpressionMatch m = re.match(r.outText());
    EXPECT_TRUE(m.hasMatch()) << label.toStdString() << "\n" << r;
    return m.hasMatch() ? m.captured(1).remove(QLatin1Char(',')).toLongLong() : -1;
}

// segctl on a local demo workspace (3,000 people, 40 days) with a segment of its own, and the
// two ad-platform emulators in this process.
class SegctlAudiencesTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_home.isValid());
        m_workspace = m_home.filePath(QStringLiteral("demo.sqlite"));
        expectOk(segctl({QStringLiteral("demo"), QStringLiteral("--users"), QStringLiteral("3000"), QStringLiteral("--days"),
                         QStringLiteral("40"), QStringLiteral("--end-date"), kEndDate}));
        const QString file = m_home.filePath(QStringLiteral("segment.json"));
        writeFile(file, segmentJson(m_countries));
        const SegctlRun saved = segctl({QStringLiteral("segments"), QStringLiteral("save"), file});
        expectOk(saved);
        m_segment = saved.outText().trimmed();
        ASSERT_FALSE(m_segment.isEmpty());

        ASSERT_TRUE(m_google.listen());
        ASSERT_TRUE(m_meta.listen());
        m_google.addOAuthClient(kClientId, kClientSecret);
        m_google.addRefreshToken(kRefreshToken);
        m_google.addCustomer(kCustomer);
        m_meta.addAdAccount(kAdAccount);
        m_meta.acceptAccessToken(kMetaToken);
    }

    static void writeFile(const QString& path, const QByteArray& bytes)
    {
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(bytes);
    }

    // The credentials and the emulators' endpoints, as a sync reads them.
    QHash<QString, QString> environment() const
    {
        QHash<QString, QString> env = kGoogleEnv;
        env.insert(QStringLiteral("SEGCTL_META_ACCESS_TOKEN"), kMetaToken);
        env.insert(QStringLiteral("SEGCTL_GOOGLE_DATAMANAGER_URL"), m_google.baseUrl().toString());
        env.insert(QStringLiteral("SEGCTL_GOOGLE_TOKEN_URL"), m_google.tokenUrl().toString());
        env.insert(QStringLiteral("SEGCTL_META_GRAPH_URL"), m_meta.graphUrl().toString());
        return env;
    }

    SegctlRun segctl(QStringList args) const
    {
        args << QStringLiteral("--workspace") << m_workspace;
        return runSegctlIn(m_home.path(), args, environment());
    }

    SegctlRun exportFile(AudiencePlatform platform, const QString& path, const QString& segment = {}, bool force = false) const
    {
        QStringList args{QStringLiteral("audiences"), QStringLiteral("export"), QStringLiteral("--segment"),
                         segment.isEmpty() ? m_segment : segment, QStringLiteral("--platform"),
                         core::audiencePlatformKey(platform), QStringLiteral("--output"), path};
        if (force)
            args << QStringLiteral("--force");
        return segctl(args);
    }

    SegctlRun sync(const QString& destination, QStringList more = {}) const
    {
        return segctl(QStringList{QStringLiteral("audiences"), QStringLiteral("sync"), QStringLiteral("--segment"), m_segment,
                                  QStringLiteral("--destination"), destination} +
                      more);
    }

    // Adds destination "google" or "meta" (credentials from the environment).
    void addDestination(AudiencePlatform platform) const
    {
        const bool google = platform == AudiencePlatform::Google;
        expectOk(segctl({QStringLiteral("destinations"), QStringLiteral("add"), core::audiencePlatformKey(platform),
                         core::audiencePlatformKey(platform), QStringLiteral("--account"),
                         google ? QStringLiteral("123-456-7890") : QStringLiteral("act_") + kAdAccount,
                         QStringLiteral("--credentials-from-env")}));
    }

    QSet<QString> platformMembers(AudiencePlatform platform) const
    {
        if (platform == AudiencePlatform::Google) {
            const QStringList lists = m_google.userListIds(kCustomer);
            return lists.size() == 1 ? m_google.members(lists.first()) : QSet<QString>{};
        }
        const QStringList audiences = m_meta.audienceIds(kAdAccount);
        return audiences.size() == 1 ? m_meta.members(audiences.first()) : QSet<QString>{};
    }

    QList<adplatform::RecordedRequest> requests(AudiencePlatform platform) const
    {
        return platform == AudiencePlatform::Google ? m_google.requests() : m_meta.requests();
    }

    void clearRequests(AudiencePlatform platform)
    {
        if (platform == AudiencePlatform::Google)
            m_google.clearRequests();
        else
            m_meta.clearRequests();
    }

    // Saves the segment with other countries (version 1 → 2).
    void editSegment(const QStringList& countries, int version)
    {
        const QString file = m_home.filePath(QStringLiteral("segment.json"));
        writeFile(file, segmentJson(countries, m_segment, version));
        expectOk(segctl({QStringLiteral("segments"), QStringLiteral("save"), file}));
    }

    QTemporaryDir m_home;
    QString m_workspace;
    QString m_segment;
    const QStringList m_countries{QStringLiteral("US"), QStringLiteral("GB"), QStringLiteral("DE"), QStringLiteral("CA")};
    adplatform::GoogleDataManagerEmulator m_google;
    adplatform::MetaMarketingEmulator m_meta;
};

} // namespace

TEST_F(SegctlAudiencesTest, ExportWritesThePlatformsHeaderAndOneHashedRowPerMatchableMember)
{
    const SegctlRun members = segctl({QStringLiteral("segments"), QStringLiteral("members"), m_segment});
    expectOk(members);
    QStringList memberIds = members.outText().split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    ASSERT_FALSE(memberIds.isEmpty());
    memberIds.removeFirst(); // user_id
    ASSERT_GT(memberIds.size(), 300);
    const QSet<QString> memberSet(memberIds.cbegin(), memberIds.cend());
    // The people of the workspace and what the engine makes of the members among them.
    const QList<CustomerIdentifiers> everyone = testsupport::readIdentifiers(m_workspace);
    ASSERT_GT(everyone.size(), 2000);

    for (const AudiencePlatform platform : {AudiencePlatform::Google, AudiencePlatform::Meta}) {
        SCOPED_TRACE(core::audiencePlatformKey(platform).toStdString());
        const QString path = m_home.filePath(core::audiencePlatformKey(platform) + QStringLiteral(".csv"));
        const SegctlRun r = exportFile(platform, path);
        expectOk(r);
        // The pre-flight comes first, then where the rows went.
        EXPECT_TRUE(r.outText().startsWith(audiencePlatformName(platform) + QStringLiteral(" audience — rules: "))) << r;
        EXPECT_EQ(preflightFigure(r, QStringLiteral("Members:")), memberIds.size());
        const qint64 matchable = preflightFigure(r, QStringLiteral("Can be matched (rows):"));
        EXPECT_TRUE(r.outText().contains(QStringLiteral("Wrote %1 rows to %2").arg(QLocale(QLocale::English).toString(matchable),
                                                                                   QDir::toNativeSeparators(path))))
            << r;

        const AudienceFile file = readAudienceFile(path);
        EXPECT_EQ(file.header, platform == AudiencePlatform::Google ? QByteArray("Email,Phone,First Name,Last Name,Country,Zip")
                                                                    : QByteArray("email,phone,fn,ln,ct,st,zip,country,doby"));
        EXPECT_EQ(file.rows.size(), matchable);

        // Exactly the rows the engine makes of the members' identifiers.
        auto normaliser = AudienceNormaliser::forPlatform(platform);
        ASSERT_TRUE(normaliser);
        QStringList expected;
        qint64 withIdentifiers = 0;
        for (const CustomerIdentifiers& p : everyone) {
            if (!memberSet.contains(p.userId))
                continue;
            ++withIdentifiers;
            const NormalisedMember m = normaliser.value().normalise(p);
            if (m.usable)
                expected.append(m.row.values.join(QLatin1Char(',')));
        }
        QStringList actual;
        for (const QStringList& row : file.rows)
            actual.append(row.join(QLatin1Char(',')));
        std::sort(expected.begin(), expected.end());
        std::sort(actual.begin(), actual.end());
        EXPECT_TRUE(actual == expected) << actual.size() << " rows in the file, " << expected.size() << " expected";
        EXPECT_EQ(preflightFigure(r, QStringLiteral("With identifiers:")), withIdentifiers);
        EXPECT_LT(matchable, withIdentifiers) << "the demo has people with nothing to match";
        EXPECT_LT(withIdentifiers, memberIds.size()) << "and members without identifiers";

        // Hashed cells only: 64 lowercase hex digits, or empty; Google's Country and Zip in clear.
        const QRegularExpression sha(QStringLiteral("^[0-9a-f]{64}$"));
        for (const QStringList& row : file.rows) {
            ASSERT_EQ(row.size(), platform == AudiencePlatform::Google ? 6 : 9);
            for (int c = 0; c < row.size(); ++c) {
                if (platform == AudiencePlatform::Google && c == 4) {
                    EXPECT_TRUE(row.at(c).isEmpty() || QRegularExpression(QStringLiteral("^[A-Z]{2}$")).match(row.at(c)).hasMatch());
                } else if (!(platform == AudiencePlatform::Google && c == 5)) {
                    EXPECT_TRUE(row.at(c).isEmpty() || sha.match(row.at(c)).hasMatch()) << row.at(c).toStdString();
                }
            }
        }
        // No plain identifier of anyone in the workspace, in any form the file could hold it.
        const QByteArray bytes = fileBytes(path);
        int checked = 0;
        for (const CustomerIdentifiers& p : everyone) {
            QStringList plain{p.email, p.email.toLower(), p.phone, QString(p.phone).remove(QRegularExpression(QStringLiteral("[^0-9+]"))),
                              p.firstName, p.lastName, p.birthDate};
            if (platform == AudiencePlatform::Meta)
                plain << p.city << p.postalCode; // hashed for Meta, in clear for Google
            static const QRegularExpression hexLike(QStringLiteral("^[0-9a-f]{1,9}$")); // found in hashes by chance
            for (const QString& v : plain) {
                if (v.size() < 4 || hexLike.match(v).hasMatch())
                    continue;
                ++checked;
                ASSERT_FALSE(bytes.contains(v.toUtf8())) << "plain identifier of " << p.userId.toStdString() << " in the file: " << v.toStdString();
            }
        }
        EXPECT_GT(checked, 10000);
    }
}

TEST_F(SegctlAudiencesTest, ATooSmallSegmentBlocksWithExitTwoAndWritesNothingUnlessForced)
{
    const QString file = m_home.filePath(QStringLiteral("small.json"));
    QByteArray json = segmentJson({QStringLiteral("IT")});
    json.replace("Activation buyers", "Activation Italy");
    writeFile(file, json);
    const SegctlRun saved = segctl({QStringLiteral("segments"), QStringLiteral("save"), file});
    expectOk(saved);
    const QString small = saved.outText().trimmed();

    for (const AudiencePlatform platform : {AudiencePlatform::Google, AudiencePlatform::Meta}) {
        SCOPED_TRACE(core::audiencePlatformKey(platform).toStdString());
        const QString path = m_home.filePath(QStringLiteral("small-%1.csv").arg(core::audiencePlatformKey(platform)));
        writeFile(path, "what was there before\n");
        const SegctlRun blocked = exportFile(platform, path, small);
        EXPECT_EQ(blocked.exitCode, 2) << blocked;
        const qint64 matchable = preflightFigure(blocked, QStringLiteral("Can be matched (rows):"));
        EXPECT_GT(matchable, 0);
        EXPECT_LT(matchable, 100);
        EXPECT_TRUE(blocked.outText().contains(QStringLiteral("Blocking: Only %1 of the segment's").arg(matchable))) << blocked;
        EXPECT_TRUE(blocked.err.startsWith("segctl: error: The pre-flight blocks this audience; nothing was written.")) << blocked;
        EXPECT_TRUE(blocked.errText().contains(QStringLiteral("--force"))) << blocked;
        EXPECT_EQ(blocked.err.count('\n'), 1) << blocked;
        EXPECT_EQ(fileBytes(path), QByteArray("what was there before\n")) << "a blocked export leaves the file alone";
        QFile::remove(path);
        EXPECT_EQ(exportFile(platform, path, small).exitCode, 2);
        EXPECT_FALSE(QFile::exists(path)) << "nor makes one";

        const SegctlRun forced = exportFile(platform, path, small, true);
        expectOk(forced);
        EXPECT_TRUE(forced.outText().contains(QStringLiteral("written anyway (--force)"))) << forced;
        EXPECT_EQ(readAudienceFile(path).rows.size(), matchable);
    }

    // The file is written atomically, so never to standard output; a bad platform is a usage error.
    SegctlRun r = segctl({QStringLiteral("audiences"), QStringLiteral("export"), QStringLiteral("--segment"), m_segment,
                          QStringLiteral("--platform"), QStringLiteral("google"), QStringLiteral("--output"), QStringLiteral("-")});
    expectError(r, 1, QStringLiteral("atomically"));
    r = segctl({QStringLiteral("audiences"), QStringLiteral("export"), QStringLiteral("--segment"), m_segment,
                QStringLiteral("--platform"), QStringLiteral("tiktok"), QStringLiteral("--output"), QStringLiteral("x.csv")});
    expectError(r, 1, QStringLiteral("google or meta"));
    r = segctl({QStringLiteral("audiences"), QStringLiteral("export"), QStringLiteral("--segment"), QStringLiteral("no-such-segment"),
                QStringLiteral("--platform"), QStringLiteral("meta"), QStringLiteral("--output"), QStringLiteral("x.csv")});
    expectError(r, 2, QStringLiteral("no-such-segment"));
    EXPECT_FALSE(QFile::exists(m_home.filePath(QStringLiteral("x.csv"))));
    // A sync of a too-small segment is blocked the same way, before anything is sent.
    addDestination(AudiencePlatform::Meta);
    r = segctl({QStringLiteral("audiences"), QStringLiteral("sync"), QStringLiteral("--segment"), small,
                QStringLiteral("--destination"), QStringLiteral("meta")});
    EXPECT_EQ(r.exitCode, 2) << r;
    EXPECT_TRUE(r.errText().contains(QStringLiteral("nothing was sent"))) << r;
    EXPECT_TRUE(m_meta.requests().isEmpty());
}

TEST_F(SegctlAudiencesTest, SyncSendsTheFilesHashesThenOnlyWhatAnEditChanged)
{
    for (const AudiencePlatform platform : {AudiencePlatform::Google, AudiencePlatform::Meta}) {
        SCOPED_TRACE(core::audiencePlatformKey(platform).toStdString());
        const QString name = core::audiencePlatformKey(platform);
        addDestination(platform);
        const QString before = m_home.filePath(name + QStringLiteral("-before.csv"));
        expectOk(exportFile(platform, before));
        const AudienceFile file = readAudienceFile(before);
        const QSet<QString> fileMembers = memberKeys(platform, file.rows);
        ASSERT_GT(fileMembers.size(), 300);

        // A dry run plans everything and sends nothing.
        SegctlRun r = sync(name, {QStringLiteral("--dry-run")});
        expectOk(r);
        EXPECT_TRUE(r.outText().contains(QStringLiteral("%1 to add, 0 to remove, 0 unchanged")
                                             .arg(QLocale(QLocale::English).toString(distinctRows(file.rows).size()))))
            << r;
        EXPECT_TRUE(r.outText().contains(QStringLiteral("Dry run: nothing was sent"))) << r;
        EXPECT_TRUE(requests(platform).isEmpty());

        // The first sync: the platform ends holding exactly the file's rows, in batches of 200.
        r = sync(name, {QStringLiteral("--batch-rows"), QStringLiteral("200")});
        expectOk(r);
        EXPECT_TRUE(r.outText().contains(QStringLiteral("to be created"))) << r;
        EXPECT_TRUE(r.outText().contains(QStringLiteral("Batch 1 (add, 200 rows): acknowledged"))) << r;
        EXPECT_TRUE(r.outText().contains(QStringLiteral("Synced %1").arg(name))) << r;
        EXPECT_TRUE(sameMembers(platformMembers(platform), fileMembers));
        EXPECT_EQ(sentMembers(platform, requests(platform), true), fileMembers) << "the file's hashes, and only those";
        EXPECT_TRUE(sentMembers(platform, requests(platform), false).isEmpty());
        const QByteArray received = platform == AudiencePlatform::Google ? m_google.everythingReceived() : m_meta.everythingReceived();
        for (const CustomerIdentifiers& p : testsupport::readIdentifiers(m_workspace)) {
            if (p.email.size() > 3) {
                ASSERT_FALSE(received.contains(p.email.toUtf8())) << "no plain e-mail sent";
            }
        }

        // Nothing changed: nothing is sent.
        clearRequests(platform);
        r = sync(name);
        expectOk(r);
        EXPECT_TRUE(r.outText().contains(QStringLiteral("Nothing to send"))) << r;
        EXPECT_TRUE(sentMembers(platform, requests(platform), true).isEmpty());
        EXPECT_TRUE(sentMembers(platform, requests(platform), false).isEmpty());
    }

    // The segment edited: Canada out, France in. Each platform gets just the difference.
    editSegment({QStringLiteral("US"), QStringLiteral("GB"), QStringLiteral("DE"), QStringLiteral("FR")}, 1);
    for (const AudiencePlatform platform : {AudiencePlatform::Google, AudiencePlatform::Meta}) {
        SCOPED_TRACE(core::audiencePlatformKey(platform).toStdString());
        const QString name = core::audiencePlatformKey(platform);
        const QSet<QString> before = distinctRows(readAudienceFile(m_home.filePath(name + QStringLiteral("-before.csv"))).rows);
        const QString afterPath = m_home.filePath(name + QStringLiteral("-after.csv"));
        expectOk(exportFile(platform, afterPath));
        const QSet<QString> after = distinctRows(readAudienceFile(afterPath).rows);
        const QSet<QString> added = QSet<QString>(after).subtract(before);
        const QSet<QString> removed = QSet<QString>(before).subtract(after);
        ASSERT_GT(added.size(), 20);
        ASSERT_GT(removed.size(), 20);

        clearRequests(platform);
        const SegctlRun r = sync(name);
        expectOk(r);
        EXPECT_TRUE(r.outText().contains(QStringLiteral("%1 to add, %2 to remove, %3 unchanged")
                                             .arg(added.size())
                                             .arg(removed.size())
                                             .arg(QLocale(QLocale::English).toString(after.size() - added.size()))))
            << r;
        EXPECT_EQ(sentMembers(platform, requests(platform), true), memberKeys(platform, rowsOf(added)));
        EXPECT_EQ(sentMembers(platform, requests(platform), false), memberKeys(platform, rowsOf(removed)));
        EXPECT_TRUE(sameMembers(platformMembers(platform), memberKeys(platform, rowsOf(after))));
    }
    const SegctlRun history = segctl({QStringLiteral("destinations"), QStringLiteral("history"), QStringLiteral("google"),
                                      QStringLiteral("--format"), QStringLiteral("json")});
    expectOk(history);
    const QJsonArray runs = QJsonDocument::fromJson(history.out).array();
    ASSERT_EQ(runs.size(), 3) << history;
    for (const QJsonValue& run : runs)
        EXPECT_EQ(run.toObject().value(QStringLiteral("state")).toString(), QStringLiteral("succeeded"));
}

TEST_F(SegctlAudiencesTest, AuditListShowsTheSyncRunsBesideTheSegmentsChanges)
{
    addDestination(AudiencePlatform::Google);
    expectOk(sync(QStringLiteral("google")));
    const SegctlRun r = segctl({QStringLiteral("audit"), QStringLiteral("list"), QStringLiteral("--object"), m_segment,
                                QStringLiteral("--format"), QStringLiteral("json")});
    expectOk(r);
    const QJsonArray entries = QJsonDocument::fromJson(r.out).array();
    qsizetype syncs = 0, segmentChanges = 0;
    for (const auto& v : entries) {
        const QJsonObject e = v.toObject();
        if (e.value(QStringLiteral("object_kind")).toString() == QLatin1String("activation_sync")) {
            ++syncs;
            EXPECT_EQ(e.value(QStringLiteral("action")).toString(), QStringLiteral("sync_succeeded"));
            EXPECT_EQ(e.value(QStringLiteral("after")).toObject().value(QStringLiteral("destination")).toString(),
                      QStringLiteral("google"));
            EXPECT_GT(e.value(QStringLiteral("after")).toObject().value(QStringLiteral("added")).toInt(), 300);
        } else {
            ++segmentChanges;
            EXPECT_EQ(e.value(QStringLiteral("object_kind")).toString(), QStringLiteral("segment"));
        }
        EXPECT_EQ(e.value(QStringLiteral("object_id")).toString(), m_segment);
    }
    EXPECT_EQ(syncs, 1) << r;
    EXPECT_GE(segmentChanges, 1) << r;
    EXPECT_EQ(entries.first().toObject().value(QStringLiteral("object_kind")).toString(), QStringLiteral("activation_sync"))
        << "newest first";
}

TEST_F(SegctlAudiencesTest, ASyncWhoseConnectionDropsFailsAndTheNextRunCompletesIt)
{
    for (const AudiencePlatform platform : {AudiencePlatform::Google, AudiencePlatform::Meta}) {
        SCOPED_TRACE(core::audiencePlatformKey(platform).toStdString());
        const QString name = core::audiencePlatformKey(platform);
        addDestination(platform);
        const QString path = m_home.filePath(name + QStringLiteral(".csv"));
        expectOk(exportFile(platform, path));
        const QList<QStringList> fileRows = readAudienceFile(path).rows;
        const QSet<QString> fileMembers = memberKeys(platform, fileRows);

        Fault drop;
        drop.kind = Fault::Kind::DropConnection;
        drop.method = platform == AudiencePlatform::Google ? QString() : QStringLiteral("POST");
        drop.pathContains = platform == AudiencePlatform::Google ? QStringLiteral(":ingest") : QStringLiteral("/users");
        drop.skip = 2;
        drop.remaining = -1; // from the third batch on, every attempt
        (platform == AudiencePlatform::Google ? static_cast<adplatform::AdPlatformEmulator&>(m_google)
                                              : static_cast<adplatform::AdPlatformEmulator&>(m_meta))
            .addFault(drop);
        SegctlRun r = sync(name, {QStringLiteral("--batch-rows"), QStringLiteral("100"), QStringLiteral("--retries"),
                                  QStringLiteral("1")});
        EXPECT_EQ(r.exitCode, 3) << r;
        EXPECT_TRUE(r.outText().contains(QStringLiteral("Batch 2 (add, 100 rows): acknowledged"))) << r;
        EXPECT_TRUE(r.outText().contains(QStringLiteral("Batch 3 (add, 100 rows): failed"))) << r;
        EXPECT_FALSE(r.outText().contains(QStringLiteral("Batch 4 "))) << "a lost connection stops the run\n" << r;
        EXPECT_TRUE(r.outText().contains(QStringLiteral("Sync of %1 failed").arg(name))) << r;
        EXPECT_TRUE(r.err.startsWith("segctl: error: The sync did not finish")) << r;
        EXPECT_TRUE(r.errText().contains(QStringLiteral("Sync again")) &&
                    r.errText().contains(QStringLiteral("`segctl audiences sync --segment %1 --destination \"%2\"`").arg(m_segment, name)))
            << r;
        EXPECT_EQ(r.err.count('\n'), 1) << r;
        EXPECT_EQ(platformMembers(platform).size(), 200);

        (platform == AudiencePlatform::Google ? static_cast<adplatform::AdPlatformEmulator&>(m_google)
                                              : static_cast<adplatform::AdPlatformEmulator&>(m_meta))
            .clearFaults();
        r = sync(name, {QStringLiteral("--batch-rows"), QStringLiteral("100")});
        expectOk(r);
        EXPECT_TRUE(r.outText().contains(QStringLiteral("%1 to add, 0 to remove, 200 unchanged")
                                             .arg(QLocale(QLocale::English).toString(distinctRows(fileRows).size() - 200))))
            << r;
        EXPECT_TRUE(sameMembers(platformMembers(platform), fileMembers));

        const SegctlRun history = segctl({QStringLiteral("destinations"), QStringLiteral("history"), name,
                                          QStringLiteral("--format"), QStringLiteral("json")});
        const QJsonArray runs = QJsonDocument::fromJson(history.out).array();
        ASSERT_EQ(runs.size(), 2) << history;
        EXPECT_EQ(runs.at(0).toObject().value(QStringLiteral("state")).toString(), QStringLiteral("succeeded"));
        EXPECT_EQ(runs.at(1).toObject().value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
    }
}

TEST_F(SegctlAudiencesTest, RowsThePlatformRejectsMakeAPartialSyncThatTheNextOneCompletes)
{
    addDestination(AudiencePlatform::Meta);
    const QString path = m_home.filePath(QStringLiteral("meta.csv"));
    expectOk(exportFile(AudiencePlatform::Meta, path));
    const QList<QStringList> rows = readAudienceFile(path).rows;
    QString rejected; // an e-mail hash Meta will call invalid
    for (const QStringList& row : rows) {
        if (!row.at(0).isEmpty()) {
            rejected = row.at(0);
            break;
        }
    }
    ASSERT_FALSE(rejected.isEmpty());
    m_meta.markInvalidValues({rejected});
    SegctlRun r = sync(QStringLiteral("meta"));
    EXPECT_EQ(r.exitCode, 3) << r;
    EXPECT_TRUE(r.outText().contains(QStringLiteral("Sync of meta partial"))) << r;
    EXPECT_TRUE(r.err.startsWith("segctl: error: The sync is partial: Meta rejected 1 row as invalid.")) << r;
    EXPECT_TRUE(r.errText().contains(QStringLiteral("tries them again"))) << r;
    EXPECT_FALSE(r.errText().contains(rejected)) << "no value in the message";

    m_meta.markInvalidValues({});
    r = sync(QStringLiteral("meta"));
    expectOk(r);
    EXPECT_TRUE(r.outText().contains(QStringLiteral("1 to add, 0 to remove"))) << r;
    EXPECT_TRUE(sameMembers(platformMembers(AudiencePlatform::Meta), memberKeys(AudiencePlatform::Meta, rows)));
}

// Issue 17, activate the arms: each arm of an experiment on the segment is its own audience file,
// the arms and the holdout together are the segment's file, row for row, and the holdout needs
// --allow-holdout.
TEST_F(SegctlAudiencesTest, EachExperimentArmIsItsOwnAudienceAndTheHoldoutNeedsAskingFor)
{
    const SegctlRun created =
        segctl({QStringLiteral("experiments"), QStringLiteral("create"), QStringLiteral("--segment"), m_segment,
                QStringLiteral("--name"), QStringLiteral("Arms test"), QStringLiteral("--key"), QStringLiteral("arms-test"),
                QStringLiteral("--arms"), QStringLiteral("control=50,treatment=50"), QStringLiteral("--holdout"),
                QStringLiteral("20")});
    ASSERT_EQ(created.exitCode, 0) << created;
    const QString experiment = created.outText().trimmed().section(QLatin1Char('\n'), -1);

    auto lines = [](const QString& path) {
        QFile f(path);
        EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << path.toStdString();
        QList<QByteArray> rows = f.readAll().split('\n');
        while (!rows.isEmpty() && rows.last().trimmed().isEmpty())
            rows.removeLast();
        rows.removeFirst(); // the header
        QSet<QByteArray> out;
        for (const QByteArray& r : rows)
            out.insert(r.trimmed());
        return out;
    };
    const QString whole = m_home.filePath(QStringLiteral("whole.csv"));
    ASSERT_EQ(exportFile(AudiencePlatform::Meta, whole, {}, true).exitCode, 0);
    QSet<QByteArray> together;
    qsizetype parts = 0;
    for (const QString& arm : {QStringLiteral("control"), QStringLiteral("treatment"), QStringLiteral("holdout")}) {
        const QString path = m_home.filePath(arm + QStringLiteral(".csv"));
        QStringList args{QStringLiteral("audiences"), QStringLiteral("export"), QStringLiteral("--segment"), m_segment,
                         QStringLiteral("--platform"), QStringLiteral("meta"), QStringLiteral("--output"), path,
                         QStringLiteral("--force"), QStringLiteral("--experiment"), experiment, QStringLiteral("--arm"), arm};
        if (arm == QLatin1String("holdout")) {
            const SegctlRun refused = segctl(args);
            EXPECT_EQ(refused.exitCode, 2) << refused;
            EXPECT_TRUE(refused.errText().contains(QStringLiteral("never activated by default"))) << refused;
            EXPECT_FALSE(QFile::exists(path));
            args << QStringLiteral("--allow-holdout");
        }
        const SegctlRun r = segctl(args);
        ASSERT_EQ(r.exitCode, 0) << r;
        const QSet<QByteArray> rows = lines(path);
        EXPECT_GT(rows.size(), 0) << arm.toStdString();
        parts += rows.size();
        together.unite(rows);
    }
    EXPECT_EQ(parts, together.size()) << "no row is in two arms";
    EXPECT_EQ(together, lines(whole)) << "the arms and the holdout are the whole segment";

    const SegctlRun unknown = segctl({QStringLiteral("audiences"), QStringLiteral("export"), QStringLiteral("--segment"),
                                      m_segment, QStringLiteral("--platform"), QStringLiteral("meta"),
                                      QStringLiteral("--output"), m_home.filePath(QStringLiteral("x.csv")),
                                      QStringLiteral("--experiment"), experiment, QStringLiteral("--arm"),
                                      QStringLiteral("video")});
    EXPECT_EQ(unknown.exitCode, 2) << unknown;
    EXPECT_TRUE(unknown.errText().contains(QStringLiteral("control, treatment"))) << unknown;
}
