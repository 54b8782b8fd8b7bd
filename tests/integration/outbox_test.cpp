// The outbox of a shared workspace, end to end on the Databricks emulator: edits made while it
// refuses connections wait in the outbox (a real SQLite file) and sync when it answers again;
// conflicts are settled each of the three ways; a write whose answer was lost, or that was in
// flight when the app died, is found applied on replay and never applied twice. Experiment changes
// take the same path (OutboxExperimentStore), in one order with the segments'.
#include "backends/databricks/databricks_experiment_store.h"
#include "backends/databricks/databricks_segment_store.h"
#include "backends/databricks/databricks_metrics_store.h"
#include "backends/databricks/databricks_statement_inquiry.h"
#include "databricks/statement/statement_client.h"
#include "common/future_wait.h"
#include "offline/experiment_merge.h"
#include "offline/outbox.h"
#include "offline/outbox_experiment_store.h"
#include "offline/outbox_metrics_store.h"
#include "offline/outbox_replayer.h"
#include "offline/outbox_segment_store.h"
#include "offline/segment_merge.h"
#include "support/emulated_workspace.h"
#include "support/segment_builders.h"
#include "support/test_catalogue.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

namespace {

using core::awaitFuture;

const QString kUser = QStringLiteral("marketer@example.com");
const QString kOther = QStringLiteral("colleague@example.com");
const QString kWorkspace = QStringLiteral("databricks:emulated");

class OutboxTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir.isValid());
        ws = testsupport::EmulatedWorkspace::create(quickPolicy());
        ASSERT_TRUE(ws && ws->provision());
        backend = std::make_shared<core::DatabricksSegmentStore>(ws->statements.get(), QStringLiteral("main"),
                                                                 QStringLiteral("ad_segments"),
                                                                 testsupport::catalogue(), QStringLiteral("emulator"));
        ASSERT_TRUE(awaitFuture(backend->saveAdvertiser({QStringLiteral("adv-1"), QStringLiteral("Acme")})).ok());
        inquiry = std::make_unique<core::DatabricksStatementInquiry>(ws->statements.get());
        experimentBackend = std::make_shared<core::DatabricksExperimentStore>(ws->statements.get(), QStringLiteral("main"),
                                                                              QStringLiteral("ad_segments"));
        reopen();
    }

    void TearDown() override
    {
        replayer.reset();
        experiments.reset();
        store.reset();
        outbox.reset();
    }

    // What the app does at start: the outbox file opened again, a store and replayer on it.
    void reopen()
    {
        replayer.reset();
        experiments.reset();
        store.reset();
        outbox.reset();
        auto opened = core::Outbox::open(dir.filePath(QStringLiteral("outbox.sqlite")));
        ASSERT_TRUE(opened.ok()) << opened.error().toString().toStdString();
        outbox = std::move(opened).value();
        store = std::make_unique<core::OutboxSegmentStore>(backend, outbox.get(), kWorkspace,
                                                          QStringLiteral("databricks"), QStringLiteral("emulated"));
        experiments = std::make_unique<core::OutboxExperimentStore>(experimentBackend, outbox.get(), kWorkspace, store.get());
        replayer = std::make_unique<core::OutboxReplayer>(*backend, *outbox, kWorkspace, inquiry.get(),
                                                          experimentBackend.get());
        replayer->setStatementWait(std::chrono::milliseconds(10), std::chrono::seconds(20));
    }

    static core::RetryPolicy quickPolicy()
    {
        core::RetryPolicy p = testsupport::EmulatedWorkspace::fastPolicy();
        p.maxAttempts = 2;
        p.requestTimeout = std::chrono::milliseconds(2000);
        p.deadline = std::chrono::milliseconds(4000);
        return p;
    }

    // The warehouse refuses every connection (a dropped VPN).
    void goOffline()
    {
        emulator::Fault cut;
        cut.kind = emulator::Fault::Kind::CloseConnection;
        cut.remaining = -1;
        ws->emulator->injectFault(cut);
    }
    void goOnline() { ws->emulator->clearFaults(); }

    core::Segment created(const QString& name)
    {
        auto made = awaitFuture(store->createSegment(testsupport::draftSegment(QStringLiteral("adv-1"), name), kUser));
        EXPECT_TRUE(made.ok()) << made.error().toString().toStdString();
        return made.ok() ? made.value() : core::Segment{};
    }

    int waiting() { return outbox->count(kWorkspace).value(); }

    core::Segment onServer(const QString& id)
    {
        auto s = awaitFuture(backend->getSegment(id));
        EXPECT_TRUE(s.ok()) << s.error().toString().toStdString();
        return s.ok() ? s.value() : core::Segment{};
    }

    int versionsOnServer(const QString& id)
    {
        auto h = awaitFuture(backend->segmentHistory(id));
        EXPECT_TRUE(h.ok());
        return h.ok() ? int(h.value().size()) : -1;
    }

    // A conflict: my offline rename of "Spring" waits while a colleague changes its description.
    std::pair<core::Segment, core::OutboxChange> conflictOnSpring()
    {
        const core::Segment base = created(QStringLiteral("Spring"));
        EXPECT_TRUE(awaitFuture(store->listSegments({})).ok()); // the list is cached
        goOffline();
        core::Segment mine = base;
        mine.name = QStringLiteral("Spring buyers");
        EXPECT_TRUE(awaitFuture(store->updateSegment(mine, kUser)).ok());
        goOnline();
        core::Segment theirs = base;
        theirs.description = QStringLiteral("edited by a colleague");
        EXPECT_TRUE(awaitFuture(backend->updateSegment(theirs, kOther)).ok());
        const core::ReplayReport report = awaitFuture(replayer->replay());
        EXPECT_EQ(report.conflicts, 1);
        EXPECT_EQ(report.applied, 0);
        auto pending = outbox->pending(kWorkspace).value();
        EXPECT_EQ(pending.size(), 1);
        return {base, pending.isEmpty() ? core::OutboxChange{} : pending.first()};
    }

    // "Spring buyers": base renamed while the warehouse cannot be reached (queued), then back online.
    core::Segment renamedOffline(const core::Segment& base)
    {
        goOffline();
        core::Segment edited = base;
        edited.name = QStringLiteral("Spring buyers");
        EXPECT_TRUE(awaitFuture(store->updateSegment(edited, kUser)).ok());
        goOnline();
        return edited;
    }

    // The id of the first statement the client sees accepted and left PENDING (waits up to 5 s).
    static QString firstPendingStatement(core::StatementClient& client, const std::function<void()>& send)
    {
        QString id;
        QObject::connect(&client, &core::StatementClient::statementStateChanged,
                         [&](const QString& statement, const QString& state, const QString&) {
                             if (state == QLatin1String("PENDING") && id.isEmpty())
                                 id = statement;
                         });
        send();
        for (int i = 0; i < 500 && id.isEmpty(); ++i)
            QTest::qWait(10);
        QObject::disconnect(&client, &core::StatementClient::statementStateChanged, nullptr, nullptr);
        return id;
    }

    // The id of a statement a client that then died left running in Databricks (PENDING for
    // `polls` more polls, whoever asks).
    QString statementLeftRunning(const QString& sql, int polls)
    {
        emulator::Fault running;
        running.kind = emulator::Fault::Kind::StaysPending;
        running.sqlContains = sql;
        running.pendingPolls = polls;
        ws->emulator->injectFault(running);
        auto client = std::make_unique<core::StatementClient>(ws->api.get(), testsupport::EmulatedWorkspace::kWarehouse);
        client->setPollBackoff(std::chrono::seconds(5), std::chrono::seconds(5)); // it dies before polling
        QFuture<core::Result<core::StatementResult>> abandoned;
        return firstPendingStatement(*client, [&] {
            abandoned = client->execute(core::StatementRequest::of(core::BoundSql{sql, {}}, QStringLiteral("main"),
                                                                   QStringLiteral("ad_segments"),
                                                                   QStringLiteral("run a statement")));
        });
    }

    // A running two-arm experiment on `segment`, not stored.
    static core::Experiment experimentOn(const core::Segment& segment, const QString& key)
    {
        core::Experiment e;
        e.segmentId = segment.id;
        e.name = QStringLiteral("Banner test");
        e.key = key;
        e.arms = {{QStringLiteral("control"), 50}, {QStringLiteral("treatment"), 50}};
        e.startDate = QDate(2026, 3, 5);
        e.status = core::ExperimentStatus::Running;
        return e;
    }

    core::Experiment experimentOnServer(const QString& id)
    {
        auto e = awaitFuture(experimentBackend->get(id));
        EXPECT_TRUE(e.ok()) << e.error().toString().toStdString();
        return e.ok() ? e.value() : core::Experiment{};
    }

    // A conflict: my offline rename of an experiment waits while a colleague sets its end date.
    std::pair<core::Experiment, core::OutboxChange> experimentConflict()
    {
        const core::Segment spring = created(QStringLiteral("Spring"));
        auto made = awaitFuture(experiments->create(experimentOn(spring, QStringLiteral("spring-banner")), kUser));
        EXPECT_TRUE(made.ok()) << made.error().toString().toStdString();
        const core::Experiment base = made.ok() ? made.value() : core::Experiment{};
        EXPECT_TRUE(awaitFuture(experiments->list({})).ok()); // the list is cached
        goOffline();
        core::Experiment mine = base;
        mine.name = QStringLiteral("Banner test, mine");
        EXPECT_TRUE(awaitFuture(experiments->update(mine, kUser)).ok());
        goOnline();
        core::Experiment theirs = base;
        theirs.endDate = QDate(2026, 4, 30);
        EXPECT_TRUE(awaitFuture(experimentBackend->update(theirs, kOther)).ok());
        const core::ReplayReport report = awaitFuture(replayer->replay());
        EXPECT_EQ(report.conflicts, 1);
        EXPECT_EQ(report.applied, 0);
        auto pending = outbox->pending(kWorkspace).value();
        EXPECT_EQ(pending.size(), 1);
        return {base, pending.isEmpty() ? core::OutboxChange{} : pending.first()};
    }

    QTemporaryDir dir;
    std::unique_ptr<testsupport::EmulatedWorkspace> ws;
    std::shared_ptr<core::DatabricksSegmentStore> backend;
    std::shared_ptr<core::DatabricksExperimentStore> experimentBackend;
    std::unique_ptr<core::OutboxExperimentStore> experiments;
    std::unique_ptr<core::DatabricksStatementInquiry> inquiry;
    std::unique_ptr<core::Outbox> outbox;
    std::unique_ptr<core::OutboxSegmentStore> store;
    std::unique_ptr<core::OutboxReplayer> replayer;
};

TEST_F(OutboxTest, EditOfflineIsKeptThenSyncsOnReconnect)
{
    const core::Segment base = created(QStringLiteral("Spring"));
    ASSERT_TRUE(awaitFuture(store->listSegments({})).ok());
    EXPECT_FALSE(store->cacheAsOf());

    goOffline();
    core::Segment edited = base;
    edited.name = QStringLiteral("Spring buyers");
    auto saved = awaitFuture(store->updateSegment(edited, kUser));
    ASSERT_TRUE(saved.ok()) << saved.error().toString().toStdString();
    EXPECT_EQ(saved.value().version, base.version + 1);
    EXPECT_EQ(waiting(), 1);
    auto change = outbox->pending(kWorkspace).value().first();
    EXPECT_EQ(change.baseVersion, base.version);
    EXPECT_FALSE(change.key.isEmpty());

    // Offline, the list still reads, from the cache, with the waiting edit shown and its age known.
    auto listed = awaitFuture(store->listSegments({}));
    ASSERT_TRUE(listed.ok()) << listed.error().toString().toStdString();
    ASSERT_EQ(listed.value().size(), 1);
    EXPECT_EQ(listed.value().first().name, QStringLiteral("Spring buyers"));
    ASSERT_TRUE(store->cacheAsOf());
    EXPECT_LE(store->cacheAsOf()->secsTo(QDateTime::currentDateTimeUtc()), 60);

    // A second edit of the same segment queues behind the first.
    core::Segment again = saved.value();
    again.description = QStringLiteral("second offline edit");
    ASSERT_TRUE(awaitFuture(store->updateSegment(again, kUser)).ok());
    EXPECT_EQ(waiting(), 2);
    // Replaying while still offline sends nothing and loses nothing.
    auto early = awaitFuture(replayer->replay());
    EXPECT_TRUE(early.stoppedBy);
    EXPECT_EQ(waiting(), 2);

    goOnline();
    EXPECT_EQ(onServer(base.id).version, base.version); // nothing was sent while offline
    auto report = awaitFuture(replayer->replay());
    EXPECT_FALSE(report.stoppedBy);
    EXPECT_EQ(report.applied, 2);
    EXPECT_EQ(waiting(), 0);
    const core::Segment now = onServer(base.id);
    EXPECT_EQ(now.name, QStringLiteral("Spring buyers"));
    EXPECT_EQ(now.description, QStringLiteral("second offline edit"));
    EXPECT_EQ(now.version, base.version + 2);
    EXPECT_EQ(versionsOnServer(base.id), 3);
    auto fresh = awaitFuture(store->listSegments({}));
    ASSERT_TRUE(fresh.ok());
    EXPECT_FALSE(store->cacheAsOf());
}

TEST_F(OutboxTest, CreateAndDeleteOfflineSyncOnce)
{
    const core::Segment doomed = created(QStringLiteral("Old"));
    ASSERT_TRUE(awaitFuture(store->listSegments({})).ok());
    goOffline();
    auto made = awaitFuture(store->createSegment(testsupport::draftSegment(QStringLiteral("adv-1"), QStringLiteral("New")), kUser));
    ASSERT_TRUE(made.ok());
    EXPECT_FALSE(made.value().id.isEmpty());
    ASSERT_TRUE(awaitFuture(store->deleteSegment(doomed.id, doomed.version, kUser)).ok());
    EXPECT_EQ(waiting(), 2);
    auto listed = awaitFuture(store->listSegments({}));
    ASSERT_TRUE(listed.ok());
    ASSERT_EQ(listed.value().size(), 1);
    EXPECT_EQ(listed.value().first().name, QStringLiteral("New"));

    goOnline();
    auto report = awaitFuture(replayer->replay());
    EXPECT_EQ(report.applied, 2);
    EXPECT_TRUE(onServer(doomed.id).isDeleted());
    EXPECT_EQ(onServer(made.value().id).name, QStringLiteral("New"));
    // Replaying again finds nothing to do.
    EXPECT_EQ(awaitFuture(replayer->replay()).applied, 0);
    EXPECT_EQ(versionsOnServer(made.value().id), 1);
}

TEST_F(OutboxTest, ConflictKeepMine)
{
    auto [base, change] = conflictOnSpring();
    ASSERT_EQ(change.state, core::OutboxChangeState::Conflict);
    ASSERT_TRUE(change.theirs);
    EXPECT_EQ(change.theirs->description, QStringLiteral("edited by a colleague"));
    auto resolved = awaitFuture(replayer->resolve(change.id, core::ConflictChoice::KeepMine));
    ASSERT_TRUE(resolved.ok()) << resolved.error().toString().toStdString();
    const core::Segment now = onServer(base.id);
    EXPECT_EQ(now.name, QStringLiteral("Spring buyers"));
    EXPECT_EQ(now.description, base.description); // mine, whole
    EXPECT_EQ(now.version, base.version + 2);
    EXPECT_EQ(waiting(), 0);
}

TEST_F(OutboxTest, ConflictTakeTheirs)
{
    auto [base, change] = conflictOnSpring();
    auto resolved = awaitFuture(replayer->resolve(change.id, core::ConflictChoice::TakeTheirs));
    ASSERT_TRUE(resolved.ok()) << resolved.error().toString().toStdString();
    const core::Segment now = onServer(base.id);
    EXPECT_EQ(now.name, QStringLiteral("Spring"));
    EXPECT_EQ(now.description, QStringLiteral("edited by a colleague"));
    EXPECT_EQ(now.version, base.version + 1);
    EXPECT_EQ(waiting(), 0);
}

TEST_F(OutboxTest, ConflictMergeFieldByField)
{
    auto [base, change] = conflictOnSpring();
    ASSERT_TRUE(change.base && change.theirs);
    const auto fields = core::SegmentMerge::fields(change.base, *change.theirs, change.payload);
    auto field = [&](const QString& key) {
        for (const auto& f : fields)
            if (f.key == key)
                return f;
        return core::SegmentField{};
    };
    EXPECT_TRUE(field(QStringLiteral("name")).changedByMe);
    EXPECT_FALSE(field(QStringLiteral("name")).changedByThem);
    EXPECT_TRUE(field(QStringLiteral("description")).changedByThem);
    EXPECT_FALSE(field(QStringLiteral("description")).changedByMe);
    const core::Segment merged =
        core::SegmentMerge::merge(*change.theirs, change.payload, core::SegmentMerge::defaultPicks(fields));
    auto resolved = awaitFuture(replayer->resolve(change.id, core::ConflictChoice::Merge, merged));
    ASSERT_TRUE(resolved.ok()) << resolved.error().toString().toStdString();
    const core::Segment now = onServer(base.id);
    EXPECT_EQ(now.name, QStringLiteral("Spring buyers"));                 // mine
    EXPECT_EQ(now.description, QStringLiteral("edited by a colleague")); // theirs
    EXPECT_EQ(now.updatedBy, testsupport::EmulatedWorkspace::kPrincipal); // who Databricks says wrote it
    EXPECT_EQ(waiting(), 0);
}

TEST_F(OutboxTest, LostAnswerIsFoundAppliedAndNotDoubled)
{
    const core::Segment base = created(QStringLiteral("Spring"));
    // The UPDATE lands but every answer to it is lost.
    emulator::Fault lost;
    lost.kind = emulator::Fault::Kind::CloseConnection;
    lost.sqlContains = QStringLiteral("AS base_version"); // the guarded write of gold_segments
    lost.processRequest = true;
    lost.remaining = -1;
    ws->emulator->injectFault(lost);
    core::Segment edited = base;
    edited.name = QStringLiteral("Spring buyers");
    auto saved = awaitFuture(store->updateSegment(edited, kUser));
    ASSERT_TRUE(saved.ok()) << saved.error().toString().toStdString();
    EXPECT_EQ(waiting(), 1);
    goOnline();
    EXPECT_EQ(onServer(base.id).version, base.version + 1); // it did land

    auto report = awaitFuture(replayer->replay());
    EXPECT_EQ(report.alreadyApplied, 1);
    EXPECT_EQ(report.applied, 0);
    EXPECT_EQ(waiting(), 0);
    EXPECT_EQ(onServer(base.id).version, base.version + 1);
    EXPECT_EQ(versionsOnServer(base.id), 2);
}

TEST_F(OutboxTest, CrashAfterSendIsResolvedOnRestart)
{
    const core::Segment base = created(QStringLiteral("Spring"));
    ASSERT_TRUE(awaitFuture(store->listSegments({})).ok());
    const core::Segment edited = renamedOffline(base);
    // The replay marked it sending and the request reached Databricks; then the app died.
    const core::OutboxChange change = outbox->pending(kWorkspace).value().first();
    ASSERT_TRUE(outbox->markSending(change.id).ok());
    core::Segment sent = edited;
    ASSERT_TRUE(awaitFuture(backend->updateSegment(sent, core::WriteOrigin{kUser, change.key})).ok());

    reopen(); // restart
    auto pending = outbox->pending(kWorkspace).value();
    ASSERT_EQ(pending.size(), 1);
    EXPECT_EQ(pending.first().state, core::OutboxChangeState::Sending);
    auto report = awaitFuture(replayer->replay());
    EXPECT_EQ(report.alreadyApplied, 1);
    EXPECT_EQ(waiting(), 0);
    EXPECT_EQ(onServer(base.id).version, base.version + 1);
    EXPECT_EQ(versionsOnServer(base.id), 2);
}

TEST_F(OutboxTest, AnExperimentMadeAndChangedOfflineSyncsInOrderAfterItsSegment)
{
    const core::Segment spring = created(QStringLiteral("Spring"));
    ASSERT_TRUE(awaitFuture(store->listSegments({})).ok());
    ASSERT_TRUE(awaitFuture(experiments->list({})).ok());

    goOffline();
    // Bad input is refused at once, before anything is sent or queued.
    core::Experiment holdoutAll = experimentOn(spring, QStringLiteral("spring-banner"));
    holdoutAll.holdoutPercent = 100;
    auto badNow = awaitFuture(experiments->create(holdoutAll, kUser));
    ASSERT_FALSE(badNow.ok());
    EXPECT_EQ(badNow.error().kind, core::ErrorKind::Validation);
    EXPECT_EQ(waiting(), 0);
    auto summer = awaitFuture(store->createSegment(testsupport::draftSegment(QStringLiteral("adv-1"), QStringLiteral("Summer")), kUser));
    ASSERT_TRUE(summer.ok()) << summer.error().toString().toStdString();
    // On a segment made offline too, bad input is refused as the workspace would refuse it.
    core::Experiment bad = experimentOn(summer.value(), QStringLiteral("summer-banner"));
    bad.arms = {{QStringLiteral("control"), 60}, {QStringLiteral("treatment"), 60}};
    auto refused = awaitFuture(experiments->create(bad, kUser));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().kind, core::ErrorKind::Validation);
    EXPECT_EQ(waiting(), 1);

    // An experiment on the segment made offline, then renamed: both wait, behind the segment.
    auto made = awaitFuture(experiments->create(experimentOn(summer.value(), QStringLiteral("summer-banner")), kUser));
    ASSERT_TRUE(made.ok()) << made.error().toString().toStdString();
    EXPECT_EQ(made.value().version, 1);
    EXPECT_EQ(made.value().advertiserId, QStringLiteral("adv-1"));
    core::Experiment renamed = made.value();
    renamed.name = QStringLiteral("Summer banner, second try");
    auto changed = awaitFuture(experiments->update(renamed, kUser));
    ASSERT_TRUE(changed.ok()) << changed.error().toString().toStdString();
    EXPECT_EQ(changed.value().version, 2);
    EXPECT_EQ(waiting(), 3);
    QStringList keys;
    const QList<core::OutboxChange> queued = outbox->pending(kWorkspace).value();
    for (const core::OutboxChange& c : queued)
        if (c.isExperiment())
            keys << c.key;
    ASSERT_EQ(keys.size(), 2);

    // Offline, the list reads from the cache with the waiting changes on top.
    auto listed = awaitFuture(experiments->list({}));
    ASSERT_TRUE(listed.ok()) << listed.error().toString().toStdString();
    ASSERT_EQ(listed.value().size(), 1);
    EXPECT_EQ(listed.value().first().name, QStringLiteral("Summer banner, second try"));
    core::ExperimentQuery bySegment;
    bySegment.segmentId = summer.value().id;
    auto ofSummer = awaitFuture(experiments->list(bySegment));
    ASSERT_TRUE(ofSummer.ok()) << ofSummer.error().toString().toStdString();
    EXPECT_EQ(ofSummer.value().size(), 1);

    goOnline();
    auto notYet = awaitFuture(experimentBackend->get(made.value().id));
    ASSERT_FALSE(notYet.ok());
    EXPECT_EQ(notYet.error().kind, core::ErrorKind::NotFound);
    auto report = awaitFuture(replayer->replay());
    EXPECT_FALSE(report.stoppedBy) << report.stoppedBy->toString().toStdString();
    EXPECT_EQ(report.applied, 3);
    EXPECT_EQ(waiting(), 0);
    const core::Experiment now = experimentOnServer(made.value().id);
    EXPECT_EQ(now.name, QStringLiteral("Summer banner, second try"));
    EXPECT_EQ(now.segmentId, summer.value().id);
    EXPECT_EQ(now.version, 2);
    auto history = awaitFuture(experimentBackend->history(made.value().id));
    ASSERT_TRUE(history.ok());
    ASSERT_EQ(history.value().size(), 2);
    EXPECT_EQ(history.value()[0].changeKey, keys[0]);
    EXPECT_EQ(history.value()[1].changeKey, keys[1]);
    // Replaying again finds nothing to do.
    EXPECT_EQ(awaitFuture(replayer->replay()).applied, 0);
}

TEST_F(OutboxTest, TheExperimentsOfASegmentListedOnceStayReadableOfflineAndNoOthers)
{
    const core::Segment spring = created(QStringLiteral("Spring"));
    const core::Segment autumn = created(QStringLiteral("Autumn"));
    auto made = awaitFuture(experiments->create(experimentOn(spring, QStringLiteral("spring-banner")), kUser));
    ASSERT_TRUE(made.ok()) << made.error().toString().toStdString();
    auto other = awaitFuture(experiments->create(experimentOn(autumn, QStringLiteral("autumn-banner")), kUser));
    ASSERT_TRUE(other.ok()) << other.error().toString().toStdString();
    core::ExperimentQuery ofSpring; // as the experiments panel lists them: by segment
    ofSpring.segmentId = spring.id;
    ASSERT_EQ(awaitFuture(experiments->list(ofSpring)).value().size(), 1);

    goOffline();
    auto cached = awaitFuture(experiments->list(ofSpring));
    ASSERT_TRUE(cached.ok()) << cached.error().toString().toStdString();
    ASSERT_EQ(cached.value().size(), 1);
    EXPECT_EQ(cached.value().first(), made.value());
    // Autumn's experiment was cached when it was made, but its segment was never listed: the cache
    // cannot tell whether it is all of them, so it says it cannot reach the workspace.
    core::ExperimentQuery ofAutumn;
    ofAutumn.segmentId = autumn.id;
    auto unknown = awaitFuture(experiments->list(ofAutumn));
    ASSERT_FALSE(unknown.ok());
    EXPECT_TRUE(core::isUnreachable(unknown.error()));
    EXPECT_FALSE(awaitFuture(experiments->list({})).ok()); // nor the whole workspace
    // The one experiment opened offline is known all the same.
    auto opened = awaitFuture(experiments->get(other.value().id));
    ASSERT_TRUE(opened.ok()) << opened.error().toString().toStdString();
    EXPECT_EQ(opened.value().name, other.value().name);
}

TEST_F(OutboxTest, AnExperimentStopWhoseAnswerWasLostIsFoundAppliedAndNotSentAgain)
{
    const core::Segment spring = created(QStringLiteral("Spring"));
    auto made = awaitFuture(experiments->create(experimentOn(spring, QStringLiteral("spring-banner")), kUser));
    ASSERT_TRUE(made.ok()) << made.error().toString().toStdString();
    EXPECT_EQ(waiting(), 0); // answered: nothing left in the outbox
    emulator::Fault lost; // the guarded MERGE lands, every answer to it is lost
    lost.kind = emulator::Fault::Kind::CloseConnection;
    lost.sqlContains = QStringLiteral("AS base_version");
    lost.processRequest = true;
    lost.remaining = -1;
    ws->emulator->injectFault(lost);
    auto stopped = awaitFuture(experiments->stop(made.value().id, 1, kUser));
    ASSERT_TRUE(stopped.ok()) << stopped.error().toString().toStdString();
    EXPECT_EQ(stopped.value().status, core::ExperimentStatus::Stopped);
    EXPECT_EQ(waiting(), 1);
    goOnline();
    EXPECT_EQ(experimentOnServer(made.value().id).version, 2); // it did land

    auto report = awaitFuture(replayer->replay());
    EXPECT_EQ(report.alreadyApplied, 1);
    EXPECT_EQ(report.applied, 0);
    EXPECT_EQ(report.conflicts, 0);
    EXPECT_EQ(waiting(), 0);
    EXPECT_EQ(experimentOnServer(made.value().id).version, 2);
    EXPECT_EQ(awaitFuture(experimentBackend->history(made.value().id)).value().size(), 2);
}

TEST_F(OutboxTest, AnExperimentConflictKeepMine)
{
    auto [base, change] = experimentConflict();
    ASSERT_TRUE(change.isExperiment());
    ASSERT_EQ(change.state, core::OutboxChangeState::Conflict);
    ASSERT_TRUE(change.experiment->theirs);
    EXPECT_EQ(change.experiment->theirs->endDate, QDate(2026, 4, 30));
    auto resolved = awaitFuture(replayer->resolveExperiment(change.id, core::ConflictChoice::KeepMine));
    ASSERT_TRUE(resolved.ok()) << resolved.error().toString().toStdString();
    const core::Experiment now = experimentOnServer(base.id);
    EXPECT_EQ(now.name, QStringLiteral("Banner test, mine"));
    EXPECT_FALSE(now.endDate.isValid()); // mine, whole
    EXPECT_EQ(now.version, 3);
    EXPECT_EQ(waiting(), 0);
}

TEST_F(OutboxTest, AnExperimentConflictTakeTheirs)
{
    auto [base, change] = experimentConflict();
    auto resolved = awaitFuture(replayer->resolve(change.id, core::ConflictChoice::TakeTheirs));
    ASSERT_TRUE(resolved.ok()) << resolved.error().toString().toStdString();
    const core::Experiment now = experimentOnServer(base.id);
    EXPECT_EQ(now.name, QStringLiteral("Banner test"));
    EXPECT_EQ(now.endDate, QDate(2026, 4, 30));
    EXPECT_EQ(now.version, 2);
    EXPECT_EQ(waiting(), 0);
    auto listed = awaitFuture(experiments->list({}));
    ASSERT_TRUE(listed.ok());
    EXPECT_EQ(listed.value().first().name, QStringLiteral("Banner test"));
}

TEST_F(OutboxTest, AnExperimentConflictMergeFieldByField)
{
    auto [base, change] = experimentConflict();
    ASSERT_TRUE(change.experiment && change.experiment->base && change.experiment->theirs);
    const auto fields = core::ExperimentMerge::fields(change.experiment->base, *change.experiment->theirs,
                                                      change.experiment->payload);
    auto field = [&](const QString& key) {
        for (const auto& f : fields)
            if (f.key == key)
                return f;
        return core::SegmentField{};
    };
    EXPECT_TRUE(field(QStringLiteral("name")).changedByMe);
    EXPECT_FALSE(field(QStringLiteral("name")).changedByThem);
    EXPECT_TRUE(field(QStringLiteral("end_date")).changedByThem);
    EXPECT_FALSE(field(QStringLiteral("end_date")).changedByMe);
    EXPECT_FALSE(field(QStringLiteral("arms")).differs());
    const core::Experiment merged = core::ExperimentMerge::merge(*change.experiment->theirs, change.experiment->payload,
                                                                 core::ExperimentMerge::defaultPicks(fields));
    auto resolved = awaitFuture(replayer->resolveExperiment(change.id, core::ConflictChoice::Merge, merged));
    ASSERT_TRUE(resolved.ok()) << resolved.error().toString().toStdString();
    const core::Experiment now = experimentOnServer(base.id);
    EXPECT_EQ(now.name, QStringLiteral("Banner test, mine")); // mine
    EXPECT_EQ(now.endDate, QDate(2026, 4, 30));              // theirs
    EXPECT_EQ(now.updatedBy, testsupport::EmulatedWorkspace::kPrincipal);
    EXPECT_EQ(now.version, 3);
    EXPECT_EQ(waiting(), 0);
}

TEST_F(OutboxTest, AWriteInFlightWhenTheAppDiesIsAskedAboutByItsStatementAndNotSentAgain)
{
    const core::Segment base = created(QStringLiteral("Spring"));
    ASSERT_TRUE(awaitFuture(store->listSegments({})).ok());
    // The app that dies: its own statement client and stores on the same outbox file. Its guarded
    // write of the segment is accepted by Databricks and keeps running (PENDING for four polls).
    auto dyingStatements = std::make_unique<core::StatementClient>(ws->api.get(), testsupport::EmulatedWorkspace::kWarehouse);
    dyingStatements->setPollBackoff(std::chrono::seconds(5), std::chrono::seconds(5)); // it dies before polling
    auto dyingBackend = std::make_shared<core::DatabricksSegmentStore>(
        dyingStatements.get(), QStringLiteral("main"), QStringLiteral("ad_segments"), testsupport::catalogue(),
        QStringLiteral("emulator"));
    auto dyingStore = std::make_unique<core::OutboxSegmentStore>(dyingBackend, outbox.get(), kWorkspace,
                                                                 QStringLiteral("databricks"), QStringLiteral("emulated"));
    emulator::Fault running;
    running.kind = emulator::Fault::Kind::StaysPending;
    running.sqlContains = QStringLiteral("AS base_version"); // the guarded MERGE of gold_segments
    running.pendingPolls = 4;
    ws->emulator->injectFault(running);
    core::Segment edited = base;
    edited.name = QStringLiteral("Spring buyers");
    QFuture<core::Result<core::Segment>> neverAnswered;
    const QString guarded =
        firstPendingStatement(*dyingStatements, [&] { neverAnswered = dyingStore->updateSegment(edited, kUser); });
    ASSERT_FALSE(guarded.isEmpty()) << "the guarded write was accepted";
    EXPECT_EQ(waiting(), 0) << "a save in flight is not a waiting change";
    // The app dies: nothing of it runs again.
    dyingStore.reset();
    dyingBackend.reset();
    dyingStatements.reset();

    reopen(); // the next start
    auto pending = outbox->pending(kWorkspace).value();
    ASSERT_EQ(pending.size(), 1) << "the save was written down before it went";
    EXPECT_EQ(pending.first().state, core::OutboxChangeState::Sending);
    EXPECT_EQ(pending.first().statementId, guarded) << "with the statement whose answer never came";
    EXPECT_EQ(pending.first().payload.name, QStringLiteral("Spring buyers"));
    auto askedAbout = [&] {
        int n = 0;
        for (const auto& r : ws->emulator->requests())
            n += r.method == QLatin1String("GET") && r.path.endsWith(QStringLiteral("/statements/") + guarded) ? 1 : 0;
        return n;
    };
    EXPECT_EQ(askedAbout(), 0);

    const core::ReplayReport report = awaitFuture(replayer->replay());
    EXPECT_GE(askedAbout(), 4) << "asked until the statement ended";
    EXPECT_EQ(report.alreadyApplied, 1) << "the dead app's write landed: not sent again";
    EXPECT_EQ(report.applied, 0);
    EXPECT_EQ(report.conflicts, 0) << "sending again while it ran would have made the change its own conflict";
    EXPECT_EQ(waiting(), 0);
    const core::Segment now = onServer(base.id);
    EXPECT_EQ(now.name, QStringLiteral("Spring buyers"));
    EXPECT_EQ(now.version, base.version + 1);
    EXPECT_EQ(versionsOnServer(base.id), 2);
}

TEST_F(OutboxTest, AStatementThatOutlivesTheWaitLeavesTheChangeForTheNextSync)
{
    const core::Segment base = created(QStringLiteral("Spring"));
    ASSERT_TRUE(awaitFuture(store->listSegments({})).ok());
    renamedOffline(base);
    // As an app leaves it that died while Databricks ran a statement of the change, which still runs.
    const core::OutboxChange change = outbox->pending(kWorkspace).value().first();
    const QString stuck = statementLeftRunning(QStringLiteral("SELECT 2 AS n"), 100000);
    ASSERT_FALSE(stuck.isEmpty());
    ASSERT_TRUE(outbox->markSending(change.id, stuck).ok());
    reopen();
    replayer->setStatementWait(std::chrono::milliseconds(10), std::chrono::milliseconds(300));

    const core::ReplayReport report = awaitFuture(replayer->replay());
    ASSERT_TRUE(report.stoppedBy);
    EXPECT_EQ(report.stoppedBy->code, QStringLiteral("statement_still_running"));
    EXPECT_EQ(report.applied, 0);
    EXPECT_EQ(report.waiting, 1);
    auto pending = outbox->pending(kWorkspace).value();
    ASSERT_EQ(pending.size(), 1);
    EXPECT_EQ(pending.first().state, core::OutboxChangeState::Sending);
    EXPECT_EQ(pending.first().statementId, stuck) << "asked about again by the next sync";
    EXPECT_EQ(onServer(base.id).version, base.version) << "nothing sent while it might still land";

    // A statement Databricks no longer knows (its result expired): the key and the segment decide.
    ASSERT_TRUE(outbox->markSending(change.id, QStringLiteral("01f0-unknown-statement")).ok());
    reopen();
    const core::ReplayReport again = awaitFuture(replayer->replay());
    EXPECT_FALSE(again.stoppedBy) << again.stoppedBy->toString().toStdString();
    EXPECT_EQ(again.applied, 1);
    EXPECT_EQ(onServer(base.id).name, QStringLiteral("Spring buyers"));
}

TEST_F(OutboxTest, MetricsReadOnceStayReadableOfflineWithTheirAge)
{
    const core::Segment spring = created(QStringLiteral("Spring"));
    ASSERT_TRUE(awaitFuture(store->listSegments({})).ok()); // the list is cached
    using T = core::SqlParam::Type;
    for (int day = 1; day <= 3; ++day)
        ASSERT_TRUE(ws->execute(QStringLiteral("INSERT INTO main.ad_segments.gold_segment_daily_metrics (segment_id, day, "
                                               "impressions, clicks, conversions, unique_users, spend_micros) VALUES "
                                               "(:id, :day, :i, 2, 1, 40, 3000000)"),
                                {{QStringLiteral("id"), spring.id, T::String},
                                 {QStringLiteral("day"), QDate(2026, 3, day).toString(Qt::ISODate), T::Date},
                                 {QStringLiteral("i"), 100 * day, T::Int}})
                        .ok());
    auto databricks = std::make_shared<core::DatabricksMetricsStore>(ws->statements.get(), QStringLiteral("main"),
                                                                     QStringLiteral("ad_segments"));
    core::OutboxMetricsStore metrics(databricks, outbox.get(), kWorkspace);
    QList<std::optional<QDateTime>> told;
    metrics.setOfflineObserver([&](const std::optional<QDateTime>& asOf) { told.append(asOf); });

    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    auto online = awaitFuture(metrics.dailyMetrics(spring.id));
    ASSERT_TRUE(online.ok()) << online.error().toString().toStdString();
    ASSERT_EQ(online.value().size(), 3);
    EXPECT_FALSE(metrics.cacheAsOf());

    goOffline();
    auto offline = awaitFuture(metrics.dailyMetrics(spring.id));
    ASSERT_TRUE(offline.ok()) << offline.error().toString().toStdString();
    EXPECT_EQ(offline.value(), online.value()) << "the figures as last read";
    ASSERT_TRUE(metrics.cacheAsOf());
    EXPECT_GE(*metrics.cacheAsOf(), before);
    EXPECT_LE(*metrics.cacheAsOf(), QDateTime::currentDateTimeUtc());
    ASSERT_EQ(told.size(), 1);
    EXPECT_EQ(told.first(), metrics.cacheAsOf()) << "the window is told their age";
    auto part = awaitFuture(metrics.dailyMetrics(spring.id, QDate(2026, 3, 2), QDate(2026, 3, 3)));
    ASSERT_TRUE(part.ok());
    ASSERT_EQ(part.value().size(), 2);
    EXPECT_EQ(part.value().first().impressions, 200);
    auto all = awaitFuture(metrics.dailyMetricsOfAll(QStringLiteral("adv-1")));
    ASSERT_TRUE(all.ok()) << all.error().toString().toStdString();
    ASSERT_EQ(all.value().size(), 1);
    EXPECT_EQ(all.value().first().segmentId, spring.id);
    EXPECT_EQ(all.value().first().days, online.value());
    // A segment never read whole is not shown as having no figures: the read fails as it did.
    const QString never = QStringLiteral("0c7d3a52-0000-4000-8000-0000000000ff");
    auto unknown = awaitFuture(metrics.dailyMetrics(never));
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().kind, core::ErrorKind::Network);

    // The next start, still offline: the backend could not be opened, the cache answers.
    reopen();
    core::OutboxMetricsStore atStart(nullptr, outbox.get(), kWorkspace);
    auto cached = awaitFuture(atStart.dailyMetrics(spring.id));
    ASSERT_TRUE(cached.ok()) << cached.error().toString().toStdString();
    EXPECT_EQ(cached.value(), online.value());
    EXPECT_TRUE(atStart.cacheAsOf());

    // Back online: the backend's figures again, and the age is cleared.
    goOnline();
    core::OutboxMetricsStore again(databricks, outbox.get(), kWorkspace);
    ASSERT_TRUE(awaitFuture(again.dailyMetrics(spring.id)).ok());
    EXPECT_FALSE(again.cacheAsOf());
}

TEST_F(OutboxTest, RefusedChangeStaysUntilDiscarded)
{
    const core::Segment base = created(QStringLiteral("Spring"));
    ASSERT_TRUE(awaitFuture(store->listSegments({})).ok());
    goOffline();
    core::Segment edited = base;
    edited.name = QStringLiteral("   "); // invalid: only the backend's rules say so
    ASSERT_TRUE(awaitFuture(store->updateSegment(edited, kUser)).ok());
    goOnline();
    auto report = awaitFuture(replayer->replay());
    EXPECT_EQ(report.refused, 1);
    auto pending = outbox->pending(kWorkspace).value();
    ASSERT_EQ(pending.size(), 1);
    EXPECT_EQ(pending.first().state, core::OutboxChangeState::Refused);
    EXPECT_FALSE(pending.first().lastError.isEmpty());
    EXPECT_EQ(onServer(base.id).version, base.version);
}

TEST_F(OutboxTest, ValidationErrorsOnlineAreNotQueued)
{
    const core::Segment base = created(QStringLiteral("Spring"));
    core::Segment stale = base;
    stale.version = base.version + 5;
    auto r = awaitFuture(store->updateSegment(stale, kUser));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, core::ErrorKind::Conflict);
    EXPECT_EQ(waiting(), 0);
}

} // namespace

// The same replay on PostgreSQL (the Lakebase backend): its history records changes the way the
// replayer recognises them, so a change whose answer was lost is not applied twice there either.
#include "support/postgres_backend_fixture.h"

namespace {

TEST(OutboxPostgresTest, ReplayAppliesOnceAndFindsALostAnswerApplied)
{
    QTemporaryDir dir;
    std::shared_ptr<core::PostgresBackend> pg = testsupport::openPostgresBackend(QStringLiteral("outbox"));
    ASSERT_TRUE(pg);
    core::SegmentStore& backend = pg->segments();
    ASSERT_TRUE(awaitFuture(backend.saveAdvertiser({QStringLiteral("adv-1"), QStringLiteral("Acme")})).ok());
    auto made = awaitFuture(backend.createSegment(testsupport::draftSegment(QStringLiteral("adv-1"), QStringLiteral("Spring")), kUser));
    ASSERT_TRUE(made.ok()) << made.error().toString().toStdString();
    const core::Segment base = made.value();
    auto opened = core::Outbox::open(dir.filePath(QStringLiteral("outbox.sqlite")));
    ASSERT_TRUE(opened.ok());
    std::unique_ptr<core::Outbox> outbox = std::move(opened).value();
    const QString key = QStringLiteral("postgres:test");
    auto queue = [&](const QString& name, int baseVersion) {
        core::OutboxChange c;
        c.workspace = key;
        c.kind = core::OutboxChangeKind::Update;
        c.segmentId = base.id;
        c.baseVersion = baseVersion;
        c.payload = base;
        c.payload.name = name;
        c.user = kUser;
        return outbox->enqueue(c);
    };
    core::OutboxReplayer replayer(backend, *outbox, key);

    ASSERT_TRUE(queue(QStringLiteral("  Spring buyers "), base.version).ok());
    auto first = awaitFuture(replayer.replay());
    EXPECT_EQ(first.applied, 1);
    auto now = awaitFuture(backend.getSegment(base.id));
    ASSERT_TRUE(now.ok());
    EXPECT_EQ(now.value().name, QStringLiteral("Spring buyers"));

    // Sent, applied, answer lost (the write is made here directly): found applied, not doubled.
    ASSERT_TRUE(queue(QStringLiteral("Spring buyers EU"), now.value().version).ok());
    core::Segment sent = now.value();
    sent.name = QStringLiteral("Spring buyers EU");
    ASSERT_TRUE(awaitFuture(backend.updateSegment(sent, kUser)).ok());
    auto second = awaitFuture(replayer.replay());
    EXPECT_EQ(second.alreadyApplied, 1);
    EXPECT_EQ(second.applied, 0);
    EXPECT_EQ(outbox->count(key).value(), 0);
    auto history = awaitFuture(backend.segmentHistory(base.id));
    ASSERT_TRUE(history.ok());
    EXPECT_EQ(history.value().size(), 3);

    // Sent with its key, applied, answer lost, and a colleague edited it since: the key in the
    // history says it landed (no conflict, nothing sent again).
    auto third = queue(QStringLiteral("Spring buyers DE"), 3);
    ASSERT_TRUE(third.ok());
    core::Segment mine = awaitFuture(backend.getSegment(base.id)).value();
    mine.name = QStringLiteral("Spring buyers DE");
    auto landed = awaitFuture(backend.updateSegment(mine, core::WriteOrigin{kUser, third.value().key}));
    ASSERT_TRUE(landed.ok()) << landed.error().toString().toStdString();
    core::Segment theirs = landed.value();
    theirs.description = QStringLiteral("edited by a colleague");
    ASSERT_TRUE(awaitFuture(backend.updateSegment(theirs, QStringLiteral("colleague"))).ok());
    auto fourth = awaitFuture(replayer.replay());
    EXPECT_EQ(fourth.alreadyApplied, 1);
    EXPECT_EQ(fourth.conflicts, 0);
    EXPECT_EQ(outbox->count(key).value(), 0);
    EXPECT_EQ(awaitFuture(backend.segmentHistory(base.id)).value().size(), 5);

    // The same content under another key, moved on since: not taken for this change (a conflict).
    auto fifth = queue(QStringLiteral("Spring buyers FR"), 5);
    ASSERT_TRUE(fifth.ok());
    core::Segment other = awaitFuture(backend.getSegment(base.id)).value();
    other.name = QStringLiteral("Spring buyers FR");
    auto same = awaitFuture(backend.updateSegment(other, core::WriteOrigin{QStringLiteral("colleague"), QStringLiteral("another-key")}));
    ASSERT_TRUE(same.ok());
    core::Segment later = same.value();
    later.description = QStringLiteral("and again");
    ASSERT_TRUE(awaitFuture(backend.updateSegment(later, QStringLiteral("colleague"))).ok());
    auto sixth = awaitFuture(replayer.replay());
    EXPECT_EQ(sixth.alreadyApplied, 0);
    EXPECT_EQ(sixth.conflicts, 1);
}

TEST(OutboxPostgresTest, ExperimentChangesReplayOnceAndALostAnswerIsFoundByItsKey)
{
    QTemporaryDir dir;
    std::shared_ptr<core::PostgresBackend> pg = testsupport::openPostgresBackend(QStringLiteral("outbox_experiments"));
    ASSERT_TRUE(pg);
    ASSERT_TRUE(awaitFuture(pg->segments().saveAdvertiser({QStringLiteral("adv-1"), QStringLiteral("Acme")})).ok());
    auto segment = awaitFuture(pg->segments().createSegment(testsupport::draftSegment(QStringLiteral("adv-1"), QStringLiteral("Spring")), kUser));
    ASSERT_TRUE(segment.ok()) << segment.error().toString().toStdString();
    core::Experiment draft;
    draft.segmentId = segment.value().id;
    draft.name = QStringLiteral("Banner test");
    draft.key = QStringLiteral("banner-test");
    draft.arms = {{QStringLiteral("control"), 50}, {QStringLiteral("treatment"), 50}};
    draft.startDate = QDate(2026, 3, 5);
    auto made = awaitFuture(pg->experiments().create(draft, kUser));
    ASSERT_TRUE(made.ok()) << made.error().toString().toStdString();
    auto opened = core::Outbox::open(dir.filePath(QStringLiteral("outbox.sqlite")));
    ASSERT_TRUE(opened.ok());
    std::unique_ptr<core::Outbox> outbox = std::move(opened).value();
    const QString key = QStringLiteral("postgres:test");
    auto queue = [&](const QString& name, int baseVersion) {
        core::OutboxChange c;
        c.workspace = key;
        c.kind = core::OutboxChangeKind::Update;
        c.segmentId = made.value().segmentId;
        c.baseVersion = baseVersion;
        c.user = kUser;
        core::Experiment payload = made.value();
        payload.name = name;
        payload.version = baseVersion;
        c.experiment = core::OutboxExperimentChange{payload, std::nullopt, std::nullopt};
        return outbox->enqueue(c);
    };
    core::OutboxReplayer replayer(pg->segments(), *outbox, key, nullptr, &pg->experiments());

    ASSERT_TRUE(queue(QStringLiteral("Banner test EU"), 1).ok());
    auto first = awaitFuture(replayer.replay());
    EXPECT_EQ(first.applied, 1);
    auto now = awaitFuture(pg->experiments().get(made.value().id));
    ASSERT_TRUE(now.ok());
    EXPECT_EQ(now.value().name, QStringLiteral("Banner test EU"));
    EXPECT_EQ(now.value().version, 2);

    // Sent with its key, applied, answer lost, and a colleague edited it since: the key in the
    // history says it landed (no conflict, nothing sent again).
    auto second = queue(QStringLiteral("Banner test DE"), 2);
    ASSERT_TRUE(second.ok());
    core::Experiment mine = now.value();
    mine.name = QStringLiteral("Banner test DE");
    auto landed = awaitFuture(pg->experiments().update(mine, core::WriteOrigin{kUser, second.value().key}));
    ASSERT_TRUE(landed.ok()) << landed.error().toString().toStdString();
    core::Experiment theirs = landed.value();
    theirs.endDate = QDate(2026, 4, 30);
    ASSERT_TRUE(awaitFuture(pg->experiments().update(theirs, QStringLiteral("colleague"))).ok());
    auto report = awaitFuture(replayer.replay());
    EXPECT_EQ(report.alreadyApplied, 1);
    EXPECT_EQ(report.conflicts, 0);
    EXPECT_EQ(report.applied, 0);
    EXPECT_EQ(outbox->count(key).value(), 0);
    EXPECT_EQ(awaitFuture(pg->experiments().history(made.value().id)).value().size(), 4);

    // The same key sent again is refused whole by the database's unique index.
    core::Experiment again = awaitFuture(pg->experiments().get(made.value().id)).value();
    again.name = QStringLiteral("Banner test DE, again");
    auto twice = awaitFuture(pg->experiments().update(again, core::WriteOrigin{kUser, second.value().key}));
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().code, QStringLiteral("change_applied_already"));
    EXPECT_EQ(awaitFuture(pg->experiments().get(made.value().id)).value().version, 4);
}

} // namespace

// The read cache keeps each advertiser's currency, so money offline is written as online.
TEST(OutboxCacheTest, AdvertisersKeepTheirCurrencyOffline)
{
    QTemporaryDir dir;
    auto opened = core::Outbox::open(dir.filePath(QStringLiteral("outbox.sqlite")));
    ASSERT_TRUE(opened.ok()) << opened.error().toString().toStdString();
    core::Advertiser euro{QStringLiteral("adv-eu"), QStringLiteral("Euro Shop")};
    euro.currency = QStringLiteral("EUR");
    const core::Advertiser dollar{QStringLiteral("adv-us"), QStringLiteral("Dollar Shop")};
    ASSERT_TRUE(opened.value()->cacheAdvertisers(QStringLiteral("ws"), {euro, dollar}).ok());
    const auto cached = opened.value()->cached(QStringLiteral("ws"));
    ASSERT_TRUE(cached.ok());
    ASSERT_EQ(cached.value().advertisers.size(), 2);
    EXPECT_EQ(cached.value().advertisers[0], dollar);
    EXPECT_EQ(cached.value().advertisers[1], euro);
}

TEST(OutboxCacheTest, AnOutboxOfTheFirstReleaseKeepsItsChangesAndGainsTheMetricsAndExperimentCaches)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("outbox.sqlite"));
    core::OutboxChange change;
    change.workspace = QStringLiteral("ws");
    change.segmentId = QStringLiteral("seg-1");
    change.user = QStringLiteral("tester");
    change.payload.name = QStringLiteral("Spring");
    {
        auto opened = core::Outbox::open(path);
        ASSERT_TRUE(opened.ok());
        ASSERT_TRUE(opened.value()->enqueue(change).ok());
    }
    { // as the first release left it: schema 1, no metrics cache, segment changes only
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("first-release"));
        db.setDatabaseName(path);
        ASSERT_TRUE(db.open());
        QSqlQuery q(db);
        for (const char* statement : {"DROP TABLE cached_metrics", "DROP TABLE cached_experiments",
                                      "DROP TABLE experiment_cache_times", "ALTER TABLE changes DROP COLUMN subject",
                                      "PRAGMA user_version = 1"})
            ASSERT_TRUE(q.exec(QLatin1String(statement))) << statement;
    }
    QSqlDatabase::removeDatabase(QStringLiteral("first-release"));
    auto reopened = core::Outbox::open(path);
    ASSERT_TRUE(reopened.ok()) << reopened.error().toString().toStdString();
    auto pending = reopened.value()->pending(QStringLiteral("ws"));
    ASSERT_TRUE(pending.ok());
    ASSERT_EQ(pending.value().size(), 1);
    EXPECT_EQ(pending.value().first().payload.name, QStringLiteral("Spring"));
    const QList<core::DailyMetrics> days{{QDate(2026, 3, 1), 10, 1, 0, 8, 20000}};
    ASSERT_TRUE(reopened.value()->cacheMetrics(QStringLiteral("ws"), {{QStringLiteral("seg-1"), days}}).ok());
    auto cached = reopened.value()->cachedMetrics(QStringLiteral("ws"), QStringLiteral("seg-1"));
    ASSERT_TRUE(cached.ok() && cached.value());
    EXPECT_EQ(cached.value()->days, days);
    core::Experiment experiment;
    experiment.id = QStringLiteral("exp-1");
    experiment.segmentId = QStringLiteral("seg-1");
    experiment.name = QStringLiteral("Banner test");
    experiment.arms = {{QStringLiteral("control"), 50}, {QStringLiteral("treatment"), 50}};
    experiment.startDate = QDate(2026, 3, 5);
    ASSERT_TRUE(reopened.value()->cacheExperiments(QStringLiteral("ws"), {experiment}, QStringLiteral("*")).ok());
    auto experiments = reopened.value()->cachedExperiments(QStringLiteral("ws"));
    ASSERT_TRUE(experiments.ok()) << experiments.error().toString().toStdString();
    ASSERT_EQ(experiments.value().size(), 1);
    EXPECT_EQ(experiments.value().first(), experiment);
    EXPECT_TRUE(reopened.value()->experimentsListedAt(QStringLiteral("ws"), QStringLiteral("*")).value().isValid());
}
