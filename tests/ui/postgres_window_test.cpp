// The window on PostgreSQL (a real server, the private cluster): the connection dialog tests the
// database without changing it, creates its tables, connects; the status bar says where and who;
// what the window saves lands in the database.
#include <gtest/gtest.h>

#include <QAction>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QProcessEnvironment>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include "backends/postgres/pg_executor.h"
#include "backends/postgres/postgres_backend.h"
#include "segments/criteria_editor.h"
#include "segments/criteria_picker.h"
#include "shell/main_window_actions.h"
#include "segments/segment_form.h"
#include "common/toast.h"
#include "common/toast_overlay.h"
#include "common/future_wait.h"
#include "workspace/connection_dialog.h"
#include "workspace/connection_status.h"
#include "workspace/diagnostics_panel.h"
#include "shell/main_window.h"
#include "support/gtest_qt.h"
#include "support/postgres_backend_fixture.h"
#include "support/segment_builders.h"
#include "support/test_catalogue.h"
#include "temp_workspace.h"
#include "workspace/workspace_session.h"
#include "workspace/workspace_controls.h"

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
    ui::SegmentForm& form() { return *window->form(); }
    ui::MainWindowActions& actions() { return *window->actions(); }
    bool toastSays(const QString& text) const
    {
        for (const ui::Toast* t : window->toasts()->toasts()) {
            if ((t->message() + QLatin1Char(' ') + t->remediation()).contains(text))
                return true;
        }
        return false;
    }
    core::Status asSuperuser(const QString& sql)
    {
        core::PgExecutor executor(testsupport::postgresSettings(*server, database));
        return core::awaitFuture(executor.submit<core::Done>([sql](core::SqlSession& db) -> core::Status {
            auto done = db.execute({sql, {}}, QStringLiteral("set up the test"));
            if (!done)
                return done.error();
            return core::success();
        }));
    }

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

TEST_F(PostgresWindowTest, ASignInThatIsRefusedMidSessionIsAClearErrorAndTheFormKeepsWhatWasTyped)
{
    // A role that signs in with a password (SCRAM), read from PGPASSWORD as libpq does.
    QString same = database;
    ASSERT_TRUE(testsupport::openPostgresBackend(QStringLiteral("unused"), &same)); // the tables
    const QString role = QStringLiteral("marketer_") + database;
    ASSERT_TRUE(asSuperuser(QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD 'first-pass'").arg(role)));
    ASSERT_TRUE(asSuperuser(QStringLiteral("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %1").arg(role)));
    ASSERT_TRUE(asSuperuser(QStringLiteral("INSERT INTO advertisers (advertiser_id, name) VALUES ('adv-pg', 'PG')")));
    {
        QFile hba(QDir(server->dataDirectory()).filePath(QStringLiteral("pg_hba.conf")));
        ASSERT_TRUE(hba.open(QIODevice::ReadOnly));
        const QByteArray rules = hba.readAll();
        hba.close();
        ASSERT_TRUE(hba.open(QIODevice::WriteOnly | QIODevice::Truncate));
        hba.write(QStringLiteral("host all %1 127.0.0.1/32 scram-sha-256\n").arg(role).toUtf8() + rules);
    }
    ASSERT_TRUE(asSuperuser(QStringLiteral("SELECT pg_reload_conf()")));
    qputenv("PGPASSWORD", "first-pass");
    const QString connInfo = QStringLiteral("host=127.0.0.1 port=%1 dbname=%2 user=%3").arg(server->port()).arg(database, role);
    ASSERT_TRUE(session->activate(core::WorkspaceChoice::postgres(connInfo)));
    (void)QTest::qWaitFor([&] { return status().state() != Health::Connecting; }, 15000);
    ASSERT_EQ(status().state(), Health::Healthy) << session->health().summary.toStdString() << " — "
                                                 << (session->health().error ? session->health().error->toString().toStdString() : "");
    window->start(QStringLiteral("adv-pg"));
    TRY_VERIFY_WITH_TIMEOUT(window->isSettled(), 15000);

    actions().newSegment->trigger();
    form().nameField()->selectAll();
    QTest::keyClicks(form().nameField(), QStringLiteral("Never lost"));
    ASSERT_TRUE(form().criteria()->includePicker(core::Dimension::Country)->addFromText(QStringLiteral("DE")));

    // The password is changed on the server and the open connection ends: the next login is refused.
    ASSERT_TRUE(asSuperuser(QStringLiteral("ALTER ROLE %1 PASSWORD 'rotated-pass'").arg(role)));
    ASSERT_TRUE(asSuperuser(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '%1'").arg(role)));
    actions().save->trigger();
    TRY_VERIFY_WITH_TIMEOUT(toastSays(QStringLiteral("credentials")), 15000);
    TRY_VERIFY(window->isSettled());
    EXPECT_FALSE(toastSays(QStringLiteral("Saved"))) << "no success for a write that did not happen";
    EXPECT_TRUE(form().isNew());
    EXPECT_TRUE(form().isDirty());
    EXPECT_EQ(form().nameField()->text(), QStringLiteral("Never lost"));
    EXPECT_TRUE(actions().save->isEnabled()) << "the user can try again";
    EXPECT_FALSE(toastSays(QStringLiteral("rotated-pass")) || toastSays(QStringLiteral("first-pass")));

    // With the new password the same form saves.
    qputenv("PGPASSWORD", "rotated-pass");
    actions().save->trigger();
    TRY_VERIFY_WITH_TIMEOUT(toastSays(QStringLiteral("Saved “Never lost”")), 15000);
    qunsetenv("PGPASSWORD");
}
