// Fault injection (issue 14): the promises "nothing reported done is lost, nothing lost is
// reported done" under the faults a laptop meets.
//   Databricks, through TcpFaultProxy between the app's REST stack and the emulator: a connection
//   cut in the middle of a write's request, the answer of a write lost after it landed, a result
//   chunk cut half-way, the server stopped and started again during a save, the emulator
//   restarted while a write's statement was pending.
//   Local workspace, through fault_child (the real SqliteBackend in a process of its own): the
//   disk full (RLIMIT_FSIZE), the workspace file read-only, kill -9 in the middle of writes.
// Every confirmed write is read back through a second, direct client or a fresh open of the file.
#include "backends/databricks/databricks_segment_store.h"
#include "backends/sqlite/sqlite_backend.h"
#include "common/future_wait.h"
#include "faults/tcp_fault_proxy.h"
#include "support/emulated_workspace.h"
#include "support/segment_builders.h"
#include "support/test_catalogue.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QUuid>

#include <csignal>
#include <sys/resource.h>
#include <unistd.h>

namespace {

using testsupport::TcpFaultProxy;

const QString kAdvertiser = QStringLiteral("adv-fault");

bool oneLine(const QString& message)
{
    return !message.trimmed().isEmpty() && !message.contains(QLatin1Char('\n'));
}

QList<core::Segment> segmentsNamed(core::SegmentStore& store, const QString& name)
{
    core::SegmentQuery query;
    query.advertiserId = kAdvertiser;
    query.deleted = core::SegmentQuery::Deleted::Include;
    auto listed = core::awaitFuture(store.listSegments(query));
    EXPECT_TRUE(listed) << listed.error().toString().toStdString();
    QList<core::Segment> named;
    for (const core::Segment& s : listed ? listed.value() : QList<core::Segment>{})
        if (s.name == name)
            named.append(s);
    return named;
}

// The emulator and two clients of it: `proxied` through the fault proxy (the app under faults),
// `direct` without it (the truth the test reads back).
class DatabricksFaults : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ws = testsupport::EmulatedWorkspace::create();
        ASSERT_TRUE(ws && ws->provision());
        direct = std::make_unique<core::DatabricksSegmentStore>(ws->statements.get(), QStringLiteral("main"),
                                                                QStringLiteral("ad_segments"), testsupport::catalogue(),
                                                                QStringLiteral("emulator"));
        ASSERT_TRUE(core::awaitFuture(direct->saveAdvertiser({kAdvertiser, QStringLiteral("Fault Advertiser")})));
        proxy = std::make_unique<TcpFaultProxy>(ws->emulator->baseUrl().port());
        ASSERT_TRUE(proxy->listen());
        auth = std::make_unique<core::PatAuth>(testsupport::EmulatedWorkspace::kToken);
        api = std::make_unique<core::ApiClient>(&network, auth.get(), proxy->url(),
                                                testsupport::EmulatedWorkspace::fastPolicy());
        statements = std::make_unique<core::StatementClient>(api.get(), testsupport::EmulatedWorkspace::kWarehouse);
        statements->setPollBackoff(std::chrono::milliseconds(5), std::chrono::milliseconds(50));
        proxied = std::make_unique<core::DatabricksSegmentStore>(statements.get(), QStringLiteral("main"),
                                                                 QStringLiteral("ad_segments"), testsupport::catalogue(),
                                                                 QStringLiteral("emulator"));
    }

    core::Result<core::Segment> createThroughProxy(const QString& name)
    {
        return core::awaitFuture(proxied->createSegment(testsupport::draftSegment(kAdvertiser, name),
                                                        QStringLiteral("fault-tester")));
    }

    // The promises for one write of a segment named `name` whose outcome was `result`.
    void expectPromisesKept(const core::Result<core::Segment>& result, const QString& name)
    {
        const QList<core::Segment> stored = segmentsNamed(*direct, name);
        EXPECT_LE(stored.size(), 1) << "a write was applied twice";
        if (result) {
            ASSERT_EQ(stored.size(), 1) << "reported done, but lost";
            EXPECT_EQ(stored.first().id, result.value().id);
            EXPECT_EQ(stored.first().version, result.value().version);
        } else {
            EXPECT_TRUE(oneLine(result.error().userMessage)) << result.error().toString().toStdString();
        }
    }

    std::unique_ptr<testsupport::EmulatedWorkspace> ws;
    std::unique_ptr<core::DatabricksSegmentStore> direct;
    std::unique_ptr<TcpFaultProxy> proxy;
    QNetworkAccessManager network;
    std::unique_ptr<core::PatAuth> auth;
    std::unique_ptr<core::ApiClient> api;
    std::unique_ptr<core::StatementClient> statements;
    std::unique_ptr<core::DatabricksSegmentStore> proxied;
};

TEST_F(DatabricksFaults, AWriteCutMidRequestIsNotReportedDoneAndNeverLands)
{
    const QString name = QStringLiteral("Cut mid request");
    proxy->cutRequest(name.toUtf8(), 4, -1); // every attempt: the server never gets the whole request
    const auto result = createThroughProxy(name);
    ASSERT_FALSE(result) << "a write that never reached the server was reported done";
    EXPECT_GE(proxy->cutsDone(), 1);
    EXPECT_TRUE(oneLine(result.error().userMessage)) << result.error().toString().toStdString();
    EXPECT_TRUE(segmentsNamed(*direct, name).isEmpty());

    // The connection comes back: the same save goes through, once.
    proxy->clearCuts();
    const auto again = createThroughProxy(name);
    ASSERT_TRUE(again) << again.error().toString().toStdString();
    expectPromisesKept(again, name);
}

TEST_F(DatabricksFaults, AWriteWhoseAnswerIsLostIsNeverReportedDoneWithoutItsRowNorAppliedTwice)
{
    for (const qint64 after : {qint64(0), qint64(12), qint64(200)}) {
        const QString name = QStringLiteral("Answer lost after %1 bytes").arg(after);
        proxy->cutAnswer(name.toUtf8(), after, 1);
        const auto result = createThroughProxy(name);
        EXPECT_GE(proxy->cutsDone(), 1);
        expectPromisesKept(result, name);
        // An update whose answer is lost: never two versions from one edit.
        const QList<core::Segment> stored = segmentsNamed(*direct, name);
        if (stored.isEmpty())
            continue;
        core::Segment edited = stored.first();
        edited.description = QStringLiteral("edited after a lost answer");
        proxy->cutAnswer(edited.description.toUtf8(), after, 1);
        const auto updated = core::awaitFuture(proxied->updateSegment(edited, QStringLiteral("fault-tester")));
        const QList<core::Segment> after2 = segmentsNamed(*direct, name);
        ASSERT_EQ(after2.size(), 1);
        EXPECT_LE(after2.first().version, edited.version + 1) << "one edit applied twice";
        if (updated) {
            EXPECT_EQ(after2.first().version, updated.value().version);
            EXPECT_EQ(after2.first().description, edited.description);
        } else {
            EXPECT_TRUE(oneLine(updated.error().userMessage)) << updated.error().toString().toStdString();
        }
    }
}

TEST_F(DatabricksFaults, AResultChunkCutHalfWayNeverGivesAPartialList)
{
    ws->emulator->setRowsPerChunk(2);
    for (int i = 0; i < 7; ++i)
        ASSERT_TRUE(core::awaitFuture(direct->createSegment(
            testsupport::draftSegment(kAdvertiser, QStringLiteral("Listed %1").arg(i)), QStringLiteral("setup"))));
    core::SegmentQuery query;
    query.advertiserId = kAdvertiser;

    proxy->cutAnswer("/result/chunks/", 60, 1); // once: the client fetches the chunk again
    auto listed = core::awaitFuture(proxied->listSegments(query));
    EXPECT_GE(proxy->cutsDone(), 1);
    if (listed)
        EXPECT_EQ(listed.value().size(), 7) << "a cut chunk gave a partial list";
    else
        EXPECT_TRUE(oneLine(listed.error().userMessage));

    proxy->cutAnswer("/result/chunks/", 60, -1); // always: the listing fails, clearly
    listed = core::awaitFuture(proxied->listSegments(query));
    ASSERT_FALSE(listed) << "a listing with a chunk never received was reported complete ("
                         << listed.value().size() << " segments)";
    EXPECT_TRUE(oneLine(listed.error().userMessage)) << listed.error().toString().toStdString();
}

TEST_F(DatabricksFaults, ASaveWhileTheServerRestartsIsDoneOnceWhenItIsBack)
{
    const QString name = QStringLiteral("Saved across a restart");
    proxy->setDown(true);
    QTimer::singleShot(150, proxy.get(), [this] { proxy->setDown(false); });
    const auto result = createThroughProxy(name);
    ASSERT_TRUE(result) << "refused connections never reached the server, so the save is retried: "
                        << result.error().toString().toStdString();
    expectPromisesKept(result, name);

    // Stopped for good: a clear error, nothing stored.
    const QString lost = QStringLiteral("Saved while the server is gone");
    proxy->setDown(true);
    const auto failed = createThroughProxy(lost);
    ASSERT_FALSE(failed);
    expectPromisesKept(failed, lost);
    EXPECT_TRUE(segmentsNamed(*direct, lost).isEmpty());
}

TEST_F(DatabricksFaults, AWritePendingWhenTheEmulatorRestartsIsNotReportedDone)
{
    const QString name = QStringLiteral("Pending across an emulator restart");
    emulator::Fault pending;
    pending.kind = emulator::Fault::Kind::StaysPending;
    pending.sqlContains = QStringLiteral("INSERT"); // the name is a bound value, not in the text
    pending.pendingPolls = 1000000;
    ws->emulator->injectFault(pending);
    // While the statement is pending, the emulator process "restarts": a new one on the same
    // database and another port, which knows nothing of the old statement ids.
    QTimer::singleShot(200, ws->emulator.get(), [this] {
        auto restarted = std::make_unique<emulator::DatabricksEmulator>(ws->connectionName);
        ASSERT_TRUE(restarted->listen());
        restarted->addPersonalAccessToken(testsupport::EmulatedWorkspace::kToken,
                                          emulator::Principal{testsupport::EmulatedWorkspace::kPrincipal});
        restarted->addWarehouse(testsupport::EmulatedWorkspace::kWarehouse, QStringLiteral("Test warehouse"));
        proxy->setUpstreamPort(restarted->baseUrl().port());
        proxy->dropAll();
        ws->emulator->deleteLater();
        ws->emulator.release();
        ws->emulator = std::move(restarted);
    });
    const auto result = createThroughProxy(name);
    // The test's own client reads back from the restarted emulator.
    ws->api = std::make_unique<core::ApiClient>(&ws->network, ws->auth.get(), ws->emulator->baseUrl(),
                                                testsupport::EmulatedWorkspace::fastPolicy());
    ws->statements = std::make_unique<core::StatementClient>(ws->api.get(), testsupport::EmulatedWorkspace::kWarehouse);
    direct = std::make_unique<core::DatabricksSegmentStore>(ws->statements.get(), QStringLiteral("main"),
                                                            QStringLiteral("ad_segments"), testsupport::catalogue(),
                                                            QStringLiteral("emulator"));
    expectPromisesKept(result, name);
    if (!result) {
        EXPECT_TRUE(segmentsNamed(*direct, name).isEmpty()) << "a pending statement ran after its server was gone";
    }
}

// ---- the local workspace in a process of its own ------------------------------------------------

struct ChildRun
{
    QStringList saved;  // ids reported saved
    QStringList names;  // their names
    QStringList failed; // error messages of refused saves
    QByteArray err;
    int exitCode = -1;
    bool killed = false;
};

enum class ChildFault { None, DiskFull, ReadOnly };

// Runs fault_child; `limitBytes` is the file size limit for DiskFull. killAfterSaved > 0: kill -9
// after that many confirmed saves plus a random pause of up to 20 ms.
ChildRun runChild(const QStringList& args, ChildFault fault = ChildFault::None, qint64 limitBytes = 0,
                  int killAfterSaved = 0)
{
    QProcess p;
    p.setProgram(QStringLiteral(SB_TEST_BIN_DIR "/fault_child"));
    p.setArguments(args);
    p.setChildProcessModifier([fault, limitBytes] {
        if (fault == ChildFault::DiskFull) {
            std::signal(SIGXFSZ, SIG_IGN); // a write past the limit fails with EFBIG, as on a full disk
            rlimit limit{rlim_t(limitBytes), rlim_t(limitBytes)};
            setrlimit(RLIMIT_FSIZE, &limit);
        } else if (fault == ChildFault::ReadOnly && geteuid() == 0) {
            // root writes through file modes: the child runs as nobody, as a user would
            if (setgid(65534) != 0 || setuid(65534) != 0)
                _exit(90);
        }
    });
    ChildRun run;
    QByteArray out;
    auto takeLines = [&] {
        out.append(p.readAllStandardOutput());
        qsizetype nl;
        while ((nl = out.indexOf('\n')) >= 0) {
            const QString line = QString::fromUtf8(out.left(nl));
            out.remove(0, nl + 1);
            if (line.startsWith(QLatin1String("saved "))) {
                const QStringList parts = line.split(QLatin1Char(' '));
                run.saved.append(parts.value(1));
                run.names.append(parts.mid(2).join(QLatin1Char(' ')));
            } else if (line.startsWith(QLatin1String("failed "))) {
                run.failed.append(line.mid(7));
            }
        }
    };
    p.start();
    if (!p.waitForStarted(10000)) {
        ADD_FAILURE() << "fault_child did not start";
        return run;
    }
    while (p.state() != QProcess::NotRunning) {
        p.waitForReadyRead(100);
        takeLines();
        if (killAfterSaved > 0 && run.saved.size() >= killAfterSaved && !run.killed) {
            QThread::usleep(QRandomGenerator::global()->bounded(20000));
            ::kill(pid_t(p.processId()), SIGKILL);
            run.killed = true;
        }
    }
    p.waitForFinished(60000);
    takeLines();
    run.err = p.readAllStandardError();
    run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -9;
    return run;
}

QString integrityCheck(const QString& path)
{
    const QString connection = QStringLiteral("integrity-") + QUuid::createUuid().toString(QUuid::Id128);
    QString answer;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next())
                answer = q.value(0).toString();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return answer;
}

// Every segment fault_child reported saved is in the file; `maxUnreported` others may be there
// (the write in flight when it was killed). Returns the names stored.
QStringList expectSavedAreStored(const QString& path, const QStringList& savedIds, const QStringList& tags,
                                 int maxUnreported)
{
    EXPECT_EQ(integrityCheck(path), QStringLiteral("ok"));
    auto opened = core::SqliteBackend::open(path, testsupport::catalogue());
    EXPECT_TRUE(opened) << opened.error().toString().toStdString();
    if (!opened)
        return {};
    for (const QString& id : savedIds) {
        auto got = core::awaitFuture(opened.value()->segments().getSegment(id));
        EXPECT_TRUE(got) << "reported saved, but lost: " << id.toStdString();
    }
    core::SegmentQuery query;
    query.advertiserId = kAdvertiser;
    auto listed = core::awaitFuture(opened.value()->segments().listSegments(query));
    EXPECT_TRUE(listed);
    QStringList names;
    int unreported = 0;
    for (const core::Segment& s : listed ? listed.value() : QList<core::Segment>{}) {
        names.append(s.name);
        bool ours = false;
        for (const QString& tag : tags)
            ours = ours || s.name.startsWith(tag);
        if (ours && !savedIds.contains(s.id))
            ++unreported;
        EXPECT_EQ(s.version, 1) << s.name.toStdString();
    }
    EXPECT_LE(unreported, maxUnreported) << "segments stored that no one was told about";
    return names;
}

QByteArray fileHash(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

TEST(LocalWorkspaceFaults, KillNineInTheMiddleOfWritesLosesNothingReportedSaved)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ws.sqlite"));
    ASSERT_EQ(runChild({QStringLiteral("init"), path}).exitCode, 0);
    QStringList saved;
    QStringList tags;
    for (int round = 0; round < 5; ++round) {
        const QString tag = QStringLiteral("kill%1-").arg(round);
        tags.append(tag);
        const ChildRun run = runChild({QStringLiteral("save"), path, tag, QStringLiteral("100000"), QStringLiteral("200")},
                                      ChildFault::None, 0, 10 + 7 * round);
        ASSERT_TRUE(run.killed) << run.err.toStdString();
        EXPECT_TRUE(run.failed.isEmpty()) << run.failed.join(QLatin1Char('|')).toStdString();
        saved += run.saved;
        // Killed while one save was in flight: at most one segment per round nobody was told of.
        expectSavedAreStored(path, saved, tags, round + 1);
    }
}

TEST(LocalWorkspaceFaults, AFullDiskRefusesSavesClearlyAndLosesNothingReportedSaved)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ws.sqlite"));
    ASSERT_EQ(runChild({QStringLiteral("init"), path}).exitCode, 0);
    const qint64 size = QFileInfo(path).size();
    // Room for some segments with long descriptions (1,900 characters, under the 2,000 allowed),
    // then every write fails with EFBIG.
    const ChildRun run = runChild({QStringLiteral("save"), path, QStringLiteral("full-"), QStringLiteral("300"),
                                   QStringLiteral("1900")},
                                  ChildFault::DiskFull, size + 64 * 1024);
    EXPECT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_FALSE(run.saved.isEmpty()) << run.err.toStdString();
    ASSERT_FALSE(run.failed.isEmpty()) << "the disk never filled: " << run.saved.size() << " saved";
    for (const QString& message : run.failed)
        EXPECT_TRUE(oneLine(message)) << message.toStdString();
    // What was refused is not there; what was confirmed is.
    const QStringList stored = expectSavedAreStored(path, run.saved, {QStringLiteral("full-")}, 0);
    EXPECT_EQ(stored.size(), run.saved.size());
    // Space again: the workspace still works.
    const ChildRun after = runChild({QStringLiteral("save"), path, QStringLiteral("after-"), QStringLiteral("3"),
                                     QStringLiteral("10")});
    EXPECT_EQ(after.saved.size(), 3) << after.err.toStdString() << after.failed.join(QLatin1Char('|')).toStdString();
}

TEST(LocalWorkspaceFaults, AReadOnlyWorkspaceRefusesSavesClearlyAndStaysUnchanged)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ws.sqlite"));
    ASSERT_EQ(runChild({QStringLiteral("init"), path}).exitCode, 0);
    ASSERT_EQ(runChild({QStringLiteral("save"), path, QStringLiteral("before-"), QStringLiteral("2"),
                        QStringLiteral("10")})
                  .saved.size(),
              2);
    QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup |
                                          QFile::ReadOther | QFile::ExeOther);
    QFile::setPermissions(path, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther);
    const QByteArray before = fileHash(path);
    const ChildRun run = runChild({QStringLiteral("save"), path, QStringLiteral("ro-"), QStringLiteral("3"),
                                   QStringLiteral("10")},
                                  ChildFault::ReadOnly);
    EXPECT_NE(run.exitCode, 90) << "could not drop to an unprivileged user";
    EXPECT_TRUE(run.saved.isEmpty()) << "a save into a read-only file was reported done";
    // Either the open or every save is refused, with a one-line message.
    const QStringList messages = run.failed.isEmpty() ? QStringList{QString::fromUtf8(run.err).trimmed()} : run.failed;
    for (const QString& message : messages)
        EXPECT_TRUE(oneLine(message)) << message.toStdString();
    EXPECT_EQ(fileHash(path), before) << "the read-only workspace changed";
    QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
}

} // namespace
