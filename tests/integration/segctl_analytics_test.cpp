// The impressions pipeline end to end through the real segctl binary, written once and run on
// both backends: the local workspace, and Databricks (the emulator in this process; segctl finds
// it through a temporary ~/.databrickscfg). events import → metrics refresh → metrics show and
// events quarantine, with daily metrics computed by hand from tests/data/events/impressions_small.csv.
#include <gtest/gtest.h>

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QTimer>

#include "domain/segment_json.h"
#include "domain/simple_definition.h"
#include "support/emulated_workspace.h"
#include "support/segctl_process.h"

namespace {

using testsupport::EmulatedWorkspace;

const QString kSmallFile = QStringLiteral(SB_SOURCE_DIR "/tests/data/events/impressions_small.csv");
const QString kMetricsHeader = QStringLiteral("date,impressions,clicks,conversions,unique_users,spend,currency\r\n");

// The segments the metrics are checked for (fixed ids, so every backend gets the same).
const QString kGermany = QStringLiteral("0c7d3a52-0000-4000-8000-00000000de01");
const QString kUnitedStates = QStringLiteral("0c7d3a52-0000-4000-8000-00000000a501");
const QString kFrance = QStringLiteral("0c7d3a52-0000-4000-8000-00000000f201");
const QString kConnectedTv = QStringLiteral("0c7d3a52-0000-4000-8000-0000000000c7");

core::Segment segment(const QString& id, const QString& advertiser, const QString& name,
                      core::Dimension dimension, const QString& value)
{
    core::SimpleDefinition d;
    d.include[dimension] = {value};
    core::Segment s;
    s.id = id;
    s.advertiserId = advertiser;
    s.name = name;
    s.description = QStringLiteral("pipeline test");
    s.status = core::SegmentStatus::Active;
    s.definition = d.toDefinition();
    s.definitionHash = s.definition.hash();
    s.version = 1;
    s.createdBy = s.updatedBy = QStringLiteral("tester");
    s.createdAt = s.updatedAt = QDateTime(QDate(2026, 2, 1), QTime(9, 0), QTimeZone::utc());
    return s;
}

enum class Backend
{
    Local,
    Databricks
};

std::string backendName(const ::testing::TestParamInfo<Backend>& info)
{
    return info.param == Backend::Local ? "local" : "databricks_emulator";
}

class SegctlAnalytics : public ::testing::TestWithParam<Backend>
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        ASSERT_TRUE(QDir().mkpath(home()));
        if (GetParam() == Backend::Databricks) {
            ws = EmulatedWorkspace::create();
            ASSERT_TRUE(ws);
            writeFile(QDir(home()).filePath(QStringLiteral(".databrickscfg")),
                      QStringLiteral("[emu]\nhost = %1\ntoken = %2\nwarehouse_id = %3\n")
                          .arg(ws->emulator->baseUrl().toString(), EmulatedWorkspace::kToken,
                               EmulatedWorkspace::kWarehouse)
                          .toUtf8());
        }
        writeFile(path(QStringLiteral("segments.json")),
                  core::SegmentJson::toDocument(
                      {segment(kGermany, QStringLiteral("adv-1"), QStringLiteral("Germany"),
                               core::Dimension::Country, QStringLiteral("DE")),
                       segment(kUnitedStates, QStringLiteral("adv-1"), QStringLiteral("United States"),
                               core::Dimension::Country, QStringLiteral("US")),
                       segment(kFrance, QStringLiteral("adv-1"), QStringLiteral("France"),
                               core::Dimension::Country, QStringLiteral("FR")),
                       segment(kConnectedTv, QStringLiteral("adv-2"), QStringLiteral("Connected TV"),
                               core::Dimension::Device, QStringLiteral("ctv"))}));
    }

    // A fresh backend: a workspace file, or a provisioned Databricks schema; with the segments.
    void prepare(const QString& space)
    {
        if (GetParam() == Backend::Databricks) {
            const SegctlRun provisioned = run(space, {QStringLiteral("provision")});
            ASSERT_EQ(provisioned.exitCode, 0) << provisioned;
        }
        const SegctlRun imported = run(space, {QStringLiteral("segments"), QStringLiteral("import"),
                                               path(QStringLiteral("segments.json"))});
        ASSERT_EQ(imported.exitCode, 0) << imported;
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

    // segctl against one backend "space": a workspace file or a Databricks schema of that name.
    SegctlRun run(const QString& space, const QStringList& args) const
    {
        QStringList all =
            GetParam() == Backend::Local
                ? QStringList{QStringLiteral("--workspace"), path(space + QStringLiteral(".sqlite"))}
                : QStringList{QStringLiteral("--profile"), QStringLiteral("emu"), QStringLiteral("--schema"),
                              QStringLiteral("s_") + space};
        all += args;
        return runSegctlServing(m_dir.path(), databricksTestEnvironment(home(), m_dir.path()), all);
    }

    SegctlRun ok(const QString& space, const QStringList& args) const
    {
        SegctlRun r = run(space, args);
        expectOk(r);
        return r;
    }

    QString importFile(const QString& space, const QString& file) const
    {
        return ok(space, {QStringLiteral("events"), QStringLiteral("import"), file}).outText();
    }
    QString refresh(const QString& space) const
    {
        return ok(space, {QStringLiteral("metrics"), QStringLiteral("refresh")}).outText();
    }
    QString metrics(const QString& space, const QString& segmentId, const QStringList& more = {}) const
    {
        return ok(space, QStringList{QStringLiteral("metrics"), QStringLiteral("show"),
                                     QStringLiteral("--segment"), segmentId} +
                             more)
            .outText();
    }
    QString allMetrics(const QString& space) const
    {
        QString out;
        for (const QString& id : {kGermany, kUnitedStates, kFrance, kConnectedTv})
            out += id + QLatin1Char('\n') + metrics(space, id);
        return out;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<EmulatedWorkspace> ws;
};

TEST_P(SegctlAnalytics, ImportReportsRowsReadLoadedAndRejectedWithLineNumbers)
{
    prepare(QStringLiteral("a"));
    const QString out = importFile(QStringLiteral("a"), kSmallFile);
    EXPECT_TRUE(out.contains(QStringLiteral("rows read:     26"))) << out.toStdString();
    EXPECT_TRUE(out.contains(QStringLiteral("rows loaded:   24"))) << out.toStdString();
    EXPECT_TRUE(out.contains(QStringLiteral("rows rejected: 2"))) << out.toStdString();
    EXPECT_TRUE(out.contains(QStringLiteral("line 24: 12 fields where the header has 13")))
        << out.toStdString();
    EXPECT_TRUE(out.contains(QStringLiteral("line 25: 14 fields where the header has 13")))
        << out.toStdString();
    EXPECT_TRUE(out.contains(QStringLiteral(", insert)"))) << "a small file goes in as INSERTs\n"
                                                           << out.toStdString();
}

TEST_P(SegctlAnalytics, RefreshQuarantinesWithReasonsAndComputesTheDailyMetrics)
{
    prepare(QStringLiteral("a"));
    importFile(QStringLiteral("a"), kSmallFile);
    const QString out = refresh(QStringLiteral("a"));
    // 24 loaded: 10 valid rows (ev-008 twice), 14 with a bad value.
    EXPECT_TRUE(out.contains(QStringLiteral("bronze rows cleaned:    24"))) << out.toStdString();
    EXPECT_TRUE(out.contains(QStringLiteral("added to silver:        9"))) << out.toStdString();
    EXPECT_TRUE(out.contains(QStringLiteral("duplicates skipped:     1"))) << out.toStdString();
    EXPECT_TRUE(out.contains(QStringLiteral("quarantined:            14"))) << out.toStdString();
    EXPECT_TRUE(out.contains(QStringLiteral("3 × event_time is not an ISO 8601 time"))) << out.toStdString();
    EXPECT_TRUE(out.contains(QStringLiteral("segments refreshed:     4"))) << out.toStdString();

    const QString quarantine =
        ok(QStringLiteral("a"), {QStringLiteral("events"), QStringLiteral("quarantine"),
                                 QStringLiteral("--format"), QStringLiteral("csv")})
            .outText();
    for (const QString& row :
         {QStringLiteral("impressions_small.csv,11,ev-009,age is not 18-120 or an age bucket"),
          QStringLiteral("impressions_small.csv,12,ev-010,country is not an ISO 3166-1 alpha-2 code"),
          QStringLiteral("impressions_small.csv,13,ev-011,event_time is not an ISO 8601 time"),
          QStringLiteral("impressions_small.csv,14,ev-012,event_time is not an ISO 8601 time"),
          QStringLiteral("impressions_small.csv,16,,event_id is missing"),
          QStringLiteral("impressions_small.csv,20,ev-017,region is not an ISO 3166-2 code of the country"),
          QStringLiteral("impressions_small.csv,26,ev-023,\"interests contain characters other than a-z, "
                         "0-9, _, . and |\"")}) {
        EXPECT_TRUE(quarantine.contains(row)) << row.toStdString() << "\n" << quarantine.toStdString();
    }

    // By hand: Germany is u-2 (ages as buckets, " M", a space-separated time, a fraction).
    EXPECT_EQ(metrics(QStringLiteral("a"), kGermany),
              kMetricsHeader + QStringLiteral("2026-03-01,1,0,0,1,3.00,USD\r\n2026-03-02,1,1,1,1,4.00,USD\r\n"));
    // The United States: u-1 and u-6 (lower-case codes and padded values normalised).
    EXPECT_EQ(metrics(QStringLiteral("a"), kUnitedStates),
              kMetricsHeader + QStringLiteral("2026-03-01,1,1,0,1,2.50,USD\r\n2026-03-03,1,0,0,1,1.50,USD\r\n"));
    // 2026-03-01T23:30:00-02:00 is 2026-03-02 in UTC.
    EXPECT_EQ(metrics(QStringLiteral("a"), kFrance),
              kMetricsHeader + QStringLiteral("2026-03-02,1,0,0,1,1.00,USD\r\n"));
    // The delivered-twice impression counts once.
    EXPECT_EQ(metrics(QStringLiteral("a"), kConnectedTv),
              kMetricsHeader + QStringLiteral("2026-03-02,1,0,0,1,9.00,USD\r\n"));
}

TEST_P(SegctlAnalytics, ImportingTwiceAndRefreshingTwiceGivesTheSameMetricsAsImportingOnce)
{
    prepare(QStringLiteral("once"));
    importFile(QStringLiteral("once"), kSmallFile);
    refresh(QStringLiteral("once"));
    const QString once = allMetrics(QStringLiteral("once"));
    ASSERT_TRUE(once.contains(QStringLiteral("2026-03-02,1,1,1,1,4.00"))) << once.toStdString();

    prepare(QStringLiteral("twice"));
    importFile(QStringLiteral("twice"), kSmallFile);
    importFile(QStringLiteral("twice"), kSmallFile);
    refresh(QStringLiteral("twice"));
    const QString second = refresh(QStringLiteral("twice"));
    EXPECT_TRUE(second.contains(QStringLiteral("bronze rows cleaned:    0"))) << second.toStdString();
    EXPECT_EQ(allMetrics(QStringLiteral("twice")), once);

    // The same file again after a refresh: every event is a duplicate, nothing moves.
    importFile(QStringLiteral("once"), kSmallFile);
    const QString again = refresh(QStringLiteral("once"));
    EXPECT_TRUE(again.contains(QStringLiteral("added to silver:        0"))) << again.toStdString();
    EXPECT_TRUE(again.contains(QStringLiteral("duplicates skipped:     10"))) << again.toStdString();
    refresh(QStringLiteral("once"));
    EXPECT_EQ(allMetrics(QStringLiteral("once")), once);
}

// A refresh with no new events still brings gold in line with the segments as they are now.
TEST_P(SegctlAnalytics, ARefreshWithNothingNewFollowsEditedAndDeletedSegments)
{
    prepare(QStringLiteral("a"));
    importFile(QStringLiteral("a"), kSmallFile);
    refresh(QStringLiteral("a"));
    const QString france = metrics(QStringLiteral("a"), kFrance);
    ASSERT_TRUE(france.contains(QStringLiteral("2026-03-02,1,0,0,1,1.00"))) << france.toStdString();
    ASSERT_NE(metrics(QStringLiteral("a"), kGermany), france);

    core::Segment edited = segment(kGermany, QStringLiteral("adv-1"), QStringLiteral("Germany"),
                                   core::Dimension::Country, QStringLiteral("FR")); // now France's criteria
    const QString file = writeFile(path(QStringLiteral("edited.json")),
                                   QJsonDocument(core::SegmentJson::toJson(edited)).toJson());
    ok(QStringLiteral("a"), {QStringLiteral("segments"), QStringLiteral("save"), file});
    ok(QStringLiteral("a"), {QStringLiteral("segments"), QStringLiteral("delete"), kUnitedStates});
    const QString again = refresh(QStringLiteral("a"));
    EXPECT_TRUE(again.contains(QStringLiteral("bronze rows cleaned:    0"))) << again.toStdString();
    EXPECT_EQ(metrics(QStringLiteral("a"), kGermany), france);
    // Restored without a refresh: its metrics went with the delete.
    ok(QStringLiteral("a"), {QStringLiteral("segments"), QStringLiteral("restore"), kUnitedStates});
    EXPECT_EQ(metrics(QStringLiteral("a"), kUnitedStates), kMetricsHeader);
    EXPECT_EQ(metrics(QStringLiteral("a"), kFrance), france);
}

TEST_P(SegctlAnalytics, MetricsShowTakesADateRangeAndPrintsJson)
{
    prepare(QStringLiteral("a"));
    importFile(QStringLiteral("a"), kSmallFile);
    refresh(QStringLiteral("a"));
    EXPECT_EQ(
        metrics(QStringLiteral("a"), kUnitedStates, {QStringLiteral("--from"), QStringLiteral("2026-03-02")}),
        kMetricsHeader + QStringLiteral("2026-03-03,1,0,0,1,1.50,USD\r\n"));
    EXPECT_EQ(
        metrics(QStringLiteral("a"), kUnitedStates, {QStringLiteral("--to"), QStringLiteral("2026-03-02")}),
        kMetricsHeader + QStringLiteral("2026-03-01,1,1,0,1,2.50,USD\r\n"));
    const QString json =
        metrics(QStringLiteral("a"), kGermany, {QStringLiteral("--format"), QStringLiteral("json")});
    const QJsonArray days = QJsonDocument::fromJson(json.toUtf8()).array();
    ASSERT_EQ(days.size(), 2) << json.toStdString();
    const QJsonObject second = days.at(1).toObject();
    EXPECT_EQ(second.value(QStringLiteral("date")).toString(), QStringLiteral("2026-03-02"));
    EXPECT_EQ(second.value(QStringLiteral("impressions")).toInt(), 1);
    EXPECT_EQ(second.value(QStringLiteral("clicks")).toInt(), 1);
    EXPECT_EQ(second.value(QStringLiteral("conversions")).toInt(), 1);
    EXPECT_EQ(second.value(QStringLiteral("unique_users")).toInt(), 1);
    EXPECT_DOUBLE_EQ(second.value(QStringLiteral("spend")).toDouble(), 4.0);
}

TEST_P(SegctlAnalytics, MetricsShowRefusesAnUnknownSegmentAndMalformedDates)
{
    prepare(QStringLiteral("a"));
    expectError(run(QStringLiteral("a"),
                    {QStringLiteral("metrics"), QStringLiteral("show"), QStringLiteral("--segment"),
                     QStringLiteral("00000000-0000-4000-8000-000000000000")}),
                2, QStringLiteral("00000000-0000-4000-8000-000000000000"));
    expectError(run(QStringLiteral("a"),
                    {QStringLiteral("metrics"), QStringLiteral("show"), QStringLiteral("--segment"), kGermany,
                     QStringLiteral("--from"), QStringLiteral("March 1")}),
                1, QStringLiteral("--from"));
    expectError(run(QStringLiteral("a"),
                    {QStringLiteral("metrics"), QStringLiteral("show"), QStringLiteral("--segment"), kGermany,
                     QStringLiteral("--from"), QStringLiteral("2026-03-05"), QStringLiteral("--to"),
                     QStringLiteral("2026-03-01")}),
                2, QStringLiteral("after"));
    expectError(run(QStringLiteral("a"), {QStringLiteral("metrics"), QStringLiteral("show")}), 1,
                QStringLiteral("--segment"));
}

TEST_P(SegctlAnalytics, StrictImportsAndBrokenFilesLoadNothing)
{
    prepare(QStringLiteral("a"));
    expectError(run(QStringLiteral("a"), {QStringLiteral("events"), QStringLiteral("import"), kSmallFile,
                                          QStringLiteral("--strict")}),
                2, QStringLiteral("line 24"));
    const QString unknownColumn = writeFile(path(QStringLiteral("unknown.csv")),
                                            "event_id,event_time,colour\nev-1,2026-03-01T00:00:00Z,red\n");
    expectError(run(QStringLiteral("a"), {QStringLiteral("events"), QStringLiteral("import"), unknownColumn}),
                2, QStringLiteral("“colour”"));
    QByteArray missing = "event_id,event_time,advertiser_id,campaign_id,user_id,age,gender,country,region,"
                         "device,interests,event_type\n";
    expectError(run(QStringLiteral("a"), {QStringLiteral("events"), QStringLiteral("import"),
                                          writeFile(path(QStringLiteral("missing.csv")), missing)}),
                2, QStringLiteral("cost_micros"));
    QByteArray unclosed;
    {
        QFile f(kSmallFile);
        ASSERT_TRUE(f.open(QIODevice::ReadOnly));
        unclosed =
            f.readAll() + "2026-03-04T00:00:00Z,ev-99,adv-1,c1,u-1,29,f,US,,mobile,\"travel,impression,1\n";
    }
    expectError(run(QStringLiteral("a"), {QStringLiteral("events"), QStringLiteral("import"),
                                          writeFile(path(QStringLiteral("unclosed.csv")), unclosed)}),
                2, QStringLiteral("Line 28"));
    expectError(run(QStringLiteral("a"),
                    {QStringLiteral("events"), QStringLiteral("import"), path(QStringLiteral("nope.csv"))}),
                2, QStringLiteral("nope.csv"));
    const QString out = refresh(QStringLiteral("a"));
    EXPECT_TRUE(out.contains(QStringLiteral("bronze rows cleaned:    0"))) << "nothing reached bronze\n"
                                                                           << out.toStdString();
}

TEST_P(SegctlAnalytics, ALargeFileLoadsEveryRow)
{
    prepare(QStringLiteral("big"));
    QByteArray csv =
        "event_id,event_time,advertiser_id,campaign_id,user_id,age,gender,country,region,device,interests,"
        "event_type,cost_micros\n";
    for (int i = 0; i < 600; ++i)
        csv += QStringLiteral(
                   "big-%1,2026-04-%2T10:00:00Z,adv-1,c9,u-big-%3,40,m,US,,mobile,news,impression,1000000\n")
                   .arg(i)
                   .arg(1 + i % 10, 2, 10, QLatin1Char('0'))
                   .arg(i % 20)
                   .toUtf8();
    const QString out = importFile(QStringLiteral("big"), writeFile(path(QStringLiteral("big.csv")), csv));
    EXPECT_TRUE(out.contains(QStringLiteral("rows loaded:   600"))) << out.toStdString();
    if (GetParam() == Backend::Databricks) {
        EXPECT_TRUE(out.contains(QStringLiteral(", copy into)"))) << out.toStdString();
        const QStringList files = ws->emulator->volumeFiles();
        ASSERT_EQ(files.size(), 1);
        EXPECT_TRUE(files.first().startsWith(QStringLiteral("/Volumes/main/s_big/landing/bronze/")))
            << files.first().toStdString();
        EXPECT_TRUE(ws->emulator->volumeFile(files.first()).contains("big-599,2026-04-10T10:00:00Z"))
            << "the uploaded rows";
    }
    const QString refreshed = refresh(QStringLiteral("big"));
    EXPECT_TRUE(refreshed.contains(QStringLiteral("added to silver:        600"))) << refreshed.toStdString();
    // Each day: 60 impressions by 2 people (i % 20 for the i with i % 10 = day - 1).
    QString expected = kMetricsHeader;
    for (int day = 1; day <= 10; ++day)
        expected += QStringLiteral("2026-04-%1,60,0,0,2,60.00,USD\r\n").arg(day, 2, 10, QLatin1Char('0'));
    EXPECT_EQ(metrics(QStringLiteral("big"), kUnitedStates), expected);
}

TEST_P(SegctlAnalytics, TheScheduledRefreshJobIsCreatedListedChangedRunAndRemoved)
{
    if (GetParam() == Backend::Local) {
        expectError(
            runSegctl(m_dir.path(), {QStringLiteral("jobs"), QStringLiteral("list"),
                                     QStringLiteral("--workspace"), path(QStringLiteral("a.sqlite"))}),
            1, QStringLiteral("works on Databricks"));
        return;
    }
    prepare(QStringLiteral("a"));
    importFile(QStringLiteral("a"), kSmallFile);
    EXPECT_TRUE(ok(QStringLiteral("a"), {QStringLiteral("jobs"), QStringLiteral("list")})
                    .outText()
                    .contains(QStringLiteral("No refresh jobs")));

    const QString created =
        ok(QStringLiteral("a"),
           {QStringLiteral("jobs"), QStringLiteral("create"), QStringLiteral("--time"),
            QStringLiteral("06:30"), QStringLiteral("--timezone"), QStringLiteral("Europe/Berlin")})
            .outText();
    static const QRegularExpression idPattern(QStringLiteral("Created job ([0-9]+):"));
    const QString id = idPattern.match(created).captured(1);
    ASSERT_FALSE(id.isEmpty()) << created.toStdString();
    EXPECT_TRUE(created.contains(QStringLiteral("daily at 06:30 (Europe/Berlin)"))) << created.toStdString();
    expectError(run(QStringLiteral("a"), {QStringLiteral("jobs"), QStringLiteral("create"),
                                          QStringLiteral("--time"), QStringLiteral("07:00")}),
                4, QStringLiteral("already refreshes main.s_a"));

    // The SQL file holds no value: the segments' values are in pipeline_job_values.
    const QString scriptPath =
        QStringLiteral("/Workspace/Shared/segment-builder/main.s_a/refresh-metrics.sql");
    const QByteArray script = ws->emulator->workspaceFile(scriptPath);
    EXPECT_TRUE(script.contains("pipeline_job_values")) << script.left(500).toStdString();
    EXPECT_FALSE(script.contains("'DE'")) << "values are not in the script";
    EXPECT_FALSE(script.contains(":p1")) << "no unbound markers";

    auto listed = [&] {
        return QJsonDocument::fromJson(
                   ok(QStringLiteral("a"), {QStringLiteral("jobs"), QStringLiteral("list"),
                                            QStringLiteral("--format"), QStringLiteral("json")})
                       .out)
            .array();
    };
    QJsonArray jobs = listed();
    ASSERT_EQ(jobs.size(), 1);
    QJsonObject job = jobs.first().toObject();
    EXPECT_EQ(QString::number(job.value(QStringLiteral("job_id")).toInteger()), id);
    EXPECT_EQ(job.value(QStringLiteral("schema")).toString(), QStringLiteral("main.s_a"));
    EXPECT_EQ(job.value(QStringLiteral("time")).toString(), QStringLiteral("06:30"));
    EXPECT_EQ(job.value(QStringLiteral("timezone")).toString(), QStringLiteral("Europe/Berlin"));
    EXPECT_FALSE(job.value(QStringLiteral("paused")).toBool());
    EXPECT_EQ(job.value(QStringLiteral("script")).toString(), scriptPath);

    ok(QStringLiteral("a"),
       {QStringLiteral("jobs"), QStringLiteral("update"), id, QStringLiteral("--time"),
        QStringLiteral("05:15"), QStringLiteral("--timezone"), QStringLiteral("America/New_York")});
    ok(QStringLiteral("a"),
       {QStringLiteral("jobs"), QStringLiteral("update"), id, QStringLiteral("--pause")});
    job = listed().first().toObject();
    EXPECT_EQ(job.value(QStringLiteral("time")).toString(), QStringLiteral("05:15"));
    EXPECT_EQ(job.value(QStringLiteral("timezone")).toString(), QStringLiteral("America/New_York"));
    EXPECT_TRUE(job.value(QStringLiteral("paused")).toBool());

    // Nothing refreshed yet; the job's run computes what `metrics refresh` would.
    EXPECT_EQ(metrics(QStringLiteral("a"), kGermany), kMetricsHeader);
    const QString ran = ok(QStringLiteral("a"),
                           {QStringLiteral("jobs"), QStringLiteral("run-now"), id, QStringLiteral("--wait")})
                            .outText();
    EXPECT_TRUE(ran.contains(QStringLiteral("finished: SUCCESS"))) << ran.toStdString();
    EXPECT_EQ(metrics(QStringLiteral("a"), kGermany),
              kMetricsHeader + QStringLiteral("2026-03-01,1,0,0,1,3.00,USD\r\n2026-03-02,1,1,1,1,4.00,USD\r\n"));
    EXPECT_EQ(metrics(QStringLiteral("a"), kConnectedTv),
              kMetricsHeader + QStringLiteral("2026-03-02,1,0,0,1,9.00,USD\r\n"));
    // A second run finds nothing new and changes nothing.
    ok(QStringLiteral("a"),
       {QStringLiteral("jobs"), QStringLiteral("run-now"), id, QStringLiteral("--wait")});
    EXPECT_EQ(metrics(QStringLiteral("a"), kUnitedStates),
              kMetricsHeader + QStringLiteral("2026-03-01,1,1,0,1,2.50,USD\r\n2026-03-03,1,0,0,1,1.50,USD\r\n"));

    expectError(run(QStringLiteral("a"), {QStringLiteral("jobs"), QStringLiteral("update"), id,
                                          QStringLiteral("--time"), QStringLiteral("25:00")}),
                2, QStringLiteral("25:00"));
    expectError(run(QStringLiteral("a"), {QStringLiteral("jobs"), QStringLiteral("update"), id,
                                          QStringLiteral("--timezone"), QStringLiteral("Mars/Olympus_Mons")}),
                2, QStringLiteral("Mars/Olympus_Mons"));
    expectError(run(QStringLiteral("a"),
                    {QStringLiteral("jobs"), QStringLiteral("run-now"), QStringLiteral("424242")}),
                2, QStringLiteral("no Databricks job 424242"));
    expectError(
        run(QStringLiteral("a"), {QStringLiteral("jobs"), QStringLiteral("delete"), QStringLiteral("first")}),
        1, QStringLiteral("JOB_ID"));

    EXPECT_TRUE(ok(QStringLiteral("a"), {QStringLiteral("jobs"), QStringLiteral("delete"), id})
                    .outText()
                    .contains(QStringLiteral("Deleted job")));
    EXPECT_TRUE(listed().isEmpty());
    EXPECT_TRUE(ws->emulator->workspaceFile(scriptPath).isEmpty()) << "the SQL file went with the job";
}

// The report's CSV rows without the line ends (the app writes CRLF, Spark LF).
QStringList csvLines(const QByteArray& bytes)
{
    QStringList lines = QString::fromUtf8(bytes).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (QString& line : lines)
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
    return lines;
}

TEST_P(SegctlAnalytics, AReportScheduledOnDatabricksIsAJobThatWritesItsCsvIntoTheVolume)
{
    prepare(QStringLiteral("r"));
    importFile(QStringLiteral("r"), kSmallFile);
    refresh(QStringLiteral("r"));
    const QString folder = GetParam() == Backend::Databricks ? QStringLiteral("/Volumes/main/s_r/landing/reports")
                                                             : path(QStringLiteral("reports"));
    ok(QStringLiteral("r"), {QStringLiteral("reports"), QStringLiteral("create"), QStringLiteral("weekly"),
                             QStringLiteral("--advertiser"), QStringLiteral("adv-1"), QStringLiteral("--days"),
                             QStringLiteral("2"), QStringLiteral("--formats"), QStringLiteral("csv"),
                             QStringLiteral("--output"), folder});
    if (GetParam() == Backend::Local) {
        expectError(run(QStringLiteral("r"), {QStringLiteral("reports"), QStringLiteral("run"), QStringLiteral("weekly"),
                                              QStringLiteral("--job")}),
                    1, QStringLiteral("--job runs a report scheduled on Databricks"));
        return;
    }
    expectError(run(QStringLiteral("r"), {QStringLiteral("reports"), QStringLiteral("schedule"), QStringLiteral("weekly"),
                                          QStringLiteral("--weekly"), QStringLiteral("Mon"), QStringLiteral("--time-zone"),
                                          QStringLiteral("Mars/Olympus")}),
                2, QStringLiteral("Mars/Olympus"));
    const QString scheduled =
        ok(QStringLiteral("r"), {QStringLiteral("reports"), QStringLiteral("schedule"), QStringLiteral("weekly"),
                                 QStringLiteral("--weekly"), QStringLiteral("Mon"), QStringLiteral("--time"),
                                 QStringLiteral("07:30"), QStringLiteral("--time-zone"), QStringLiteral("Europe/Berlin"),
                                 QStringLiteral("--run-now")})
            .outText();
    EXPECT_TRUE(scheduled.contains(QStringLiteral("every Monday at 07:30 (Europe/Berlin) as Databricks job")))
        << scheduled.toStdString();
    EXPECT_TRUE(scheduled.contains(QStringLiteral("succeeded: the CSV is in /Volumes/main/s_r/landing/reports/weekly")))
        << scheduled.toStdString();
    // The file the job runs holds neither the advertiser nor a segment id (they are bound values).
    const QByteArray script =
        ws->emulator->workspaceFile(QStringLiteral("/Workspace/Shared/segment-builder/main.s_r/reports/weekly.sql"));
    EXPECT_TRUE(script.contains("INSERT OVERWRITE DIRECTORY '/Volumes/main/s_r/landing/reports/weekly'"))
        << script.left(400).toStdString();
    EXPECT_FALSE(script.contains("adv-1"));

    // Spark's layout: one part file and _SUCCESS.
    QString part;
    bool success = false;
    for (const QString& f : ws->emulator->volumeFiles()) {
        if (f.startsWith(QStringLiteral("/Volumes/main/s_r/landing/reports/weekly/part-")))
            part = f;
        success |= f == QStringLiteral("/Volumes/main/s_r/landing/reports/weekly/_SUCCESS");
    }
    ASSERT_FALSE(part.isEmpty()) << ws->emulator->volumeFiles().join(u' ').toStdString();
    EXPECT_TRUE(success);
    const QStringList fromJob = csvLines(ws->emulator->volumeFile(part));

    // The same rows as the app's own CSV of the report, rendered here from the same tables, but for
    // the days without figures that the app writes as zeros.
    const QString written = ok(QStringLiteral("r"), {QStringLiteral("reports"), QStringLiteral("run"),
                                                     QStringLiteral("weekly")})
                                .outText()
                                .trimmed();
    ASSERT_TRUE(written.startsWith(QStringLiteral("/Volumes/main/s_r/landing/reports/weekly-"))) << written.toStdString();
    QStringList fromApp = csvLines(ws->emulator->volumeFile(written));
    ASSERT_GE(fromApp.size(), 3) << "a header and rows of two days";
    fromApp.removeIf([](const QString& line) { return line.endsWith(QStringLiteral(",0,0,0,0,0.00")); });
    EXPECT_EQ(fromJob.join(u'\n').toStdString(), fromApp.join(u'\n').toStdString());
    for (const QString& line : fromJob.mid(1))
        EXPECT_TRUE(line.startsWith(QStringLiteral("weekly,adv-1,USD,"))) << line.toStdString();

    // A second run replaces the folder's files; unscheduling removes the job, its file and values.
    ok(QStringLiteral("r"), {QStringLiteral("reports"), QStringLiteral("run"), QStringLiteral("weekly"), QStringLiteral("--job")});
    int parts = 0;
    for (const QString& f : ws->emulator->volumeFiles())
        parts += f.startsWith(QStringLiteral("/Volumes/main/s_r/landing/reports/weekly/part-")) ? 1 : 0;
    EXPECT_EQ(parts, 1);
    ok(QStringLiteral("r"), {QStringLiteral("reports"), QStringLiteral("unschedule"), QStringLiteral("weekly")});
    EXPECT_TRUE(ws->emulator->workspaceFile(QStringLiteral("/Workspace/Shared/segment-builder/main.s_r/reports/weekly.sql"))
                    .isEmpty());
    expectError(run(QStringLiteral("r"), {QStringLiteral("reports"), QStringLiteral("run"), QStringLiteral("weekly"),
                                          QStringLiteral("--job")}),
                2, QStringLiteral("has no Databricks job"));
}

INSTANTIATE_TEST_SUITE_P(Backends, SegctlAnalytics, ::testing::Values(Backend::Local, Backend::Databricks),
                         backendName);

} // namespace
