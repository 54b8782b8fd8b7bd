// Offline work in the window: a shared workspace (PostgreSQL) that cannot be reached at start
// stays the chosen workspace, offline, showing its cached list with its age; an edit goes to the
// outbox ("Saved on this computer — will sync") and the status bar counts it. The conflict
// dialog shows theirs and yours field by field and returns keep mine / take theirs / merge.
// DISABLED_ tests render docs/screenshots/offline-*.png (SB_SCREENSHOT_DIR).
#include <gtest/gtest.h>

#include <algorithm>

#include <QItemSelectionModel>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QTableView>
#include <QProcessEnvironment>
#include <QPushButton>
#include <QRadioButton>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include "common/future_wait.h"
#include "common/toast.h"
#include "common/toast_overlay.h"
#include "domain/definition_describer.h"
#include "activation/activation_panel.h"
#include "common/view_message.h"
#include "experiments/experiments_panel.h"
#include "offline/conflict_dialog.h"
#include "offline/outbox.h"
#include "offline/outbox_experiment_store.h"
#include "offline/outbox_indicator.h"
#include "segments/segment_detail_view.h"
#include "segments/segment_filter_proxy.h"
#include "segments/segment_list_model.h"
#include "segments/segment_list_pane.h"
#include "segments/segment_views.h"
#include "shell/main_window.h"
#include "support/gtest_qt.h"
#include "support/segment_builders.h"
#include "support/test_catalogue.h"
#include "workspace/connection_status.h"
#include "workspace/workspace_controls.h"
#include "workspace/workspace_session.h"

namespace {

const QString kAdvertiser = QStringLiteral("adv-offline");

// A port on which nothing listens (a server that is down).
quint16 closedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

core::Segment cachedSegment(const QString& name, int version)
{
    core::Segment s = testsupport::draftSegment(kAdvertiser, name);
    s.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    s.version = version;
    s.definitionHash = s.definition.hash();
    s.createdBy = s.updatedBy = QStringLiteral("colleague@example.com");
    s.createdAt = s.updatedAt = QDateTime::currentDateTimeUtc().addDays(-1);
    return s;
}

class OfflineWindowTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir.isValid());
        auto opened = core::Outbox::open(dir.filePath(QStringLiteral("outbox.sqlite")));
        ASSERT_TRUE(opened.ok());
        outbox = std::move(opened).value();
        choice = core::WorkspaceChoice::postgres(
            QStringLiteral("host=127.0.0.1 port=%1 dbname=segments user=tester connect_timeout=2").arg(closedPort()));
        // What an earlier session read from it.
        segments = {cachedSegment(QStringLiteral("Spring buyers"), 3), cachedSegment(QStringLiteral("Lapsed"), 1)};
        ASSERT_TRUE(outbox->cacheAdvertisers(choice.outboxKey(), {{kAdvertiser, QStringLiteral("Acme")}}).ok());
        ASSERT_TRUE(outbox->cacheSegments(choice.outboxKey(), segments, true).ok());
        ASSERT_TRUE(outbox->cacheMetrics(choice.outboxKey(), {{segments.first().id, springMetrics()}}).ok());

        core::DatabricksConnectionOptions options;
        options.network = &network;
        QProcessEnvironment env;
        env.insert(QStringLiteral("DATABRICKS_CONFIG_FILE"), dir.filePath(QStringLiteral("none.cfg")));
        session = std::make_unique<core::WorkspaceSession>(testsupport::catalogue(), options,
                                                           core::DatabricksConfigResolver(env, dir.path()));
        session->setOutbox(outbox.get());
    }
    void TearDown() override
    {
        window.reset();
        session.reset();
        outbox.reset();
    }
    void openWindow()
    {
        ASSERT_TRUE(session->activate(choice));
        window = std::make_unique<ui::MainWindow>(session->store(), testsupport::catalogue(), QStringLiteral("tester"));
        window->setWorkspaceSession(session.get());
        window->resize(1280, 800);
        window->show();
        window->start(kAdvertiser);
        TRY_VERIFY_WITH_TIMEOUT(window->isSettled() && window->listModel()->rowCount() == 2, 20000);
    }
    void selectSegment(const QString& name)
    {
        QAbstractItemModel& rows = *window->listPane()->proxy();
        for (int r = 0; r < rows.rowCount(); ++r)
            if (rows.index(r, ui::SegmentListModel::Name).data().toString() == name)
                window->listPane()->view()->selectionModel()->setCurrentIndex(
                    rows.index(r, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
    static QList<core::DailyMetrics> springMetrics()
    {
        return {{QDate(2026, 3, 1), 1200, 30, 4, 900, 6000000}, {QDate(2026, 3, 2), 1500, 41, 6, 1100, 7500000}};
    }
    bool toastSays(const QString& text) const
    {
        for (const ui::Toast* t : window->toasts()->toasts())
            if ((t->message() + QLatin1Char(' ') + t->remediation()).contains(text))
                return true;
        return false;
    }

    QTemporaryDir dir;
    QNetworkAccessManager network;
    std::unique_ptr<core::Outbox> outbox;
    core::WorkspaceChoice choice;
    QList<core::Segment> segments;
    std::unique_ptr<core::WorkspaceSession> session;
    std::unique_ptr<ui::MainWindow> window;
};

TEST_F(OfflineWindowTest, UnreachableAtStartStaysOnTheSharedWorkspaceWithItsCacheAndQueuesEdits)
{
    openWindow();
    // Still the PostgreSQL workspace, not the local one; offline, from the cache, with its age.
    EXPECT_EQ(session->choice().kind, core::WorkspaceChoice::Kind::Postgres);
    EXPECT_EQ(session->store().backendKind(), QStringLiteral("postgres"));
    ASSERT_TRUE(session->outboxBackend());
    EXPECT_TRUE(session->outboxBackend()->isOffline());
    EXPECT_EQ(session->backend(), nullptr); // the backend's stores are not there offline
    ui::OutboxIndicator* indicator = window->outboxIndicator();
    ASSERT_TRUE(indicator);
    TRY_VERIFY_WITH_TIMEOUT(indicator->isVisible(), 5000);
    EXPECT_TRUE(indicator->text().startsWith(QStringLiteral("Offline — showing the list as of "))) << indicator->text().toStdString();
    TRY_VERIFY_WITH_TIMEOUT(window->workspaceControls()->status()->state() == core::WorkspaceHealth::State::Unhealthy, 10000);
    EXPECT_TRUE(window->workspaceControls()->status()->text().contains(QStringLiteral("PostgreSQL")))
        << window->workspaceControls()->status()->text().toStdString();

    core::Segment edited = segments.first();
    edited.description = QStringLiteral("edited on the train");
    auto saved = core::awaitFuture(session->store().updateSegment(edited, QStringLiteral("tester")));
    ASSERT_TRUE(saved.ok()) << saved.error().toString().toStdString();
    EXPECT_EQ(saved.value().version, 4);
    // Saved straight through the store, no flow shows a toast of its own: the note comes alone.
    TRY_VERIFY_WITH_TIMEOUT(toastSays(QStringLiteral("Saved on this computer — will sync")), 5000);
    TRY_VERIFY_WITH_TIMEOUT(indicator->text().contains(QStringLiteral("1 change waiting to sync")), 5000);
    EXPECT_EQ(outbox->count(choice.outboxKey()).value(), 1);
    // The list shows the edit waiting.
    auto listed = core::awaitFuture(session->store().listSegments({}));
    ASSERT_TRUE(listed.ok());
    bool shown = false;
    for (const auto& s : listed.value())
        shown = shown || (s.id == edited.id && s.description == edited.description);
    EXPECT_TRUE(shown);
}

TEST_F(OfflineWindowTest, UnreachableAtStartTheDetailViewShowsTheMetricsAsLastRead)
{
    openWindow();
    window->showView(ui::SegmentViews::View::Detail);
    selectSegment(QStringLiteral("Spring buyers"));
    ui::SegmentDetailView* detail = window->views()->detail();
    TRY_VERIFY_WITH_TIMEOUT(window->isSettled() && detail->segmentId() == segments.first().id && detail->hasMetrics(),
                            20000);
    auto shown = core::awaitFuture(session->outboxBackend()->metrics().dailyMetrics(segments.first().id));
    ASSERT_TRUE(shown.ok()) << shown.error().toString().toStdString();
    EXPECT_EQ(shown.value(), springMetrics()) << "the figures as last read, not made up";
    EXPECT_TRUE(session->readCacheAsOf().isValid());
    EXPECT_TRUE(window->outboxIndicator()->text().startsWith(QStringLiteral("Offline — showing the list as of ")))
        << window->outboxIndicator()->text().toStdString();
    EXPECT_FALSE(toastSays(QStringLiteral("Could not estimate the reach")))
        << "offline, the reach panel says why; no error toast for a read nobody asked for";

    // A segment whose metrics were never read: its view says why there are none, no zeros.
    selectSegment(QStringLiteral("Lapsed"));
    TRY_VERIFY_WITH_TIMEOUT(window->isSettled() && detail->segmentId() == segments.last().id, 20000);
    EXPECT_FALSE(detail->hasMetrics());
}

core::OutboxChange conflictedChange()
{
    core::Segment base = cachedSegment(QStringLiteral("Spring buyers"), 3);
    base.description = QStringLiteral("Buyers of the spring range");
    core::OutboxChange change;
    change.id = 7;
    change.kind = core::OutboxChangeKind::Update;
    change.segmentId = base.id;
    change.baseVersion = 3;
    change.base = base;
    change.user = QStringLiteral("tester");
    change.queuedAt = QDateTime::currentDateTimeUtc();
    change.payload = base;
    change.payload.name = QStringLiteral("Spring buyers (EU)");
    change.payload.definition = testsupport::countries({QStringLiteral("DE"), QStringLiteral("FR")});
    core::Segment theirs = base;
    theirs.version = 4;
    theirs.description = QStringLiteral("Spring range buyers, last 90 days");
    theirs.updatedBy = QStringLiteral("colleague@example.com");
    change.theirs = theirs;
    change.state = core::OutboxChangeState::Conflict;
    return change;
}

core::SegmentMerge::Describe describer()
{
    const core::DefinitionDescriber d(testsupport::catalogue());
    return [d](const core::Definition& def) { return d.describe(def); };
}

TEST_F(OfflineWindowTest, UnreachableAtStartTheExperimentsStayReadableAndAStopWaitsInTheOutbox)
{
    core::Experiment banner;
    banner.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    banner.segmentId = segments.first().id;
    banner.advertiserId = kAdvertiser;
    banner.name = QStringLiteral("Banner test");
    banner.key = QStringLiteral("banner-test");
    banner.arms = {{QStringLiteral("control"), 50}, {QStringLiteral("treatment"), 50}};
    banner.startDate = QDate(2026, 3, 1);
    banner.status = core::ExperimentStatus::Running;
    banner.version = 2;
    banner.createdBy = banner.updatedBy = QStringLiteral("colleague@example.com");
    banner.createdAt = banner.updatedAt = QDateTime::currentDateTimeUtc().addDays(-1);
    core::ExperimentQuery bySegment; // what the experiments panel listed, online, earlier
    bySegment.segmentId = banner.segmentId;
    ASSERT_TRUE(outbox->cacheExperiments(choice.outboxKey(), {banner}, core::OutboxExperimentStore::scopeOf(bySegment)).ok());
    openWindow();
    window->showView(ui::SegmentViews::View::Experiments);
    selectSegment(QStringLiteral("Spring buyers"));
    ui::ExperimentsPanel* panel = window->views()->experiments();
    TRY_VERIFY_WITH_TIMEOUT(!panel->isBusy() && panel->experiments().size() == 1, 20000);
    EXPECT_EQ(panel->experiments().first(), banner) << "the experiment as last read";
    panel->select(banner.id);
    // Its results need the workspace: the panel says so, without an error toast.
    TRY_VERIFY_WITH_TIMEOUT(!panel->isBusy() && panel->messageText().contains(QStringLiteral("cannot be reached")), 20000);
    EXPECT_FALSE(toastSays(QStringLiteral("cannot be reached now")));

    panel->setStopConfirmer([](const QString&) { return true; });
    panel->stopCurrent();
    TRY_VERIFY_WITH_TIMEOUT(outbox->count(choice.outboxKey()).value() == 1, 10000);
    // One toast, which says where the stop is kept: never a success that reads as done on the workspace.
    TRY_VERIFY_WITH_TIMEOUT(toastSays(QStringLiteral("Saved on this computer — will sync")), 5000);
    int stopToasts = 0;
    for (const ui::Toast* t : window->toasts()->toasts()) {
        if (t->message().contains(QStringLiteral("Stopped “"))) {
            ++stopToasts;
            EXPECT_EQ(t->kind(), ui::Toast::Kind::Info) << t->message().toStdString();
            EXPECT_TRUE(t->message().contains(QStringLiteral("Saved on this computer"))) << t->message().toStdString();
        }
    }
    EXPECT_EQ(stopToasts, 1);
    TRY_VERIFY_WITH_TIMEOUT(!panel->isBusy() && !panel->experiments().isEmpty() &&
                                panel->experiments().first().status == core::ExperimentStatus::Stopped,
                            10000);
    EXPECT_EQ(panel->experiments().first().version, 3);
    TRY_VERIFY_WITH_TIMEOUT(window->outboxIndicator()->text().contains(QStringLiteral("1 change waiting to sync")), 5000);
    const core::OutboxChange waiting = outbox->pending(choice.outboxKey()).value().first();
    ASSERT_TRUE(waiting.isExperiment());
    EXPECT_EQ(waiting.kind, core::OutboxChangeKind::Stop);
    EXPECT_EQ(waiting.baseVersion, 2);
    if (const QString shots = qEnvironmentVariable("SB_SCREENSHOT_DIR"); !shots.isEmpty()) { // docs/screenshots
        QTest::qWait(200); // the status bar lays out its new text
        EXPECT_TRUE(window->grab().save(shots + QStringLiteral("/offline-experiments.png")));
    }

    // Activation is not queued: offline its panel says it needs the workspace (not "no workspace").
    window->showView(ui::SegmentViews::View::Activate);
    auto activationSays = [&](const QString& text) {
        for (const QLabel* l : window->views()->activation()->findChildren<ui::ViewMessage*>())
            if (l->text().contains(text))
                return true;
        return false;
    };
    TRY_VERIFY_WITH_TIMEOUT(activationSays(QStringLiteral("needs the shared workspace")), 10000);
    EXPECT_FALSE(activationSays(QStringLiteral("No workspace is open")));
}

TEST(ConflictDialogTest, ShowsTheirsAndYoursFieldByFieldAndReturnsTheChoice)
{
    const core::OutboxChange change = conflictedChange();
    for (const auto& [button, expected] : {std::pair{QStringLiteral("keepMine"), core::ConflictChoice::KeepMine},
                                          std::pair{QStringLiteral("takeTheirs"), core::ConflictChoice::TakeTheirs},
                                          std::pair{QStringLiteral("merge"), core::ConflictChoice::Merge}}) {
        ui::ConflictDialog dialog(change, describer());
        dialog.show();
        const auto& fields = dialog.fields();
        ASSERT_EQ(fields.size(), 5);
        EXPECT_TRUE(fields[0].changedByMe);    // name
        EXPECT_TRUE(fields[1].changedByThem);  // description
        EXPECT_TRUE(fields[4].changedByMe);    // definition
        EXPECT_TRUE(fields[4].mine.contains(QStringLiteral("Germany")) || fields[4].mine.contains(QStringLiteral("DE")))
            << fields[4].mine.toStdString();
        auto* push = dialog.findChild<QPushButton*>(button);
        ASSERT_TRUE(push);
        QTest::mouseClick(push, Qt::LeftButton);
        EXPECT_EQ(dialog.result(), QDialog::Accepted);
        EXPECT_EQ(dialog.choice(), expected);
    }
    // Merge: by default yours where you changed a field, theirs elsewhere; a field can be switched.
    ui::ConflictDialog dialog(change, describer());
    core::Segment merged = dialog.merged();
    EXPECT_EQ(merged.name, QStringLiteral("Spring buyers (EU)"));
    EXPECT_EQ(merged.description, QStringLiteral("Spring range buyers, last 90 days"));
    EXPECT_EQ(merged.definition, change.payload.definition);
    EXPECT_EQ(merged.version, 4);
    auto* theirsName = dialog.findChild<QRadioButton*>(QStringLiteral("nameTheirs"));
    ASSERT_TRUE(theirsName);
    theirsName->click();
    EXPECT_EQ(dialog.merged().name, QStringLiteral("Spring buyers"));
}

TEST(ConflictDialogTest, AnExperimentConflictShowsItsFieldsAndMergesThem)
{
    core::Experiment base;
    base.id = QStringLiteral("11111111-2222-4333-8444-555555555555");
    base.segmentId = QStringLiteral("seg-1");
    base.advertiserId = QStringLiteral("adv-1");
    base.name = QStringLiteral("Banner test");
    base.key = QStringLiteral("banner-test");
    base.arms = {{QStringLiteral("control"), 50}, {QStringLiteral("treatment"), 50}};
    base.startDate = QDate(2026, 3, 5);
    base.status = core::ExperimentStatus::Running;
    base.version = 2;
    core::OutboxChange change;
    change.id = 9;
    change.kind = core::OutboxChangeKind::Update;
    change.segmentId = base.segmentId;
    change.baseVersion = 2;
    change.user = QStringLiteral("tester");
    change.queuedAt = QDateTime::currentDateTimeUtc();
    change.state = core::OutboxChangeState::Conflict;
    core::Experiment mine = base;
    mine.name = QStringLiteral("Banner test, EU");
    core::Experiment theirs = base;
    theirs.version = 3;
    theirs.endDate = QDate(2026, 4, 30);
    theirs.updatedBy = QStringLiteral("colleague@example.com");
    change.experiment = core::OutboxExperimentChange{mine, base, theirs};

    ui::ConflictDialog dialog(change, describer());
    dialog.show();
    auto field = [&](const QString& key) {
        for (const auto& f : dialog.fields())
            if (f.key == key)
                return f;
        return core::SegmentField{};
    };
    EXPECT_TRUE(field(QStringLiteral("name")).changedByMe);
    EXPECT_TRUE(field(QStringLiteral("end_date")).changedByThem);
    EXPECT_EQ(field(QStringLiteral("end_date")).theirs, QStringLiteral("2026-04-30"));
    EXPECT_FALSE(field(QStringLiteral("arms")).differs());
    const QList<QLabel*> labels = dialog.findChildren<QLabel*>();
    EXPECT_TRUE(std::any_of(labels.begin(), labels.end(), [](const QLabel* l) {
        return l->text().contains(QStringLiteral("Experiment Banner test")) && l->text().contains(QStringLiteral("colleague"));
    }));
    core::Experiment merged = dialog.mergedExperiment();
    EXPECT_EQ(merged.name, QStringLiteral("Banner test, EU")); // yours
    EXPECT_EQ(merged.endDate, QDate(2026, 4, 30));           // theirs
    EXPECT_EQ(merged.version, 3);
    auto* theirsName = dialog.findChild<QRadioButton*>(QStringLiteral("nameTheirs"));
    ASSERT_TRUE(theirsName);
    theirsName->click();
    EXPECT_EQ(dialog.mergedExperiment().name, QStringLiteral("Banner test"));
    auto* merge = dialog.findChild<QPushButton*>(QStringLiteral("merge"));
    ASSERT_TRUE(merge && merge->isEnabled());
    QTest::mouseClick(merge, Qt::LeftButton);
    EXPECT_EQ(dialog.choice(), core::ConflictChoice::Merge);
}

QString screenshotDir()
{
    return qEnvironmentVariable("SB_SCREENSHOT_DIR");
}

TEST(ConflictDialogTest, DISABLED_RendersTheDocsScreenshot)
{
    if (screenshotDir().isEmpty())
        GTEST_SKIP() << "SB_SCREENSHOT_DIR not set";
    ui::ConflictDialog dialog(conflictedChange(), describer());
    dialog.resize(900, dialog.sizeHint().height());
    dialog.show();
    QTest::qWait(200);
    EXPECT_TRUE(dialog.grab().save(QDir(screenshotDir()).filePath(QStringLiteral("offline-conflict.png"))));
}

TEST_F(OfflineWindowTest, DISABLED_RendersTheDocsScreenshot)
{
    if (screenshotDir().isEmpty())
        GTEST_SKIP() << "SB_SCREENSHOT_DIR not set";
    openWindow();
    core::Segment edited = segments.first();
    edited.description = QStringLiteral("edited on the train");
    ASSERT_TRUE(core::awaitFuture(session->store().updateSegment(edited, QStringLiteral("tester"))).ok());
    // Its detail: the daily metrics as last read (the read cache), the age in the status bar.
    window->showView(ui::SegmentViews::View::Detail);
    selectSegment(QStringLiteral("Spring buyers"));
    TRY_VERIFY_WITH_TIMEOUT(window->isSettled() && window->views()->detail()->hasMetrics(), 20000);
    QTest::qWait(500);
    EXPECT_TRUE(window->grab().save(QDir(screenshotDir()).filePath(QStringLiteral("offline.png"))));
}

} // namespace
