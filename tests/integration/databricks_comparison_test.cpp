// Comparisons on Databricks (DatabricksComparisonSource + ComparisonBuilder) against the emulator:
// the figures of a small hand-counted audience, segments read through their references, every
// value bound (never spliced into the SQL text), and a statement that FAILS with HTTP 200 failing
// the whole comparison with Databricks' message.
#include <gtest/gtest.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "analytics/comparison_builder.h"
#include "common/future_wait.h"
#include "backends/databricks/databricks_comparison_source.h"
#include "backends/databricks/databricks_metrics_store.h"
#include "backends/databricks/databricks_segment_store.h"
#include "support/emulated_workspace.h"
#include "support/segment_builders.h"
#include "support/test_catalogue.h"

namespace {

using T = core::SqlParam::Type;
const QString kAdvertiser = QStringLiteral("adv-db");
const QString kCatalog = QStringLiteral("main");
const QString kSchema = QStringLiteral("ad_segments");

class DatabricksComparisonTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ws = testsupport::EmulatedWorkspace::create();
        ASSERT_TRUE(ws);
        ASSERT_TRUE(ws->provision());
        segments = std::make_unique<core::DatabricksSegmentStore>(
            ws->statements.get(), kCatalog, kSchema, testsupport::catalogue(), QStringLiteral("emulator"));
        metrics = std::make_unique<core::DatabricksMetricsStore>(ws->statements.get(), kCatalog, kSchema);
        source = std::make_unique<core::DatabricksComparisonSource>(ws->statements.get(), kCatalog, kSchema,
                                                                    *metrics);
        run(QStringLiteral(
                "INSERT INTO main.ad_segments.advertisers (advertiser_id, name) VALUES (:id, 'DB')"),
            {{QStringLiteral("id"), kAdvertiser, T::String}});
        // u1, u2 US; u3 CA; u4 GB — active in the 30 days ending 2026-09-03; u5 US, long gone.
        profile(QStringLiteral("u1"), QStringLiteral("US"), QDate(2026, 9, 3));
        profile(QStringLiteral("u2"), QStringLiteral("US"), QDate(2026, 9, 1));
        profile(QStringLiteral("u3"), QStringLiteral("CA"), QDate(2026, 9, 2));
        profile(QStringLiteral("u4"), QStringLiteral("GB"), QDate(2026, 9, 3));
        profile(QStringLiteral("u5"), QStringLiteral("US"), QDate(2026, 6, 1));
        // Seen by the advertiser in the range: u1 and u3.
        impression(QStringLiteral("e1"), QStringLiteral("u1"), QStringLiteral("US"), QDate(2026, 9, 1));
        impression(QStringLiteral("e2"), QStringLiteral("u3"), QStringLiteral("CA"), QDate(2026, 9, 2));

        us = create(QStringLiteral("US"), testsupport::countries({QStringLiteral("US")}));
        northAmerica = create(QStringLiteral("North America"),
                              testsupport::countries({QStringLiteral("US"), QStringLiteral("CA")}));
        // North America without the US: refers to the segment above.
        auto outsideUs = core::Definition::fromJsonText(
            QStringLiteral(R"({"schema_version":1,"root":{"op":"and","children":[{"segment":"%1"},)"
                           R"({"op":"not","children":[{"dimension":"country","values":["US"]}]}]}})")
                .arg(northAmerica)
                .toUtf8());
        ASSERT_TRUE(outsideUs) << outsideUs.error().toString().toStdString();
        canada = create(QStringLiteral("North America outside the US"), outsideUs.value());

        dailyMetrics(us, QDate(2026, 9, 1), 400, 12);
        dailyMetrics(us, QDate(2026, 9, 3), 600, 9);
        dailyMetrics(northAmerica, QDate(2026, 9, 2), 1000, 50);
    }

    void run(const QString& sql, const QList<core::SqlParam>& params = {})
    {
        auto done = ws->execute(sql, params);
        ASSERT_TRUE(done) << done.error().toString().toStdString();
    }

    void profile(const QString& user, const QString& country, QDate lastSeen)
    {
        run(QStringLiteral(
                "INSERT INTO main.ad_segments.audience_profiles (user_id, age_bucket, gender, country, "
                "region, interests, devices, first_seen, last_seen) VALUES (:u, '25-34', 'f', :c, NULL, "
                "'|gaming|', '|mobile|', :d, :d)"),
            {{QStringLiteral("u"), user, T::String},
             {QStringLiteral("c"), country, T::String},
             {QStringLiteral("d"), lastSeen.toString(Qt::ISODate), T::Date}});
    }

    void impression(const QString& event, const QString& user, const QString& country, QDate day)
    {
        run(QStringLiteral(
                "INSERT INTO main.ad_segments.silver_impressions (event_id, event_time, event_date, "
                "advertiser_id, campaign_id, user_id, age_bucket, gender, country, region, device, "
                "interests, event_type, cost_micros) VALUES (:e, CAST(:d AS TIMESTAMP), :d, :a, 'c1', "
                ":u, '25-34', 'f', :c, NULL, 'mobile', '|gaming|', 'impression', 1000)"),
            {{QStringLiteral("e"), event, T::String},
             {QStringLiteral("d"), day.toString(Qt::ISODate), T::Date},
             {QStringLiteral("a"), kAdvertiser, T::String},
             {QStringLiteral("u"), user, T::String},
             {QStringLiteral("c"), country, T::String}});
    }

    void dailyMetrics(const QString& segment, QDate day, int impressions, int clicks)
    {
        run(QStringLiteral(
                "INSERT INTO main.ad_segments.gold_segment_daily_metrics (segment_id, day, impressions, "
                "clicks, conversions, unique_users, spend_micros) VALUES (:id, :day, :i, :c, 1, 50, "
                "2000000)"),
            {{QStringLiteral("id"), segment, T::String},
             {QStringLiteral("day"), day.toString(Qt::ISODate), T::Date},
             {QStringLiteral("i"), impressions, T::Int},
             {QStringLiteral("c"), clicks, T::Int}});
    }

    QString create(const QString& name, const core::Definition& definition)
    {
        auto s = core::awaitFuture(segments->createSegment(
            testsupport::draftSegment(kAdvertiser, name, definition), QStringLiteral("tester")));
        EXPECT_TRUE(s) << s.error().toString().toStdString();
        return s ? s.value().id : QString();
    }

    core::Result<core::Comparison> compare(const QStringList& ids)
    {
        return core::awaitFuture(core::ComparisonBuilder(*source, testsupport::catalogue()).build({ids, {}}));
    }

    // The statements submitted since `from` (their JSON bodies).
    QList<QJsonObject> submittedSince(qsizetype from) const
    {
        QList<QJsonObject> out;
        const auto& requests = ws->emulator->requests();
        for (qsizetype i = from; i < requests.size(); ++i) {
            if (requests[i].method == QLatin1String("POST") &&
                requests[i].path.endsWith(QLatin1String("/statements")))
                out.append(QJsonDocument::fromJson(requests[i].body).object());
        }
        return out;
    }

    std::unique_ptr<testsupport::EmulatedWorkspace> ws;
    std::unique_ptr<core::DatabricksSegmentStore> segments;
    std::unique_ptr<core::DatabricksMetricsStore> metrics;
    std::unique_ptr<core::DatabricksComparisonSource> source;
    QString us, northAmerica, canada;
};

} // namespace

TEST_F(DatabricksComparisonTest, ThreeSegmentsGiveTheHandCountedReachOverlapUsersAndKpis)
{
    auto c = compare({us, northAmerica, canada});
    ASSERT_TRUE(c) << c.error().toString().toStdString();
    EXPECT_EQ(c.value().asOf, QDate(2026, 9, 3));
    EXPECT_EQ(c.value().range.first, QDate(2026, 8, 5))
        << "the default range: 30 days ending on the last day with data";
    EXPECT_EQ(c.value().range.last, QDate(2026, 9, 3));
    const core::OverlapMatrix& o = c.value().overlap;
    EXPECT_EQ(o.activeUsers, 4);
    EXPECT_EQ(o.shared, (QList<QList<qint64>>{{2, 2, 0}, {2, 3, 1}, {0, 1, 1}}));
    ASSERT_EQ(c.value().count(), 3);
    EXPECT_EQ(c.value().segments[0].reach, 2);
    EXPECT_EQ(c.value().segments[1].reach, 3);
    EXPECT_EQ(c.value().segments[2].reach, 1);
    EXPECT_EQ(c.value().segments[0].kpis.uniqueUsers, 1) << "u1 was seen by the advertiser in the range";
    EXPECT_EQ(c.value().segments[1].kpis.uniqueUsers, 2);
    EXPECT_EQ(c.value().segments[2].kpis.uniqueUsers, 1);
    EXPECT_EQ(c.value().segments[0].kpis.impressions, 1000);
    EXPECT_EQ(c.value().segments[0].kpis.clicks, 21);
    EXPECT_EQ(c.value().segments[1].kpis.impressions, 1000);
    EXPECT_EQ(c.value().segments[1].kpis.clicks, 50);
    EXPECT_EQ(c.value().segments[2].kpis.impressions, 0);
    EXPECT_EQ(c.value().segments[0].daily.size(), 2);
    EXPECT_EQ(c.value().tests.size(), 3u * 2u) << "CTR and CVR of every pair";
}

TEST_F(DatabricksComparisonTest, ASegmentIsReadWithTheSegmentsItRefersTo)
{
    // "North America" is not compared, but the other segment's definition needs it.
    auto c = compare({us, canada});
    ASSERT_TRUE(c) << c.error().toString().toStdString();
    EXPECT_EQ(c.value().overlap.shared, (QList<QList<qint64>>{{2, 0}, {0, 1}}));
    EXPECT_EQ(c.value().segments[1].kpis.uniqueUsers, 1);
    // The definition diff names the referenced segment.
    bool named = false;
    for (const auto& row : c.value().definitionDiff.rows) {
        for (const auto& cell : row.cells)
            named = named || cell.text.contains(QStringLiteral("North America"));
    }
    EXPECT_TRUE(named);
}

TEST_F(DatabricksComparisonTest, EveryValueIsBoundAndAnIdThatLooksLikeSqlIsJustUnknown)
{
    const QString odd = QStringLiteral("x' OR '1'='1");
    const qsizetype before = ws->emulator->requests().size();
    auto c = compare({us, odd});
    ASSERT_FALSE(c);
    EXPECT_EQ(c.error().kind, core::ErrorKind::NotFound) << c.error().toString().toStdString();

    auto ok = compare({us, northAmerica});
    ASSERT_TRUE(ok) << ok.error().toString().toStdString();
    const QList<QJsonObject> statements = submittedSince(before);
    ASSERT_GE(statements.size(), 4) << "segments, data as of, metrics, audience";
    bool audience = false;
    for (const auto& s : statements) {
        const QString sql = s.value(QStringLiteral("statement")).toString();
        for (const QString& value : {odd, us, northAmerica, kAdvertiser, QStringLiteral("2026-08-05")})
            EXPECT_FALSE(sql.contains(value)) << value.toStdString() << " spliced into " << sql.toStdString();
        if (!sql.contains(QLatin1String("silver_impressions")))
            continue;
        audience = true;
        QStringList bound;
        for (const auto& p : s.value(QStringLiteral("parameters")).toArray())
            bound.append(p.toObject().value(QStringLiteral("value")).toString());
        EXPECT_TRUE(bound.contains(kAdvertiser));
        EXPECT_TRUE(bound.contains(QStringLiteral("US")));
        EXPECT_TRUE(bound.contains(QStringLiteral("2026-08-05")));
        EXPECT_EQ(s.value(QStringLiteral("catalog")).toString(), kCatalog);
        EXPECT_EQ(s.value(QStringLiteral("schema")).toString(), kSchema);
    }
    EXPECT_TRUE(audience) << "the audience query was submitted";
}

TEST_F(DatabricksComparisonTest, AnAudienceStatementThatFailsWithHttp200FailsTheComparison)
{
    emulator::Fault fault;
    fault.kind = emulator::Fault::Kind::StatementFailed;
    fault.sqlContains = QStringLiteral("shared_0_1");
    fault.errorCode = QStringLiteral("BAD_REQUEST");
    fault.message = QStringLiteral("[DIVIDE_BY_ZERO] Division by zero. SQLSTATE: 22012");
    ws->emulator->injectFault(fault);
    auto c = compare({us, northAmerica});
    ASSERT_FALSE(c) << "no comparison without its audience figures";
    EXPECT_EQ(c.error().httpStatus, 200);
    EXPECT_EQ(c.error().code, QStringLiteral("22012"));
    EXPECT_TRUE(c.error().detail.contains(QStringLiteral("DIVIDE_BY_ZERO")))
        << c.error().toString().toStdString();
    EXPECT_TRUE(c.error().userMessage.contains(QStringLiteral("compare the segments")))
        << c.error().toString().toStdString();
}

TEST_F(DatabricksComparisonTest, AMetricsStatementThatFailsFailsTheComparisonToo)
{
    emulator::Fault fault;
    fault.kind = emulator::Fault::Kind::StatementFailed;
    fault.sqlContains = QStringLiteral("gold_segment_daily_metrics");
    fault.errorCode = QStringLiteral("BAD_REQUEST");
    fault.message =
        QStringLiteral("[INSUFFICIENT_PERMISSIONS] Insufficient privileges: User does not have SELECT on "
                       "Table 'main.ad_segments.gold_segment_daily_metrics'. SQLSTATE: 42501");
    ws->emulator->injectFault(fault);
    auto c = compare({us, northAmerica});
    ASSERT_FALSE(c);
    EXPECT_EQ(c.error().kind, core::ErrorKind::Permission) << c.error().toString().toStdString();
}

TEST(DatabricksComparisonRow, IntegersNullsAndNonIntegers)
{
    core::StatementResult r;
    r.columns = {{QStringLiteral("a"), QStringLiteral("LONG")},
                 {QStringLiteral("b"), QStringLiteral("LONG")}};
    r.rows = {{QVariant(QStringLiteral("42")), QVariant()}};
    auto row = core::DatabricksComparisonSource::integerRow(r, QStringLiteral("compare"));
    ASSERT_TRUE(row);
    EXPECT_EQ(row.value().value(QStringLiteral("a")), 42);
    EXPECT_EQ(row.value().value(QStringLiteral("b"), -1), 0) << "NULL counts as 0";
    r.rows = {{QVariant(QStringLiteral("4.5")), QVariant()}};
    auto bad = core::DatabricksComparisonSource::integerRow(r, QStringLiteral("compare"));
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().kind, core::ErrorKind::Parse);
    r.rows.clear();
    EXPECT_FALSE(core::DatabricksComparisonSource::integerRow(r, QStringLiteral("compare")));
}
