// Golden tests pin the SQL text each dialect gets, so no emulator is the only judge of it.
// Regenerate after an intended change with SB_UPDATE_GOLDEN=1 and review the diff.
#include "domain/simple_definition.h"
#include "sql/audience_sql.h"
#include "sql/bronze_sql.h"
#include "sql/metrics_sql.h"
#include "sql/migration_sql.h"
#include "sql/overlap_query_builder.h"
#include "sql/pipeline_state_sql.h"
#include "sql/pg_diagnostics_sql.h"
#include "sql/pipeline_sql.h"
#include "sql/access_sql.h"
#include "sql/provisioning_sql.h"
#include "sql/reach_query_builder.h"
#include "sql/refresh_script.h"
#include "sql/segment_sql.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>
#include "sql/experiment_sql.h"
#include "sql/audit_sql.h"
#include "sql/report_job_sql.h"

namespace {

using core::Dimension;

QString goldenPath(const QString& name)
{
    return QStringLiteral(SB_SOURCE_DIR "/tests/unit/golden/") + name;
}

QString render(const core::BoundSql& bound)
{
    QString out = bound.sql + QStringLiteral("\n-- parameters\n");
    for (const auto& p : bound.params) {
        const char* type = p.type == core::SqlParam::Type::Int ? "INT" : p.type == core::SqlParam::Type::Date ? "DATE" : "STRING";
        out += QStringLiteral("-- :%1 %2 = %3\n").arg(p.name, QLatin1String(type), p.value.toString());
    }
    return out;
}

void expectGolden(const QString& name, const QString& actual)
{
    const QString path = goldenPath(name);
    if (qEnvironmentVariableIsSet("SB_UPDATE_GOLDEN")) {
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(actual.toUtf8());
        return;
    }
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly)) << "missing golden file " << path.toStdString();
    EXPECT_EQ(actual.toStdString(), QString::fromUtf8(f.readAll()).toStdString()) << "golden " << name.toStdString();
}

core::Definition everyKindOfCondition()
{
    core::SimpleDefinition s;
    s.include[Dimension::Age] = {QStringLiteral("25-34"), QStringLiteral("35-44")};
    s.include[Dimension::Country] = {QStringLiteral("US")};
    s.include[Dimension::Interest] = {QStringLiteral("gaming"), QStringLiteral("odd_name%")};
    s.include[Dimension::Device] = {QStringLiteral("mobile")};
    s.behaviours = {{QStringLiteral("click"), 3, 30}};
    s.exclude[Dimension::Region] = {QStringLiteral("US-CA")};
    return s.toDefinition();
}

const QDate kAsOf(2026, 11, 24);

TEST(SqlGolden, ReachQueryForSqlite)
{
    const core::ReachQueryBuilder builder(core::SqlTarget{core::SqlDialect::Sqlite, {}}, kAsOf, 30);
    auto bound = builder.build(everyKindOfCondition());
    ASSERT_TRUE(bound);
    expectGolden(QStringLiteral("reach_sqlite.sql"), render(bound.value()));
}

TEST(SqlGolden, ReachQueryForDatabricks)
{
    const core::ReachQueryBuilder builder(
        core::SqlTarget{core::SqlDialect::Databricks, QStringLiteral("`main`.`ad_segments`.")}, kAsOf, 30);
    auto bound = builder.build(everyKindOfCondition());
    ASSERT_TRUE(bound);
    expectGolden(QStringLiteral("reach_databricks.sql"), render(bound.value()));
}

const core::SqlTarget kDatabricks{core::SqlDialect::Databricks, QStringLiteral("`main`.`ad_segments`.")};
const core::SqlTarget kPostgres{core::SqlDialect::Postgres, {}};

TEST(SqlGolden, ValuesNeverAppearInTheSqlText)
{
    core::SimpleDefinition s;
    const QString nasty = QStringLiteral("x' OR '1'='1");
    s.include[Dimension::Country] = {nasty};
    for (const auto& target : {core::SqlTarget{}, kDatabricks, kPostgres}) {
        const core::ReachQueryBuilder builder(target, kAsOf, 30);
        auto bound = builder.build(s.toDefinition());
        ASSERT_TRUE(bound);
        EXPECT_EQ(bound.value().sql.indexOf(nasty), -1);
        bool bound_as_param = false;
        for (const auto& p : bound.value().params)
            bound_as_param |= p.value.toString() == nasty;
        EXPECT_TRUE(bound_as_param);
    }
}

TEST(SqlGolden, DailyMetricsQueryForEachDialect)
{
    const QString id = QStringLiteral("3f1e0c8a-0000-4000-8000-000000000001");
    expectGolden(QStringLiteral("metrics_sqlite.sql"),
                 render(core::MetricsSql(core::SqlTarget{}).dailyMetrics(id, QDate(2026, 3, 1), QDate(2026, 3, 31))));
    expectGolden(QStringLiteral("metrics_databricks.sql"),
                 render(core::MetricsSql(kDatabricks).dailyMetrics(id, QDate(2026, 3, 1), QDate(2026, 3, 31))));
    // Open-ended ranges bind nothing for the missing end.
    const auto open = core::MetricsSql(kDatabricks).dailyMetrics(id, {}, {});
    EXPECT_EQ(open.params.size(), 1);
    EXPECT_EQ(open.sql.indexOf(QStringLiteral("m.day >=")), -1);
}

TEST(SqlGolden, BulkDailyMetricsQueryForEachDialect)
{
    const QString advertiser = QStringLiteral("adv-northwind");
    expectGolden(QStringLiteral("metrics_all_sqlite.sql"),
                 render(core::MetricsSql(core::SqlTarget{}).dailyMetricsOfAll(advertiser, QDate(2026, 3, 1), {})));
    expectGolden(QStringLiteral("metrics_all_databricks.sql"),
                 render(core::MetricsSql(kDatabricks).dailyMetricsOfAll(advertiser, QDate(2026, 3, 1), {})));
    // Every advertiser: no advertiser bound, none filtered.
    const auto all = core::MetricsSql(kDatabricks).dailyMetricsOfAll({}, {}, {});
    EXPECT_TRUE(all.params.isEmpty());
    EXPECT_EQ(all.sql.indexOf(QStringLiteral("advertiser_id")), -1);
}

QString renderPipeline(const core::SqlTarget& target)
{
    const core::PipelineSql sql(target);
    core::Segment segment;
    segment.id = QStringLiteral("3f1e0c8a-0000-4000-8000-000000000001");
    segment.advertiserId = QStringLiteral("adv-1");
    segment.definition = everyKindOfCondition();
    auto gold = sql.gold(segment, kAsOf, {});
    EXPECT_TRUE(gold);
    // lockRefresh(): PostgreSQL only (none elsewhere).
    QList<core::PipelineStatement> all =
        sql.lockRefresh() + sql.silver() + sql.audience() + sql.clearGold() + gold.value();
    QString out;
    for (const auto& st : all)
        out += QStringLiteral("-- step: %1\n").arg(st.step) + render(st.sql) + QLatin1Char('\n');
    out += QStringLiteral("-- data as of\n") + render(sql.dataAsOf());
    return out;
}

TEST(SqlGolden, ImpressionsPipelineForEachDialect)
{
    expectGolden(QStringLiteral("pipeline_sqlite.sql"), renderPipeline(core::SqlTarget{}));
    expectGolden(QStringLiteral("pipeline_databricks.sql"), renderPipeline(kDatabricks));
    expectGolden(QStringLiteral("pipeline_postgres.sql"), renderPipeline(kPostgres));
}

// Every value of the pipeline's statements is a parameter, in every dialect: the segment's id and
// advertiser, a definition's values and the reference values never reach the SQL text.
TEST(SqlGolden, ThePipelineBindsEveryValueInEveryDialect)
{
    auto catalogue = core::Catalogue::load();
    ASSERT_TRUE(catalogue);
    core::Segment segment;
    segment.id = QStringLiteral("3f1e0c8a-0000-4000-8000-000000000001");
    segment.advertiserId = QStringLiteral("adv-x' OR '1'='1");
    segment.definition = everyKindOfCondition();
    for (const auto& target : {core::SqlTarget{}, kDatabricks, kPostgres}) {
        const core::PipelineSql sql(target);
        auto gold = sql.gold(segment, kAsOf, {});
        ASSERT_TRUE(gold);
        const auto all = sql.lockRefresh() + sql.referenceValues(*catalogue.value()) + sql.silver() +
                         sql.audience() + sql.clearGold() + gold.value() +
                         QList<core::PipelineStatement>{sql.clearGold(segment.id)};
        qsizetype bound = 0;
        for (const auto& st : all) {
            for (const QString& value : {segment.id, segment.advertiserId, QStringLiteral("'US'"),
                                         QStringLiteral("gaming"), QStringLiteral("US-CA")})
                EXPECT_FALSE(st.sql.sql.contains(value)) << value.toStdString() << " in " << st.sql.sql.toStdString();
            for (const auto& p : st.sql.params)
                bound += p.value.toString() == segment.advertiserId ? 1 : 0;
        }
        EXPECT_EQ(bound, 1) << "the advertiser is bound once, in the daily metrics";
    }
    // Only PostgreSQL takes the refresh lock.
    EXPECT_TRUE(core::PipelineSql(core::SqlTarget{}).lockRefresh().isEmpty());
    EXPECT_TRUE(core::PipelineSql(kDatabricks).lockRefresh().isEmpty());
    ASSERT_EQ(core::PipelineSql(kPostgres).lockRefresh().size(), 1);
}

// The local workspace's incremental refresh (SQLite only), in the order LocalPipeline runs it.
TEST(SqlGolden, IncrementalRefreshOfTheLocalWorkspace)
{
    using Moment = core::PipelineSql::Moment;
    const core::PipelineSql sql(core::SqlTarget{});
    core::Segment segment;
    segment.id = QStringLiteral("3f1e0c8a-0000-4000-8000-000000000001");
    segment.advertiserId = QStringLiteral("adv-1");
    segment.definition = everyKindOfCondition();
    auto before = sql.membersOfTouched(segment, kAsOf, {}, Moment::Before);
    auto after = sql.membersOfTouched(segment, kAsOf, {}, Moment::After);
    // Its behaviour window moved a day: the people of the day leaving it count too.
    auto leavers = sql.leaversOf(segment, kAsOf.addDays(-1), kAsOf, {});
    // Counted per person in silver, not from the window of audience_activity.
    auto withLeavers = sql.membersOfTouched(segment, kAsOf, {}, Moment::After, true,
                                            [](const core::BehaviourRule&) { return true; });
    ASSERT_TRUE(before && after && leavers && withLeavers);
    ASSERT_EQ(leavers.value().size(), 2); // the table, and the one rule's leaving day
    EXPECT_EQ(leavers.value().last().sql.params.at(2).value, kAsOf.addDays(-30).toString(Qt::ISODate));
    EXPECT_EQ(leavers.value().last().sql.params.at(3).value, kAsOf.addDays(-30).toString(Qt::ISODate));
    const QList<core::PipelineStatement> all = sql.touchedPeople() + sql.markSilver() + sql.newDaily() +
                                               leavers.value() + sql.peopleAt(Moment::Before) + before.value() +
                                               sql.audienceOfTouched() + sql.peopleAt(Moment::After) +
                                               withLeavers.value() + after.value() +
                                               sql.goldDifference(segment) + sql.dropIncrementalTables();
    QString out;
    for (const auto& st : all)
        out += QStringLiteral("-- step: %1\n").arg(st.step) + render(st.sql) + QLatin1Char('\n');
    out += QStringLiteral("-- sizes\n") + render(sql.touchedAndAudienceSize());
    out += QStringLiteral("-- data as of after adding\n") + render(sql.dataAsOfAfterAdding());
    expectGolden(QStringLiteral("pipeline_incremental_sqlite.sql"), out);
    // Every value bound: the segment's id and advertiser appear only as parameters.
    for (const auto& st : all) {
        EXPECT_FALSE(st.sql.sql.contains(segment.id)) << st.sql.sql.toStdString();
        EXPECT_FALSE(st.sql.sql.contains(segment.advertiserId)) << st.sql.sql.toStdString();
    }
    EXPECT_EQ(out.count(QStringLiteral("STRING = adv-1")), 3); // members throughout, new, gone
}

TEST(SqlGolden, TheScheduledRefreshScriptHoldsNoValue)
{
    const core::PipelineSql sql(kDatabricks);
    core::Segment segment;
    segment.id = QStringLiteral("3f1e0c8a-0000-4000-8000-000000000001");
    segment.advertiserId = QStringLiteral("adv-1");
    segment.definition = everyKindOfCondition();
    auto gold = sql.gold(segment, kAsOf, {});
    ASSERT_TRUE(gold);
    const auto statements = sql.silver() + sql.audience() + sql.clearGold() + gold.value();
    const auto script = core::RefreshScript::render(statements, kAsOf, kDatabricks);
    QString values;
    for (const auto& v : script.values)
        values += QStringLiteral("-- %1 %2 = %3\n").arg(v.statement).arg(v.name, v.value);
    expectGolden(QStringLiteral("refresh_script_databricks.sql"), script.text + QStringLiteral("-- values\n") + values);
    EXPECT_EQ(script.text.indexOf(QStringLiteral("'US'")), -1);
    EXPECT_EQ(script.text.indexOf(QStringLiteral(":p")), -1) << "no marker is left";
    // The behaviour window (30 days to the last day) is stored relative to the data's last day.
    bool window = false;
    for (const auto& v : script.values)
        window |= v.value == QStringLiteral("-29");
    EXPECT_TRUE(window);
    const auto store = script.storeValues(kDatabricks);
    ASSERT_GE(store.size(), 2);
    EXPECT_EQ(store.first().sql, QStringLiteral("DELETE FROM `main`.`ad_segments`.pipeline_job_values"));
    EXPECT_EQ(store.at(1).params.size(), 3 * script.values.size());
}

TEST(SqlGolden, TheReportJobWritesItsCsvFromValuesItReadsBack)
{
    core::ReportJobSpec spec;
    spec.name = QStringLiteral("weekly-northwind");
    spec.advertiserId = QStringLiteral("adv-northwind");
    spec.segmentIds = {QStringLiteral("3f1e0c8a-0000-4000-8000-000000000001"), QStringLiteral("3f1e0c8a-0000-4000-8000-000000000002")};
    spec.lastDays = 14;
    spec.volumeFolder = QStringLiteral("/Volumes/main/ad_segments/reports/");
    spec.timeZone = "Europe/Berlin";
    ASSERT_TRUE(spec.validate());
    const core::ReportJobSql sql(kDatabricks);
    QString out = render(sql.createValuesTable()) + QStringLiteral("\n");
    for (const auto& bound : sql.storeValues(spec))
        out += render(bound) + QStringLiteral("\n");
    const QString script = sql.script(spec);
    out += QStringLiteral("-- the job's file\n") + script;
    expectGolden(QStringLiteral("report_job_databricks.sql"), out);
    // The file holds no value of the report but its name and folder (checked to plain characters).
    EXPECT_EQ(script.indexOf(QStringLiteral("adv-northwind")), -1);
    EXPECT_EQ(script.indexOf(QStringLiteral("3f1e0c8a")), -1);
    EXPECT_EQ(script.indexOf(QStringLiteral(":p")), -1);
    EXPECT_TRUE(script.contains(QStringLiteral("INSERT OVERWRITE DIRECTORY '/Volumes/main/ad_segments/reports/weekly-northwind'")));
    EXPECT_EQ(spec.quartzCron(), QStringLiteral("0 0 8 ? * MON"));
}

TEST(ReportJobSpec, RefusesWhatCouldBreakOutOfTheFileAndUnknownZones)
{
    core::ReportJobSpec good;
    good.name = QStringLiteral("r1");
    good.advertiserId = QStringLiteral("adv-1");
    good.volumeFolder = QStringLiteral("/Volumes/c/s/v/out");
    good.timeZone = "UTC";
    good.weekday = 7;
    good.time = QTime(23, 5);
    ASSERT_TRUE(good.validate());
    EXPECT_EQ(good.quartzCron(), QStringLiteral("0 5 23 ? * SUN"));
    EXPECT_EQ(good.describe(), QStringLiteral("every Sunday at 23:05 (UTC)"));
    const auto refused = [&](auto change) {
        core::ReportJobSpec s = good;
        change(s);
        const core::Status st = s.validate();
        return !st && st.error().code == QLatin1String("report_job_invalid");
    };
    EXPECT_TRUE(refused([](auto& s) { s.volumeFolder = QStringLiteral("/Volumes/c/s/v/it's"); }));
    EXPECT_TRUE(refused([](auto& s) { s.volumeFolder = QStringLiteral("/Volumes/c/s/v/../../x"); }));
    EXPECT_TRUE(refused([](auto& s) { s.volumeFolder = QStringLiteral("/tmp/reports"); }));
    EXPECT_TRUE(refused([](auto& s) { s.volumeFolder = QStringLiteral("/Volumes/c/s"); }));
    EXPECT_TRUE(refused([](auto& s) { s.name = QStringLiteral("a'b"); }));
    EXPECT_TRUE(refused([](auto& s) { s.segmentIds = {QStringLiteral("x' OR 1=1 --")}; }));
    EXPECT_TRUE(refused([](auto& s) { s.lastDays = 0; }));
    EXPECT_TRUE(refused([](auto& s) { s.timeZone = "Mars/Olympus"; }));
    core::ReportJobSpec etc = good;
    etc.timeZone = "Etc/UTC"; // what a container's system zone often is
    EXPECT_TRUE(etc.validate());
}

TEST(SqlGolden, BronzeLoadsForDatabricks)
{
    const core::BronzeSql sql(kDatabricks);
    const QList<core::BronzeRecord> records{
        {2, {QStringLiteral("ev-1"), QStringLiteral("2026-03-01T09:00:00Z"), QStringLiteral("adv-1"), QStringLiteral("c1"),
             QStringLiteral("u-1"), QStringLiteral("29"), QStringLiteral("f"), QStringLiteral("US"), QString(),
             QStringLiteral("mobile"), QStringLiteral("travel"), QStringLiteral("impression"), QStringLiteral("2500000")}},
        {3, {QStringLiteral("x' OR '1'='1"), QString(), QString(), QString(), QString(), QString(), QString(), QString(),
             QString(), QString(), QString(), QString(), QString()}}};
    const auto insert = sql.insert(QStringLiteral("7f3c2d1e-0000-4000-8000-000000000001"), QStringLiteral("feed.csv"), records);
    EXPECT_EQ(insert.sql.indexOf(QStringLiteral("OR '1'")), -1) << "values are bound";
    const QString copy = sql.copyInto(QStringLiteral("/Volumes/main/ad_segments/landing/bronze/7f3c2d1e-0000-4000-8000-000000000001.csv"));
    expectGolden(QStringLiteral("bronze_databricks.sql"), render(insert) + QStringLiteral("\n") + copy + QLatin1Char('\n'));
}

TEST(SqlGolden, BronzeInsertForPostgres)
{
    const core::BronzeSql sql(kPostgres);
    const QList<core::BronzeRecord> records{
        {2, {QStringLiteral("ev-1"), QStringLiteral("2026-03-01T09:00:00Z"), QStringLiteral("adv-1"), QStringLiteral("c1"),
             QStringLiteral("u-1"), QStringLiteral("29"), QStringLiteral("f"), QStringLiteral("US"), QString(),
             QStringLiteral("mobile"), QStringLiteral("travel"), QStringLiteral("impression"), QStringLiteral("2500000")}},
        {3, {QStringLiteral("x' OR '1'='1"), QString(), QString(), QString(), QString(), QString(), QString(), QString(),
             QString(), QString(), QString(), QString(), QString()}}};
    const auto insert = sql.insert(QStringLiteral("7f3c2d1e-0000-4000-8000-000000000001"), QStringLiteral("feed.csv"), records);
    EXPECT_EQ(insert.sql.indexOf(QStringLiteral("OR '1'")), -1) << "values are bound";
    EXPECT_EQ(insert.params.size(), 2 + 14 * records.size());
    EXPECT_EQ(insert.sql.indexOf(QStringLiteral("current_timestamp()")), -1) << "not PostgreSQL";
    expectGolden(QStringLiteral("bronze_postgres.sql"), render(insert));
}

TEST(SqlGolden, BronzeRowInsertForSqlite)
{
    const QString sql = core::BronzeSql::sqliteRowInsert();
    EXPECT_EQ(sql.count(QLatin1Char('?')), core::BronzeSql::landingColumns().size() + 1) << "every value bound";
    expectGolden(QStringLiteral("bronze_sqlite.sql"), sql + QLatin1Char('\n'));
}

TEST(SqlGolden, ReferenceValuesAreBoundInChunksThatSqliteAccepts)
{
    auto catalogue = core::Catalogue::load();
    ASSERT_TRUE(catalogue);
    for (const auto& target : {core::SqlTarget{}, kDatabricks, kPostgres}) {
        const auto statements = core::PipelineSql(target).referenceValues(*catalogue.value());
        qsizetype values = 0;
        for (const auto& st : statements) {
            EXPECT_LE(st.sql.params.size(), 2 * 200);
            EXPECT_EQ(st.sql.params.size() % 2, 0);
            EXPECT_EQ(st.sql.sql.indexOf(QStringLiteral("'US'")), -1) << "values are bound, never spliced";
            values += st.sql.params.size() / 2;
        }
        const auto& c = *catalogue.value();
        EXPECT_EQ(values, c.values(Dimension::Age).size() + c.values(Dimension::Country).size() +
                              c.values(Dimension::Region).size() + c.values(Dimension::Device).size() + c.eventTypes().size());
    }
}

TEST(SqlGolden, SegmentReferencesAreInlinedAndCyclesRefused)
{
    const QString a = QStringLiteral("a");
    core::SimpleDefinition refersToA;
    refersToA.includeSegments = {a};
    core::SimpleDefinition aDef;
    aDef.include[Dimension::Gender] = {QStringLiteral("female")};
    const core::DefinitionSqlBuilder builder(core::SqlTarget{}, kAsOf, [&](const QString& id) -> std::optional<core::Definition> {
        if (id == a)
            return aDef.toDefinition();
        return std::nullopt;
    });
    core::SqlParams params;
    QStringList joins;
    auto sql = builder.predicate(refersToA.toDefinition().root(), QStringLiteral("p"), params, joins);
    ASSERT_TRUE(sql);
    EXPECT_EQ(sql.value(), QStringLiteral("(((p.gender IN (:p1))))"));

    aDef.includeSegments = {a};
    core::SqlParams params2;
    auto loop = builder.predicate(refersToA.toDefinition().root(), QStringLiteral("p"), params2, joins);
    ASSERT_FALSE(loop);
    EXPECT_EQ(loop.error().code, QStringLiteral("segment_cycle"));
}

// Three segments of two advertisers in a comparison: every kind of condition, a behaviour
// window, and a reference to another segment (inlined).
QList<core::OverlapQueryBuilder::Segment> comparedSegments()
{
    core::SimpleDefinition converters;
    converters.include[Dimension::Country] = {QStringLiteral("CA")};
    converters.behaviours = {{QStringLiteral("conversion"), 1, 90}};
    core::SimpleDefinition fans;
    fans.includeSegments = {QStringLiteral("seg-gb")};
    fans.exclude[Dimension::Device] = {QStringLiteral("ctv")};
    return {{everyKindOfCondition(), QStringLiteral("adv-pixel")},
            {converters.toDefinition(), QStringLiteral("adv-lumen")},
            {fans.toDefinition(), QStringLiteral("adv-pixel")}};
}

std::optional<core::Definition> resolveGb(const QString& id)
{
    if (id != QLatin1String("seg-gb"))
        return std::nullopt;
    core::SimpleDefinition gb;
    gb.include[Dimension::Country] = {QStringLiteral("GB")};
    return gb.toDefinition();
}

TEST(SqlGolden, OverlapQueryForDatabricks)
{
    const core::OverlapQueryBuilder builder(kDatabricks, kAsOf, 30, resolveGb);
    auto bound = builder.build(comparedSegments(), QDate(2026, 11, 1), kAsOf);
    ASSERT_TRUE(bound) << bound.error().toString().toStdString();
    expectGolden(QStringLiteral("overlap_databricks.sql"), render(bound.value()));
}

TEST(SqlGolden, OverlapQueryForSqlite)
{
    // A range starting before the reach window widens the users scanned to those seen since then.
    const core::OverlapQueryBuilder builder(core::SqlTarget{}, kAsOf, 30, resolveGb);
    auto bound = builder.build(comparedSegments(), QDate(2026, 9, 1), QDate(2026, 9, 30));
    ASSERT_TRUE(bound) << bound.error().toString().toStdString();
    expectGolden(QStringLiteral("overlap_sqlite.sql"), render(bound.value()));
}

TEST(SqlGolden, OverlapQueryNeedsTwoToSixSegmentsAndARange)
{
    const core::OverlapQueryBuilder builder(core::SqlTarget{}, kAsOf, 30);
    const core::OverlapQueryBuilder::Segment segment{everyKindOfCondition(), QStringLiteral("adv")};
    const auto one = builder.build({segment}, QDate(2026, 11, 1), kAsOf);
    ASSERT_FALSE(one);
    EXPECT_EQ(one.error().code, QStringLiteral("overlap_segment_count"));
    EXPECT_FALSE(
        builder.build(QList<core::OverlapQueryBuilder::Segment>(7, segment), QDate(2026, 11, 1), kAsOf));
    EXPECT_TRUE(
        builder.build(QList<core::OverlapQueryBuilder::Segment>(6, segment), QDate(2026, 11, 1), kAsOf));
    const auto reversed = builder.build({segment, segment}, kAsOf, QDate(2026, 11, 1));
    ASSERT_FALSE(reversed);
    EXPECT_EQ(reversed.error().code, QStringLiteral("overlap_range_invalid"));
}

} // namespace

namespace {

core::Segment goldenSegment()
{
    core::Segment s;
    s.id = QStringLiteral("3f1e0c8a-0000-4000-8000-000000000001");
    s.advertiserId = QStringLiteral("adv-pixel");
    s.name = QStringLiteral("Mobile Gamers 18-34");
    s.description = QStringLiteral("Young mobile players");
    s.status = core::SegmentStatus::Active;
    core::SimpleDefinition d;
    d.include[Dimension::Country] = {QStringLiteral("US")};
    s.definition = d.toDefinition();
    s.definitionHash = s.definition.hash();
    s.version = 2;
    s.createdBy = QStringLiteral("sam");
    s.createdAt = QDateTime(QDate(2026, 11, 1), QTime(9, 30), QTimeZone::utc());
    s.updatedBy = QStringLiteral("kim");
    s.updatedAt = QDateTime(QDate(2026, 11, 2), QTime(10, 15), QTimeZone::utc());
    return s;
}

// Every statement of SegmentSql, one after another, as one dialect gets them.
QString segmentStatements(const core::SqlTarget& target)
{
    const core::SegmentSql sql(target);
    const core::Segment s = goldenSegment();
    core::SegmentQuery query;
    query.advertiserId = s.advertiserId;
    query.text = QStringLiteral("Gamers_100%");
    query.status = core::SegmentStatus::Active;
    query.sort = core::SegmentSort::UpdatedNewestFirst;
    query.limit = 50;
    core::SegmentVersion v;
    v.segmentId = s.id;
    v.version = 2;
    v.change = QStringLiteral("updated");
    v.name = s.name;
    v.description = s.description;
    v.status = s.status;
    v.definition = s.definition;
    v.definitionHash = s.definitionHash;
    v.changedBy = s.updatedBy;
    v.changedAt = s.updatedAt;
    const core::Advertiser advertiser{QStringLiteral("adv-pixel"), QStringLiteral("Pixel Outdoor")};
    QString out;
    for (const auto& bound : {sql.selectById(s.id), sql.selectByIds({s.id, QStringLiteral("other")}), sql.list(query),
                              sql.liveNameKeys(s.advertiserId, s.id), sql.history(s.id), sql.listAdvertisers(),
                              sql.advertiserExists(s.advertiserId), sql.dataAsOf(), sql.insert(s),
                              sql.updateWhereVersion(s, 1), sql.insertVersionRow(v), sql.upsertAdvertiserRow(advertiser),
                              sql.cachedReach(s.id, s.definitionHash, QStringLiteral("2026-11-24")),
                              sql.storeCachedReach(s.id, s.definitionHash, QStringLiteral("2026-11-24"), 1234),
                              sql.clearReachCache()})
        out += render(bound) + QLatin1Char('\n');
    return out;
}

// Every statement of AccessSql as one dialect gets them.
QString accessStatements(const core::SqlTarget& target)
{
    const core::AccessSql sql(target);
    const QString at = QStringLiteral("2026-11-02T10:15:00.000Z");
    const QString os = QStringLiteral("os-user");
    QString out;
    for (const auto& bound : {sql.grants(QStringLiteral("adv-pixel")), sql.grants({}), sql.myRoles(os),
                              sql.roleOn(QStringLiteral("adv-pixel"), os), sql.claimFirstOwner(QStringLiteral("adv-pixel"), at, os),
                              sql.claimNewAdvertiser(QStringLiteral("adv-pixel"), at, os),
                              sql.upsert(QStringLiteral("adv-pixel"), QStringLiteral("kim@example.com"), core::AdvertiserRole::Editor, at, os),
                              sql.remove(QStringLiteral("adv-pixel"), QStringLiteral("kim@example.com"))})
        out += render(bound) + QLatin1Char('\n');
    return out;
}

} // namespace

TEST(SqlGolden, AccessStatementsForEachDialect)
{
    expectGolden(QStringLiteral("access_sqlite.sql"), accessStatements(core::SqlTarget{core::SqlDialect::Sqlite, {}}));
    expectGolden(QStringLiteral("access_postgres.sql"), accessStatements(core::SqlTarget{core::SqlDialect::Postgres, {}}));
    expectGolden(QStringLiteral("access_databricks.sql"), accessStatements(kDatabricks));
}

// On the shared backends the writer is the backend's own current_user: the name the client hands
// in (here "kim", "sam", "os-user") is never bound, so it cannot be forged; SQLite binds the OS user.
TEST(SqlGolden, SharedDialectsRecordTheBackendsCurrentUserNeverTheClientsName)
{
    const core::Segment s = goldenSegment();
    core::SegmentVersion v;
    v.segmentId = s.id;
    v.version = 2;
    v.change = QStringLiteral("updated");
    v.name = s.name;
    v.definition = s.definition;
    v.changedBy = s.updatedBy;
    v.changedAt = s.updatedAt;
    for (const auto& target : {core::SqlTarget{core::SqlDialect::Postgres, {}}, kDatabricks}) {
        const core::SegmentSql sql(target);
        const QString actor = target.dialect == core::SqlDialect::Databricks ? QStringLiteral("current_user()")
                                                                               : QStringLiteral("CURRENT_USER");
        for (const auto& bound : {sql.insert(s), sql.updateWhereVersion(s, 1), sql.insertVersionRow(v), sql.insertIfAbsent(s),
                                  sql.updateIfVersion(s, 1), sql.insertVersion(v),
                                  core::AccessSql(target).upsert(s.advertiserId, QStringLiteral("lee"), core::AdvertiserRole::Viewer,
                                                                 QStringLiteral("2026-11-02T10:15:00.000Z"), QStringLiteral("os-user"))}) {
            EXPECT_TRUE(bound.sql.contains(actor)) << bound.sql.toStdString();
            for (const auto& p : bound.params) {
                EXPECT_NE(p.value.toString(), s.updatedBy) << bound.sql.toStdString();
                EXPECT_NE(p.value.toString(), QStringLiteral("os-user")) << bound.sql.toStdString();
            }
        }
        // An import keeps the exported authorship on the segment row (its version row records the importer).
        EXPECT_FALSE(sql.insert(s, true).sql.contains(actor));
    }
    const core::SegmentSql local(core::SqlTarget{core::SqlDialect::Sqlite, {}});
    bool bound = false;
    for (const auto& p : local.updateWhereVersion(s, 1).params)
        bound = bound || p.value.toString() == s.updatedBy;
    EXPECT_TRUE(bound);
}

TEST(SqlGolden, SegmentWritesForDatabricks)
{
    const core::SegmentSql sql(kDatabricks);
    const core::Segment s = goldenSegment();
    core::SegmentVersion v;
    v.segmentId = s.id;
    v.version = 2;
    v.change = QStringLiteral("updated");
    v.name = s.name;
    v.description = s.description;
    v.status = s.status;
    v.definition = s.definition;
    v.definitionHash = s.definitionHash;
    v.changedBy = s.updatedBy;
    v.changedAt = s.updatedAt;
    QString out;
    for (const auto& bound : {sql.insertIfAbsent(s), sql.updateIfVersion(s, 1), sql.insertVersion(v), sql.confirmVersion(v)})
        out += render(bound) + QLatin1Char('\n');
    expectGolden(QStringLiteral("segment_writes_databricks.sql"), out);
}

TEST(SqlGolden, SegmentStatementsForTheTransactionalDialects)
{
    // The local workspace and PostgreSQL/Lakebase share the segment store and its statements.
    expectGolden(QStringLiteral("segment_sqlite.sql"), segmentStatements(core::SqlTarget{core::SqlDialect::Sqlite, {}}));
    expectGolden(QStringLiteral("segment_postgres.sql"), segmentStatements(core::SqlTarget{core::SqlDialect::Postgres, {}}));
}

TEST(SqlGolden, SegmentSearchMatchesNameAndDescriptionTheSameWayInEveryDialect)
{
    // The local list once matched `description LIKE ?` where Databricks used lower(description):
    // one builder now writes the search for every backend.
    core::SegmentQuery query;
    query.text = QStringLiteral("Hikers");
    for (const auto& target : {core::SqlTarget{core::SqlDialect::Sqlite, {}}, core::SqlTarget{core::SqlDialect::Postgres, {}},
                               kDatabricks}) {
        const auto bound = core::SegmentSql(target).list(query);
        EXPECT_NE(bound.sql.indexOf(QStringLiteral("name_key LIKE :p1 ESCAPE '!' OR lower(description) LIKE :p2 ESCAPE '!'")), -1)
            << bound.sql.toStdString();
        ASSERT_EQ(bound.params.size(), 2);
        EXPECT_EQ(bound.params.at(1).value.toString(), QStringLiteral("%hikers%"));
    }
}

TEST(SqlGolden, PostgresDiagnosticsBindTheTableNamesAndQuoteTheRoleInTheGrant)
{
    expectGolden(QStringLiteral("pg_diagnostics_postgres.sql"),
                 render(core::PgDiagnosticsSql::identity()) + QLatin1Char('\n') +
                     render(core::PgDiagnosticsSql::tablePrivileges({QStringLiteral("gold_segments"), QStringLiteral("advertisers")})));
    EXPECT_EQ(core::PgDiagnosticsSql::grant({QStringLiteral("INSERT")}, {QStringLiteral("gold_segments")}, QStringLiteral("sam@example.com")),
              QStringLiteral("GRANT INSERT ON TABLE gold_segments TO \"sam@example.com\";"));
    EXPECT_EQ(core::PgDiagnosticsSql::quoteIdentifier(QStringLiteral("a\"b")), QStringLiteral("\"a\"\"b\""));
    EXPECT_EQ(core::PgDiagnosticsSql::quoteIdentifier(QStringLiteral("segments_app")), QStringLiteral("segments_app"));
}

TEST(SqlGolden, MigrationBookkeepingAndPipelineStatePerDialect)
{
    for (const auto& [dialect, name] : {std::pair{core::SqlDialect::Sqlite, "sqlite"}, std::pair{core::SqlDialect::Postgres, "postgres"}}) {
        const core::MigrationSql m(dialect);
        const core::PipelineStateSql state(core::SqlTarget{dialect, {}});
        QString out;
        for (const auto& bound : {m.createTable(), m.tablePresent(), m.currentVersion(),
                                  m.record(4, QStringLiteral("audience_lists"), QStringLiteral("2026-12-06T10:00:00.000Z")),
                                  m.lock(0x5365674275696c64), state.setValue(QStringLiteral("gold_inputs:s1"), QStringLiteral("ab12")),
                                  state.has(core::PipelineStateSql::kAudienceRebuildNeeded),
                                  state.remove(QStringLiteral("gold_inputs:s1")), state.withPrefix(QStringLiteral("gold_inputs:")),
                                  state.removeWithPrefix(QStringLiteral("gold_inputs:")),
                                  state.dropMetricsNotUnder(QStringLiteral("gold_inputs:"))})
            out += render(bound) + QLatin1Char('\n');
        expectGolden(QStringLiteral("migration_state_%1.sql").arg(QLatin1String(name)), out);
    }
    EXPECT_TRUE(core::MigrationSql(core::SqlDialect::Sqlite).lock(1).sql.isEmpty()) << "BEGIN IMMEDIATE serialises SQLite";
}

// --- members and identifiers (AudienceSql) ------------------------------------------------------

QString renderAudience(const core::SqlTarget& target)
{
    const core::AudienceSql sql(target);
    const core::ReachQueryBuilder reach(target, kAsOf, 30);
    auto members = sql.members(reach, everyKindOfCondition());
    auto identifiers = sql.memberIdentifiers(reach, everyKindOfCondition());
    EXPECT_TRUE(members && identifiers);
    QString out = QStringLiteral("-- members\n") + render(members.value()) + QStringLiteral("\n-- member identifiers\n") +
                  render(identifiers.value()) + QStringLiteral("\n-- count\n") + render(sql.count());
    if (target.dialect == core::SqlDialect::Databricks)
        return out; // the data engineers' table: the app only reads it
    core::CustomerIdentifiers full{QStringLiteral("u1"),         QStringLiteral("ann@example.com"),
                                   QStringLiteral("+15555550101"), QStringLiteral("Ann"),
                                   QStringLiteral("Lee"),        QStringLiteral("Austin"),
                                   QStringLiteral("US-TX"),      QStringLiteral("78701"),
                                   QStringLiteral("US"),         QStringLiteral("1985-04-12")};
    core::CustomerIdentifiers sparse;
    sparse.userId = QStringLiteral("u2");
    sparse.email = QStringLiteral("bo@example.org");
    out += QStringLiteral("\n-- existing rows\n") + render(sql.countExisting({QStringLiteral("u1"), QStringLiteral("u2")})) +
           QStringLiteral("\n-- upsert\n") + render(sql.upsert({full, sparse}));
    return out;
}

TEST(SqlGolden, MembersAndIdentifiersForEachDialect)
{
    expectGolden(QStringLiteral("audience_sqlite.sql"), renderAudience(core::SqlTarget{}));
    expectGolden(QStringLiteral("audience_postgres.sql"), renderAudience(kPostgres));
    expectGolden(QStringLiteral("audience_databricks.sql"), renderAudience(kDatabricks));
}

// The member query is the reach query's own per-user flags: the same predicates and parameters,
// summed there and listed here.
TEST(SqlGolden, MembersAreBuiltFromTheReachQuerysFlags)
{
    for (const auto& target : {core::SqlTarget{}, kDatabricks, kPostgres}) {
        const core::ReachQueryBuilder reach(target, kAsOf, 30);
        auto counted = reach.build(everyKindOfCondition());
        auto listed = reach.buildMembers(everyKindOfCondition());
        ASSERT_TRUE(counted && listed);
        EXPECT_EQ(listed.value().params, counted.value().params);
        // The reach's per-user rows: "(SELECT <flags> FROM audience_profiles p <joins> WHERE p.last_seen >= ..."
        // (SQLite: "+p.last_seen", which keeps its index out of the scan).
        const QString lastSeen = target.dialect == core::SqlDialect::Sqlite ? QStringLiteral(" WHERE +p.last_seen >= ")
                                                                          : QStringLiteral(" WHERE p.last_seen >= ");
        const QString& reachSql = counted.value().sql;
        const qsizetype from = reachSql.indexOf(QStringLiteral("(SELECT ")) + 8;
        const qsizetype to = reachSql.indexOf(lastSeen, from);
        ASSERT_GT(to, from);
        const QString perUser = QStringLiteral("(SELECT p.user_id, ") + reachSql.mid(from, to - from) + lastSeen;
        EXPECT_TRUE(listed.value().sql.contains(perUser)) << listed.value().sql.toStdString();
        EXPECT_TRUE(listed.value().sql.contains(QStringLiteral("WHERE f0*f1*f2*f3*f4*f5 = 1")))
            << listed.value().sql.toStdString();
    }
}

TEST(SqlGolden, IdentifiersAreBoundNeverSpliced)
{
    core::CustomerIdentifiers nasty;
    nasty.userId = QStringLiteral("u' OR '1'='1");
    nasty.email = QStringLiteral("x'); DROP TABLE customer_identifiers;--@example.com");
    nasty.lastName = QStringLiteral("O'Brien \\ \"Jr\"\t\x01 Ünal");
    for (const auto& target : {core::SqlTarget{}, kPostgres}) {
        const core::AudienceSql sql(target);
        for (const auto& bound : {sql.upsert({nasty}), sql.countExisting({nasty.userId})}) {
            for (const QString& value : {nasty.userId, nasty.email, nasty.lastName})
                EXPECT_FALSE(bound.sql.contains(value)) << bound.sql.toStdString();
        }
        // The rows travel as one JSON parameter: unknown values as null, everything else verbatim.
        const auto upsert = sql.upsert({nasty});
        ASSERT_EQ(upsert.params.size(), 1);
        const QJsonArray rows = QJsonDocument::fromJson(upsert.params.first().value.toString().toUtf8()).array();
        ASSERT_EQ(rows.size(), 1);
        const QJsonObject row = rows.first().toObject();
        EXPECT_EQ(row.value(QStringLiteral("user_id")).toString(), nasty.userId);
        EXPECT_EQ(row.value(QStringLiteral("email")).toString(), nasty.email);
        EXPECT_EQ(row.value(QStringLiteral("last_name")).toString(), nasty.lastName);
        EXPECT_TRUE(row.value(QStringLiteral("phone")).isNull()) << "an unknown phone is stored as NULL";
        EXPECT_EQ(row.keys().size(), core::AudienceSql::identifierColumns().size());
    }
}


namespace {

core::Experiment goldenExperiment()
{
    core::Experiment e;
    e.id = QStringLiteral("9a8b7c6d-0000-4000-8000-000000000017");
    e.segmentId = QStringLiteral("3f1e0c8a-0000-4000-8000-000000000001");
    e.advertiserId = QStringLiteral("adv-pixel");
    e.name = QStringLiteral("Spring banner");
    e.key = QStringLiteral("spring-banner-2026");
    e.arms = {{QStringLiteral("control"), 50}, {QStringLiteral("banner"), 30}, {QStringLiteral("video"), 20}};
    e.holdoutPercent = 10;
    e.startDate = QDate(2026, 11, 1);
    e.endDate = QDate(2026, 11, 30);
    e.primaryMetric = core::ExperimentMetric::Cvr;
    e.status = core::ExperimentStatus::Running;
    e.version = 2;
    e.createdBy = QStringLiteral("sam");
    e.createdAt = QDateTime(QDate(2026, 10, 30), QTime(9, 0), QTimeZone::utc());
    e.updatedBy = QStringLiteral("kim");
    e.updatedAt = QDateTime(QDate(2026, 10, 31), QTime(8, 30), QTimeZone::utc());
    return e;
}

// Every statement of ExperimentSql, as one dialect gets them: the rows, then assignments and the
// results (without and with the per-person squares) over the members of a segment with every
// kind of condition.
// The idempotency key of an outbox change (a UUID without braces).
const QString kGoldenChangeKey = QStringLiteral("6f1c1d7e-0b7a-4f6e-9d7a-1f2e3d4c5b6a");

QString experimentStatements(const core::SqlTarget& target)
{
    const core::ExperimentSql sql(target);
    const core::Experiment e = goldenExperiment();
    core::Segment segment = goldenSegment();
    segment.definition = everyKindOfCondition();
    QList<core::BoundSql> all{sql.selectById(e.id), sql.selectByKey(e.key), sql.list(e.advertiserId, e.segmentId),
                              sql.list({}, {}), sql.history(e.id), sql.dataAsOf()};
    if (target.dialect == core::SqlDialect::Databricks)
        all << sql.insertIfKeyFree(e) << sql.updateIfVersion(e, 1) << sql.insertVersion(e, QStringLiteral("updated"))
            << sql.confirmVersion(e, QStringLiteral("updated"), kGoldenChangeKey);
    else
        all << sql.insert(e) << sql.updateWhereVersion(e, 1) << sql.insertVersionRow(e, QStringLiteral("updated"))
            << sql.insertVersionRow(e, QStringLiteral("updated"), kGoldenChangeKey);
    for (const auto& built : {sql.assignments(e, segment, kAsOf, 30, {}),
                              sql.results(e, segment, kAsOf, 30, {}, e.startDate, QDate(2026, 11, 24), false),
                              sql.results(e, segment, kAsOf, 30, {}, e.startDate, QDate(2026, 11, 24), true)}) {
        EXPECT_TRUE(built) << built.error().toString().toStdString();
        if (built)
            all << built.value();
    }
    QString out;
    for (const auto& bound : all)
        out += render(bound) + QLatin1Char('\n');
    return out;
}

} // namespace

TEST(SqlGolden, ExperimentStatementsForEachDialect)
{
    expectGolden(QStringLiteral("experiment_sqlite.sql"), experimentStatements(core::SqlTarget{core::SqlDialect::Sqlite, {}}));
    expectGolden(QStringLiteral("experiment_postgres.sql"), experimentStatements(kPostgres));
    expectGolden(QStringLiteral("experiment_databricks.sql"), experimentStatements(kDatabricks));
}

TEST(SqlGolden, ExperimentStatementsBindEveryValue)
{
    core::Experiment e = goldenExperiment();
    e.name = QStringLiteral("x' OR '1'='1");
    e.key = QStringLiteral("key-x");
    core::Segment segment = goldenSegment();
    segment.advertiserId = QStringLiteral("adv-x' OR '1'='1");
    for (const auto& target : {core::SqlTarget{}, kDatabricks, kPostgres}) {
        const core::ExperimentSql sql(target);
        auto assignments = sql.assignments(e, segment, kAsOf, 30, {});
        auto totals = sql.results(e, segment, kAsOf, 30, {}, e.startDate, kAsOf, true);
        ASSERT_TRUE(assignments && totals);
        for (const auto& bound : {sql.insert(e), sql.insertIfKeyFree(e), sql.updateIfVersion(e, 1),
                                  sql.selectByKey(e.key), assignments.value(), totals.value()}) {
            for (const QString& value : {e.name, e.key, segment.advertiserId, e.id, QStringLiteral("'US'")})
                EXPECT_FALSE(bound.sql.contains(value)) << value.toStdString() << " in " << bound.sql.toStdString();
        }
        // The seed (here the key) is bound once, in the hash.
        qsizetype seeds = 0;
        for (const auto& p : assignments.value().params)
            seeds += p.value.toString() == e.key ? 1 : 0;
        EXPECT_EQ(seeds, 1);
    }
}

TEST(SqlGolden, DatabricksProvisioningCreatesEveryTableWithItsComments)
{
    QString out;
    for (const auto& statement : core::ProvisioningSql(QStringLiteral("main"), QStringLiteral("ad_segments")).statements())
        out += QStringLiteral("-- %1\n%2\n").arg(statement.object, statement.sql);
    expectGolden(QStringLiteral("provisioning_databricks.sql"), out);
    const QStringList tables = core::ProvisioningSql(QStringLiteral("main"), QStringLiteral("ad_segments")).tableNames();
    EXPECT_TRUE(tables.contains(QStringLiteral("gold_experiments")));
    EXPECT_TRUE(tables.contains(QStringLiteral("gold_experiment_versions")));
}

namespace {

core::AuditEntry goldenAuditEntry()
{
    core::AuditEntry e;
    e.id = QStringLiteral("6a0c1e62-4d3f-4b8e-9f7a-2c5d8e1b3a90");
    e.at = QDateTime(QDate(2026, 11, 2), QTime(14, 5, 9, 250), QTimeZone::utc());
    e.actor = QStringLiteral("kim");
    e.advertiserId = QStringLiteral("adv-1");
    e.objectKind = core::AuditEntry::kSegment;
    e.objectId = QStringLiteral("seg-1");
    e.action = QStringLiteral("updated");
    e.version = 3;
    e.before = QStringLiteral(R"({"name":"Before"})");
    e.after = QStringLiteral(R"({"name":"After"})");
    return e;
}

// Every statement of AuditSql, as one dialect gets them: an entry, one without a before, and the
// lists (all, an advertiser's, an object's).
QString auditStatements(const core::SqlTarget& target)
{
    const core::AuditSql sql(target);
    core::AuditEntry created = goldenAuditEntry();
    created.before.clear();
    created.action = QStringLiteral("created");
    created.version = 1;
    core::AuditQuery object;
    object.objectId = QStringLiteral("seg-1");
    object.limit = 20;
    core::AuditQuery advertiser;
    advertiser.advertiserId = QStringLiteral("adv-1");
    QString out;
    for (const auto& bound : {sql.record(goldenAuditEntry()), sql.record(created), sql.list({}), sql.list(advertiser), sql.list(object)})
        out += render(bound) + QLatin1Char('\n');
    return out;
}

} // namespace

TEST(SqlGolden, AuditStatementsForEachDialect)
{
    expectGolden(QStringLiteral("audit_sqlite.sql"), auditStatements(core::SqlTarget{core::SqlDialect::Sqlite, {}}));
    expectGolden(QStringLiteral("audit_postgres.sql"), auditStatements(kPostgres));
    expectGolden(QStringLiteral("audit_databricks.sql"), auditStatements(kDatabricks));
}

TEST(SqlGolden, AuditStatementsBindEveryValue)
{
    core::AuditEntry e = goldenAuditEntry();
    e.actor = QStringLiteral("x' OR '1'='1");
    e.after = QStringLiteral(R"({"name":"Robert'); DROP TABLE audit_log;--"})");
    core::AuditQuery q;
    q.advertiserId = QStringLiteral("adv-x' OR '1'='1");
    q.objectId = QStringLiteral("seg'--");
    for (const auto& target : {core::SqlTarget{}, kDatabricks, kPostgres}) {
        const core::AuditSql sql(target);
        for (const auto& bound : {sql.record(e), sql.list(q)})
            for (const QString& value : {e.actor, e.after, e.id, q.advertiserId, q.objectId})
                EXPECT_FALSE(bound.sql.contains(value)) << value.toStdString() << " in " << bound.sql.toStdString();
    }
}
