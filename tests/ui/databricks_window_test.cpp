// The window against Databricks (the emulator over real HTTP on a private PostgreSQL):
// switching workspaces through the session and the connection dialog, the status bar's
// health, the diagnostics panel (GRANT fix, create tables), and save → list → edit → delete →
// restore through the form — with a failed write that keeps the form and reports no success —
// and the detail and comparison views on Databricks figures (a FAILED statement shown, not partial).
#include <gtest/gtest.h>

#include <QAction>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include "comparison/comparison_table.h"
#include "comparison/comparison_view.h"
#include "workspace/connection_dialog.h"
#include "workspace/connection_status.h"
#include "segments/criteria_editor.h"
#include "backends/databricks/databricks_connection.h"
#include "workspace/diagnostics_panel.h"
#include "shell/main_window.h"
#include "shell/main_window_actions.h"
#include "analytics/metric_format.h"
#include "comparison/overlap_matrix_table.h"
#include "comparison/saved_comparisons_bar.h"
#include "segments/segment_detail_view.h"
#include "segments/segment_filter_proxy.h"
#include "segments/segment_form.h"
#include "segments/segment_list_model.h"
#include "segments/segment_list_pane.h"
#include "segments/segment_views.h"
#include "comparison/significance_list.h"
#include "reports/reports_dialog.h"
#include "report/report_timer.h"
#include "support/emulated_workspace.h"
#include "support/gtest_qt.h"
#include "support/segment_builders.h"
#include "support/test_catalogue.h"
#include "temp_workspace.h"
#include "common/toast.h"
#include "common/toast_overlay.h"
#include "workspace/workspace_session.h"
#include "workspace/workspace_controls.h"

namespace {

using testsupport::EmulatedWorkspace;
using Health = core::WorkspaceHealth::State;

const QString kAdvertiser = QStringLiteral("adv-db");

class DatabricksWindowTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ws = EmulatedWorkspace::create();
        ASSERT_TRUE(ws);
        ASSERT_TRUE(home.isValid());
        writeConfig(EmulatedWorkspace::kToken);
        local = uitest::TempWorkspace::withSegments({QStringLiteral("Local one")});
        ASSERT_TRUE(local);
        localPath = local->path(); // the session opens the file too
    }

    void TearDown() override
    {
        // The window and session first, then let their network calls wind down before the
        // emulator and its network manager go: a call still running (a reach estimate) keeps
        // the connection alive, and it must not send on a deleted network manager.
        QPointer<core::DatabricksConnection> connection = session ? session->databricks() : nullptr;
        window.reset();
        session.reset();
        QTest::qWait(50);
        EXPECT_TRUE(QTest::qWaitFor([&] { return connection.isNull(); }, 15000))
            << "the Databricks connection outlived the session";
    }

    void writeConfig(const QString& token)
    {
        QFile file(home.filePath(QStringLiteral("databrickscfg")));
        ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        const QString host = ws->emulator->baseUrl().toString();
        file.write(QStringLiteral(
                       "[emulator]\nhost = %1\ntoken = %2\nwarehouse_id = %3\n\n"
                       "[broken]\nhost = https://example.com\ntoken = a\nclient_id = b\nclient_secret = c\n")
                       .arg(host, token, EmulatedWorkspace::kWarehouse)
                       .toUtf8());
    }

    void makeSession()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("DATABRICKS_CONFIG_FILE"), home.filePath(QStringLiteral("databrickscfg")));
        core::DatabricksConnectionOptions options;
        options.network = &ws->network;
        options.retryPolicy = EmulatedWorkspace::fastPolicy();
        options.firstPoll = std::chrono::milliseconds(5);
        options.maxPoll = std::chrono::milliseconds(50);
        session = std::make_unique<core::WorkspaceSession>(testsupport::catalogue(), options,
                                                           core::DatabricksConfigResolver(env, home.path()));
    }

    // The window on the local workspace first, as the app starts.
    void openWindow()
    {
        makeSession();
        ASSERT_TRUE(session->activate(core::WorkspaceChoice::local(localPath)));
        window = std::make_unique<ui::MainWindow>(session->store(), testsupport::catalogue(),
                                                  QStringLiteral("tester"));
        window->setWorkspaceSession(session.get());
        window->setUnsavedChangesPrompt(
            [](const QString&, bool) { return ui::UnsavedChangesPrompt::Choice::Discard; });
        window->setConfirmDelete([](const QString&) { return true; });
        window->show();
        window->start(QString::fromLatin1(uitest::TempWorkspace::kAdvertiser));
        TRY_VERIFY_WITH_TIMEOUT(window->isSettled(), 10000);
    }

    void seedDatabricks()
    {
        ASSERT_TRUE(ws->provision());
        auto added =
            ws->execute(QStringLiteral("INSERT INTO main.ad_segments.advertisers (advertiser_id, name) "
                                       "VALUES (:id, :name)"),
                        {core::SqlParam{QStringLiteral("id"), kAdvertiser},
                         core::SqlParam{QStringLiteral("name"), QStringLiteral("Databricks Advertiser")}});
        ASSERT_TRUE(added) << added.error().toString().toStdString();
    }

    void switchToDatabricks(bool waitUntilLoaded = true)
    {
        ASSERT_TRUE(session->activate(core::WorkspaceChoice::databricks(QStringLiteral("emulator"))));
        if (waitUntilLoaded)
            TRY_VERIFY_WITH_TIMEOUT(window->isSettled(), 15000);
    }

    ui::SegmentForm& form() { return *window->form(); }
    ui::MainWindowActions& actions() { return *window->actions(); }
    QAbstractItemModel& rows() { return *window->listPane()->proxy(); }
    ui::ConnectionStatus& status() { return *window->workspaceControls()->status(); }

    QStringList names()
    {
        QStringList out;
        for (int r = 0; r < rows().rowCount(); ++r)
            out.append(rows().index(r, ui::SegmentListModel::Name).data().toString());
        return out;
    }

    void activate(const QString& name)
    {
        const int row = names().indexOf(name);
        ASSERT_GE(row, 0) << name.toStdString();
        window->listPane()->view()->selectionModel()->setCurrentIndex(
            rows().index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }

    bool toastSays(const QString& text) const
    {
        for (const ui::Toast* t : window->toasts()->toasts()) {
            if ((t->message() + QLatin1Char(' ') + t->remediation()).contains(text))
                return true;
        }
        return false;
    }

    // A new segment (of these countries) saved through the form.
    void saveNewSegment(const QString& name, const QStringList& countries = {QStringLiteral("US")})
    {
        actions().newSegment->trigger();
        typeInto(form().nameField(), name);
        for (const auto& country : countries)
            ASSERT_TRUE(form().criteria()->includePicker(core::Dimension::Country)->addFromText(country));
        actions().save->trigger();
        TRY_VERIFY_WITH_TIMEOUT(toastSays(QStringLiteral("Saved “%1”").arg(name)), 15000);
        TRY_VERIFY(window->isSettled());
    }

    void typeInto(QLineEdit* field, const QString& text)
    {
        field->selectAll();
        QTest::keyClicks(field, text);
    }

    std::unique_ptr<EmulatedWorkspace> ws;
    QTemporaryDir home;
    std::unique_ptr<uitest::TempWorkspace> local;
    QString localPath;
    std::unique_ptr<core::WorkspaceSession> session;
    std::unique_ptr<ui::MainWindow> window;
};

} // namespace

TEST_F(DatabricksWindowTest, SwitchingToDatabricksReloadsTheWindowAndTheStatusBarSaysWhereAndHowItIs)
{
    seedDatabricks();
    openWindow();
    EXPECT_EQ(names(), QStringList{QStringLiteral("Local one")});
    TRY_COMPARE(status().state(), Health::Healthy);
    EXPECT_FALSE(status().text().contains(QStringLiteral("Databricks")));
    EXPECT_FALSE(actions().createTables->isEnabled()) << "nothing to create locally";

    switchToDatabricks();
    EXPECT_TRUE(status().text().startsWith(QStringLiteral("Databricks — "))) << status().text().toStdString();
    EXPECT_TRUE(status().text().contains(QStringLiteral("main.ad_segments")));
    EXPECT_EQ(window->currentAdvertiserId(), kAdvertiser);
    EXPECT_TRUE(names().isEmpty());
    TRY_COMPARE_WITH_TIMEOUT(status().state(), Health::Healthy, 10000);
    EXPECT_TRUE(session->health().summary.contains(QStringLiteral("running")))
        << session->health().summary.toStdString();
    EXPECT_TRUE(session->health().summary.contains(EmulatedWorkspace::kPrincipal));
    EXPECT_TRUE(actions().createTables->isEnabled());

    // And back: the local segments again.
    ASSERT_TRUE(session->activate(core::WorkspaceChoice::local(localPath)));
    TRY_VERIFY_WITH_TIMEOUT(window->isSettled(), 10000);
    EXPECT_EQ(names(), QStringList{QStringLiteral("Local one")});
    EXPECT_FALSE(status().text().contains(QStringLiteral("Databricks")));
}

TEST_F(DatabricksWindowTest, SaveListEditDeleteRestoreThroughTheFormAgainstDatabricks)
{
    seedDatabricks();
    openWindow();
    switchToDatabricks();

    ASSERT_NO_FATAL_FAILURE(saveNewSegment(QStringLiteral("Cloud shoppers")));
    EXPECT_TRUE(toastSays(QStringLiteral("Saved “Cloud shoppers” (version 1)")));
    EXPECT_EQ(names(), QStringList{QStringLiteral("Cloud shoppers")});
    const QString id = form().base().id;
    ASSERT_FALSE(id.isEmpty());

    // It is in Databricks, not only in the window: list again from the table.
    auto stored = ws->execute(
        QStringLiteral("SELECT name, version FROM main.ad_segments.gold_segments WHERE segment_id = :id"),
        {core::SqlParam{QStringLiteral("id"), id}});
    ASSERT_TRUE(stored);
    ASSERT_EQ(stored.value().rows.size(), 1);
    EXPECT_EQ(stored.value().rows.at(0).at(0).toString(), QStringLiteral("Cloud shoppers"));

    typeInto(form().nameField(), QStringLiteral("Cloud shoppers US"));
    actions().save->trigger();
    TRY_VERIFY_WITH_TIMEOUT(toastSays(QStringLiteral("(version 2)")), 15000);
    TRY_VERIFY(window->isSettled());
    EXPECT_EQ(names(), QStringList{QStringLiteral("Cloud shoppers US")});

    actions().remove->trigger();
    TRY_VERIFY_WITH_TIMEOUT(names().isEmpty(), 15000);
    TRY_VERIFY(window->isSettled());
    actions().showDeleted->setChecked(true);
    activate(QStringLiteral("Cloud shoppers US"));
    ASSERT_TRUE(form().base().isDeleted());
    actions().restore->trigger();
    TRY_VERIFY_WITH_TIMEOUT(toastSays(QStringLiteral("Restored “Cloud shoppers US”")), 15000);
    TRY_VERIFY(!form().base().isDeleted());
    TRY_VERIFY(window->isSettled());

    // A fresh listing from Databricks agrees.
    window->actions()->refresh->trigger();
    TRY_VERIFY_WITH_TIMEOUT(window->isSettled(), 10000);
    actions().showDeleted->setChecked(false);
    EXPECT_EQ(names(), QStringList{QStringLiteral("Cloud shoppers US")});
}

TEST_F(DatabricksWindowTest, AWriteThatFailsWithHttp200KeepsTheFormAndReportsNoSuccess)
{
    seedDatabricks();
    openWindow();
    switchToDatabricks();

    actions().newSegment->trigger();
    typeInto(form().nameField(), QStringLiteral("Never lost"));
    ASSERT_TRUE(
        form().criteria()->includePicker(core::Dimension::Country)->addFromText(QStringLiteral("DE")));
    emulator::Fault fault;
    fault.kind = emulator::Fault::Kind::StatementFailed;
    fault.sqlContains = QStringLiteral("MERGE");
    fault.remaining = -1;
    fault.errorCode = QStringLiteral("PERMISSION_DENIED");
    fault.message =
        QStringLiteral("[INSUFFICIENT_PERMISSIONS] Insufficient privileges: User does not have MODIFY on "
                       "Table 'main.ad_segments.gold_segments'. SQLSTATE: 42501");
    ws->emulator->injectFault(fault);

    actions().save->trigger();
    TRY_VERIFY_WITH_TIMEOUT(toastSays(QStringLiteral("GRANT MODIFY ON TABLE")), 15000);
    TRY_VERIFY(window->isSettled());
    EXPECT_FALSE(toastSays(QStringLiteral("Saved"))) << "no success for a write that did not happen";
    EXPECT_TRUE(form().isNew());
    EXPECT_TRUE(form().isDirty());
    EXPECT_EQ(form().nameField()->text(), QStringLiteral("Never lost"));
    EXPECT_TRUE(actions().save->isEnabled()) << "the user can try again";
    EXPECT_TRUE(names().isEmpty());
    TRY_COMPARE(status().state(), Health::Unhealthy);

    // Once the grant is there, the same form saves.
    ws->emulator->clearFaults();
    actions().save->trigger();
    TRY_VERIFY_WITH_TIMEOUT(toastSays(QStringLiteral("Saved “Never lost” (version 1)")), 15000);
    EXPECT_EQ(names(), QStringList{QStringLiteral("Never lost")});
    TRY_COMPARE_WITH_TIMEOUT(status().state(), Health::Healthy, 10000);
}

TEST_F(DatabricksWindowTest, ARejectedTokenShowsUnhealthyWithTheCredentialsOrigin)
{
    writeConfig(QStringLiteral("dapi-wrong"));
    openWindow();
    switchToDatabricks(false);
    TRY_COMPARE_WITH_TIMEOUT(status().state(), Health::Unhealthy, 10000);
    ASSERT_TRUE(session->health().error.has_value());
    EXPECT_EQ(session->health().error->kind, core::ErrorKind::Auth);
    EXPECT_TRUE(session->health().error->remediation.contains(QStringLiteral("databrickscfg")))
        << session->health().error->remediation.toStdString();
    EXPECT_FALSE(session->health().error->toString().contains(QStringLiteral("dapi-wrong")));
    EXPECT_FALSE(status().toolTip().contains(QStringLiteral("dapi-wrong")));
}

TEST_F(DatabricksWindowTest, AProfileThatCannotBeResolvedIsRefusedAndNothingChanges)
{
    openWindow();
    const auto refused = session->activate(core::WorkspaceChoice::databricks(QStringLiteral("broken")));
    ASSERT_FALSE(refused);
    EXPECT_TRUE(refused.error().userMessage.contains(QStringLiteral("more than one")) ||
                refused.error().detail.contains(QStringLiteral("more than one")))
        << refused.error().toString().toStdString();
    EXPECT_TRUE(session->choice().isLocal());
    EXPECT_EQ(names(), QStringList{QStringLiteral("Local one")});
    EXPECT_FALSE(refused.error().toString().contains(QStringLiteral("client_secret = c")));
}

TEST_F(DatabricksWindowTest, TheConnectionDialogListsProfilesTestsOneAndCreatesMissingTablesThenConnects)
{
    openWindow();
    window->workspaceControls()->openConnectionDialog();
    ui::ConnectionDialog* dialog = window->workspaceControls()->connectionDialog();
    ASSERT_TRUE(dialog);
    QListWidget* list = dialog->workspaceList();
    ASSERT_EQ(list->count(), 4); // local + two profiles + PostgreSQL
    EXPECT_EQ(dialog->postgresRow(), 3);
    EXPECT_EQ(list->currentRow(), 0) << "the active (local) workspace is selected";
    EXPECT_TRUE(list->item(1)->text().startsWith(QStringLiteral("emulator")));
    EXPECT_TRUE(list->item(2)->toolTip().contains(QStringLiteral("more than one")))
        << list->item(2)->toolTip().toStdString();

    list->setCurrentRow(2);
    EXPECT_TRUE(dialog->problemLabel()->isVisibleTo(dialog));

    list->setCurrentRow(1);
    dialog->testConnection();
    ui::DiagnosticsPanel* panel = dialog->diagnostics();
    TRY_VERIFY_WITH_TIMEOUT(!panel->isRunning() && !panel->lastReport().checks.isEmpty(), 20000);
    const core::DiagnosticsReport& report = panel->lastReport();
    ASSERT_NE(report.find(QStringLiteral("credentials")), nullptr);
    EXPECT_TRUE(report.find(QStringLiteral("credentials"))->passed());
    ASSERT_NE(report.firstFailure(), nullptr) << "the schema does not exist yet";
    EXPECT_TRUE(panel->provisionButton()->isVisibleTo(panel));
    EXPECT_TRUE(session->choice().isLocal()) << "testing switches nothing";

    panel->provisionButton()->click();
    TRY_VERIFY_WITH_TIMEOUT(!panel->isRunning() && panel->lastReport().allPassed(), 30000);
    EXPECT_FALSE(panel->provisionButton()->isVisibleTo(panel));
    EXPECT_EQ(panel->checkList()->topLevelItemCount(), 10); // the Doctor's checks, row filters last

    dialog->accept();
    TRY_VERIFY_WITH_TIMEOUT(!session->choice().isLocal(), 5000);
    EXPECT_EQ(session->choice().profile, QStringLiteral("emulator"));
    TRY_VERIFY_WITH_TIMEOUT(window->isSettled(), 15000);
    EXPECT_TRUE(status().text().startsWith(QStringLiteral("Databricks")));
}

TEST_F(DatabricksWindowTest, DiagnosticsForAPrincipalWithoutModifyShowTheGrantToCopy)
{
    seedDatabricks();
    emulator::Principal readOnly{EmulatedWorkspace::kPrincipal};
    readOnly.canModify = false;
    ws->emulator->addPersonalAccessToken(EmulatedWorkspace::kToken, readOnly);
    openWindow();
    switchToDatabricks();
    window->workspaceControls()->openDiagnostics();
    ui::DiagnosticsPanel* panel = window->workspaceControls()->diagnosticsPanel();
    ASSERT_TRUE(panel);
    TRY_VERIFY_WITH_TIMEOUT(!panel->isRunning() && !panel->lastReport().checks.isEmpty(), 20000);
    const core::DiagnosticCheck* failure = panel->lastReport().firstFailure();
    ASSERT_NE(failure, nullptr);
    EXPECT_EQ(failure->id, QStringLiteral("write"));
    const QString grant = QStringLiteral("GRANT MODIFY ON TABLE `main`.`ad_segments`.`gold_segments` TO `%1`")
                              .arg(EmulatedWorkspace::kPrincipal);
    EXPECT_TRUE(failure->fix.contains(grant)) << failure->fix.toStdString();
    EXPECT_TRUE(panel->detailView()->toPlainText().contains(grant))
        << "the failed check is selected and explained";
    EXPECT_TRUE(panel->reportText().contains(grant));
}

TEST_F(DatabricksWindowTest, DetailAndComparisonReadDatabricks)
{
    seedDatabricks();
    openWindow();
    switchToDatabricks();
    ASSERT_NO_FATAL_FAILURE(saveNewSegment(QStringLiteral("Cloud shoppers")));
    const QString shoppers = form().base().id;
    ASSERT_NO_FATAL_FAILURE(
        saveNewSegment(QStringLiteral("North Americans"), {QStringLiteral("US"), QStringLiteral("CA")}));
    const QString americans = form().base().id;
    using T = core::SqlParam::Type;
    for (const auto& [segment, day, impressions, clicks] :
         {std::tuple{shoppers, QDate(2026, 9, 1), 400, 12}, std::tuple{shoppers, QDate(2026, 9, 3), 600, 9},
          std::tuple{americans, QDate(2026, 9, 2), 5000, 20}}) {
        auto done = ws->execute(
            QStringLiteral(
                "INSERT INTO main.ad_segments.gold_segment_daily_metrics (segment_id, day, impressions, "
                "clicks, conversions, unique_users, spend_micros) VALUES (:id, :day, :i, :c, 1, 50, "
                "2000000)"),
            {{QStringLiteral("id"), segment, T::String},
             {QStringLiteral("day"), day.toString(Qt::ISODate), T::Date},
             {QStringLiteral("i"), impressions, T::Int},
             {QStringLiteral("c"), clicks, T::Int}});
        ASSERT_TRUE(done) << done.error().toString().toStdString();
    }
    // The audience: two people in the US, one in Canada, one in Britain; the advertiser saw u1 and u3.
    for (const auto& [user, country] : {std::pair{QStringLiteral("u1"), QStringLiteral("US")},
                                        std::pair{QStringLiteral("u2"), QStringLiteral("US")},
                                        std::pair{QStringLiteral("u3"), QStringLiteral("CA")},
                                        std::pair{QStringLiteral("u4"), QStringLiteral("GB")}}) {
        auto done = ws->execute(
            QStringLiteral(
                "INSERT INTO main.ad_segments.audience_profiles (user_id, age_bucket, gender, country, "
                "region, interests, devices, first_seen, last_seen) VALUES (:u, '25-34', 'f', :c, NULL, "
                "'|gaming|', '|mobile|', DATE'2026-08-01', DATE'2026-09-03')"),
            {{QStringLiteral("u"), user, T::String}, {QStringLiteral("c"), country, T::String}});
        ASSERT_TRUE(done) << done.error().toString().toStdString();
    }
    for (const auto& [user, country] : {std::pair{QStringLiteral("u1"), QStringLiteral("US")},
                                        std::pair{QStringLiteral("u3"), QStringLiteral("CA")}}) {
        auto done = ws->execute(
            QStringLiteral(
                "INSERT INTO main.ad_segments.silver_impressions (event_id, event_time, event_date, "
                "advertiser_id, campaign_id, user_id, age_bucket, gender, country, region, device, "
                "interests, event_type, cost_micros) VALUES (:u, TIMESTAMP'2026-09-02 10:00:00', "
                "DATE'2026-09-02', :a, 'c1', :u, '25-34', 'f', :c, NULL, 'mobile', '|gaming|', "
                "'impression', 1000)"),
            {{QStringLiteral("u"), user, T::String},
             {QStringLiteral("a"), kAdvertiser, T::String},
             {QStringLiteral("c"), country, T::String}});
        ASSERT_TRUE(done) << done.error().toString().toStdString();
    }

    activate(QStringLiteral("Cloud shoppers"));
    window->showView(ui::SegmentViews::View::Detail);
    ui::SegmentDetailView& detail = *window->views()->detail();
    TRY_VERIFY_WITH_TIMEOUT(window->isSettled() && detail.hasMetrics(), 15000);
    EXPECT_EQ(detail.kpis().impressions, 1000);
    EXPECT_EQ(detail.kpis().clicks, 21);
    EXPECT_EQ(detail.kpis().range.last, QDate(2026, 9, 3)) << "the last day with data";

    ui::ComparisonView& compare = *window->views()->comparison();
    EXPECT_TRUE(compare.isAvailable());
    window->views()->compare({shoppers, americans});
    TRY_VERIFY_WITH_TIMEOUT(window->isSettled() && compare.comparison().has_value(), 15000);
    EXPECT_EQ(window->views()->currentView(), ui::SegmentViews::View::Compare);
    EXPECT_TRUE(compare.messageText().isEmpty()) << compare.messageText().toStdString();

    const ui::ComparisonTable& table = *compare.table();
    const int reach = table.rowOf(QStringLiteral("Reach"));
    ASSERT_GE(reach, 0);
    EXPECT_TRUE(table.cellText(reach, 0).startsWith(ui::MetricFormat::count(2)))
        << table.cellText(reach, 0).toStdString();
    EXPECT_TRUE(table.cellText(reach, 1).startsWith(ui::MetricFormat::count(3)))
        << table.cellText(reach, 1).toStdString();
    const int impressions = table.rowOf(core::metricLabel(core::Metric::Impressions));
    ASSERT_GE(impressions, 0);
    EXPECT_TRUE(table.cellText(impressions, 0).startsWith(ui::MetricFormat::count(1000)))
        << table.cellText(impressions, 0).toStdString();
    EXPECT_TRUE(table.cellText(impressions, 1).startsWith(ui::MetricFormat::count(5000)))
        << table.cellText(impressions, 1).toStdString();
    const int ctr = table.rowOf(core::metricLabel(core::Metric::Ctr));
    ASSERT_GE(ctr, 0);
    EXPECT_TRUE(table.cellText(ctr, 0).startsWith(ui::MetricFormat::percent(0.021)))
        << table.cellText(ctr, 0).toStdString();

    const ui::OverlapMatrixTable& overlap = *compare.overlap();
    ASSERT_EQ(overlap.rowCount(), 2);
    EXPECT_TRUE(overlap.item(0, 0)->text().startsWith(ui::MetricFormat::count(2)));
    EXPECT_TRUE(overlap.item(1, 1)->text().startsWith(ui::MetricFormat::count(3)));
    EXPECT_TRUE(overlap.item(0, 1)->text().startsWith(ui::MetricFormat::count(2) + QStringLiteral(" shared")))
        << overlap.item(0, 1)->text().toStdString();
    EXPECT_EQ(compare.comparison()->segments[1].kpis.uniqueUsers, 2) << "u1 and u3 seen in the range";

    // 2.1 % against 0.4 % of clicks: far beyond chance, even after Holm's correction.
    EXPECT_TRUE(compare.significance()->headlines().contains(QStringLiteral(
        "Cloud shoppers' click rate is higher than North Americans'; this is unlikely to be chance.")))
        << compare.significance()->headlines().join(QLatin1Char('\n')).toStdString();

    // Saved by name in the schema's shared table, and listed in the bar.
    ui::SavedComparisonsBar& saved = *compare.savedBar();
    EXPECT_TRUE(saved.whereLabel()->text().contains(
        QStringLiteral("shared with everyone who can read main.ad_segments")))
        << saved.whereLabel()->text().toStdString();
    ASSERT_TRUE(saved.saveButton()->isEnabled());
    compare.setNameAsker(
        [](const QString&, const QString&) { return QStringLiteral("Shoppers vs Americans"); });
    saved.save();
    TRY_VERIFY_WITH_TIMEOUT(window->isSettled() && !saved.isBusy() && saved.savedComparisons().size() == 1,
                            15000);
    EXPECT_EQ(saved.savedComparisons().first().name, QStringLiteral("Shoppers vs Americans"));
    EXPECT_EQ(saved.savedComparisons().first().request.segmentIds, (QStringList{shoppers, americans}));
    auto stored = ws->execute(QStringLiteral("SELECT name FROM main.ad_segments.saved_comparisons"));
    ASSERT_TRUE(stored) << stored.error().toString().toStdString();
    ASSERT_EQ(stored.value().rows.size(), 1);
    EXPECT_EQ(stored.value().value(0, QStringLiteral("name")).toString(),
              QStringLiteral("Shoppers vs Americans"));
}

TEST_F(DatabricksWindowTest, AReportToAVolumeIsScheduledAsADatabricksJobFromTheReportsDialog)
{
    seedDatabricks();
    openWindow();
    switchToDatabricks();
    ui::ReportsDialog* dialog = window->openReports();
    ASSERT_TRUE(dialog);
    QTemporaryDir dir;
    dialog->setDefinitionsFile(dir.filePath(QStringLiteral("reports.json")));
    dialog->reload();
    auto* name = dialog->findChild<QLineEdit*>();
    ASSERT_TRUE(name);
    name->setText(QStringLiteral("db-weekly"));
    QLineEdit* folder = nullptr;
    for (auto* e : dialog->findChildren<QLineEdit*>())
        if (e->placeholderText().contains(QStringLiteral("/Volumes")))
            folder = e;
    ASSERT_TRUE(folder);
    folder->setText(QStringLiteral("/Volumes/main/ad_segments/landing/reports"));
    QPushButton* schedule = nullptr;
    QPushButton* unschedule = nullptr;
    for (auto* b : dialog->findChildren<QPushButton*>()) {
        if (b->text() == QStringLiteral("S&chedule Weekly"))
            schedule = b;
        if (b->text() == QStringLiteral("&Unschedule"))
            unschedule = b;
    }
    ASSERT_TRUE(schedule && unschedule);
    const int jobsBefore = ws->emulator->jobCount();
    schedule->click();
    (void)QTest::qWaitFor([&] { return dialog->statusText().contains(QStringLiteral("as Databricks job")); }, 15000);
    ASSERT_TRUE(dialog->statusText().contains(QStringLiteral("as Databricks job"))) << dialog->statusText().toStdString();
    EXPECT_TRUE(dialog->statusText().contains(QStringLiteral("/Volumes/main/ad_segments/landing/reports/db-weekly/")))
        << dialog->statusText().toStdString();
    EXPECT_EQ(ws->emulator->jobCount(), jobsBefore + 1);
    const QString script = QStringLiteral("/Workspace/Shared/segment-builder/main.ad_segments/reports/db-weekly.sql");
    EXPECT_TRUE(ws->emulator->workspaceFile(script).contains("INSERT OVERWRITE DIRECTORY"));
    // No systemd unit was written for it: the job runs on Databricks.
    EXPECT_FALSE(QFile::exists(QDir(report::ReportTimer::unitDirectory()).filePath(QStringLiteral("segment-report-db-weekly.timer"))));

    ASSERT_TRUE(unschedule->isEnabled());
    unschedule->click();
    TRY_VERIFY_WITH_TIMEOUT(dialog->statusText().contains(QStringLiteral("no longer scheduled")), 15000);
    EXPECT_EQ(ws->emulator->jobCount(), jobsBefore);
    EXPECT_TRUE(ws->emulator->workspaceFile(script).isEmpty());
}

TEST_F(DatabricksWindowTest, AComparisonStatementThatFailsWithHttp200IsShownInTheViewAndAsAToast)
{
    seedDatabricks();
    openWindow();
    switchToDatabricks();
    ASSERT_NO_FATAL_FAILURE(saveNewSegment(QStringLiteral("Cloud shoppers")));
    const QString shoppers = form().base().id;
    ASSERT_NO_FATAL_FAILURE(saveNewSegment(QStringLiteral("Canadians"), {QStringLiteral("CA")}));
    const QString canadians = form().base().id;
    emulator::Fault fault;
    fault.kind = emulator::Fault::Kind::StatementFailed;
    fault.sqlContains = QStringLiteral("gold_segment_daily_metrics");
    fault.remaining = -1;
    fault.errorCode = QStringLiteral("BAD_REQUEST");
    fault.message =
        QStringLiteral("[INSUFFICIENT_PERMISSIONS] Insufficient privileges: User does not have SELECT "
                       "on Table 'main.ad_segments.gold_segment_daily_metrics'. SQLSTATE: 42501");
    ws->emulator->injectFault(fault);

    ui::ComparisonView& compare = *window->views()->comparison();
    window->views()->compare({shoppers, canadians});
    TRY_VERIFY_WITH_TIMEOUT(window->isSettled() && !compare.isBusy() &&
                                compare.messageText().contains(QStringLiteral("Databricks refused")),
                            15000);
    EXPECT_TRUE(toastSays(QStringLiteral("Databricks refused"))) << "shown as a toast too";
    EXPECT_FALSE(compare.comparison().has_value()) << "nothing partial";
    EXPECT_FALSE(compare.table()->isVisible());
}
