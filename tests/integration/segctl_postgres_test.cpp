// segctl on PostgreSQL end to end (the real binary, --postgres, the private cluster): provision and
// doctor, then the same segments and events as a local demo workspace give the same daily metrics
// and the same reach on both backends.
#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include "postgres_server.h"
#include "support/segctl_process.h"
#include "support/workspace_exports.h"

namespace {

class SegctlPostgresTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        QString error;
        server = testsupport::PostgresServer::shared(&error);
        ASSERT_NE(server, nullptr) << error.toStdString();
        database = server->createUniqueDatabase(QStringLiteral("segctl"));
        ASSERT_FALSE(database.isEmpty()) << server->errorString().toStdString();
        conninfo = QStringLiteral("host=%1 port=%2 dbname=%3 user=%4")
                       .arg(server->host())
                       .arg(server->port())
                       .arg(database, server->superuser());
    }

    SegctlRun onPostgres(QStringList args) const
    {
        args.prepend(conninfo);
        args.prepend(QStringLiteral("--postgres"));
        return runSegctl(home.path(), args);
    }
    SegctlRun local(QStringList args) const
    {
        args << QStringLiteral("--workspace") << home.filePath(QStringLiteral("demo.sqlite"));
        return runSegctl(home.path(), args);
    }

    // The demo workspace's bronze events as an events CSV file (what a feed would deliver).
    QString exportDemoEvents() const
    {
        const QString path = home.filePath(QStringLiteral("events.csv"));
        const QString connection = QStringLiteral("demo-export");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
            db.setDatabaseName(home.filePath(QStringLiteral("demo.sqlite")));
            EXPECT_TRUE(db.open());
            const QStringList columns{QStringLiteral("event_id"), QStringLiteral("event_time"), QStringLiteral("advertiser_id"),
                                      QStringLiteral("campaign_id"), QStringLiteral("user_id"), QStringLiteral("age"),
                                      QStringLiteral("gender"), QStringLiteral("country"), QStringLiteral("region"),
                                      QStringLiteral("device"), QStringLiteral("interests"), QStringLiteral("event_type"),
                                      QStringLiteral("cost_micros")};
            QFile out(path);
            EXPECT_TRUE(out.open(QIODevice::WriteOnly));
            out.write(columns.join(QLatin1Char(',')).toUtf8() + '\n');
            QSqlQuery q(db);
            EXPECT_TRUE(q.exec(QStringLiteral("SELECT %1 FROM bronze_impressions ORDER BY ingest_seq").arg(columns.join(QStringLiteral(", ")))));
            while (q.next()) {
                QStringList cells;
                for (int i = 0; i < columns.size(); ++i) {
                    QString v = q.value(i).toString();
                    if (v.contains(QLatin1Char(',')) || v.contains(QLatin1Char('"')) || v.contains(QLatin1Char('\n')))
                        v = QLatin1Char('"') + v.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
                    cells.append(v);
                }
                out.write(cells.join(QLatin1Char(',')).toUtf8() + '\n');
            }
        }
        QSqlDatabase::removeDatabase(connection);
        return path;
    }

    testsupport::PostgresServer* server = nullptr;
    QString database;
    QString conninfo;
    QTemporaryDir home;
};

} // namespace

TEST_F(SegctlPostgresTest, DoctorAsksForProvisioningThenProvisionMakesItGreenAndIsHarmlessTwice)
{
    const SegctlRun before = onPostgres({QStringLiteral("doctor")});
    EXPECT_EQ(before.exitCode, 3) << before; // the report on stdout, one error line on stderr
    EXPECT_TRUE(before.outText().contains(QStringLiteral("✗ Tables created"))) << before;
    EXPECT_TRUE(before.errText().startsWith(QStringLiteral("segctl: error: diagnostics failed at “Tables created”"))) << before;
    EXPECT_TRUE(before.errText().contains(QStringLiteral("provision"))) << before;

    const SegctlRun provisioned = onPostgres({QStringLiteral("provision")});
    expectOk(provisioned);
    EXPECT_TRUE(provisioned.outText().contains(QStringLiteral("applied segments"))) << provisioned;
    const SegctlRun again = onPostgres({QStringLiteral("provision")});
    expectOk(again);
    EXPECT_TRUE(again.outText().contains(QStringLiteral("(0 applied now"))) << again;

    const SegctlRun after = onPostgres({QStringLiteral("doctor")});
    expectOk(after);
    EXPECT_TRUE(after.outText().contains(QStringLiteral("3 of 3 checks passed"))) << after;
}

TEST_F(SegctlPostgresTest, APasswordGivenInTheConnectionStringIsNeverPrinted)
{
    QStringList args{QStringLiteral("--postgres"), conninfo + QStringLiteral(" password=hunter2-secret"),
                     QStringLiteral("doctor")};
    const SegctlRun r = runSegctl(home.path(), args);
    EXPECT_FALSE(r.outText().contains(QStringLiteral("hunter2")) || r.errText().contains(QStringLiteral("hunter2"))) << r;
    // The hint to provision repeats the connection without it.
    EXPECT_TRUE(r.outText().contains(QStringLiteral("--postgres '"))) << r;
}

TEST_F(SegctlPostgresTest, WarehouseOptionsAndAWorkspaceFileDoNotGoWithPostgres)
{
    expectError(onPostgres({QStringLiteral("segments"), QStringLiteral("list"), QStringLiteral("--schema"), QStringLiteral("x")}), 1,
                QStringLiteral("--postgres"));
    expectError(onPostgres({QStringLiteral("warehouses"), QStringLiteral("list")}), 1, QStringLiteral("Databricks only"));
    expectError(onPostgres({QStringLiteral("demo")}), 1, QStringLiteral("local workspace only"));
}

TEST_F(SegctlPostgresTest, TheDemoSegmentsAndEventsGiveTheSameMetricsAndReachAsTheLocalWorkspace)
{
    expectOk(local({QStringLiteral("demo"), QStringLiteral("--users"), QStringLiteral("600"), QStringLiteral("--days"),
                    QStringLiteral("40"), QStringLiteral("--end-date"), QStringLiteral("2026-09-30")}));
    const QString segments = home.filePath(QStringLiteral("segments.json"));
    expectOk(local({QStringLiteral("segments"), QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("json"),
                    QStringLiteral("--output"), segments}));
    const QString events = exportDemoEvents();

    expectOk(onPostgres({QStringLiteral("provision")}));
    expectOk(onPostgres({QStringLiteral("segments"), QStringLiteral("import"), segments}));
    const SegctlRun imported = onPostgres({QStringLiteral("events"), QStringLiteral("import"), events});
    expectOk(imported);
    const SegctlRun refreshed = onPostgres({QStringLiteral("metrics"), QStringLiteral("refresh")});
    expectOk(refreshed);

    QFile f(segments);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    const QJsonArray list = QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("segments")).toArray();
    ASSERT_GE(list.size(), 10);
    int withMetrics = 0;
    int notInDollars = 0;
    for (const auto& v : list) {
        const QString id = v.toObject().value(QStringLiteral("segment_id")).toString();
        const QStringList show{QStringLiteral("metrics"), QStringLiteral("show"), QStringLiteral("--segment"), id,
                               QStringLiteral("--format"), QStringLiteral("json")};
        const SegctlRun mine = local(show);
        const SegctlRun theirs = onPostgres(show);
        expectOk(mine);
        expectOk(theirs);
        // The same figures in the same currency: the segment file describes its advertisers, so the
        // import added them with their currency (the demo's are EUR, GBP and USD).
        EXPECT_EQ(mine.outText(), theirs.outText()) << "segment " << id.toStdString();
        if (!mine.outText().contains(QStringLiteral("\"currency\": \"USD\"")))
            ++notInDollars;
        if (mine.outText().contains(QStringLiteral("\"date\"")))
            ++withMetrics;

        const QString definition = home.filePath(QStringLiteral("definition.json"));
        QFile d(definition);
        ASSERT_TRUE(d.open(QIODevice::WriteOnly | QIODevice::Truncate));
        d.write(QJsonDocument(v.toObject().value(QStringLiteral("definition")).toObject()).toJson());
        d.close();
        const QStringList reach{QStringLiteral("reach"), definition};
        const SegctlRun localReach = local(reach);
        const SegctlRun postgresReach = onPostgres(reach);
        expectOk(localReach);
        expectOk(postgresReach);
        EXPECT_EQ(localReach.outText(), postgresReach.outText()) << "segment " << id.toStdString();
    }
    EXPECT_GE(withMetrics, 5) << "most demo segments have daily metrics";
    EXPECT_GT(notInDollars, 0) << "the demo has advertisers in EUR and GBP; their segments kept them";
}

// Who the demo people are, imported on PostgreSQL from a file, and the members of the demo segments
// there: the same rows and the same people as the local workspace, as many as the reach.
TEST_F(SegctlPostgresTest, IdentifiersImportAndMembersGiveTheLocalWorkspacesPeople)
{
    expectOk(local({QStringLiteral("demo"), QStringLiteral("--users"), QStringLiteral("600"), QStringLiteral("--days"),
                    QStringLiteral("40"), QStringLiteral("--end-date"), QStringLiteral("2026-09-30")}));
    const QString workspace = home.filePath(QStringLiteral("demo.sqlite"));
    const QString segments = home.filePath(QStringLiteral("segments.json"));
    expectOk(local({QStringLiteral("segments"), QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("json"),
                    QStringLiteral("--output"), segments}));
    const QString events = exportDemoEvents();
    const QList<core::CustomerIdentifiers> people = testsupport::readIdentifiers(workspace);
    ASSERT_GT(people.size(), 400);
    // The columns in another order, and one line the import must refuse.
    const QString file = home.filePath(QStringLiteral("people.csv"));
    QByteArray csv = testsupport::identifiersCsv(
        people, {QStringLiteral("email"), QStringLiteral("country"), QStringLiteral("user_id"), QStringLiteral("phone"),
                 QStringLiteral("first_name"), QStringLiteral("last_name"), QStringLiteral("birth_date"),
                 QStringLiteral("city"), QStringLiteral("region"), QStringLiteral("postal_code")});
    csv += "nobody@example.com,US,,,,,,,,\r\n";
    testsupport::writeFile(file, csv);

    expectOk(onPostgres({QStringLiteral("provision")}));
    expectOk(onPostgres({QStringLiteral("segments"), QStringLiteral("import"), segments}));
    expectOk(onPostgres({QStringLiteral("events"), QStringLiteral("import"), events}));
    expectOk(onPostgres({QStringLiteral("metrics"), QStringLiteral("refresh")}));
    const SegctlRun imported = onPostgres({QStringLiteral("identifiers"), QStringLiteral("import"), file});
    expectOk(imported);
    EXPECT_TRUE(imported.outText().contains(QStringLiteral("rows read:     %1").arg(people.size() + 1))) << imported;
    EXPECT_TRUE(imported.outText().contains(QStringLiteral("users stored:  %1").arg(people.size()))) << imported;
    EXPECT_TRUE(imported.outText().contains(QStringLiteral("replaced:      0"))) << imported;
    EXPECT_TRUE(imported.outText().contains(QStringLiteral("line %1: user_id is empty").arg(people.size() + 2))) << imported;
    EXPECT_FALSE(imported.outText().contains(QStringLiteral("nobody@"))) << imported;
    const SegctlRun again = onPostgres({QStringLiteral("identifiers"), QStringLiteral("import"), file});
    expectOk(again);
    EXPECT_TRUE(again.outText().contains(QStringLiteral("replaced:      %1").arg(people.size()))) << again;

    // Every row reads back as the local workspace holds it.
    const QString connection = QStringLiteral("segctl-postgres-identifiers");
    QStringList stored;
    {
        ASSERT_TRUE(server->openConnection(connection, database)) << server->errorString().toStdString();
        QSqlQuery q(QSqlDatabase::database(connection));
        ASSERT_TRUE(q.exec(QStringLiteral("SELECT user_id, email, phone, first_name, last_name, city, region, postal_code, "
                                          "country, to_char(birth_date, 'YYYY-MM-DD') FROM customer_identifiers "
                                          "ORDER BY user_id COLLATE \"C\"")));
        while (q.next()) {
            QStringList fields;
            for (int i = 0; i < 10; ++i)
                fields.append(q.value(i).toString());
            stored.append(fields.join(QLatin1Char('|')));
        }
    }
    QSqlDatabase::removeDatabase(connection);
    QStringList expected;
    for (const auto& p : people)
        expected.append(QStringList{p.userId, p.email, p.phone, p.firstName, p.lastName, p.city, p.region, p.postalCode,
                                    p.country, p.birthDate}
                            .join(QLatin1Char('|')));
    EXPECT_TRUE(stored == expected) << stored.size() << " rows on PostgreSQL, " << expected.size() << " locally";

    QFile f(segments);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    const QJsonArray list = QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("segments")).toArray();
    int withMembers = 0;
    for (qsizetype i = 0; i < std::min<qsizetype>(list.size(), 6); ++i) {
        const QJsonValue v = list.at(i);
        const QString id = v.toObject().value(QStringLiteral("segment_id")).toString();
        const QStringList members{QStringLiteral("segments"), QStringLiteral("members"), id};
        const SegctlRun mine = local(members);
        const SegctlRun theirs = onPostgres(members);
        expectOk(mine);
        expectOk(theirs);
        EXPECT_EQ(mine.outText(), theirs.outText()) << "segment " << id.toStdString();
        const qsizetype count = theirs.out.count('\n') - 1;
        const QString definition = home.filePath(QStringLiteral("definition.json"));
        testsupport::writeFile(definition, QJsonDocument(v.toObject().value(QStringLiteral("definition")).toObject()).toJson());
        const SegctlRun reach = onPostgres({QStringLiteral("reach"), definition, QStringLiteral("--format"), QStringLiteral("json")});
        expectOk(reach);
        EXPECT_EQ(count, QJsonDocument::fromJson(reach.out).object().value(QStringLiteral("reach")).toInteger())
            << "segment " << id.toStdString();
        withMembers += count > 0 ? 1 : 0;
    }
    EXPECT_GE(withMembers, 3);
}

namespace {

QByteArray readBytes(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The experiment JSON's parts that depend only on the data (not on ids or times).
QJsonObject comparable(const QJsonObject& readout)
{
    QJsonObject out = readout;
    out.remove(QStringLiteral("experiment"));
    return out;
}

} // namespace

// The same workspace on PostgreSQL gives the same audience files, byte for byte, and the same
// pre-flight as the local workspace, for Google and for Meta.
TEST_F(SegctlPostgresTest, AudienceFilesAreTheLocalWorkspaces)
{
    expectOk(local({QStringLiteral("demo"), QStringLiteral("--users"), QStringLiteral("600"), QStringLiteral("--days"),
                    QStringLiteral("40"), QStringLiteral("--end-date"), QStringLiteral("2026-09-30")}));
    const QString workspace = home.filePath(QStringLiteral("demo.sqlite"));
    // A segment of most of the demo's people, so the files have rows to compare.
    const QString segmentFile = home.filePath(QStringLiteral("segment.json"));
    testsupport::writeFile(segmentFile,
                           R"({"advertiser_id": "adv-pixel", "name": "Buyers in eight countries", "status": "active",
                               "definition": {"schema_version": 1, "root": {"op": "and", "children": [
                                 {"dimension": "country", "values": ["US", "GB", "DE", "CA", "FR", "BR", "AU", "ES"]}]}}})");
    const SegctlRun saved = local({QStringLiteral("segments"), QStringLiteral("save"), segmentFile});
    expectOk(saved);
    const QString segment = saved.outText().trimmed();
    const QString segments = home.filePath(QStringLiteral("segments.json"));
    expectOk(local({QStringLiteral("segments"), QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("json"),
                    QStringLiteral("--output"), segments}));
    const QString events = exportDemoEvents();
    const QString people = home.filePath(QStringLiteral("people.csv"));
    testsupport::writeFile(people, testsupport::identifiersCsv(testsupport::readIdentifiers(workspace),
                                                               core::AudienceSql::identifierColumns()));

    expectOk(onPostgres({QStringLiteral("provision")}));
    expectOk(onPostgres({QStringLiteral("segments"), QStringLiteral("import"), segments}));
    expectOk(onPostgres({QStringLiteral("events"), QStringLiteral("import"), events}));
    expectOk(onPostgres({QStringLiteral("metrics"), QStringLiteral("refresh")}));
    expectOk(onPostgres({QStringLiteral("identifiers"), QStringLiteral("import"), people}));

    for (const QString& platform : {QStringLiteral("google"), QStringLiteral("meta")}) {
        const QString mine = home.filePath(platform + QStringLiteral("-local.csv"));
        const QString theirs = home.filePath(platform + QStringLiteral("-postgres.csv"));
        const QStringList args{QStringLiteral("audiences"), QStringLiteral("export"), QStringLiteral("--segment"), segment,
                               QStringLiteral("--platform"), platform, QStringLiteral("--force"), QStringLiteral("--output")};
        const SegctlRun a = local(args + QStringList{mine});
        const SegctlRun b = onPostgres(args + QStringList{theirs});
        expectOk(a);
        expectOk(b);
        EXPECT_EQ(a.outText().replace(mine, QStringLiteral("FILE")), b.outText().replace(theirs, QStringLiteral("FILE")))
            << "the same pre-flight";
        const QByteArray file = readBytes(mine);
        EXPECT_GT(file.count('\n'), 100) << platform.toStdString();
        EXPECT_TRUE(file == readBytes(theirs)) << platform.toStdString() << ": the files differ";
    }
}

TEST_F(SegctlPostgresTest, ExperimentsGiveTheSameAssignmentsAndResultsAsTheLocalWorkspace)
{
    expectOk(local({QStringLiteral("demo"), QStringLiteral("--users"), QStringLiteral("2000"), QStringLiteral("--days"),
                    QStringLiteral("40"), QStringLiteral("--end-date"), QStringLiteral("2026-09-30")}));
    const QString segments = home.filePath(QStringLiteral("segments.json"));
    expectOk(local({QStringLiteral("segments"), QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("json"),
                    QStringLiteral("--output"), segments}));
    expectOk(onPostgres({QStringLiteral("provision")}));
    expectOk(onPostgres({QStringLiteral("segments"), QStringLiteral("import"), segments}));
    expectOk(onPostgres({QStringLiteral("events"), QStringLiteral("import"), exportDemoEvents()}));
    expectOk(onPostgres({QStringLiteral("metrics"), QStringLiteral("refresh")}));

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
                             QStringLiteral("autumn-banner"), QStringLiteral("--arms"),
                             QStringLiteral("control=50,banner=25,video=25"), QStringLiteral("--holdout"),
                             QStringLiteral("5"), QStringLiteral("--start"), QStringLiteral("2026-09-01")};
    const SegctlRun mine = local(create);
    const SegctlRun theirs = onPostgres(create);
    expectOk(mine);
    expectOk(theirs);
    const QString localId = mine.outText().trimmed().section(QLatin1Char('\n'), -1);
    const QString postgresId = theirs.outText().trimmed().section(QLatin1Char('\n'), -1);

    // The same people in the same arms: PostgreSQL's sb_growthbook_bucket against SQLite's.
    const SegctlRun localArms = local({QStringLiteral("experiments"), QStringLiteral("assignments"), localId});
    const SegctlRun postgresArms = onPostgres({QStringLiteral("experiments"), QStringLiteral("assignments"), postgresId});
    expectOk(localArms);
    expectOk(postgresArms);
    EXPECT_GT(localArms.out.count('\n'), 50) << localArms;
    EXPECT_EQ(localArms.outText(), postgresArms.outText());

    const QStringList results{QStringLiteral("experiments"), QStringLiteral("results"), QStringLiteral("--format"),
                              QStringLiteral("json")};
    const SegctlRun localResults = local(QStringList{results} << localId);
    const SegctlRun postgresResults = onPostgres(QStringList{results} << postgresId);
    expectOk(localResults);
    expectOk(postgresResults);
    const QJsonObject a = comparable(QJsonDocument::fromJson(localResults.out).object());
    EXPECT_GT(a.value(QStringLiteral("arms")).toArray().at(0).toObject().value(QStringLiteral("impressions")).toInt(), 0);
    EXPECT_EQ(a, comparable(QJsonDocument::fromJson(postgresResults.out).object()))
        << localResults.outText().toStdString() << "\n---\n" << postgresResults.outText().toStdString();

    // Bad input is refused on PostgreSQL too, and stores nothing.
    QStringList bad = create;
    bad[bad.indexOf(QStringLiteral("autumn-banner"))] = QStringLiteral("other-key");
    bad[bad.indexOf(QStringLiteral("control=50,banner=25,video=25"))] = QStringLiteral("control=50,banner=25,video=20");
    expectError(onPostgres(bad), 2, QStringLiteral("add up to 95 %"));
    expectError(onPostgres(create), 4, QStringLiteral("already used"));
    const SegctlRun listed = onPostgres({QStringLiteral("experiments"), QStringLiteral("list"), QStringLiteral("--format"),
                                         QStringLiteral("json")});
    expectOk(listed);
    EXPECT_EQ(QJsonDocument::fromJson(listed.out).array().size(), 1);
    expectOk(onPostgres({QStringLiteral("experiments"), QStringLiteral("stop"), postgresId}));
}

namespace {

// Runs statements as the cluster's superuser (roles and advertisers for the access tests).
bool asSuperuser(testsupport::PostgresServer& server, const QString& database, const QStringList& statements)
{
    const QString connection = QStringLiteral("access-setup-") + database;
    bool ok = server.openConnection(connection, database);
    {
        QSqlDatabase db = QSqlDatabase::database(connection);
        QSqlQuery q(db);
        for (const QString& sql : statements)
            ok = ok && q.exec(sql);
    }
    QSqlDatabase::removeDatabase(connection);
    return ok;
}

} // namespace

TEST_F(SegctlPostgresTest, AccessGrantListAndRevokeAsTwoRoles)
{
    expectOk(onPostgres({QStringLiteral("provision")}));
    const QString ann = QStringLiteral("ann_") + database;
    const QString vic = QStringLiteral("vic_") + database;
    ASSERT_TRUE(asSuperuser(*server, database,
                            {QStringLiteral("CREATE ROLE %1 LOGIN").arg(ann), QStringLiteral("CREATE ROLE %1 LOGIN").arg(vic),
                             QStringLiteral("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %1, %2").arg(ann, vic),
                             QStringLiteral("INSERT INTO advertisers (advertiser_id, name) VALUES ('acme', 'Acme'), ('globex', 'Globex')")}));
    const auto as = [this](const QString& role, QStringList args) {
        QString c = conninfo;
        c.replace(QStringLiteral("user=postgres"), QStringLiteral("user=") + role);
        args.prepend(c);
        args.prepend(QStringLiteral("--postgres"));
        return runSegctl(home.path(), args);
    };

    const SegctlRun empty = as(ann, {QStringLiteral("access"), QStringLiteral("list")});
    expectOk(empty);
    EXPECT_TRUE(empty.outText().contains(QStringLiteral("Signed in as %1.").arg(ann))) << empty;
    EXPECT_TRUE(empty.outText().contains(QStringLiteral("No roles granted yet"))) << empty;

    expectOk(as(ann, {QStringLiteral("access"), QStringLiteral("grant"), QStringLiteral("--advertiser"), QStringLiteral("acme"),
                      QStringLiteral("--principal"), vic, QStringLiteral("--role"), QStringLiteral("viewer")}));
    const SegctlRun listed = as(ann, {QStringLiteral("access"), QStringLiteral("list"), QStringLiteral("--advertiser"),
                                      QStringLiteral("acme"), QStringLiteral("--format"), QStringLiteral("json")});
    expectOk(listed);
    const QJsonObject doc = QJsonDocument::fromJson(listed.out).object();
    EXPECT_EQ(doc.value(QStringLiteral("signed_in_as")).toString(), ann);
    EXPECT_TRUE(doc.value(QStringLiteral("managed")).toBool());
    const QJsonArray grants = doc.value(QStringLiteral("grants")).toArray();
    ASSERT_EQ(grants.size(), 2) << listed;
    EXPECT_EQ(grants[0].toObject().value(QStringLiteral("principal")).toString(), ann);
    EXPECT_EQ(grants[0].toObject().value(QStringLiteral("role")).toString(), QStringLiteral("owner"));
    EXPECT_EQ(grants[1].toObject().value(QStringLiteral("principal")).toString(), vic);
    EXPECT_EQ(grants[1].toObject().value(QStringLiteral("role")).toString(), QStringLiteral("viewer"));
    EXPECT_EQ(grants[1].toObject().value(QStringLiteral("granted_by")).toString(), ann);

    // The viewer may not grant: exit 3, the message names the role it needs.
    const SegctlRun refused = as(vic, {QStringLiteral("access"), QStringLiteral("grant"), QStringLiteral("--advertiser"),
                                       QStringLiteral("acme"), QStringLiteral("--principal"), vic, QStringLiteral("--role"),
                                       QStringLiteral("owner")});
    EXPECT_EQ(refused.exitCode, 3) << refused;
    EXPECT_TRUE(refused.errText().contains(QStringLiteral("You are a viewer of Acme; granting access needs the owner role")))
        << refused;
    // Nor see Globex.
    const SegctlRun hidden = as(vic, {QStringLiteral("access"), QStringLiteral("grant"), QStringLiteral("--advertiser"),
                                      QStringLiteral("globex"), QStringLiteral("--principal"), vic, QStringLiteral("--role"),
                                      QStringLiteral("owner")});
    EXPECT_NE(hidden.exitCode, 0) << hidden;

    const SegctlRun badRole = as(ann, {QStringLiteral("access"), QStringLiteral("grant"), QStringLiteral("--advertiser"),
                                       QStringLiteral("acme"), QStringLiteral("--principal"), vic, QStringLiteral("--role"),
                                       QStringLiteral("admin")});
    EXPECT_EQ(badRole.exitCode, 1) << badRole;

    expectOk(as(ann, {QStringLiteral("access"), QStringLiteral("revoke"), QStringLiteral("--advertiser"), QStringLiteral("acme"),
                      QStringLiteral("--principal"), vic}));
    const SegctlRun last = as(ann, {QStringLiteral("access"), QStringLiteral("revoke"), QStringLiteral("--advertiser"),
                                    QStringLiteral("acme"), QStringLiteral("--principal"), ann});
    EXPECT_NE(last.exitCode, 0) << last;
    EXPECT_TRUE(last.errText().contains(QStringLiteral("last owner"))) << last;
    // Local workspaces have one user: access is for shared backends.
    const SegctlRun local = runSegctl(home.path(), {QStringLiteral("access"), QStringLiteral("list"), QStringLiteral("--workspace"),
                                                    home.filePath(QStringLiteral("x.sqlite"))});
    EXPECT_EQ(local.exitCode, 1) << local;
}
