// The window on PostgreSQL (a real server, the private cluster): the connection dialog tests the
// database without changing it, creates its tables, connects; the status bar says where and who;
// what the window saves lands in the database.
#include <gtest/gtest.h>

#include <QDir>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QProcessEnvironment>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include "backends/postgres/postgres_backend.h"
#include "common/future_wait.h"
#include "connection_dialog.h"
#include "connection_status.h"
#include "diagnostics_panel.h"
#include "main_window.h"
#include "support/gtest_qt.h"
#include "support/postgres_backend_fixture.h"
#include "support/segment_builders.h"
#include "support/test_catalogue.h"
#include "temp_workspace.h"
#include "workspace/workspace_session.h"
#include "workspace_controls.h"

namespace {

using Health = core::WorkspaceHealth::State;

class PostgresWindowTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        QString error;
        server = testsupport::PostgresServer::shared(&error);
        ASSERT_NE(server, nullptr) << error.toStdString();
        database = server->createUniqueDatabase(QStringLiteral("window"));
        ASSERT_FALSE(database.isEmpty());
        conninfo = testsupport::postgresSettings(*server, database).conninfo;
        local = uitest::TempWorkspace::withSegments({QStringLiteral("Local one")});
        ASSERT_TRUE(local);
        core::DatabricksConnectionOptions options;
        options.network = &network;
        QProcessEnvironment env;
        env.insert(QStringLiteral("DATABRICKS_CONFIG_FILE"), home.filePath(QStringLiteral("none.cfg")));
        session = std::make_unique<core::WorkspaceSession>(testsupport::catalogue(), options,
                                                           core::DatabricksConfigResolver(env, home.path()));
        ASSERT_TRUE(session->activate(core::WorkspaceChoice::local(local->path())));
        window = std::make_unique<ui::MainWindow>(session->store(), testsupport::catalogue(), QStringLiteral("tester"));
        window->setWorkspaceSession(session.get());
        window->show();
        window->start(QString::fromLatin1(uitest::TempWorkspace::kAdvertiser));
        TRY_VERIFY_WITH_TIMEOUT(window->isSettled(), 10000);
    }
    void TearDown() override
    {
        window.reset();
        session.reset();
    }
    ui::ConnectionStatus& status() { return *window->workspaceControls()->status(); }

    testsupport::PostgresServer* server = nullptr;
    QString database;
    QString conninfo;
    QTemporaryDir home;
    QNetworkAccessManager network;
    std::unique_ptr<uitest::TempWorkspace> local;
    std::unique_ptr<core::WorkspaceSession> session;
    std::unique_ptr<ui::MainWindow> window;
};

} // namespace

TEST_F(PostgresWindowTest, TheDialogTestsTheDatabaseCreatesItsTablesAndConnectsWithoutKeepingAPassword)
{
    window->workspaceControls()->openConnectionDialog();
    ui::ConnectionDialog* dialog = window->workspaceControls()->connectionDialog();
    ASSERT_TRUE(dialog);
    dialog->workspaceList()->setCurrentRow(dialog->postgresRow());
    EXPECT_TRUE(dialog->testButton()->isEnabled());
    dialog->postgresConnInfo()->setText(conninfo + QStringLiteral(" password=typed-secret"));

    dialog->testConnection();
    ui::DiagnosticsPanel* panel = dialog->diagnostics();
    TRY_VERIFY_WITH_TIMEOUT(!panel->isRunning() && !panel->lastReport().checks.isEmpty(), 20000);
    ASSERT_EQ(panel->checkList()->topLevelItemCount(), 3);
    EXPECT_TRUE(panel->lastReport().find(QStringLiteral("server"))->passed());
    EXPECT_EQ(panel->lastReport().find(QStringLiteral("schema"))->status, core::CheckStatus::Failed);
    EXPECT_TRUE(panel->provisionButton()->isVisibleTo(panel));
    EXPECT_TRUE(session->choice().isLocal()) << "testing switches nothing";

    panel->provisionButton()->click();
    TRY_VERIFY_WITH_TIMEOUT(!panel->isRunning() && panel->lastReport().allPassed(), 30000);

    dialog->accept();
    TRY_VERIFY_WITH_TIMEOUT(session->choice().kind == core::WorkspaceChoice::Kind::Postgres, 5000);
    EXPECT_FALSE(session->choice().conninfo.contains(QStringLiteral("typed-secret")));
    TRY_VERIFY_WITH_TIMEOUT(window->isSettled(), 15000);
    TRY_COMPARE_WITH_TIMEOUT(status().state(), Health::Healthy, 15000);
    EXPECT_EQ(status().state(), Health::Healthy) << status().toolTip().toStdString() << " / " << session->health().summary.toStdString();
    EXPECT_TRUE(status().text().startsWith(QStringLiteral("PostgreSQL"))) << status().text().toStdString();
    EXPECT_FALSE(status().text().contains(QStringLiteral("typed-secret")));
    EXPECT_TRUE(status().toolTip().contains(QStringLiteral("signed in as postgres"))) << status().toolTip().toStdString();

    // What the window's store saves is in the database.
    ASSERT_TRUE(core::awaitFuture(session->store().saveAdvertiser({QStringLiteral("adv-pg"), QStringLiteral("PG")})));
    auto created = core::awaitFuture(session->store().createSegment(
        testsupport::draftSegment(QStringLiteral("adv-pg"), QStringLiteral("Shared one")), QStringLiteral("tester")));
    ASSERT_TRUE(created) << created.error().toString().toStdString();
    QString same = database;
    auto other = testsupport::openPostgresBackend(QStringLiteral("unused"), &same);
    ASSERT_TRUE(other);
    auto listed = core::awaitFuture(other->segments().getSegment(created.value().id));
    ASSERT_TRUE(listed);
    EXPECT_EQ(listed.value().name, QStringLiteral("Shared one"));
}

TEST_F(PostgresWindowTest, AnUnreachableDatabaseIsRefusedInTheStatusBarAndTheWindowSaysWhy)
{
    ASSERT_TRUE(session->activate(core::WorkspaceChoice::postgres(QStringLiteral("host=127.0.0.1 port=1 dbname=x user=y"))));
    TRY_COMPARE_WITH_TIMEOUT(status().state(), Health::Unhealthy, 15000);
    EXPECT_TRUE(status().toolTip().contains(QStringLiteral("could not be reached"))) << status().toolTip().toStdString();
    auto listed = core::awaitFuture(session->store().listSegments({}));
    ASSERT_FALSE(listed);
    EXPECT_EQ(listed.error().kind, core::ErrorKind::Network);
}

// docs/screenshots/connection-postgres.png and postgres.png (make-screenshots.sh runs the disabled
// tests; SB_SCREENSHOT_DIR says where): the dialog after a test of a provisioned database, and the
// window on it.
TEST_F(PostgresWindowTest, DISABLED_ScreenshotsOfTheDialogAndTheWindowOnPostgres)
{
    const QString dir = qEnvironmentVariableIsSet("SB_SCREENSHOT_DIR") ? qEnvironmentVariable("SB_SCREENSHOT_DIR")
                                                                       : QDir::tempPath();
    QString same = database;
    auto seeded = testsupport::openPostgresBackend(QStringLiteral("unused"), &same); // migrated
    ASSERT_TRUE(seeded);
    ASSERT_TRUE(core::awaitFuture(seeded->segments().saveAdvertiser({QStringLiteral("adv-1"), QStringLiteral("Pixel Outdoor")})));
    for (const QString& name : {QStringLiteral("Weekend Hikers"), QStringLiteral("Lapsed Campers"), QStringLiteral("Gift Buyers")})
        ASSERT_TRUE(core::awaitFuture(seeded->segments().createSegment(
            testsupport::draftSegment(QStringLiteral("adv-1"), name), QStringLiteral("sam"))));

    // A few days of events, so the list has reach figures.
    ASSERT_TRUE(core::awaitFuture(seeded->pipeline().importEvents(QStringLiteral(SB_SOURCE_DIR "/tests/data/events/impressions_small.csv"), {})));
    ASSERT_TRUE(core::awaitFuture(seeded->pipeline().refresh()));

    window->resize(1280, 800);
    window->workspaceControls()->openConnectionDialog();
    ui::ConnectionDialog* dialog = window->workspaceControls()->connectionDialog();
    ASSERT_TRUE(dialog);
    dialog->workspaceList()->setCurrentRow(dialog->postgresRow());
    dialog->postgresConnInfo()->setText(conninfo);
    dialog->testConnection();
    TRY_VERIFY_WITH_TIMEOUT(!dialog->diagnostics()->isRunning() && dialog->diagnostics()->lastReport().allPassed(), 20000);
    QTest::qWait(100);
    EXPECT_TRUE(dialog->grab().save(QDir(dir).filePath(QStringLiteral("connection-postgres.png"))));

    dialog->accept();
    TRY_VERIFY_WITH_TIMEOUT(session->choice().kind == core::WorkspaceChoice::Kind::Postgres, 5000);
    TRY_COMPARE_WITH_TIMEOUT(status().state(), Health::Healthy, 15000);
    window->start(QStringLiteral("adv-1"));
    TRY_VERIFY_WITH_TIMEOUT(window->isSettled(), 15000);
    QTest::qWait(200);
    EXPECT_TRUE(window->grab().save(QDir(dir).filePath(QStringLiteral("postgres.png"))));
}
