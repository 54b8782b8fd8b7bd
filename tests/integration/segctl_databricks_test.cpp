// The real segctl binary against Databricks: the emulator runs in this test process, segctl
// finds it through a temporary ~/.databrickscfg (HOME and DATABRICKS_CONFIG_FILE point at
// temporary folders). provision → segments save/list/show/delete/restore/export, doctor (all
// green; a principal without MODIFY gets the exact GRANT; a wrong token stops at check 2), and
// Databricks failures as one line with the error code and the fix. No secret is ever printed.
#include <gtest/gtest.h>

#include <QDirIterator>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

#include "sql/provisioning_sql.h"
#include "support/emulated_workspace.h"
#include "support/segctl_process.h"
#include "support/workspace_exports.h"
#include <QSqlDatabase>
#include <QSqlQuery>
#include "export/csv_writer.h"

namespace {

using testsupport::EmulatedWorkspace;

const QString kWrongToken = QStringLiteral("dapi-not-a-valid-token-0000");

class SegctlDatabricksTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        ws = EmulatedWorkspace::create();
        ASSERT_TRUE(ws);
        ASSERT_TRUE(QDir().mkpath(home()));
        const QString host = ws->emulator->baseUrl().toString();
        writeFile(QDir(home()).filePath(QStringLiteral(".databrickscfg")),
                  QStringLiteral("[emu]\nhost = %1\ntoken = %2\nwarehouse_id = %3\n\n"
                                 "[wrong-token]\nhost = %1\ntoken = %4\nwarehouse_id = %3\n")
                      .arg(host, EmulatedWorkspace::kToken, EmulatedWorkspace::kWarehouse, kWrongToken)
                      .toUtf8());
    }

    QString path(const QString& name) const { return m_dir.filePath(name); }
    QString home() const { return path(QStringLiteral("home")); }

    QString writeFile(const QString& file, const QByteArray& bytes) const
    {
        QFile f(file);
        EXPECT_TRUE(f.open(QIODevice::WriteOnly)) << file.toStdString();
        f.write(bytes);
        return file;
    }

    QProcessEnvironment environment() const { return databricksTestEnvironment(home(), m_dir.path()); }

    // Runs segctl while this thread's event loop keeps serving the emulator.
    SegctlRun segctl(const QStringList& args, const QProcessEnvironment& env) const
    {
        SegctlRun r = runSegctlServing(m_dir.path(), env, args, 180000);
        m_allOutput += r.out + r.err;
        return r;
    }
    SegctlRun segctl(const QStringList& args) const { return segctl(args, environment()); }
    // With --profile emu.
    SegctlRun emu(QStringList args) const
    {
        args.prepend(QStringLiteral("emu"));
        args.prepend(QStringLiteral("--profile"));
        return segctl(args);
    }

    QString segmentFile(const QString& name, const QString& id = {}, int version = 0) const
    {
        QJsonObject o{
            {QStringLiteral("advertiser_id"), QStringLiteral("adv-emu")},
            {QStringLiteral("name"), name},
            {QStringLiteral("status"), QStringLiteral("active")},
            {QStringLiteral("definition"),
             QJsonObject{
                 {QStringLiteral("schema_version"), 1},
                 {QStringLiteral("root"),
                  QJsonObject{{QStringLiteral("op"), QStringLiteral("and")},
                              {QStringLiteral("children"),
                               QJsonArray{QJsonObject{
                                   {QStringLiteral("dimension"), QStringLiteral("age")},
                                   {QStringLiteral("values"), QJsonArray{QStringLiteral("18-24")}}}}}}}}}};
        if (!id.isEmpty()) {
            o.insert(QStringLiteral("segment_id"), id);
            o.insert(QStringLiteral("version"), version);
        }
        return writeFile(path(name + QStringLiteral(".json")), QJsonDocument(o).toJson());
    }

    // The advertiser the segments belong to, straight into the provisioned table.
    void addAdvertiser()
    {
        auto r = ws->execute(QStringLiteral(
            "INSERT INTO `main`.`ad_segments`.`advertisers` VALUES ('adv-emu', 'Emulated advertiser')"));
        ASSERT_TRUE(r) << r.error().toString().toStdString();
    }

    void TearDown() override
    {
        // Secrets never reach the terminal or the log.
        QByteArray logs;
        QDirIterator it(path(QStringLiteral("xdg-data")), {QStringLiteral("*.log")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            if (f.open(QIODevice::ReadOnly))
                logs += f.readAll();
        }
        for (const QString& secret : {EmulatedWorkspace::kToken, kWrongToken}) {
            EXPECT_FALSE(m_allOutput.contains(secret.toUtf8())) << "a token was printed";
            EXPECT_FALSE(logs.contains(secret.toUtf8())) << "a token was logged";
        }
    }

    QTemporaryDir m_dir;
    std::unique_ptr<EmulatedWorkspace> ws;
    mutable QByteArray m_allOutput;
};

TEST_F(SegctlDatabricksTest, ProvisionThenEverySegmentsCommandWorksAgainstDatabricks)
{
    const SegctlRun provisioned = emu({QStringLiteral("provision")});
    ASSERT_EQ(provisioned.exitCode, 0) << provisioned;
    EXPECT_TRUE(provisioned.outText().contains(QStringLiteral("created  schema main.ad_segments")))
        << provisioned;
    EXPECT_TRUE(provisioned.outText().contains(QStringLiteral("created  table gold_segments")))
        << provisioned;
    // Every object of the DDL; the schema and the tables are created, the volume is "ensured".
    const core::ProvisioningSql ddl(QStringLiteral("main"), QStringLiteral("ad_segments"));
    const qsizetype objects = ddl.statements().size();
    const qsizetype created = ddl.tableNames().size() + 1;
    EXPECT_TRUE(provisioned.outText().contains(
        QStringLiteral("Done: %1 objects in main.ad_segments (%2 created").arg(objects).arg(created)))
        << provisioned;
    const SegctlRun again = emu({QStringLiteral("provision")});
    ASSERT_EQ(again.exitCode, 0) << again;
    EXPECT_TRUE(again.outText().contains(QStringLiteral("(0 created, %1 already there)").arg(created)))
        << again;
    addAdvertiser();

    const SegctlRun saved = emu(
        {QStringLiteral("segments"), QStringLiteral("save"), segmentFile(QStringLiteral("Young adults"))});
    ASSERT_EQ(saved.exitCode, 0) << saved;
    const QString id = saved.outText().trimmed();
    ASSERT_EQ(id.size(), 36) << saved;
    // It is in the Databricks table, not in a local workspace.
    auto row = ws->execute(
        QStringLiteral(
            "SELECT name, version FROM `main`.`ad_segments`.`gold_segments` WHERE segment_id = :id"),
        {core::SqlParam{QStringLiteral("id"), id, core::SqlParam::Type::String}});
    ASSERT_TRUE(row);
    ASSERT_EQ(row.value().rows.size(), 1);
    EXPECT_EQ(row.value().value(0, QStringLiteral("name")).toString(), QStringLiteral("Young adults"));
    QDirIterator sqlite(m_dir.path(), {QStringLiteral("*.sqlite")}, QDir::Files,
                        QDirIterator::Subdirectories);
    EXPECT_FALSE(sqlite.hasNext()) << "a local workspace was created: " << sqlite.next().toStdString();

    SegctlRun listed = emu({QStringLiteral("segments"), QStringLiteral("list")});
    ASSERT_EQ(listed.exitCode, 0) << listed;
    EXPECT_TRUE(listed.outText().contains(id)) << listed;
    EXPECT_TRUE(listed.outText().contains(QStringLiteral("Young adults"))) << listed;

    const SegctlRun shown = emu({QStringLiteral("segments"), QStringLiteral("show"), id,
                                 QStringLiteral("--format"), QStringLiteral("json")});
    ASSERT_EQ(shown.exitCode, 0) << shown;
    const QJsonObject json = QJsonDocument::fromJson(shown.out).object();
    EXPECT_EQ(json.value(QStringLiteral("segment_id")).toString(), id);
    EXPECT_EQ(json.value(QStringLiteral("version")).toInt(), 1);

    // An edit through the same path: update with the version it started from.
    const SegctlRun updated = emu({QStringLiteral("segments"), QStringLiteral("save"),
                                   segmentFile(QStringLiteral("Young adults 2"), id, 1)});
    ASSERT_EQ(updated.exitCode, 0) << updated;
    const SegctlRun stale = emu({QStringLiteral("segments"), QStringLiteral("save"),
                                 segmentFile(QStringLiteral("Young adults 3"), id, 1)});
    expectError(stale, 4);

    const SegctlRun deleted = emu({QStringLiteral("segments"), QStringLiteral("delete"), id});
    ASSERT_EQ(deleted.exitCode, 0) << deleted;
    EXPECT_TRUE(deleted.outText().contains(QStringLiteral("version 3"))) << deleted;
    listed = emu({QStringLiteral("segments"), QStringLiteral("list")});
    EXPECT_FALSE(listed.outText().contains(id)) << listed;
    listed = emu({QStringLiteral("segments"), QStringLiteral("list"), QStringLiteral("--deleted")});
    EXPECT_TRUE(listed.outText().contains(id)) << listed;

    const SegctlRun restored = emu({QStringLiteral("segments"), QStringLiteral("restore"), id});
    ASSERT_EQ(restored.exitCode, 0) << restored;
    EXPECT_TRUE(restored.outText().contains(QStringLiteral("version 4"))) << restored;

    const QString exported = path(QStringLiteral("export.json"));
    const SegctlRun exportRun =
        emu({QStringLiteral("segments"), QStringLiteral("export"), QStringLiteral("--format"),
             QStringLiteral("json"), QStringLiteral("--output"), exported});
    ASSERT_EQ(exportRun.exitCode, 0) << exportRun;
    QFile file(exported);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QJsonArray segments =
        QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("segments")).toArray();
    ASSERT_EQ(segments.size(), 1);
    EXPECT_EQ(segments.at(0).toObject().value(QStringLiteral("segment_id")).toString(), id);
    EXPECT_EQ(segments.at(0).toObject().value(QStringLiteral("name")).toString(),
              QStringLiteral("Young adults 2"));
    EXPECT_EQ(segments.at(0).toObject().value(QStringLiteral("version")).toInt(), 4);

    // reach runs against Databricks too (no events provisioned: zero people).
    const SegctlRun reach = emu({QStringLiteral("reach"), segmentFile(QStringLiteral("Reach probe")),
                                 QStringLiteral("--format"), QStringLiteral("json")});
    ASSERT_EQ(reach.exitCode, 0) << reach;
    EXPECT_EQ(QJsonDocument::fromJson(reach.out).object().value(QStringLiteral("reach")).toInt(-1), 0)
        << reach;
}

TEST_F(SegctlDatabricksTest, DoctorIsAllGreenOnAProvisionedWorkspace)
{
    ASSERT_EQ(emu({QStringLiteral("provision")}).exitCode, 0);
    const SegctlRun r = emu({QStringLiteral("doctor")});
    EXPECT_EQ(r.exitCode, 0) << r;
    EXPECT_TRUE(r.err.isEmpty()) << r;
    EXPECT_EQ(r.out.count("✓ "), 10) << r;
    for (const char* name : {"✓ Host reachable", "✓ Credentials valid: Signed in as tester@example.com",
                             "✓ SQL warehouse usable", "✓ SELECT 1 runs", "✓ Catalog exists",
                             "✓ Schema exists", "✓ Tables exist", "✓ Read privilege", "✓ Write privilege",
                             "✓ Row filters set"})
        EXPECT_TRUE(r.out.contains(name)) << name << "\n" << r;
    EXPECT_TRUE(r.outText().contains(QStringLiteral("token = set (")))
        << r; // the source of the token, never its value
    EXPECT_TRUE(r.outText().contains(QStringLiteral("10 of 10 checks passed"))) << r;
}

TEST_F(SegctlDatabricksTest, DoctorWithoutModifyPrintsTheExactGrantAndFails)
{
    ASSERT_TRUE(ws->provision());
    ws->emulator->principal(EmulatedWorkspace::kPrincipal).canModify = false;
    const SegctlRun r = emu({QStringLiteral("doctor")});
    EXPECT_EQ(r.exitCode, 3) << r;
    const QString grant =
        QStringLiteral("GRANT MODIFY ON TABLE `main`.`ad_segments`.`gold_segments` TO `tester@example.com`");
    EXPECT_TRUE(r.outText().contains(QStringLiteral("✗ Write privilege"))) << r;
    EXPECT_TRUE(r.outText().contains(QStringLiteral("\n    fix:   ") + grant + QLatin1Char('\n'))) << r;
    EXPECT_TRUE(r.outText().contains(QStringLiteral("✓ Read privilege"))) << r;
    EXPECT_TRUE(r.errText().startsWith(
        QStringLiteral("segctl: error: diagnostics failed at “Write privilege” [42501]")))
        << r;
    EXPECT_TRUE(r.errText().contains(grant)) << r;
    EXPECT_EQ(r.err.count('\n'), 1) << r;

    // The admin runs the printed statement; the doctor is then satisfied.
    ASSERT_TRUE(ws->execute(grant));
    const SegctlRun after = emu({QStringLiteral("doctor")});
    EXPECT_EQ(after.exitCode, 0) << after;
}

TEST_F(SegctlDatabricksTest, DoctorWithAWrongTokenStopsAtTheCredentialsCheck)
{
    ASSERT_TRUE(ws->provision());
    const SegctlRun r =
        segctl({QStringLiteral("--profile"), QStringLiteral("wrong-token"), QStringLiteral("doctor")});
    EXPECT_EQ(r.exitCode, 3) << r;
    EXPECT_TRUE(r.outText().contains(QStringLiteral("✓ Host reachable"))) << r;
    EXPECT_TRUE(r.outText().contains(
        QStringLiteral("✗ Credentials valid: The personal access token was not accepted.")))
        << r;
    EXPECT_TRUE(r.outText().contains(QStringLiteral("Create a new personal access token"))) << r;
    EXPECT_TRUE(r.outText().contains(QStringLiteral(".databrickscfg:8 [wrong-token]")))
        << "the fix names where the token is set\n"
        << r;
    for (const char* skipped : {"– SQL warehouse usable", "– SELECT 1 runs", "– Catalog exists",
                                "– Schema exists", "– Tables exist", "– Read privilege", "– Write privilege"})
        EXPECT_TRUE(r.out.contains(skipped)) << skipped << "\n" << r;
    EXPECT_TRUE(r.errText().contains(QStringLiteral("“Credentials valid”"))) << r;
}

TEST_F(SegctlDatabricksTest, AFailedStatementShowsTheDatabricksErrorCodeAndExits3)
{
    ASSERT_TRUE(ws->provision());
    emulator::Fault fault;
    fault.kind = emulator::Fault::Kind::StatementFailed;
    fault.sqlContains = QStringLiteral("gold_segments");
    fault.remaining = -1;
    fault.errorCode = QStringLiteral("BAD_REQUEST");
    fault.message = QStringLiteral(
        "[DELTA_CONCURRENT_APPEND] ConcurrentAppendException: Files were added to the root of the "
        "table by a concurrent update. Please try the operation again. SQLSTATE: 2D521");
    ws->emulator->injectFault(fault);
    const SegctlRun r = emu({QStringLiteral("segments"), QStringLiteral("list")});
    expectError(r, 3);
    EXPECT_TRUE(r.errText().contains(QStringLiteral("SQLSTATE 2D521"))) << r;
    EXPECT_TRUE(r.errText().contains(QStringLiteral("error_code BAD_REQUEST"))) << r;
    EXPECT_TRUE(r.errText().contains(QStringLiteral("DELTA_CONCURRENT_APPEND"))) << r;
    EXPECT_TRUE(r.errText().contains(QStringLiteral(" — "))) << "a fix follows the message\n" << r;
}

TEST_F(SegctlDatabricksTest, ASaveRefusedForMissingModifyNamesTheGrantAndWritesNothing)
{
    ASSERT_TRUE(ws->provision());
    addAdvertiser();
    ws->emulator->principal(EmulatedWorkspace::kPrincipal).canModify = false;
    const SegctlRun r =
        emu({QStringLiteral("segments"), QStringLiteral("save"), segmentFile(QStringLiteral("Denied"))});
    expectError(r, 3);
    EXPECT_TRUE(r.errText().contains(QStringLiteral("SQLSTATE 42501"))) << r;
    EXPECT_TRUE(r.errText().contains(QStringLiteral(
        "GRANT MODIFY ON TABLE `main`.`ad_segments`.`gold_segment_versions` TO `tester@example.com`")))
        << r;
    auto rows = ws->execute(QStringLiteral("SELECT COUNT(*) AS n FROM `main`.`ad_segments`.`gold_segments`"));
    ASSERT_TRUE(rows);
    EXPECT_EQ(rows.value().value(0, QStringLiteral("n")).toString(), QStringLiteral("0"));
}

TEST_F(SegctlDatabricksTest, TablesNotProvisionedPointToProvision)
{
    const SegctlRun r = emu({QStringLiteral("segments"), QStringLiteral("list")});
    expectError(r, 3);
    EXPECT_TRUE(r.errText().contains(QStringLiteral("provision"))) << r;
    EXPECT_TRUE(r.errText().contains(QStringLiteral("42P01"))) << r;
}

TEST_F(SegctlDatabricksTest, HostAndTokenFromTheEnvironmentWork)
{
    ASSERT_TRUE(ws->provision());
    QProcessEnvironment env = environment();
    env.insert(QStringLiteral("DATABRICKS_TOKEN"), EmulatedWorkspace::kToken);
    env.insert(QStringLiteral("DATABRICKS_WAREHOUSE_ID"), EmulatedWorkspace::kWarehouse);
    const SegctlRun r = segctl({QStringLiteral("--host"), ws->emulator->baseUrl().toString(),
                                QStringLiteral("segments"), QStringLiteral("list")},
                               env);
    EXPECT_EQ(r.exitCode, 0) << r;
    EXPECT_TRUE(r.outText().contains(QStringLiteral("No segments."))) << r;
}

TEST_F(SegctlDatabricksTest, WarehousesListMarksTheConnectionsWarehouse)
{
    ws->emulator->addWarehouse(QStringLiteral("wh-other"), QStringLiteral("Other"),
                               QStringLiteral("STOPPED"));
    const SegctlRun r = emu({QStringLiteral("warehouses"), QStringLiteral("list")});
    ASSERT_EQ(r.exitCode, 0) << r;
    EXPECT_TRUE(r.outText().contains(QStringLiteral("*  wh-test"))) << r;
    EXPECT_TRUE(r.outText().contains(QStringLiteral("wh-other"))) << r;
    EXPECT_TRUE(r.outText().contains(QStringLiteral("STOPPED"))) << r;
    const SegctlRun json = emu({QStringLiteral("warehouses"), QStringLiteral("list"),
                                QStringLiteral("--format"), QStringLiteral("json")});
    ASSERT_EQ(json.exitCode, 0) << json;
    EXPECT_EQ(QJsonDocument::fromJson(json.out).array().size(), 2) << json;
}

TEST_F(SegctlDatabricksTest, AnUnknownWarehouseSaysWhichIdsExist)
{
    const SegctlRun r = emu({QStringLiteral("--warehouse"), QStringLiteral("no-such-wh"),
                             QStringLiteral("segments"), QStringLiteral("list")});
    expectError(r, 3);
    EXPECT_TRUE(r.errText().contains(QStringLiteral("HTTP 404"))) << r;
    EXPECT_TRUE(r.errText().contains(QStringLiteral("RESOURCE_DOES_NOT_EXIST"))) << r;
    EXPECT_TRUE(r.errText().contains(QStringLiteral("warehouses list"))) << r;
}

TEST_F(SegctlDatabricksTest, HelpEverywhereAndClearUsageErrors)
{
    for (const QStringList& args :
         {QStringList{QStringLiteral("--help")},
          QStringList{QStringLiteral("doctor"), QStringLiteral("--help")},
          QStringList{QStringLiteral("provision"), QStringLiteral("--help")},
          QStringList{QStringLiteral("warehouses"), QStringLiteral("--help")},
          QStringList{QStringLiteral("warehouses"), QStringLiteral("list"), QStringLiteral("--help")},
          QStringList{QStringLiteral("--profile"), QStringLiteral("emu"), QStringLiteral("segments"),
                      QStringLiteral("--help")}}) {
        const SegctlRun r = segctl(args);
        EXPECT_EQ(r.exitCode, 0) << args.join(QLatin1Char(' ')).toStdString() << "\n" << r;
        EXPECT_TRUE(r.out.contains("Usage: segctl")) << r;
        EXPECT_TRUE(r.out.contains("--profile")) << r;
    }
    const SegctlRun both =
        segctl({QStringLiteral("--profile"), QStringLiteral("emu"), QStringLiteral("--workspace"),
                path(QStringLiteral("x.sqlite")), QStringLiteral("segments"), QStringLiteral("list")});
    expectError(both, 1);
    const SegctlRun demo =
        segctl({QStringLiteral("demo"), QStringLiteral("--profile"), QStringLiteral("emu")});
    expectError(demo, 1);
    const SegctlRun catalogAlone = segctl({QStringLiteral("segments"), QStringLiteral("list"),
                                           QStringLiteral("--catalog"), QStringLiteral("x")});
    expectError(catalogAlone, 1);
    const SegctlRun noProfile = segctl({QStringLiteral("--profile"), QStringLiteral("nope"),
                                        QStringLiteral("segments"), QStringLiteral("list")});
    expectError(noProfile, 2);
    EXPECT_TRUE(noProfile.errText().contains(QStringLiteral("nope"))) << noProfile;
}

// The demo's segments and events on Databricks: the members of its segments are the local
// workspace's, as many as the reach; the identifiers there are the data engineers' table, so an
// import is refused with what to do instead, and nothing is written.
TEST_F(SegctlDatabricksTest, MembersAreTheLocalWorkspacesAndIdentifiersImportIsRefused)
{
    const QString workspace = path(QStringLiteral("demo.sqlite"));
    const QStringList onLocal{QStringLiteral("--workspace"), workspace};
    expectOk(segctl(QStringList{QStringLiteral("demo"), QStringLiteral("--users"), QStringLiteral("500"), QStringLiteral("--days"),
                                QStringLiteral("40"), QStringLiteral("--end-date"), QStringLiteral("2026-09-30")} +
                    onLocal));
    const QString segments = path(QStringLiteral("segments.json"));
    expectOk(segctl(QStringList{QStringLiteral("segments"), QStringLiteral("export"), QStringLiteral("--format"),
                                QStringLiteral("json"), QStringLiteral("--output"), segments} +
                    onLocal));
    const QString events = path(QStringLiteral("events.csv"));
    testsupport::writeEventsCsv(workspace, events);
    expectOk(emu({QStringLiteral("provision")}));
    expectOk(emu({QStringLiteral("segments"), QStringLiteral("import"), segments}));
    expectOk(emu({QStringLiteral("events"), QStringLiteral("import"), events}));
    expectOk(emu({QStringLiteral("metrics"), QStringLiteral("refresh")}));
    const QList<core::CustomerIdentifiers> people = testsupport::readIdentifiers(workspace);
    ASSERT_TRUE(ws->insertIdentifiers(people.mid(0, 100)));

    QFile f(segments);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    const QJsonArray list = QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("segments")).toArray();
    int withMembers = 0;
    QString largest; // the segment with the most members
    qsizetype largestCount = 0;
    for (qsizetype i = 0; i < std::min<qsizetype>(list.size(), 5); ++i) {
        const QJsonObject segment = list.at(i).toObject();
        const QString id = segment.value(QStringLiteral("segment_id")).toString();
        const SegctlRun mine = segctl(QStringList{QStringLiteral("segments"), QStringLiteral("members"), id} + onLocal);
        const SegctlRun theirs = emu({QStringLiteral("segments"), QStringLiteral("members"), id});
        expectOk(mine);
        expectOk(theirs);
        EXPECT_EQ(mine.outText(), theirs.outText()) << "segment " << id.toStdString();
        const QString definition = writeFile(path(QStringLiteral("definition.json")),
                                             QJsonDocument(segment.value(QStringLiteral("definition")).toObject()).toJson());
        const SegctlRun reach = emu({QStringLiteral("reach"), definition, QStringLiteral("--format"), QStringLiteral("json")});
        expectOk(reach);
        const qsizetype count = theirs.out.count('\n') - 1;
        EXPECT_EQ(count, QJsonDocument::fromJson(reach.out).object().value(QStringLiteral("reach")).toInteger())
            << "segment " << id.toStdString();
        withMembers += count > 0 ? 1 : 0;
        if (count > largestCount) {
            largest = id;
            largestCount = count;
        }
    }
    EXPECT_GE(withMembers, 2);

    const QString file = writeFile(path(QStringLiteral("people.csv")), "user_id,email\nu000001,ann@example.com\n");
    const SegctlRun refused = emu({QStringLiteral("identifiers"), QStringLiteral("import"), file});
    expectError(refused, 3, QStringLiteral("main.ad_segments.customer_identifiers"));
    EXPECT_TRUE(refused.errText().contains(QStringLiteral("data engineers"))) << refused;
    EXPECT_FALSE(refused.errText().contains(QStringLiteral("doctor"))) << "no grant would help\n" << refused;
    EXPECT_FALSE(refused.errText().contains(QStringLiteral("ann@"))) << refused;
    auto count = ws->execute(QStringLiteral("SELECT COUNT(*) AS n FROM `main`.`ad_segments`.`customer_identifiers`"));
    ASSERT_TRUE(count) << count.error().toString().toStdString();
    EXPECT_EQ(count.value().value(0, QStringLiteral("n")).toLongLong(), 100) << "nothing written";

    // With every person's identifiers there, a segment's audience files are the local workspace's.
    ASSERT_TRUE(ws->insertIdentifiers(people.mid(100)));
    ASSERT_FALSE(largest.isEmpty());
    for (const QString& platform : {QStringLiteral("google"), QStringLiteral("meta")}) {
        const QString mine = path(platform + QStringLiteral("-local.csv"));
        const QString theirs = path(platform + QStringLiteral("-databricks.csv"));
        const QStringList args{QStringLiteral("audiences"), QStringLiteral("export"), QStringLiteral("--segment"), largest,
                               QStringLiteral("--platform"), platform, QStringLiteral("--force"), QStringLiteral("--output")};
        const SegctlRun a = segctl(args + QStringList{mine} + onLocal);
        const SegctlRun b = emu(args + QStringList{theirs});
        expectOk(a);
        expectOk(b);
        EXPECT_EQ(a.outText().replace(mine, QStringLiteral("FILE")), b.outText().replace(theirs, QStringLiteral("FILE")));
        QFile local(mine), remote(theirs);
        ASSERT_TRUE(local.open(QIODevice::ReadOnly) && remote.open(QIODevice::ReadOnly));
        const QByteArray bytes = local.readAll();
        EXPECT_GT(bytes.count('\n'), 5) << platform.toStdString();
        EXPECT_TRUE(bytes == remote.readAll()) << platform.toStdString() << ": the files differ";
    }
}

} // namespace
// The bronze events of a local workspace as an events CSV file (what a feed would deliver).
QString bronzeAsCsv(const QString& workspace, const QString& csvPath)
{
    const QStringList columns{QStringLiteral("event_id"), QStringLiteral("event_time"), QStringLiteral("advertiser_id"),
                              QStringLiteral("campaign_id"), QStringLiteral("user_id"), QStringLiteral("age"),
                              QStringLiteral("gender"), QStringLiteral("country"), QStringLiteral("region"),
                              QStringLiteral("device"), QStringLiteral("interests"), QStringLiteral("event_type"),
                              QStringLiteral("cost_micros")};
    core::CsvWriter::Options options;
    options.formulaGuard = false; // data for the pipeline
    core::CsvWriter csv(options);
    csv.writeRow(columns);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bronze-export"));
        db.setDatabaseName(workspace);
        EXPECT_TRUE(db.open());
        QSqlQuery q(db);
        EXPECT_TRUE(q.exec(QStringLiteral("SELECT %1 FROM bronze_impressions ORDER BY ingest_seq").arg(columns.join(QStringLiteral(", ")))));
        while (q.next()) {
            for (int i = 0; i < columns.size(); ++i)
                csv.addField(q.value(i).toString());
            csv.endRow();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bronze-export"));
    QFile f(csvPath);
    EXPECT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(csv.takeData());
    return csvPath;
}

// The Databricks form of the hash (aggregate/transform over BIGINT, run by the emulator on
// PostgreSQL) puts the same people in the same arms as the local workspace's, and the results
// read the same; bad input is refused on Databricks too and stores nothing.
TEST_F(SegctlDatabricksTest, ExperimentsGiveTheSameAssignmentsAndResultsAsTheLocalWorkspace)
{
    const QString workspace = path(QStringLiteral("demo.sqlite"));
    const auto local = [&](QStringList args) {
        args << QStringLiteral("--workspace") << workspace;
        return segctl(args);
    };
    expectOk(local({QStringLiteral("demo"), QStringLiteral("--users"), QStringLiteral("1500"), QStringLiteral("--days"),
                    QStringLiteral("40"), QStringLiteral("--end-date"), QStringLiteral("2026-09-30")}));
    const QString segments = path(QStringLiteral("segments.json"));
    expectOk(local({QStringLiteral("segments"), QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("json"),
                    QStringLiteral("--output"), segments}));
    expectOk(emu({QStringLiteral("provision")}));
    expectOk(emu({QStringLiteral("segments"), QStringLiteral("import"), segments}));
    expectOk(emu({QStringLiteral("events"), QStringLiteral("import"), bronzeAsCsv(workspace, path(QStringLiteral("events.csv")))}));
    expectOk(emu({QStringLiteral("metrics"), QStringLiteral("refresh")}));

    QFile f(segments);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    QString segment;
    for (const auto& v : QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("segments")).toArray()) {
        if (v.toObject().value(QStringLiteral("name")).toString() == QLatin1String("Weekend Hikers"))
            segment = v.toObject().value(QStringLiteral("segment_id")).toString();
    }
    ASSERT_FALSE(segment.isEmpty());
    const QStringList create{QStringLiteral("experiments"), QStringLiteral("create"), QStringLiteral("--segment"), segment,
                             QStringLiteral("--name"), QStringLiteral("Autumn banner"), QStringLiteral("--key"),
                             QStringLiteral("autumn-banner"), QStringLiteral("--arms"), QStringLiteral("control=50,treatment=50"),
                             QStringLiteral("--holdout"), QStringLiteral("10"), QStringLiteral("--seed"),
                             QStringLiteral("shared.seed-1"), QStringLiteral("--start"), QStringLiteral("2026-09-01")};
    const SegctlRun mine = local(create);
    const SegctlRun theirs = emu(create);
    expectOk(mine);
    expectOk(theirs);
    const QString localId = mine.outText().trimmed().section(QLatin1Char('\n'), -1);
    const QString databricksId = theirs.outText().trimmed().section(QLatin1Char('\n'), -1);

    const SegctlRun localArms = local({QStringLiteral("experiments"), QStringLiteral("assignments"), localId});
    const SegctlRun databricksArms = emu({QStringLiteral("experiments"), QStringLiteral("assignments"), databricksId});
    expectOk(localArms);
    expectOk(databricksArms);
    EXPECT_GT(localArms.out.count('\n'), 30) << localArms;
    EXPECT_EQ(localArms.outText(), databricksArms.outText());

    const SegctlRun localResults = local({QStringLiteral("experiments"), QStringLiteral("results"), localId,
                                          QStringLiteral("--format"), QStringLiteral("json")});
    const SegctlRun databricksResults = emu({QStringLiteral("experiments"), QStringLiteral("results"), databricksId,
                                             QStringLiteral("--format"), QStringLiteral("json")});
    expectOk(localResults);
    expectOk(databricksResults);
    QJsonObject a = QJsonDocument::fromJson(localResults.out).object();
    QJsonObject b = QJsonDocument::fromJson(databricksResults.out).object();
    a.remove(QStringLiteral("experiment"));
    b.remove(QStringLiteral("experiment"));
    EXPECT_GT(a.value(QStringLiteral("arms")).toArray().at(0).toObject().value(QStringLiteral("impressions")).toInt(), 0);
    EXPECT_EQ(a, b) << localResults.outText().toStdString() << "\n---\n" << databricksResults.outText().toStdString();
    const SegctlRun text = emu({QStringLiteral("experiments"), QStringLiteral("results"), databricksId});
    expectOk(text);
    EXPECT_TRUE(text.outText().contains(QStringLiteral("holdout"))) << text;

    QStringList bad = create;
    bad[bad.indexOf(QStringLiteral("10"))] = QStringLiteral("100");
    bad[bad.indexOf(QStringLiteral("autumn-banner"))] = QStringLiteral("other-key");
    expectError(emu(bad), 2, QStringLiteral("below 100 %"));
    QStringList unknown = create;
    unknown[unknown.indexOf(segment)] = QStringLiteral("3f1e0c8a-0000-4000-8000-00000000dead");
    unknown[unknown.indexOf(QStringLiteral("autumn-banner"))] = QStringLiteral("third-key");
    expectError(emu(unknown), 2, QStringLiteral("no segment with id"));
    expectError(emu(create), 4, QStringLiteral("already used"));
    const SegctlRun listed = emu({QStringLiteral("experiments"), QStringLiteral("list"), QStringLiteral("--format"),
                                  QStringLiteral("json")});
    expectOk(listed);
    EXPECT_EQ(QJsonDocument::fromJson(listed.out).array().size(), 1) << listed;
    expectOk(emu({QStringLiteral("experiments"), QStringLiteral("stop"), databricksId}));
}


TEST_F(SegctlDatabricksTest, AccessGrantAndListOnDatabricksRecordTheTokensPrincipal)
{
    ASSERT_TRUE(ws->provision());
    addAdvertiser();
    const SegctlRun granted = emu({QStringLiteral("access"), QStringLiteral("grant"), QStringLiteral("--advertiser"),
                                   QStringLiteral("adv-emu"), QStringLiteral("--principal"), QStringLiteral("kim@example.com"),
                                   QStringLiteral("--role"), QStringLiteral("editor")});
    ASSERT_EQ(granted.exitCode, 0) << granted;
    EXPECT_TRUE(granted.outText().contains(QStringLiteral("kim@example.com is now editor of adv-emu."))) << granted;
    const SegctlRun listed = emu({QStringLiteral("access"), QStringLiteral("list")});
    ASSERT_EQ(listed.exitCode, 0) << listed;
    EXPECT_TRUE(listed.outText().contains(QStringLiteral("Signed in as tester@example.com."))) << listed;
    // The first grant made the granter owner; granted_by is the principal of the token.
    auto rows = ws->execute(QStringLiteral("SELECT principal, role, granted_by FROM `main`.`ad_segments`.`advertiser_access` "
                                           "ORDER BY principal"));
    ASSERT_TRUE(rows) << rows.error().toString().toStdString();
    ASSERT_EQ(rows.value().rows.size(), 2);
    EXPECT_EQ(rows.value().value(0, QStringLiteral("principal")).toString(), QStringLiteral("kim@example.com"));
    EXPECT_EQ(rows.value().value(0, QStringLiteral("granted_by")).toString(), EmulatedWorkspace::kPrincipal);
    EXPECT_EQ(rows.value().value(1, QStringLiteral("principal")).toString(), EmulatedWorkspace::kPrincipal);
    EXPECT_EQ(rows.value().value(1, QStringLiteral("role")).toString(), QStringLiteral("owner"));
}
