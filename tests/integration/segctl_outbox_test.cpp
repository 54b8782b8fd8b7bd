// `segctl outbox list|sync|discard` end to end: the real segctl against the Databricks emulator
// (in this process) with an outbox file the app would have filled. A sync killed (SIGKILL) after
// its UPDATE reached Databricks, before the answer: the next sync finds it applied, sends
// nothing twice.
#include <gtest/gtest.h>

#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <csignal>

#include "backends/databricks/databricks_segment_store.h"
#include "offline/outbox.h"
#include "support/emulated_workspace.h"
#include "support/segctl_process.h"
#include "support/segment_builders.h"
#include "support/test_catalogue.h"

namespace {

using testsupport::EmulatedWorkspace;

const QString kKey = QStringLiteral("databricks:emu");
const QString kUser = QStringLiteral("marketer@example.com");

class SegctlOutboxTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        ws = EmulatedWorkspace::create();
        ASSERT_TRUE(ws && ws->provision());
        ASSERT_TRUE(QDir().mkpath(home()));
        QFile cfg(QDir(home()).filePath(QStringLiteral(".databrickscfg")));
        ASSERT_TRUE(cfg.open(QIODevice::WriteOnly));
        cfg.write(QStringLiteral("[emu]\nhost = %1\ntoken = %2\nwarehouse_id = %3\n")
                      .arg(ws->emulator->baseUrl().toString(), EmulatedWorkspace::kToken, EmulatedWorkspace::kWarehouse)
                      .toUtf8());
        cfg.close();
        store = std::make_unique<core::DatabricksSegmentStore>(ws->statements.get(), QStringLiteral("main"),
                                                              QStringLiteral("ad_segments"), testsupport::catalogue(),
                                                              QStringLiteral("emulator"));
        ASSERT_TRUE(core::awaitFuture(store->saveAdvertiser({QStringLiteral("adv-1"), QStringLiteral("Acme")})).ok());
        auto made = core::awaitFuture(
            store->createSegment(testsupport::draftSegment(QStringLiteral("adv-1"), QStringLiteral("Spring")), kUser));
        ASSERT_TRUE(made.ok()) << made.error().toString().toStdString();
        base = made.value();
    }

    QString home() const { return m_dir.filePath(QStringLiteral("home")); }
    QString outboxFile() const { return m_dir.filePath(QStringLiteral("outbox.sqlite")); }
    QStringList emu(QStringList args) const
    {
        args.append({QStringLiteral("--outbox"), outboxFile()});
        return QStringList{QStringLiteral("--profile"), QStringLiteral("emu")} + args;
    }
    SegctlRun segctl(const QStringList& args) const
    {
        return runSegctlServing(m_dir.path(), databricksTestEnvironment(home(), m_dir.path()), emu(args),
                                120000);
    }

    // What the app stored when the rename could not reach Databricks.
    qint64 queueRename(const QString& name, int baseVersion)
    {
        auto outbox = core::Outbox::open(outboxFile());
        EXPECT_TRUE(outbox.ok());
        core::OutboxChange change;
        change.workspace = kKey;
        change.kind = core::OutboxChangeKind::Update;
        change.segmentId = base.id;
        change.baseVersion = baseVersion;
        change.payload = base;
        change.payload.name = name;
        change.payload.version = baseVersion;
        change.base = base;
        change.user = kUser;
        auto queued = outbox.value()->enqueue(change);
        EXPECT_TRUE(queued.ok());
        return queued.ok() ? queued.value().id : 0;
    }

    QList<core::OutboxChange> pending()
    {
        auto outbox = core::Outbox::open(outboxFile());
        EXPECT_TRUE(outbox.ok());
        return outbox.value()->pending(kKey).value();
    }

    core::Segment onServer()
    {
        auto s = core::awaitFuture(store->getSegment(base.id));
        EXPECT_TRUE(s.ok());
        return s.ok() ? s.value() : core::Segment{};
    }
    qsizetype versionsOnServer()
    {
        auto h = core::awaitFuture(store->segmentHistory(base.id));
        EXPECT_TRUE(h.ok());
        return h.ok() ? h.value().size() : -1;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<EmulatedWorkspace> ws;
    std::unique_ptr<core::DatabricksSegmentStore> store;
    core::Segment base;
};

TEST_F(SegctlOutboxTest, ListSyncAndDiscard)
{
    SegctlRun empty = segctl({QStringLiteral("outbox"), QStringLiteral("list")});
    ASSERT_EQ(empty.exitCode, 0) << empty;
    EXPECT_TRUE(empty.outText().contains(QStringLiteral("No changes wait")));

    queueRename(QStringLiteral("Spring buyers"), base.version);
    SegctlRun listed = segctl({QStringLiteral("outbox"), QStringLiteral("list")});
    ASSERT_EQ(listed.exitCode, 0) << listed;
    EXPECT_TRUE(listed.outText().contains(QStringLiteral("waiting")));
    EXPECT_TRUE(listed.outText().contains(QStringLiteral("Spring buyers")));

    SegctlRun synced = segctl({QStringLiteral("outbox"), QStringLiteral("sync")});
    ASSERT_EQ(synced.exitCode, 0) << synced;
    EXPECT_TRUE(synced.outText().startsWith(QStringLiteral("1 applied"))) << synced;
    EXPECT_EQ(onServer().name, QStringLiteral("Spring buyers"));
    EXPECT_TRUE(pending().isEmpty());

    // A change on a base that moved on is a conflict: kept, exit 4; discard drops it.
    const qint64 stale = queueRename(QStringLiteral("Autumn"), base.version);
    SegctlRun conflicted = segctl({QStringLiteral("outbox"), QStringLiteral("sync")});
    EXPECT_EQ(conflicted.exitCode, 4) << conflicted;
    EXPECT_TRUE(conflicted.outText().contains(QStringLiteral("1 conflict"))) << conflicted;
    ASSERT_EQ(pending().size(), 1);
    EXPECT_EQ(pending().first().state, core::OutboxChangeState::Conflict);
    SegctlRun discarded = segctl({QStringLiteral("outbox"), QStringLiteral("discard"), QString::number(stale)});
    ASSERT_EQ(discarded.exitCode, 0) << discarded;
    EXPECT_TRUE(pending().isEmpty());
    EXPECT_EQ(onServer().name, QStringLiteral("Spring buyers"));
    SegctlRun again = segctl({QStringLiteral("outbox"), QStringLiteral("discard"), QString::number(stale)});
    EXPECT_EQ(again.exitCode, 2) << again;
}

TEST_F(SegctlOutboxTest, SyncKilledBetweenSendAndAnswerIsNotAppliedTwice)
{
    queueRename(QStringLiteral("Spring buyers"), base.version);
    // The UPDATE is executed, its answer never comes.
    emulator::Fault hang;
    hang.kind = emulator::Fault::Kind::Hang;
    hang.sqlContains = QStringLiteral("AS base_version"); // the guarded write of gold_segments
    hang.processRequest = true;
    hang.remaining = -1;
    ws->emulator->injectFault(hang);

    QProcess child;
    child.setProcessEnvironment(databricksTestEnvironment(home(), m_dir.path()));
    child.setWorkingDirectory(m_dir.path());
    child.start(QStringLiteral(SB_BIN_DIR "/segctl"), emu({QStringLiteral("outbox"), QStringLiteral("sync")}));
    ASSERT_TRUE(child.waitForStarted(10000));
    QElapsedTimer waited;
    waited.start();
    const qsizetype before = ws->emulator->executedStatements().size();
    auto updateSent = [&] {
        const QStringList sent = ws->emulator->executedStatements().mid(before);
        return std::any_of(sent.begin(), sent.end(),
                           [](const QString& sql) { return sql.contains(QStringLiteral("AS base_version")); });
    };
    while (!updateSent() && waited.elapsed() < 60000 && child.state() == QProcess::Running) {
        QEventLoop loop;
        QTimer::singleShot(20, &loop, &QEventLoop::quit);
        loop.exec();
    }
    ASSERT_TRUE(updateSent()) << child.readAllStandardError().toStdString();
    ASSERT_EQ(child.state(), QProcess::Running);
    ::kill(static_cast<pid_t>(child.processId()), SIGKILL);
    ASSERT_TRUE(child.waitForFinished(10000));
    EXPECT_EQ(child.exitStatus(), QProcess::CrashExit);

    ws->emulator->clearFaults();
    ASSERT_EQ(pending().size(), 1);
    EXPECT_EQ(pending().first().state, core::OutboxChangeState::Sending); // it died waiting for the answer
    EXPECT_EQ(onServer().version, base.version + 1);                     // the write had landed

    SegctlRun restarted = segctl({QStringLiteral("outbox"), QStringLiteral("sync")});
    ASSERT_EQ(restarted.exitCode, 0) << restarted;
    EXPECT_TRUE(restarted.outText().contains(QStringLiteral("0 applied, 1 found applied already"))) << restarted;
    EXPECT_TRUE(pending().isEmpty());
    EXPECT_EQ(onServer().version, base.version + 1);
    EXPECT_EQ(onServer().name, QStringLiteral("Spring buyers"));
    EXPECT_EQ(versionsOnServer(), 2);
}

} // namespace
