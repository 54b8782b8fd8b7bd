// End-to-end tests of the real segctl binary (build/bin/segctl) against temporary workspaces:
// every command, every exit code, one-line errors, --help everywhere, and the export → import →
// export round trip.
#include <gtest/gtest.h>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUuid>

#include "domain/segment_json.h"
#include "export/csv_reader.h"
#include "support/segctl_process.h"
#include "backends/sqlite/sqlite_backend.h"
#include "common/future_wait.h"
#include "domain/experiment_assignment.h"
#include "support/test_catalogue.h"

namespace {

const QString kSqlName = QStringLiteral("Robert'); DROP TABLE gold_segments;--");

QByteArray readBytes(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

class SegctlTest : public ::testing::Test
{
protected:
    // One small demo workspace for the suite; each test works on its own copy.
    static void SetUpTestSuite()
    {
        s_shared = new QTemporaryDir;
        const SegctlRun r = runIn(
            s_shared->path(), {QStringLiteral("demo"), QStringLiteral("--workspace"), sharedDemo(),
                               QStringLiteral("--seed"), QStringLiteral("7"), QStringLiteral("--end-date"),
                               QStringLiteral("2026-01-31"), QStringLiteral("--users"),
                               QStringLiteral("1500"), QStringLiteral("--days"), QStringLiteral("45")});
        ASSERT_EQ(r.exitCode, 0) << r;
    }
    static void TearDownTestSuite()
    {
        delete s_shared;
        s_shared = nullptr;
    }

    static QString sharedDemo() { return QDir(s_shared->path()).filePath(QStringLiteral("demo.sqlite")); }

    // Runs segctl with a private home (data, config, logs) under home.
    static SegctlRun runIn(const QString& home, const QStringList& args) { return runSegctl(home, args); }

    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        ASSERT_TRUE(QFile::copy(sharedDemo(), ws()));
    }

    QString path(const QString& name) const { return m_dir.filePath(name); }
    QString ws() const { return path(QStringLiteral("ws.sqlite")); }

    SegctlRun segctl(QStringList args) const { return runIn(m_dir.path(), args); }
    // The same, on this test's workspace.
    SegctlRun onWs(QStringList args) const
    {
        args << QStringLiteral("--workspace") << ws();
        return runIn(m_dir.path(), args);
    }

    QString writeFile(const QString& name, const QByteArray& bytes) const
    {
        const QString p = path(name);
        QFile f(p);
        EXPECT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(bytes);
        return p;
    }
    QString writeJson(const QString& name, const QJsonObject& o) const
    {
        return writeFile(name, QJsonDocument(o).toJson());
    }

    QList<core::Segment> listJson(const QStringList& extra = {}) const
    {
        const SegctlRun r = onWs(QStringList{QStringLiteral("segments"), QStringLiteral("list"),
                                             QStringLiteral("--format"), QStringLiteral("json")} +
                                 extra);
        EXPECT_EQ(r.exitCode, 0) << r;
        auto parsed = core::SegmentJson::fromDocument(r.out);
        EXPECT_TRUE(parsed.ok()) << r;
        return parsed.ok() ? parsed.value() : QList<core::Segment>{};
    }

    QJsonObject showJson(const QString& id) const
    {
        const SegctlRun r = onWs({QStringLiteral("segments"), QStringLiteral("show"), id,
                                  QStringLiteral("--format"), QStringLiteral("json")});
        EXPECT_EQ(r.exitCode, 0) << r;
        return QJsonDocument::fromJson(r.out).object();
    }

    // A new segment for the demo advertiser adv-northwind.
    static QJsonObject newSegment(const QString& name,
                                  const QString& advertiser = QStringLiteral("adv-northwind"))
    {
        return QJsonObject{
            {QStringLiteral("advertiser_id"), advertiser},
            {QStringLiteral("name"), name},
            {QStringLiteral("description"), QStringLiteral("made by the segctl test")},
            {QStringLiteral("status"), QStringLiteral("draft")},
            {QStringLiteral("definition"), countryDefinition({QStringLiteral("US"), QStringLiteral("CA")})},
        };
    }

    static QJsonObject countryDefinition(const QStringList& countries)
    {
        return QJsonObject{
            {QStringLiteral("schema_version"), 1},
            {QStringLiteral("root"),
             QJsonObject{
                 {QStringLiteral("op"), QStringLiteral("and")},
                 {QStringLiteral("children"),
                  QJsonArray{QJsonObject{{QStringLiteral("dimension"), QStringLiteral("country")},
                                         {QStringLiteral("values"), QJsonArray::fromStringList(countries)}},
                             QJsonObject{{QStringLiteral("dimension"), QStringLiteral("age")},
                                         {QStringLiteral("values"),
                                          QJsonArray{QStringLiteral("25-34"), QStringLiteral("35-44")}}}}}}}};
    }

    // Saves a new segment and returns its id.
    QString create(const QString& name, const QString& advertiser = QStringLiteral("adv-northwind")) const
    {
        const QString file =
            writeJson(QStringLiteral("new-%1.json").arg(QUuid::createUuid().toString(QUuid::Id128)),
                      newSegment(name, advertiser));
        const SegctlRun r = onWs({QStringLiteral("segments"), QStringLiteral("save"), file});
        EXPECT_EQ(r.exitCode, 0) << r;
        return r.outText().trimmed();
    }

    QTemporaryDir m_dir;
    static inline QTemporaryDir* s_shared = nullptr;
};

// --- help --------------------------------------------------------------------------------------

TEST_F(SegctlTest, TopLevelHelpListsEveryCommandAndTheExitCodes)
{
    for (const QString& flag : {QStringLiteral("--help"), QStringLiteral("-h")}) {
        const SegctlRun r = segctl({flag});
        expectOk(r);
        for (const char* command : {"segments list", "segments show ID", "segments save FILE.json",
                                    "segments delete ID", "segments restore ID", "segments export",
                                    "segments import FILE.json", "reach FILE.json", "demo"})
            EXPECT_TRUE(r.outText().contains(QLatin1String(command))) << command << "\n" << r;
        for (const char* code :
             {"0   success", "1   usage error", "2   invalid input", "3   backend error", "4   conflict"})
            EXPECT_TRUE(r.outText().contains(QLatin1String(code))) << code;
        EXPECT_TRUE(r.outText().contains(QStringLiteral("--workspace PATH")));
    }
}

// docs/segctl-reference.md is `segctl help --markdown`, byte for byte: the reference cannot drift
// from the commands' own help (regenerate it with `make docs`).
TEST_F(SegctlTest, TheCommittedReferenceIsTheCommandsOwnHelp)
{
    const SegctlRun r = runSegctl(m_dir.path(), {QStringLiteral("help"), QStringLiteral("--markdown")});
    ASSERT_EQ(r.exitCode, 0) << r;
    const QByteArray committed = readBytes(QStringLiteral(SB_SOURCE_DIR "/docs/segctl-reference.md"));
    ASSERT_FALSE(committed.isEmpty()) << "docs/segctl-reference.md is missing: run make docs";
    EXPECT_TRUE(r.out == committed) << "docs/segctl-reference.md is stale: run make docs";
    // Every command `segctl --help` lists has its section.
    const SegctlRun top = runSegctl(m_dir.path(), {QStringLiteral("--help")});
    const QString overview = top.outText();
    const QString listing = overview.section(QStringLiteral("Commands:\n"), 1).section(QStringLiteral("\n\n"), 0, 0);
    static const QRegularExpression word(QStringLiteral("^[a-z][a-z-]*$"));
    int commands = 0;
    for (const QString& line : listing.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        QStringList name;
        for (const QString& token : line.trimmed().section(QStringLiteral("  "), 0, 0).split(QLatin1Char(' '))) {
            if (!word.match(token).hasMatch())
                break;
            name.append(token);
        }
        ASSERT_FALSE(name.isEmpty()) << line.toStdString();
        const QString heading = QStringLiteral("\n### segctl ") + name.join(QLatin1Char(' ')) + QLatin1Char('\n');
        EXPECT_TRUE(r.outText().contains(heading)) << heading.toStdString();
        ++commands;
    }
    EXPECT_GT(commands, 20);
    EXPECT_FALSE(r.outText().contains(m_dir.path())) << "a machine's path in the reference";
}

TEST_F(SegctlTest, GroupHelpListsItsCommands)
{
    for (const QStringList& args : {QStringList{QStringLiteral("segments"), QStringLiteral("--help")},
                                    QStringList{QStringLiteral("--help"), QStringLiteral("segments")},
                                    QStringList{QStringLiteral("help"), QStringLiteral("segments")}}) {
        const SegctlRun r = segctl(args);
        expectOk(r);
        EXPECT_TRUE(r.outText().startsWith(QStringLiteral("Usage: segctl segments <command>"))) << r;
        for (const char* sub :
             {"list", "show ID", "save FILE.json", "delete ID", "restore ID", "export", "import FILE.json"})
            EXPECT_TRUE(r.outText().contains(QLatin1String(sub))) << sub;
    }
}

TEST_F(SegctlTest, EveryCommandHasHelpWithItsUsageAndOptions)
{
    const QList<QPair<QStringList, QStringList>> cases{
        {{QStringLiteral("segments"), QStringLiteral("list")},
         {QStringLiteral("--advertiser ID"), QStringLiteral("--format table|json|csv"),
          QStringLiteral("--deleted")}},
        {{QStringLiteral("segments"), QStringLiteral("show")},
         {QStringLiteral("Usage: segctl segments show ID")}},
        {{QStringLiteral("segments"), QStringLiteral("save")},
         {QStringLiteral("Usage: segctl segments save FILE.json"), QStringLiteral("conflict")}},
        {{QStringLiteral("segments"), QStringLiteral("delete")}, {QStringLiteral("--version N")}},
        {{QStringLiteral("segments"), QStringLiteral("restore")},
         {QStringLiteral("Usage: segctl segments restore ID")}},
        {{QStringLiteral("segments"), QStringLiteral("export")},
         {QStringLiteral("--format json|csv"), QStringLiteral("--output FILE")}},
        {{QStringLiteral("segments"), QStringLiteral("import")},
         {QStringLiteral("Usage: segctl segments import FILE.json")}},
        {{QStringLiteral("reach")},
         {QStringLiteral("Usage: segctl reach FILE.json"), QStringLiteral("--format table|json")}},
        {{QStringLiteral("demo")},
         {QStringLiteral("--seed N"), QStringLiteral("--end-date YYYY-MM-DD"), QStringLiteral("--force")}},
    };
    for (const auto& [command, mentions] : cases) {
        // --help wins even over missing arguments and unknown options.
        const SegctlRun r =
            segctl(command + QStringList{QStringLiteral("--bogus"), QStringLiteral("--help")});
        expectOk(r);
        EXPECT_TRUE(r.outText().startsWith(QStringLiteral("Usage: segctl ") + command.join(QLatin1Char(' '))))
            << r;
        for (const QString& m : mentions)
            EXPECT_TRUE(r.outText().contains(m)) << m.toStdString() << "\n" << r;
        EXPECT_TRUE(r.outText().contains(QStringLiteral("--workspace PATH"))) << r;
        EXPECT_TRUE(r.outText().contains(QStringLiteral("--verbose"))) << r;
    }
}

// --- usage errors: exit code 1 -----------------------------------------------------------------

TEST_F(SegctlTest, UsageErrorsExitWithOneAndOneLine)
{
    const QList<QPair<QStringList, QString>> cases{
        {{}, QStringLiteral("no command given")},
        {{QStringLiteral("frobnicate")}, QStringLiteral("unknown command “frobnicate”")},
        {{QStringLiteral("segments")}, QStringLiteral("needs a command")},
        {{QStringLiteral("segments"), QStringLiteral("frobnicate")},
         QStringLiteral("unknown command “segments frobnicate”")},
        {{QStringLiteral("segments"), QStringLiteral("list"), QStringLiteral("--colour")},
         QStringLiteral("unknown option “--colour”")},
        {{QStringLiteral("segments"), QStringLiteral("list"), QStringLiteral("--format"),
          QStringLiteral("xml")},
         QStringLiteral("“xml” is not a valid value for --format")},
        {{QStringLiteral("segments"), QStringLiteral("list"), QStringLiteral("--format")},
         QStringLiteral("--format needs a value")},
        {{QStringLiteral("segments"), QStringLiteral("list"), QStringLiteral("--deleted=yes")},
         QStringLiteral("--deleted takes no value")},
        {{QStringLiteral("segments"), QStringLiteral("show")}, QStringLiteral("needs ID")},
        {{QStringLiteral("segments"), QStringLiteral("show"), QStringLiteral("a"), QStringLiteral("b")},
         QStringLiteral("unexpected argument “b”")},
        {{QStringLiteral("segments"), QStringLiteral("export"), QStringLiteral("--format"),
          QStringLiteral("json")},
         QStringLiteral("needs --output")},
        {{QStringLiteral("segments"), QStringLiteral("export"), QStringLiteral("--output"),
          QStringLiteral("out.txt")},
         QStringLiteral("needs --format")},
        {{QStringLiteral("segments"), QStringLiteral("delete"), QStringLiteral("x"),
          QStringLiteral("--version"), QStringLiteral("zero")},
         QStringLiteral("--version needs a whole number")},
        {{QStringLiteral("demo"), QStringLiteral("--seed"), QStringLiteral("abc")},
         QStringLiteral("--seed needs a whole number")},
        {{QStringLiteral("demo"), QStringLiteral("--end-date"), QStringLiteral("2026-13-01")},
         QStringLiteral("--end-date needs a date")},
        {{QStringLiteral("--colour"), QStringLiteral("segments"), QStringLiteral("list")},
         QStringLiteral("unknown option “--colour”")},
    };
    for (const auto& [args, mentions] : cases) {
        SCOPED_TRACE(args.join(QLatin1Char(' ')).toStdString());
        expectError(onWs(args), 1, mentions);
    }
    expectError(segctl({QStringLiteral("--workspace")}), 1, QStringLiteral("--workspace needs a value"));
    expectError(segctl({QStringLiteral("--workspace"), QStringLiteral("--workspace"), QStringLiteral("x"),
                        QStringLiteral("demo")}),
                1, QStringLiteral("--workspace needs a value"));
    expectError(segctl({QStringLiteral("segments"), QStringLiteral("list"), QStringLiteral("--workspace=")}),
                1, QStringLiteral("--workspace needs a path"));
}

// --- list and show -------------------------------------------------------------------------------

TEST_F(SegctlTest, ListTableHasAlignedColumns)
{
    const SegctlRun r = onWs({QStringLiteral("segments"), QStringLiteral("list")});
    expectOk(r);
    const QStringList lines = r.outText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 2 + 15) << r; // header, rule, the demo's 15 segments
    EXPECT_TRUE(lines[0].startsWith(QStringLiteral("ID "))) << r;
    const qsizetype nameColumn = lines[0].indexOf(QStringLiteral("NAME"));
    const qsizetype statusColumn = lines[0].indexOf(QStringLiteral("STATUS"));
    ASSERT_GT(nameColumn, 0);
    const auto segments = listJson();
    ASSERT_EQ(segments.size(), 15);
    for (int i = 0; i < 15; ++i) {
        const QString& line = lines[2 + i];
        EXPECT_TRUE(line.startsWith(segments[i].id)) << line.toStdString();
        EXPECT_EQ(line.indexOf(segments[i].name), nameColumn) << line.toStdString();
        EXPECT_EQ(line.mid(statusColumn).section(QLatin1Char(' '), 0, 0),
                  core::segmentStatusKey(segments[i].status));
    }
}

TEST_F(SegctlTest, ListJsonAndCsvAgreeAndAreOrderedByAdvertiserAndName)
{
    const auto segments = listJson();
    ASSERT_EQ(segments.size(), 15);
    for (int i = 1; i < segments.size(); ++i) {
        const auto& a = segments[i - 1];
        const auto& b = segments[i];
        EXPECT_TRUE(a.advertiserId < b.advertiserId ||
                    (a.advertiserId == b.advertiserId && a.name.compare(b.name, Qt::CaseInsensitive) <= 0))
            << a.name.toStdString() << " before " << b.name.toStdString();
    }
    const SegctlRun csv = onWs({QStringLiteral("segments"), QStringLiteral("list"),
                                QStringLiteral("--format"), QStringLiteral("csv")});
    expectOk(csv);
    EXPECT_TRUE(csv.out.startsWith("segment_id,advertiser_id,name,")) << "no byte order mark on stdout";
    auto rows = core::CsvReader::readAll(csv.out);
    ASSERT_TRUE(rows.ok()) << rows.error().toString().toStdString();
    ASSERT_EQ(rows.value().size(), 16);
    for (int i = 0; i < 15; ++i)
        EXPECT_EQ(rows.value()[i + 1][0], segments[i].id);
}

TEST_F(SegctlTest, ListFiltersByAdvertiserAndRejectsUnknownOnes)
{
    const auto segments = listJson({QStringLiteral("--advertiser"), QStringLiteral("adv-pixel")});
    ASSERT_FALSE(segments.isEmpty());
    for (const auto& s : segments)
        EXPECT_EQ(s.advertiserId, QStringLiteral("adv-pixel"));
    EXPECT_LT(segments.size(), 15);
    expectError(onWs({QStringLiteral("segments"), QStringLiteral("list"), QStringLiteral("--advertiser"),
                      QStringLiteral("adv-nobody")}),
                2, QStringLiteral("adv-nobody"));
}

TEST_F(SegctlTest, MissingWorkspaceIsInvalidInputAndIsNotCreated)
{
    const QString missing = path(QStringLiteral("nowhere/typo.sqlite"));
    const SegctlRun r =
        segctl({QStringLiteral("segments"), QStringLiteral("list"), QStringLiteral("--workspace"), missing});
    expectError(r, 2, QStringLiteral("There is no workspace"));
    EXPECT_FALSE(QFile::exists(missing));
}

TEST_F(SegctlTest, BrokenWorkspaceFileIsABackendError)
{
    const QString broken =
        writeFile(QStringLiteral("broken.sqlite"), QByteArray("this is not a database\n").repeated(200));
    expectError(
        segctl({QStringLiteral("segments"), QStringLiteral("list"), QStringLiteral("--workspace"), broken}),
        3);
}

TEST_F(SegctlTest, ShowPrintsFieldsAndCriteriaOrJson)
{
    const auto segments = listJson();
    ASSERT_FALSE(segments.isEmpty());
    const core::Segment& s = segments.first();
    const SegctlRun r = onWs({QStringLiteral("segments"), QStringLiteral("show"), s.id});
    expectOk(r);
    EXPECT_TRUE(r.outText().startsWith(QStringLiteral("Name:        ") + s.name + QLatin1Char('\n'))) << r;
    EXPECT_TRUE(r.outText().contains(QStringLiteral("ID:          ") + s.id)) << r;
    EXPECT_TRUE(r.outText().contains(QStringLiteral("Criteria:\n  - "))) << r;
    EXPECT_EQ(core::SegmentJson::fromJson(showJson(s.id)).value(), s);
    expectError(onWs({QStringLiteral("segments"), QStringLiteral("show"), QStringLiteral("no-such-id")}), 2);
}

// --- save ------------------------------------------------------------------------------------------

TEST_F(SegctlTest, SaveCreatesAndPrintsTheId)
{
    const QString id = create(QStringLiteral("Created by segctl"));
    EXPECT_FALSE(QUuid::fromString(id).isNull()) << id.toStdString();
    const QJsonObject shown = showJson(id);
    EXPECT_EQ(shown.value(QStringLiteral("name")).toString(), QStringLiteral("Created by segctl"));
    EXPECT_EQ(shown.value(QStringLiteral("version")).toInt(), 1);
    EXPECT_EQ(shown.value(QStringLiteral("created_by")).toString(), QStringLiteral("cli-tester"));
    EXPECT_EQ(listJson().size(), 16);
}

TEST_F(SegctlTest, SqlLookingNamesAreStoredAndShownVerbatim)
{
    const QString id = create(kSqlName);
    ASSERT_FALSE(id.isEmpty());
    EXPECT_EQ(showJson(id).value(QStringLiteral("name")).toString(), kSqlName);
    const SegctlRun text = onWs({QStringLiteral("segments"), QStringLiteral("show"), id});
    EXPECT_TRUE(text.outText().startsWith(QStringLiteral("Name:        ") + kSqlName + QLatin1Char('\n')))
        << text;
    const SegctlRun table = onWs({QStringLiteral("segments"), QStringLiteral("list")});
    EXPECT_TRUE(table.outText().contains(kSqlName)) << table;
    EXPECT_EQ(listJson().size(), 16) << "gold_segments is intact";
}

TEST_F(SegctlTest, SaveUpdatesWithItsVersionAndRefusesAStaleOne)
{
    const QString id = create(QStringLiteral("Versioned"));
    QJsonObject v1 = showJson(id);
    QJsonObject edit = v1;
    edit.insert(QStringLiteral("description"), QStringLiteral("second version"));
    const SegctlRun saved = onWs({QStringLiteral("segments"), QStringLiteral("save"),
                                  writeJson(QStringLiteral("v1-edit.json"), edit)});
    expectOk(saved);
    EXPECT_EQ(saved.outText().trimmed(), id);
    const QJsonObject v2 = showJson(id);
    EXPECT_EQ(v2.value(QStringLiteral("version")).toInt(), 2);
    EXPECT_EQ(v2.value(QStringLiteral("description")).toString(), QStringLiteral("second version"));

    // Another edit that started from version 1 is now stale: conflict, nothing changes.
    QJsonObject stale = v1;
    stale.insert(QStringLiteral("description"), QStringLiteral("lost update"));
    expectError(onWs({QStringLiteral("segments"), QStringLiteral("save"),
                      writeJson(QStringLiteral("stale.json"), stale)}),
                4, QStringLiteral("version 1"));
    EXPECT_EQ(showJson(id), v2);
}

TEST_F(SegctlTest, SaveRefusesANameTakenInTheSameAdvertiserAsAConflict)
{
    create(QStringLiteral("Unique Name"));
    const QString file = writeJson(QStringLiteral("dupe.json"), newSegment(QStringLiteral("  unique NAME ")));
    expectError(onWs({QStringLiteral("segments"), QStringLiteral("save"), file}), 4);
    // Another advertiser may use the name.
    const QString other = writeJson(QStringLiteral("other.json"),
                                    newSegment(QStringLiteral("Unique Name"), QStringLiteral("adv-pixel")));
    expectOk(onWs({QStringLiteral("segments"), QStringLiteral("save"), other}));
}

TEST_F(SegctlTest, SaveRejectsInvalidFilesWithExitCodeTwo)
{
    const int before = listJson().size();
    QJsonObject unknownCountry = newSegment(QStringLiteral("Bad country"));
    unknownCountry.insert(QStringLiteral("definition"), countryDefinition({QStringLiteral("XX")}));
    expectError(onWs({QStringLiteral("segments"), QStringLiteral("save"),
                      writeJson(QStringLiteral("bad.json"), unknownCountry)}),
                2);
    QJsonObject noName = newSegment(QString());
    expectError(onWs({QStringLiteral("segments"), QStringLiteral("save"),
                      writeJson(QStringLiteral("noname.json"), noName)}),
                2);
    expectError(onWs({QStringLiteral("segments"), QStringLiteral("save"),
                      writeFile(QStringLiteral("garbage.json"), "{not json")}),
                2, QStringLiteral("garbage.json"));
    expectError(
        onWs({QStringLiteral("segments"), QStringLiteral("save"), path(QStringLiteral("missing.json"))}), 2,
        QStringLiteral("missing.json"));
    const SegctlRun exported = onWs({QStringLiteral("segments"), QStringLiteral("list"),
                                     QStringLiteral("--format"), QStringLiteral("json")});
    expectError(onWs({QStringLiteral("segments"), QStringLiteral("save"),
                      writeFile(QStringLiteral("many.json"), exported.out)}),
                2, QStringLiteral("exactly one"));
    EXPECT_EQ(listJson().size(), before) << "bad input changes nothing";
}

// --- delete and restore ----------------------------------------------------------------------------

TEST_F(SegctlTest, DeleteAndRestoreWithTheirConflicts)
{
    const QString id = create(QStringLiteral("Short-lived"));
    const SegctlRun deleted = onWs({QStringLiteral("segments"), QStringLiteral("delete"), id});
    expectOk(deleted);
    EXPECT_TRUE(deleted.outText().contains(id)) << deleted;
    EXPECT_EQ(listJson().size(), 15);
    const auto withDeleted = listJson({QStringLiteral("--deleted")});
    ASSERT_EQ(withDeleted.size(), 16);
    const SegctlRun table =
        onWs({QStringLiteral("segments"), QStringLiteral("list"), QStringLiteral("--deleted")});
    EXPECT_TRUE(table.outText().section(QLatin1Char('\n'), 0, 0).endsWith(QStringLiteral("DELETED")))
        << table;
    EXPECT_TRUE(showJson(id).value(QStringLiteral("deleted_at")).isString());

    expectError(onWs({QStringLiteral("segments"), QStringLiteral("delete"), id}), 4,
                QStringLiteral("already deleted"));

    // While it is deleted another segment takes its name: restoring it is a conflict.
    const QString twin = create(QStringLiteral("Short-lived"));
    expectError(onWs({QStringLiteral("segments"), QStringLiteral("restore"), id}), 4);
    expectOk(onWs({QStringLiteral("segments"), QStringLiteral("delete"), twin}));

    const SegctlRun restored = onWs({QStringLiteral("segments"), QStringLiteral("restore"), id});
    expectOk(restored);
    EXPECT_TRUE(showJson(id).value(QStringLiteral("deleted_at")).isNull());
    EXPECT_EQ(showJson(id).value(QStringLiteral("version")).toInt(), 3);
    expectError(onWs({QStringLiteral("segments"), QStringLiteral("restore"), id}), 4,
                QStringLiteral("not deleted"));
    expectError(onWs({QStringLiteral("segments"), QStringLiteral("delete"),
                      QUuid::createUuid().toString(QUuid::WithoutBraces)}),
                2);
}

TEST_F(SegctlTest, DeleteWithAStaleVersionIsAConflict)
{
    const QString id = create(QStringLiteral("Guarded"));
    QJsonObject edit = showJson(id);
    edit.insert(QStringLiteral("status"), QStringLiteral("active"));
    expectOk(onWs(
        {QStringLiteral("segments"), QStringLiteral("save"), writeJson(QStringLiteral("e.json"), edit)}));
    expectError(onWs({QStringLiteral("segments"), QStringLiteral("delete"), id, QStringLiteral("--version"),
                      QStringLiteral("1")}),
                4);
    EXPECT_TRUE(showJson(id).value(QStringLiteral("deleted_at")).isNull());
    expectOk(onWs({QStringLiteral("segments"), QStringLiteral("delete"), id, QStringLiteral("--version"),
                   QStringLiteral("2")}));
}

// --- export and import ----------------------------------------------------------------------------

TEST_F(SegctlTest, ExportImportExportGivesIdenticalJson)
{
    // Include the awkward cases: a deleted segment, an SQL-looking name, a formula-looking name.
    create(kSqlName);
    const QString gone = create(QStringLiteral("Deleted before export"));
    create(QStringLiteral("=cmd|' /C calc'!A0"));
    expectOk(onWs({QStringLiteral("segments"), QStringLiteral("delete"), gone}));

    const QString first = path(QStringLiteral("first.json"));
    const SegctlRun exported =
        onWs({QStringLiteral("segments"), QStringLiteral("export"), QStringLiteral("--format"),
              QStringLiteral("json"), QStringLiteral("--output"), first, QStringLiteral("--deleted")});
    expectOk(exported);
    EXPECT_EQ(exported.outText(), QStringLiteral("Exported 18 segments to %1.\n").arg(first));

    const QString fresh = path(QStringLiteral("fresh/copy.sqlite"));
    const SegctlRun imported = segctl(
        {QStringLiteral("segments"), QStringLiteral("import"), first, QStringLiteral("--workspace"), fresh});
    expectOk(imported);
    EXPECT_TRUE(imported.outText().contains(
        QStringLiteral("Added 3 advertisers: adv-lumen, adv-northwind, adv-pixel.")))
        << imported;
    EXPECT_TRUE(imported.outText().contains(QStringLiteral("18 inserted, 0 unchanged"))) << imported;

    const QString second = path(QStringLiteral("second.json"));
    expectOk(segctl({QStringLiteral("segments"), QStringLiteral("export"), QStringLiteral("--format"),
                     QStringLiteral("json"), QStringLiteral("--output"), second, QStringLiteral("--deleted"),
                     QStringLiteral("--workspace"), fresh}));
    const QByteArray a = readBytes(first);
    const QByteArray b = readBytes(second);
    ASSERT_FALSE(a.isEmpty());
    EXPECT_TRUE(a == b) << "the re-exported JSON differs";
    EXPECT_TRUE(a.contains(kSqlName.toUtf8())) << "the SQL-looking name travels verbatim";
    // The advertisers travel with their names and currencies (the import added them whole, or the
    // re-export above would differ).
    auto described = core::SegmentJson::readDocument(a);
    ASSERT_TRUE(described.ok());
    ASSERT_EQ(described.value().advertisers.size(), 3);
    QStringList currencies;
    for (const auto& adv : described.value().advertisers) {
        EXPECT_NE(adv.name, adv.id) << adv.id.toStdString();
        currencies.append(adv.currency);
    }
    currencies.sort();
    currencies.removeDuplicates();
    EXPECT_GT(currencies.size(), 1) << currencies.join(u',').toStdString();

    // Importing again changes nothing.
    const SegctlRun again = segctl(
        {QStringLiteral("segments"), QStringLiteral("import"), first, QStringLiteral("--workspace"), fresh});
    expectOk(again);
    EXPECT_TRUE(again.outText().contains(QStringLiteral("0 inserted, 18 unchanged"))) << again;
    EXPECT_FALSE(again.outText().contains(QStringLiteral("Added"))) << again;
}

TEST_F(SegctlTest, ExportCsvIsExcelFriendlyAndGuardsFormulas)
{
    create(QStringLiteral("=cmd|' /C calc'!A0"));
    const QString file = path(QStringLiteral("segments.csv"));
    const SegctlRun r = onWs({QStringLiteral("segments"), QStringLiteral("export"),
                              QStringLiteral("--output"), file}); // format from suffix
    expectOk(r);
    const QByteArray bytes = readBytes(file);
    EXPECT_TRUE(bytes.startsWith("\xEF\xBB\xBFsegment_id,advertiser_id,name,description,status,version,"))
        << bytes.left(80).toStdString();
    EXPECT_TRUE(bytes.endsWith("\r\n"));
    auto rows = core::CsvReader::readAll(bytes);
    ASSERT_TRUE(rows.ok()) << rows.error().toString().toStdString();
    ASSERT_EQ(rows.value().size(), 17);
    bool found = false;
    for (const auto& row : rows.value())
        found = found || row[2] == QStringLiteral("'=cmd|' /C calc'!A0");
    EXPECT_TRUE(found) << "the formula-looking name is neutralised";

    const SegctlRun noBom =
        onWs({QStringLiteral("segments"), QStringLiteral("export"), QStringLiteral("--format"),
              QStringLiteral("csv"), QStringLiteral("--output"), QStringLiteral("-"),
              QStringLiteral("--no-bom"), QStringLiteral("--advertiser"), QStringLiteral("adv-lumen")});
    expectOk(noBom);
    EXPECT_TRUE(noBom.out.startsWith("segment_id,"));
    auto lumen = core::CsvReader::readAll(noBom.out);
    ASSERT_TRUE(lumen.ok());
    for (int i = 1; i < lumen.value().size(); ++i)
        EXPECT_EQ(lumen.value()[i][1], QStringLiteral("adv-lumen"));
}

TEST_F(SegctlTest, ExportToAnUnwritablePlaceFailsCleanly)
{
    const QString folder = path(QStringLiteral("a-folder"));
    ASSERT_TRUE(QDir().mkdir(folder));
    expectError(onWs({QStringLiteral("segments"), QStringLiteral("export"), QStringLiteral("--format"),
                      QStringLiteral("json"), QStringLiteral("--output"), folder}),
                2, folder);
    const QString missing = path(QStringLiteral("no/such/dir/out.json"));
    expectError(onWs({QStringLiteral("segments"), QStringLiteral("export"), QStringLiteral("--format"),
                      QStringLiteral("json"), QStringLiteral("--output"), missing}),
                2, missing);
    EXPECT_FALSE(QFile::exists(missing));
    EXPECT_TRUE(QDir(folder).isEmpty());
}

TEST_F(SegctlTest, ImportChecksTheWholeFileBeforeWritingAnything)
{
    const QString exported = path(QStringLiteral("all.json"));
    expectOk(
        onWs({QStringLiteral("segments"), QStringLiteral("export"), QStringLiteral("--output"), exported}));
    QJsonObject doc = QJsonDocument::fromJson(readBytes(exported)).object();
    QJsonArray segments = doc.value(QStringLiteral("segments")).toArray();
    QJsonObject last = segments.last().toObject();
    last.remove(QStringLiteral("created_at")); // an export always has it
    segments.replace(segments.size() - 1, last);
    doc.insert(QStringLiteral("segments"), segments);
    const QString broken = writeJson(QStringLiteral("broken.json"), doc);

    const QString fresh = path(QStringLiteral("fresh.sqlite"));
    expectError(segctl({QStringLiteral("segments"), QStringLiteral("import"), broken,
                        QStringLiteral("--workspace"), fresh}),
                2, QStringLiteral("broken.json"));
    EXPECT_FALSE(QFile::exists(fresh)) << "nothing is written for a bad file";

    expectError(segctl({QStringLiteral("segments"), QStringLiteral("import"),
                        writeFile(QStringLiteral("x.json"), "[1, 2"), QStringLiteral("--workspace"), fresh}),
                2, QStringLiteral("not valid JSON"));
}

TEST_F(SegctlTest, ImportOfADifferentSegmentUnderAnExistingIdIsAConflict)
{
    const QString exported = path(QStringLiteral("all.json"));
    expectOk(
        onWs({QStringLiteral("segments"), QStringLiteral("export"), QStringLiteral("--output"), exported}));
    QJsonObject doc = QJsonDocument::fromJson(readBytes(exported)).object();
    QJsonArray segments = doc.value(QStringLiteral("segments")).toArray();
    QJsonObject first = segments.first().toObject();
    first.insert(QStringLiteral("description"), QStringLiteral("changed elsewhere"));
    doc.insert(QStringLiteral("segments"), QJsonArray{first});
    expectError(onWs({QStringLiteral("segments"), QStringLiteral("import"),
                      writeJson(QStringLiteral("changed.json"), doc)}),
                4, first.value(QStringLiteral("segment_id")).toString());
}

// --- reach ------------------------------------------------------------------------------------------

TEST_F(SegctlTest, ReachOfADefinitionGivesReachAndWaterfall)
{
    const QString file =
        writeJson(QStringLiteral("def.json"),
                  countryDefinition({QStringLiteral("US"), QStringLiteral("GB"), QStringLiteral("DE")}));
    const SegctlRun json =
        onWs({QStringLiteral("reach"), file, QStringLiteral("--format"), QStringLiteral("json")});
    expectOk(json);
    const QJsonObject o = QJsonDocument::fromJson(json.out).object();
    const qint64 reach = o.value(QStringLiteral("reach")).toInteger();
    const qint64 active = o.value(QStringLiteral("active_users")).toInteger();
    EXPECT_GT(active, 0) << json;
    EXPECT_GE(reach, 0);
    EXPECT_LE(reach, active);
    EXPECT_EQ(o.value(QStringLiteral("as_of")).toString(), QStringLiteral("2026-01-31"));
    const QJsonArray steps = o.value(QStringLiteral("waterfall")).toArray();
    ASSERT_EQ(steps.size(), 2);
    EXPECT_EQ(steps[1].toObject().value(QStringLiteral("cumulative")).toInteger(), reach);
    EXPECT_LE(steps[1].toObject().value(QStringLiteral("cumulative")).toInteger(),
              steps[0].toObject().value(QStringLiteral("cumulative")).toInteger());

    const SegctlRun table = onWs({QStringLiteral("reach"), file});
    expectOk(table);
    EXPECT_TRUE(table.outText().startsWith(QStringLiteral("Reach:"))) << table;
    EXPECT_TRUE(table.outText().contains(QStringLiteral("Country is United States"))) << table;
    EXPECT_TRUE(table.outText().contains(QStringLiteral("CUMULATIVE"))) << table;
}

TEST_F(SegctlTest, ReachOfASegmentFileUsesItsDefinitionAndAdvertiser)
{
    const auto segments = listJson();
    ASSERT_FALSE(segments.isEmpty());
    const QString file = writeFile(QStringLiteral("segment.json"),
                                   QJsonDocument(core::SegmentJson::toJson(segments.first())).toJson());
    const SegctlRun r =
        onWs({QStringLiteral("reach"), file, QStringLiteral("--format"), QStringLiteral("json")});
    expectOk(r);
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    EXPECT_EQ(o.value(QStringLiteral("advertiser_id")).toString(), segments.first().advertiserId);
    EXPECT_EQ(o.value(QStringLiteral("waterfall")).toArray().size(),
              qsizetype(segments.first().definition.root().children.size()));
}

TEST_F(SegctlTest, ReachRejectsInvalidDefinitionsAndFiles)
{
    expectError(onWs({QStringLiteral("reach"),
                      writeJson(QStringLiteral("xx.json"), countryDefinition({QStringLiteral("XX")}))}),
                2, QStringLiteral("xx.json"));
    expectError(onWs({QStringLiteral("reach"), writeFile(QStringLiteral("bad.json"), "nope")}), 2,
                QStringLiteral("not valid JSON"));
    expectError(onWs({QStringLiteral("reach"),
                      writeJson(QStringLiteral("def.json"), countryDefinition({QStringLiteral("US")})),
                      QStringLiteral("--advertiser"), QStringLiteral("adv-nobody")}),
                2, QStringLiteral("adv-nobody"));
}

// --- demo -------------------------------------------------------------------------------------------

TEST_F(SegctlTest, DemoKeepsAnExistingWorkspaceUnlessForced)
{
    const QByteArray before = readBytes(ws());
    const QStringList small{QStringLiteral("--users"),    QStringLiteral("300"),
                            QStringLiteral("--days"),     QStringLiteral("10"),
                            QStringLiteral("--end-date"), QStringLiteral("2026-01-31")};
    expectError(onWs(QStringList{QStringLiteral("demo")} + small), 4, QStringLiteral("--force"));
    EXPECT_TRUE(readBytes(ws()) == before);
    const SegctlRun forced = onWs(QStringList{QStringLiteral("demo"), QStringLiteral("--force")} + small);
    expectOk(forced);
    EXPECT_TRUE(forced.outText().startsWith(QStringLiteral("Created the demo workspace at ") + ws()))
        << forced;
}

TEST_F(SegctlTest, DemoIsDeterministicAndUsesTheDefaultWorkspace)
{
    const QStringList options{QStringLiteral("--seed"),     QStringLiteral("99"),
                              QStringLiteral("--end-date"), QStringLiteral("2026-01-31"),
                              QStringLiteral("--users"),    QStringLiteral("300"),
                              QStringLiteral("--days"),     QStringLiteral("10")};
    // No --workspace: the app's default workspace under XDG_DATA_HOME.
    expectOk(segctl(QStringList{QStringLiteral("demo")} + options));
    const QString defaultWs =
        path(QStringLiteral("xdg-data/SegmentBuilder/segment-builder/workspace.sqlite"));
    EXPECT_TRUE(QFile::exists(defaultWs));
    const SegctlRun first = segctl({QStringLiteral("segments"), QStringLiteral("list"),
                                    QStringLiteral("--format"), QStringLiteral("json")});
    expectOk(first);

    const QString other = path(QStringLiteral("other.sqlite"));
    expectOk(segctl(QStringList{QStringLiteral("demo"), QStringLiteral("--workspace"), other} + options));
    const SegctlRun second =
        segctl({QStringLiteral("segments"), QStringLiteral("list"), QStringLiteral("--format"),
                QStringLiteral("json"), QStringLiteral("--workspace"), other});
    expectOk(second);
    EXPECT_FALSE(first.out.isEmpty());
    EXPECT_TRUE(first.out == second.out) << "same seed, same segments";
}

#ifdef Q_OS_LINUX
TEST_F(SegctlTest, OutputThatCannotBeWrittenIsAnErrorNotSilence)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), path(QStringLiteral("xdg-data")));
    p.setProcessEnvironment(env);
    p.setStandardOutputFile(QStringLiteral("/dev/full"));
    p.start(QStringLiteral(SB_BIN_DIR "/segctl"),
            {QStringLiteral("segments"), QStringLiteral("list"), QStringLiteral("--workspace"), ws()});
    ASSERT_TRUE(p.waitForFinished(60000));
    EXPECT_EQ(p.exitCode(), 2);
    const QByteArray err = p.readAllStandardError();
    EXPECT_TRUE(err.startsWith("segctl: error: Could not write the output")) << err.toStdString();
    EXPECT_EQ(err.count('\n'), 1) << err.toStdString();
}
#endif

TEST_F(SegctlTest, VerboseSendsTheLogToStderrAndKeepsStdoutClean)
{
    const SegctlRun quiet = onWs({QStringLiteral("segments"), QStringLiteral("list"),
                                  QStringLiteral("--format"), QStringLiteral("json")});
    expectOk(quiet);
    const SegctlRun r = onWs({QStringLiteral("segments"), QStringLiteral("list"), QStringLiteral("--format"),
                              QStringLiteral("json"), QStringLiteral("--verbose")});
    EXPECT_EQ(r.exitCode, 0) << r;
    EXPECT_TRUE(r.out == quiet.out) << "the log never reaches stdout";
    EXPECT_TRUE(r.errText().contains(QStringLiteral("[segctl]"))) << r;

    const SegctlRun failed = onWs({QStringLiteral("segments"), QStringLiteral("show"),
                                   QStringLiteral("no-such-id"), QStringLiteral("--verbose")});
    EXPECT_EQ(failed.exitCode, 2) << failed;
    EXPECT_TRUE(failed.out.isEmpty()) << failed;
    EXPECT_TRUE(failed.errText().contains(QStringLiteral("\nsegctl: error: "))) << failed;
}

// --- members and identifiers -------------------------------------------------------------------

// The rows of customer_identifiers in a workspace file, "user_id|email|...|birth_date" by user_id.
QStringList identifierRows(const QString& workspace)
{
    QStringList out;
    const QString connection = QStringLiteral("identifier-rows");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(workspace);
        EXPECT_TRUE(db.open());
        QSqlQuery q(db);
        EXPECT_TRUE(q.exec(QStringLiteral("SELECT user_id, email, phone, first_name, last_name, city, region, postal_code, "
                                          "country, birth_date FROM customer_identifiers ORDER BY user_id")));
        while (q.next()) {
            QStringList fields;
            for (int i = 0; i < 10; ++i)
                fields.append(q.value(i).toString());
            out.append(fields.join(QLatin1Char('|')));
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return out;
}

// Everything segctl logged under home.
QByteArray logsUnder(const QString& home)
{
    QByteArray logs;
    QDirIterator it(QDir(home).filePath(QStringLiteral("xdg-data")), {QStringLiteral("*.log")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly))
            logs += f.readAll();
    }
    return logs;
}

TEST_F(SegctlTest, MembersAreAsManyAsTheReachInCsvAndJson)
{
    int withMembers = 0;
    const auto segments = listJson();
    ASSERT_GE(segments.size(), 10);
    for (const auto& s : segments.mid(0, 6)) {
        const SegctlRun csv = onWs({QStringLiteral("segments"), QStringLiteral("members"), s.id});
        expectOk(csv);
        QStringList lines = csv.outText().split(QStringLiteral("\r\n")); // CSV lines end in CRLF (RFC 4180)
        ASSERT_EQ(lines.takeLast(), QString()) << "the last line ends with a line break";
        ASSERT_FALSE(lines.isEmpty());
        EXPECT_EQ(lines.takeFirst(), QStringLiteral("user_id"));
        QStringList sorted = lines;
        std::sort(sorted.begin(), sorted.end());
        EXPECT_EQ(lines.join(QLatin1Char(' ')), sorted.join(QLatin1Char(' ')));

        const QString file = writeJson(QStringLiteral("segment-%1.json").arg(s.id), core::SegmentJson::toJson(s));
        const SegctlRun reach =
            onWs({QStringLiteral("reach"), file, QStringLiteral("--format"), QStringLiteral("json")});
        expectOk(reach);
        EXPECT_EQ(lines.size(), QJsonDocument::fromJson(reach.out).object().value(QStringLiteral("reach")).toInteger())
            << s.name.toStdString();

        const SegctlRun json = onWs({QStringLiteral("segments"), QStringLiteral("members"), s.id,
                                     QStringLiteral("--format"), QStringLiteral("json")});
        expectOk(json);
        QStringList fromJson;
        for (const auto& v : QJsonDocument::fromJson(json.out).array())
            fromJson.append(v.toObject().value(QStringLiteral("user_id")).toString());
        EXPECT_EQ(fromJson.join(QLatin1Char(' ')), lines.join(QLatin1Char(' ')));
        EXPECT_EQ(json.out.count('\n'), lines.size() + (lines.isEmpty() ? 1 : 2)) << "one member per line";
        withMembers += lines.isEmpty() ? 0 : 1;
    }
    EXPECT_GE(withMembers, 3);
}

TEST_F(SegctlTest, MembersOfAnUnknownOrDeletedSegmentAreAnError)
{
    expectError(onWs({QStringLiteral("segments"), QStringLiteral("members"), QStringLiteral("no-such-id")}), 2,
                QStringLiteral("no-such-id"));
    const QString id = create(QStringLiteral("Soon Deleted"));
    expectOk(onWs({QStringLiteral("segments"), QStringLiteral("delete"), id}));
    expectError(onWs({QStringLiteral("segments"), QStringLiteral("members"), id}), 2, QStringLiteral("deleted"));
    expectError(onWs({QStringLiteral("segments"), QStringLiteral("members"), id, QStringLiteral("--format"),
                      QStringLiteral("xml")}),
                1);
}

TEST_F(SegctlTest, IdentifiersImportStoresReplacesAndReportsRejectedLines)
{
    const QStringList before = identifierRows(ws());
    ASSERT_GT(before.size(), 1000) << "the demo has identifiers";
    const QString file = writeFile(
        QStringLiteral("people.csv"),
        "\xEF\xBB\xBF Email ,USER_ID,birth_date,city\r\n"
        "zoe@example.org,u000001,12.04.1985,Leeds\r\n"
        "yan@example.org,,1990-01-01,York\r\n"                 // no user_id
        "xia@example.org,new-person-1,1985-13-01,Bath\r\n"     // not a date
        "wes@example.org,new-person-2\r\n"                     // a field short
        "vic@example.org,new-person-3,,\r\n"
        "una@example.org,new-person-3,2001-02-03,Hull\r\n");   // replaces the line before
    const SegctlRun r = onWs({QStringLiteral("identifiers"), QStringLiteral("import"), file});
    expectOk(r);
    const QString out = r.outText();
    EXPECT_TRUE(out.contains(QStringLiteral("rows read:     6"))) << r;
    EXPECT_TRUE(out.contains(QStringLiteral("users stored:  2"))) << r;
    EXPECT_TRUE(out.contains(QStringLiteral("replaced:      1"))) << r;
    EXPECT_TRUE(out.contains(QStringLiteral("repeated:      1"))) << r;
    EXPECT_TRUE(out.contains(QStringLiteral("rows rejected: 3"))) << r;
    EXPECT_TRUE(out.contains(QStringLiteral("line 3: user_id is empty"))) << r;
    EXPECT_TRUE(out.contains(QStringLiteral("line 4: birth_date 1985-13-01 is not a date"))) << r;
    EXPECT_TRUE(out.contains(QStringLiteral("line 5: 2 fields where the header has 4"))) << r;
    for (const char* email : {"yan@", "xia@", "wes@"})
        EXPECT_FALSE(out.contains(QLatin1String(email))) << "rejected lines are never quoted\n" << r;

    const QStringList after = identifierRows(ws());
    EXPECT_EQ(after.size(), before.size() + 1);
    EXPECT_TRUE(after.contains(QStringLiteral("u000001|zoe@example.org||||Leeds||||1985-04-12")))
        << "the whole row is replaced, the birth date normalised";
    EXPECT_TRUE(after.contains(QStringLiteral("new-person-3|una@example.org||||Hull||||2001-02-03")));

    // The same file again: both users had a row now.
    const SegctlRun again = onWs({QStringLiteral("identifiers"), QStringLiteral("import"), file});
    expectOk(again);
    EXPECT_TRUE(again.outText().contains(QStringLiteral("replaced:      2"))) << again;
    EXPECT_EQ(identifierRows(ws()).join(QLatin1Char('\n')), after.join(QLatin1Char('\n')));
    const QByteArray logs = logsUnder(path(QString()));
    for (const char* email : {"zoe@", "una@", "xia@", "yan@"})
        EXPECT_FALSE(logs.contains(email)) << "no e-mail in the log";
}

TEST_F(SegctlTest, AnUnusableIdentifiersFileStoresNothing)
{
    const QStringList before = identifierRows(ws());
    const QList<std::pair<QByteArray, QString>> files{
        {"", QStringLiteral("empty")},
        {"user_id,email\n", QStringLiteral("no rows")},
        {"user_id,mail\nu000001,a@example.com\n", QStringLiteral("unknown column “mail”")},
        {"email,phone\na@example.com,+15555550101\n", QStringLiteral("no user_id column")},
        {"u000001,ann@example.com\n", QStringLiteral("no header")},
        {"user_id,email\nu000001,\"ann@example.com\n", QStringLiteral("Line 2")},
        {"user_id,email\n,a@example.com\n,b@example.com\n", QStringLiteral("none of its 2 rows")},
    };
    for (const auto& [bytes, says] : files) {
        const QString file = writeFile(QStringLiteral("bad.csv"), bytes);
        const SegctlRun r = onWs({QStringLiteral("identifiers"), QStringLiteral("import"), file});
        expectError(r, 2, says);
        EXPECT_FALSE(r.errText().contains(QStringLiteral("ann@"))) << r;
    }
    expectError(onWs({QStringLiteral("identifiers"), QStringLiteral("import"), path(QStringLiteral("missing.csv"))}), 2,
                QStringLiteral("missing.csv"));
    EXPECT_TRUE(identifierRows(ws()) == before) << "nothing was stored";
}

} // namespace
// ---- experiments -----------------------------------------------------------------------------

// The id of a demo segment by name.
QString demoSegmentId(const QList<core::Segment>& segments, const QString& name)
{
    for (const auto& s : segments) {
        if (s.name == name)
            return s.id;
    }
    ADD_FAILURE() << "no demo segment " << name.toStdString();
    return {};
}

TEST_F(SegctlTest, ExperimentsCreateListShowAssignResultsAndStop)
{
    const QString segment = demoSegmentId(listJson(), QStringLiteral("Weekend Hikers"));
    const SegctlRun created = onWs({QStringLiteral("experiments"), QStringLiteral("create"), QStringLiteral("--segment"),
                                    segment, QStringLiteral("--name"), QStringLiteral("Spring banner"),
                                    QStringLiteral("--key"), QStringLiteral("spring-banner"), QStringLiteral("--arms"),
                                    QStringLiteral("control=40,banner=30,video=30"), QStringLiteral("--holdout"),
                                    QStringLiteral("10"), QStringLiteral("--metric"), QStringLiteral("ctr"),
                                    QStringLiteral("--start"), QStringLiteral("2026-01-01")});
    expectOk(created);
    const QString id = created.outText().trimmed().section(QLatin1Char('\n'), -1);
    EXPECT_FALSE(QUuid::fromString(id).isNull()) << "the id comes last\n" << created;
    EXPECT_TRUE(created.outText().contains(QStringLiteral("Weekend Hikers"))) << created;

    const SegctlRun listed = onWs({QStringLiteral("experiments"), QStringLiteral("list"), QStringLiteral("--format"),
                                   QStringLiteral("json")});
    expectOk(listed);
    const QJsonArray all = QJsonDocument::fromJson(listed.out).array();
    ASSERT_EQ(all.size(), 1) << listed;
    EXPECT_EQ(all.at(0).toObject().value(QStringLiteral("experiment_id")).toString(), id);
    expectOk(onWs({QStringLiteral("experiments"), QStringLiteral("list")}));

    const SegctlRun shown = onWs({QStringLiteral("experiments"), QStringLiteral("show"), id, QStringLiteral("--format"),
                                  QStringLiteral("json")});
    expectOk(shown);
    const QJsonObject e = QJsonDocument::fromJson(shown.out).object();
    EXPECT_EQ(e.value(QStringLiteral("key")).toString(), QStringLiteral("spring-banner"));
    EXPECT_EQ(e.value(QStringLiteral("holdout_percent")).toDouble(), 10.0);
    EXPECT_EQ(e.value(QStringLiteral("status")).toString(), QStringLiteral("running"));
    EXPECT_EQ(e.value(QStringLiteral("arms")).toArray().size(), 3);

    // One row per member: as many as the segment's reach, each in the arm the C++ hash gives.
    const SegctlRun assigned = onWs({QStringLiteral("experiments"), QStringLiteral("assignments"), id});
    expectOk(assigned);
    const QStringList lines = assigned.outText().split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    ASSERT_GE(lines.size(), 2) << assigned;
    EXPECT_EQ(lines.first(), QStringLiteral("user_id,arm"));
    core::ExperimentSplit split;
    split.key = QStringLiteral("spring-banner");
    split.armPercents = {40, 30, 30};
    split.holdoutPercent = 10;
    const QStringList names{QStringLiteral("control"), QStringLiteral("banner"), QStringLiteral("video")};
    QHash<QString, int> perArm;
    for (const QString& line : lines.mid(1)) {
        const QString user = line.section(QLatin1Char(','), 0, 0);
        const QString arm = line.section(QLatin1Char(','), 1);
        const int expected = core::ExperimentAssignment::assign(split, user);
        EXPECT_EQ(arm, expected < 0 ? QStringLiteral("holdout") : names.at(expected)) << user.toStdString();
        perArm[arm] += 1;
    }
    {
        auto backend = core::SqliteBackend::open(ws(), testsupport::catalogue());
        ASSERT_TRUE(backend);
        auto reach = core::awaitFuture(backend.value()->segments().reachOfSegments({segment}));
        ASSERT_TRUE(reach);
        EXPECT_EQ(lines.size() - 1, reach.value().value(segment)) << "one row per member the reach counts";
    }
    const SegctlRun asJson = onWs({QStringLiteral("experiments"), QStringLiteral("assignments"), id,
                                   QStringLiteral("--format"), QStringLiteral("json")});
    expectOk(asJson);
    EXPECT_EQ(QJsonDocument::fromJson(asJson.out).array().size(), lines.size() - 1);

    const SegctlRun results = onWs({QStringLiteral("experiments"), QStringLiteral("results"), id});
    expectOk(results);
    EXPECT_TRUE(results.outText().contains(QStringLiteral("click rate (CTR)"))) << results;
    EXPECT_TRUE(results.outText().contains(QStringLiteral("holdout"))) << results;
    const SegctlRun resultsJson = onWs({QStringLiteral("experiments"), QStringLiteral("results"), id,
                                        QStringLiteral("--format"), QStringLiteral("json")});
    expectOk(resultsJson);
    const QJsonObject readout = QJsonDocument::fromJson(resultsJson.out).object();
    const QJsonArray arms = readout.value(QStringLiteral("arms")).toArray();
    ASSERT_EQ(arms.size(), 4) << resultsJson;
    for (const auto& a : arms) {
        const QJsonObject arm = a.toObject();
        EXPECT_EQ(arm.value(QStringLiteral("users")).toInt(), perArm.value(arm.value(QStringLiteral("arm")).toString()))
            << arm.value(QStringLiteral("arm")).toString().toStdString();
    }
    EXPECT_EQ(readout.value(QStringLiteral("comparisons")).toArray().size(), 2);
    EXPECT_TRUE(readout.value(QStringLiteral("sample_ratio")).toObject().contains(QStringLiteral("p_value")));
    EXPECT_EQ(readout.value(QStringLiteral("last_day")).toString(), QStringLiteral("2026-01-31"));
    const QString sentence = readout.value(QStringLiteral("sample_ratio")).toObject().value(QStringLiteral("sentence")).toString();
    EXPECT_TRUE(results.outText().indexOf(sentence) < results.outText().indexOf(QStringLiteral("“banner”")))
        << "the split check comes before the arms' results\n" << results;

    const SegctlRun stopped = onWs({QStringLiteral("experiments"), QStringLiteral("stop"), id});
    expectOk(stopped);
    EXPECT_TRUE(stopped.outText().contains(QStringLiteral("version 2"))) << stopped;
    const SegctlRun after = onWs({QStringLiteral("experiments"), QStringLiteral("show"), id, QStringLiteral("--format"),
                                  QStringLiteral("json")});
    EXPECT_EQ(QJsonDocument::fromJson(after.out).object().value(QStringLiteral("status")).toString(), QStringLiteral("stopped"));
    expectError(onWs({QStringLiteral("experiments"), QStringLiteral("stop"), id}), 2, QStringLiteral("already stopped"));
    expectError(onWs({QStringLiteral("experiments"), QStringLiteral("show"), QStringLiteral("no-such-id")}), 2,
                QStringLiteral("no experiment"));
}

TEST_F(SegctlTest, ExperimentsBadInputIsRefusedWithAClearMessageAndNothingIsStored)
{
    const QString segment = demoSegmentId(listJson(), QStringLiteral("Weekend Hikers"));
    const auto create = [&](const QString& key, const QString& arms, const QStringList& extra = {},
                            const QString& onSegment = {}) {
        return onWs(QStringList{QStringLiteral("experiments"), QStringLiteral("create"), QStringLiteral("--segment"),
                                onSegment.isEmpty() ? segment : onSegment, QStringLiteral("--name"),
                                QStringLiteral("Test"), QStringLiteral("--key"), key, QStringLiteral("--arms"), arms} +
                    extra);
    };
    expectError(create(QStringLiteral("k1"), QStringLiteral("control=60,treatment=50")), 2,
                QStringLiteral("add up to 110 %"));
    expectError(create(QStringLiteral("k1"), QStringLiteral("control=50,treatment=50"),
                       {QStringLiteral("--holdout"), QStringLiteral("100")}),
                2, QStringLiteral("below 100 %"));
    expectError(create(QStringLiteral("k1"), QStringLiteral("control=50,control=50")), 2, QStringLiteral("Two arms"));
    expectError(create(QStringLiteral("k 1"), QStringLiteral("control=50,treatment=50")), 2, QStringLiteral("letters, digits"));
    expectError(create(QStringLiteral("k1"), QStringLiteral("control=50,treatment=50"),
                       {QStringLiteral("--start"), QStringLiteral("2026-02-01"), QStringLiteral("--end"),
                        QStringLiteral("2026-01-01")}),
                2, QStringLiteral("before the start date"));
    expectError(create(QStringLiteral("k1"), QStringLiteral("control=50,treatment=50"), {},
                       QStringLiteral("3f1e0c8a-0000-4000-8000-00000000dead")),
                2, QStringLiteral("no segment with id 3f1e0c8a-0000-4000-8000-00000000dead"));
    expectError(create(QStringLiteral("k1"), QStringLiteral("control:50,treatment:50")), 1, QStringLiteral("name=weight"));
    expectError(create(QStringLiteral("k1"), QStringLiteral("control=50,treatment=50"),
                       {QStringLiteral("--holdout"), QStringLiteral("ten")}),
                1, QStringLiteral("--holdout needs a number"));
    const SegctlRun none = onWs({QStringLiteral("experiments"), QStringLiteral("list")});
    expectOk(none);
    EXPECT_EQ(none.outText(), QStringLiteral("No experiments.\n")) << "nothing was stored";

    expectOk(create(QStringLiteral("k1"), QStringLiteral("control=50,treatment=50")));
    expectError(create(QStringLiteral("k1"), QStringLiteral("control=50,treatment=50")), 4, QStringLiteral("already used"));
    const SegctlRun one = onWs({QStringLiteral("experiments"), QStringLiteral("list"), QStringLiteral("--format"),
                                QStringLiteral("json")});
    EXPECT_EQ(QJsonDocument::fromJson(one.out).array().size(), 1) << one;
}

TEST_F(SegctlTest, ExperimentsSizeReproducesTheReferenceExamples)
{
    // activation-experiments-sync.md §3.6 (α 0.05, power 0.8): 5 % → 5.5 % needs 31,234 per arm.
    const SegctlRun r = segctl({QStringLiteral("experiments"), QStringLiteral("size"), QStringLiteral("--baseline"),
                                QStringLiteral("0.05"), QStringLiteral("--mde"), QStringLiteral("0.005")});
    expectOk(r);
    EXPECT_TRUE(r.outText().startsWith(QStringLiteral("31,234 people per arm (62,468 for the 2 arms)"))) << r;
    const SegctlRun relative = segctl({QStringLiteral("experiments"), QStringLiteral("size"), QStringLiteral("--baseline"),
                                       QStringLiteral("2%"), QStringLiteral("--mde"), QStringLiteral("0.25"),
                                       QStringLiteral("--relative"), QStringLiteral("--arms"), QStringLiteral("3")});
    expectOk(relative);
    EXPECT_TRUE(relative.outText().startsWith(QStringLiteral("13,809 people per arm (41,427 for the 3 arms)"))) << relative;
    const SegctlRun tenPercent = segctl({QStringLiteral("experiments"), QStringLiteral("size"), QStringLiteral("--baseline"),
                                         QStringLiteral("0.10"), QStringLiteral("--mde"), QStringLiteral("0.01"),
                                         QStringLiteral("--alpha"), QStringLiteral("0.05"), QStringLiteral("--power"),
                                         QStringLiteral("0.8")});
    EXPECT_TRUE(tenPercent.outText().startsWith(QStringLiteral("14,751 people per arm"))) << tenPercent;
    expectError(segctl({QStringLiteral("experiments"), QStringLiteral("size"), QStringLiteral("--baseline"),
                        QStringLiteral("1.5"), QStringLiteral("--mde"), QStringLiteral("0.01")}),
                2, QStringLiteral("baseline"));
    expectError(segctl({QStringLiteral("experiments"), QStringLiteral("size"), QStringLiteral("--baseline"),
                        QStringLiteral("0.05")}),
                1, QStringLiteral("--mde"));
}


// --- history, diff and the audit trail (issue 13) ------------------------------------------------

TEST_F(SegctlTest, HistoryListsEveryVersionWithWhoWhenAndTheChange)
{
    const QString id = create(QStringLiteral("Historied"));
    QJsonObject edit = showJson(id);
    edit.insert(QStringLiteral("description"), QStringLiteral("second version"));
    edit.insert(QStringLiteral("definition"), countryDefinition({QStringLiteral("US")}));
    expectOk(onWs({QStringLiteral("segments"), QStringLiteral("save"), writeJson(QStringLiteral("edit.json"), edit)}));
    expectOk(onWs({QStringLiteral("segments"), QStringLiteral("delete"), id}));

    const SegctlRun table = onWs({QStringLiteral("segments"), QStringLiteral("history"), id});
    expectOk(table);
    const QStringList lines = table.outText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 5) << table; // header, its rule and three versions, oldest first
    EXPECT_TRUE(lines[0].contains(QStringLiteral("Version")) && lines[0].contains(QStringLiteral("Who"))) << table;
    EXPECT_TRUE(lines[2].trimmed().startsWith(QStringLiteral("1  created"))) << table;
    EXPECT_TRUE(lines[3].trimmed().startsWith(QStringLiteral("2  updated"))) << table;
    EXPECT_TRUE(lines[4].trimmed().startsWith(QStringLiteral("3  deleted"))) << table;

    const SegctlRun json = onWs({QStringLiteral("segments"), QStringLiteral("history"), id, QStringLiteral("--format"), QStringLiteral("json")});
    expectOk(json);
    const QJsonArray versions = QJsonDocument::fromJson(json.out).array();
    ASSERT_EQ(versions.size(), 3) << json;
    EXPECT_EQ(versions[1].toObject().value(QStringLiteral("version")).toInt(), 2);
    EXPECT_EQ(versions[1].toObject().value(QStringLiteral("description")).toString(), QStringLiteral("second version"));
    EXPECT_EQ(versions[0].toObject().value(QStringLiteral("changed_by")).toString(),
              versions[1].toObject().value(QStringLiteral("changed_by")).toString());
    EXPECT_FALSE(versions[0].toObject().value(QStringLiteral("changed_by")).toString().isEmpty());

    expectError(onWs({QStringLiteral("segments"), QStringLiteral("history"), QStringLiteral("no-such-id")}), 2,
                QStringLiteral("no-such-id"));
}

TEST_F(SegctlTest, DiffComparesAnyTwoVersionsFieldByField)
{
    const QString id = create(QStringLiteral("Diffed"));
    QJsonObject edit = showJson(id);
    edit.insert(QStringLiteral("name"), QStringLiteral("Diffed Again"));
    edit.insert(QStringLiteral("definition"), countryDefinition({QStringLiteral("US")}));
    expectOk(onWs({QStringLiteral("segments"), QStringLiteral("save"), writeJson(QStringLiteral("edit.json"), edit)}));

    const SegctlRun table = onWs({QStringLiteral("segments"), QStringLiteral("diff"), id, QStringLiteral("1"), QStringLiteral("2")});
    expectOk(table);
    EXPECT_TRUE(table.outText().startsWith(QStringLiteral("Version 1 (created by "))) << table;
    EXPECT_TRUE(table.outText().contains(QStringLiteral("2 fields differ"))) << table;
    const QStringList lines = table.outText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const auto lineOf = [&lines](const QString& label) {
        for (const auto& l : lines)
            if (l.contains(QStringLiteral(" ") + label + QStringLiteral(" ")))
                return l;
        return QString();
    };
    EXPECT_TRUE(lineOf(QStringLiteral("Name")).startsWith(QLatin1Char('*'))) << table;
    EXPECT_TRUE(lineOf(QStringLiteral("Name")).contains(QStringLiteral("Diffed Again"))) << table;
    EXPECT_TRUE(lineOf(QStringLiteral("Country")).startsWith(QLatin1Char('*'))) << table;
    EXPECT_TRUE(lineOf(QStringLiteral("Country")).contains(QStringLiteral("Canada"))) << table;
    EXPECT_FALSE(lineOf(QStringLiteral("Age")).isEmpty()) << table;
    EXPECT_FALSE(lineOf(QStringLiteral("Age")).startsWith(QLatin1Char('*'))) << table;

    const SegctlRun json = onWs({QStringLiteral("segments"), QStringLiteral("diff"), id, QStringLiteral("2"), QStringLiteral("1"),
                                 QStringLiteral("--changed"), QStringLiteral("--format"), QStringLiteral("json")});
    expectOk(json);
    const QJsonObject diff = QJsonDocument::fromJson(json.out).object();
    EXPECT_EQ(diff.value(QStringLiteral("from_version")).toInt(), 2);
    EXPECT_EQ(diff.value(QStringLiteral("to_version")).toInt(), 1);
    EXPECT_FALSE(diff.value(QStringLiteral("identical")).toBool());
    const QJsonArray fields = diff.value(QStringLiteral("fields")).toArray();
    ASSERT_EQ(fields.size(), 2) << json;
    EXPECT_EQ(fields[0].toObject().value(QStringLiteral("field")).toString(), QStringLiteral("name"));
    EXPECT_EQ(fields[0].toObject().value(QStringLiteral("before")).toString(), QStringLiteral("Diffed Again"));
    EXPECT_EQ(fields[0].toObject().value(QStringLiteral("after")).toString(), QStringLiteral("Diffed"));

    const SegctlRun same = onWs({QStringLiteral("segments"), QStringLiteral("diff"), id, QStringLiteral("2"), QStringLiteral("2")});
    expectOk(same);
    EXPECT_TRUE(same.outText().contains(QStringLiteral("the same content"))) << same;

    expectError(onWs({QStringLiteral("segments"), QStringLiteral("diff"), id, QStringLiteral("1"), QStringLiteral("9")}), 2,
                QStringLiteral("no version 9"));
    expectError(onWs({QStringLiteral("segments"), QStringLiteral("diff"), id, QStringLiteral("one"), QStringLiteral("2")}), 1);
}

TEST_F(SegctlTest, AuditListShowsEveryChangeNewestFirstWithBeforeAndAfter)
{
    const QString id = create(QStringLiteral("Audited"));
    QJsonObject edit = showJson(id);
    edit.insert(QStringLiteral("description"), QStringLiteral("audited edit"));
    expectOk(onWs({QStringLiteral("segments"), QStringLiteral("save"), writeJson(QStringLiteral("edit.json"), edit)}));
    expectOk(onWs({QStringLiteral("segments"), QStringLiteral("delete"), id}));
    expectOk(onWs({QStringLiteral("segments"), QStringLiteral("restore"), id}));

    const SegctlRun json = onWs({QStringLiteral("audit"), QStringLiteral("list"), QStringLiteral("--object"), id,
                                 QStringLiteral("--format"), QStringLiteral("json")});
    expectOk(json);
    const QJsonArray entries = QJsonDocument::fromJson(json.out).array();
    ASSERT_EQ(entries.size(), 4) << json;
    QStringList actions;
    for (const auto& e : entries) {
        const QJsonObject o = e.toObject();
        actions << o.value(QStringLiteral("action")).toString();
        EXPECT_EQ(o.value(QStringLiteral("object_kind")).toString(), QStringLiteral("segment"));
        EXPECT_EQ(o.value(QStringLiteral("object_id")).toString(), id);
        EXPECT_EQ(o.value(QStringLiteral("advertiser_id")).toString(), QStringLiteral("adv-northwind"));
        EXPECT_FALSE(o.value(QStringLiteral("actor")).toString().isEmpty());
    }
    EXPECT_EQ(actions, (QStringList{QStringLiteral("restored"), QStringLiteral("deleted"), QStringLiteral("updated"),
                                    QStringLiteral("created")}));
    const QJsonObject updated = entries[2].toObject();
    EXPECT_EQ(updated.value(QStringLiteral("version")).toInt(), 2);
    EXPECT_EQ(updated.value(QStringLiteral("before")).toObject().value(QStringLiteral("description")).toString(),
              QStringLiteral("made by the segctl test"));
    EXPECT_EQ(updated.value(QStringLiteral("after")).toObject().value(QStringLiteral("description")).toString(),
              QStringLiteral("audited edit"));
    EXPECT_TRUE(entries[3].toObject().value(QStringLiteral("before")).isNull());

    // By advertiser: this segment's entries are there, another advertiser's are not.
    const SegctlRun northwind = onWs({QStringLiteral("audit"), QStringLiteral("list"), QStringLiteral("--advertiser"),
                                      QStringLiteral("adv-northwind"), QStringLiteral("--format"), QStringLiteral("json")});
    expectOk(northwind);
    qsizetype mine = 0;
    for (const auto& e : QJsonDocument::fromJson(northwind.out).array()) {
        EXPECT_EQ(e.toObject().value(QStringLiteral("advertiser_id")).toString(), QStringLiteral("adv-northwind"));
        mine += e.toObject().value(QStringLiteral("object_id")).toString() == id ? 1 : 0;
    }
    EXPECT_EQ(mine, 4);

    const SegctlRun table = onWs({QStringLiteral("audit"), QStringLiteral("list"), QStringLiteral("--object"), id,
                                  QStringLiteral("--limit"), QStringLiteral("2")});
    expectOk(table);
    const QStringList lines = table.outText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 4) << table; // header, its rule, the two newest entries
    EXPECT_TRUE(lines[2].contains(QStringLiteral("restored")) && lines[2].contains(id)) << table;
    EXPECT_TRUE(lines[3].contains(QStringLiteral("deleted"))) << table;

    expectError(onWs({QStringLiteral("audit"), QStringLiteral("list"), QStringLiteral("--advertiser"), QStringLiteral("adv-nobody")}), 2);
    expectError(onWs({QStringLiteral("audit"), QStringLiteral("list"), QStringLiteral("--limit"), QStringLiteral("0")}), 1,
                QStringLiteral("--limit"));
}

namespace {

// --- bad input from the fuzz corpora (issue 14) ---------------------------------------------------

// Rows per table and the segments' ids and versions: what a refused import must leave as it was.
QString workspaceDigest(const QString& path)
{
    const QString connection = QStringLiteral("digest-") + QUuid::createUuid().toString(QUuid::Id128);
    QStringList parts;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        EXPECT_TRUE(db.open());
        QSqlQuery q(db);
        for (const char* table : {"advertisers", "gold_segments", "gold_segment_versions", "bronze_impressions",
                                  "pipeline_batches", "customer_identifiers"}) {
            EXPECT_TRUE(q.exec(QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table))))
                << table << q.lastError().text().toStdString();
            parts.append(QStringLiteral("%1=%2").arg(QLatin1String(table), q.next() ? q.value(0).toString() : QString()));
        }
        EXPECT_TRUE(q.exec(QStringLiteral("SELECT segment_id, version FROM gold_segments ORDER BY segment_id")));
        while (q.next())
            parts.append(q.value(0).toString() + QLatin1Char('@') + q.value(1).toString());
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return parts.join(QLatin1Char(' '));
}

// Every file of the fuzz seed corpora (tests/fuzz/corpus, crash inputs included) that segctl
// refuses gets a one-line error and leaves the workspace as it was.
TEST_F(SegctlTest, RefusedCorpusFilesGiveOneLineErrorsAndChangeNothing)
{
    const struct
    {
        const char* corpus;
        QStringList command;
    } inputs[] = {
        {"segment_import_fuzz", {QStringLiteral("segments"), QStringLiteral("import")}},
        {"definition_json_fuzz", {QStringLiteral("segments"), QStringLiteral("save")}},
        {"events_csv_fuzz", {QStringLiteral("events"), QStringLiteral("import")}},
        {"identifiers_csv_fuzz", {QStringLiteral("identifiers"), QStringLiteral("import")}},
    };
    int refused = 0;
    for (const auto& input : inputs) {
        const QDir corpus(QStringLiteral(SB_SOURCE_DIR "/tests/fuzz/corpus/") + QLatin1String(input.corpus));
        const QStringList files = corpus.entryList(QDir::Files, QDir::Name);
        ASSERT_FALSE(files.isEmpty()) << input.corpus;
        for (const QString& file : files) {
            const QString before = workspaceDigest(ws());
            const SegctlRun r = onWs(QStringList(input.command) << corpus.filePath(file));
            if (r.exitCode == 0)
                continue;
            ++refused;
            SCOPED_TRACE(QStringLiteral("%1/%2").arg(QLatin1String(input.corpus), file).toStdString());
            EXPECT_TRUE(r.err.startsWith("segctl: error: ")) << r;
            EXPECT_EQ(r.err.count('\n'), 1) << "errors are one line\n" << r;
            EXPECT_EQ(workspaceDigest(ws()), before) << "a refused file changed the workspace\n" << r;
        }
    }
    EXPECT_GE(refused, 8) << "the corpora hold bad files of every kind";
}

} // namespace
