// Comparisons on a demo workspace: overlap, reach and distinct users match brute-force counts
// from the cleaned events; KPIs match the daily rows; bad requests fail clearly; saved
// comparisons persist with clear errors for bad or duplicate names.
#include <gtest/gtest.h>

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>

#include "analytics/comparison_builder.h"
#include "domain/segment_validator.h"
#include "sql/overlap_query_builder.h"
#include "common/future_wait.h"
#include "demo/demo_generator.h"
#include "backends/sqlite/sqlite_backend.h"
#include "support/audience_brute_force.h"
#include "support/test_catalogue.h"

namespace {

class ComparisonOnDemo : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        s_dir = new QTemporaryDir;
        s_path = new QString(s_dir->filePath(QStringLiteral("ws.sqlite")));
        core::DemoOptions o;
        o.seed = 23;
        o.endDate = QDate(2026, 9, 30);
        o.users = 3000;
        o.days = 75;
        o.meanEventsPerUserPerDay = 0.15;
        ASSERT_TRUE(core::DemoGenerator::createWorkspace(*s_path, o));
        openStore();
    }
    static void TearDownTestSuite()
    {
        delete s_store;
        delete s_brute;
        delete s_path;
        delete s_dir;
    }
    static void openStore()
    {
        delete s_store;
        auto store = core::SqliteBackend::open(*s_path, testsupport::catalogue());
        ASSERT_TRUE(store) << store.error().toString().toStdString();
        s_store = store.value().release();
        auto all = core::awaitFuture(s_store->segments().listSegments({}));
        ASSERT_TRUE(all);
        s_segments = all.value();
        if (!s_brute) {
            s_brute = new testsupport::AudienceBruteForce(
                *s_path, [](const QString& id) -> std::optional<core::Definition> {
                    for (const auto& s : s_segments) {
                        if (s.id == id)
                            return s.definition;
                    }
                    return std::nullopt;
                });
        }
    }

    static core::Segment named(const char* name)
    {
        for (const auto& s : s_segments) {
            if (s.name == QLatin1String(name))
                return s;
        }
        ADD_FAILURE() << "no demo segment " << name;
        return {};
    }

    // Six Northwind and Pixel segments: lists, a behaviour window, an exclusion, a segment reference.
    static QStringList sixIds()
    {
        QStringList ids;
        for (const char* name : {"Weekend Hikers", "Urban Cyclists EU", "Outdoor Gift Buyers",
                                 "Lapsed Campers", "High-Intent Adventurers", "Console Fans"})
            ids.append(named(name).id);
        return ids;
    }

    static core::Result<core::Comparison> build(const core::ComparisonRequest& request)
    {
        const core::ComparisonBuilder builder(s_store->comparisons(), testsupport::catalogue());
        return core::awaitFuture(builder.build(request));
    }

    static QTemporaryDir* s_dir;
    static QString* s_path;
    static core::SqliteBackend* s_store;
    static testsupport::AudienceBruteForce* s_brute;
    static QList<core::Segment> s_segments;
};

QTemporaryDir* ComparisonOnDemo::s_dir = nullptr;
QString* ComparisonOnDemo::s_path = nullptr;
core::SqliteBackend* ComparisonOnDemo::s_store = nullptr;
testsupport::AudienceBruteForce* ComparisonOnDemo::s_brute = nullptr;
QList<core::Segment> ComparisonOnDemo::s_segments;

TEST_F(ComparisonOnDemo, OverlapMatchesABruteForceCount)
{
    const QStringList ids = sixIds();
    auto c = build({ids, {}});
    ASSERT_TRUE(c) << c.error().toString().toStdString();
    ASSERT_EQ(c.value().count(), 6);
    const auto& overlap = c.value().overlap;
    EXPECT_EQ(overlap.activeUsers, s_brute->active());
    EXPECT_EQ(overlap.asOf, s_brute->asOf());
    std::vector<std::set<QString>> members;
    for (const auto& s : c.value().segments)
        members.push_back(s_brute->activeMembers(s.segment.definition.root()));
    qint64 nonEmptyPairs = 0;
    for (int i = 0; i < 6; ++i) {
        EXPECT_EQ(overlap.size(i), static_cast<qint64>(members[i].size())) << i;
        for (int j = 0; j < 6; ++j) {
            std::vector<QString> both;
            std::set_intersection(members[i].begin(), members[i].end(), members[j].begin(), members[j].end(),
                                  std::back_inserter(both));
            EXPECT_EQ(overlap.sharedUsers(i, j), static_cast<qint64>(both.size())) << i << "," << j;
            if (i != j && !both.empty())
                ++nonEmptyPairs;
            const qint64 either = static_cast<qint64>(members[i].size() + members[j].size() - both.size());
            if (either > 0) {
                EXPECT_DOUBLE_EQ(overlap.jaccard(i, j),
                                 static_cast<double>(both.size()) / static_cast<double>(either));
            }
            if (!members[i].empty()) {
                EXPECT_DOUBLE_EQ(overlap.shareOf(i, j),
                                 static_cast<double>(both.size()) / static_cast<double>(members[i].size()));
            }
        }
    }
    EXPECT_GT(nonEmptyPairs, 4); // the demo's segments do overlap: the check is not vacuous
    // High-Intent Adventurers include Weekend Hikers: all of them are Weekend Hikers.
    EXPECT_EQ(overlap.sharedUsers(0, 4), overlap.size(4));
    EXPECT_GT(overlap.size(4), 0);
}

// The audience is read in parts on as many connections as there are cores (two at most): the
// parts' rows, whatever their number, add up to the one-pass row, each part has people of its own,
// and a part the backend cannot read is refused.
TEST_F(ComparisonOnDemo, TheAudienceReadInPartsAddsUpToOnePass)
{
    QList<core::OverlapQueryBuilder::Segment> six;
    for (const auto& id : sixIds()) {
        for (const auto& s : s_segments) {
            if (s.id == id)
                six.append({s.definition, s.advertiserId});
        }
    }
    auto& source = s_store->comparisons();
    // The workspace's second connection, on two cores or more (read from though the demo is too
    // small for the comparison to take parts: parallelParts() is 1).
    const int connections = QThread::idealThreadCount() >= 2 ? 2 : 1;
    auto asOf = core::awaitFuture(source.dataAsOf());
    ASSERT_TRUE(asOf && asOf.value().isValid());
    const core::OverlapQueryBuilder builder(source.sqlTarget(), asOf.value(), 30,
                                            core::SegmentValidator::resolverOf(s_segments));
    const QDate first = asOf.value().addDays(-29);
    auto whole = builder.build(six, first, asOf.value());
    ASSERT_TRUE(whole);
    auto once = core::awaitFuture(source.aggregateRow(whole.value(), QStringLiteral("whole")));
    ASSERT_TRUE(once) << once.error().toString().toStdString();
    EXPECT_GT(once.value().value(QStringLiteral("active_users")), 0);
    for (int count : {2, 3}) {
        QHash<QString, qint64> sum;
        for (int i = 0; i < count; ++i) {
            auto bound = builder.build(six, first, asOf.value(), {i, count});
            ASSERT_TRUE(bound) << bound.error().toString().toStdString();
            auto part = core::awaitFuture(source.aggregatePart(bound.value(), QStringLiteral("part"), i % connections));
            ASSERT_TRUE(part) << part.error().toString().toStdString();
            EXPECT_GT(part.value().value(QStringLiteral("active_users")), 0) << i << " of " << count;
            EXPECT_LT(part.value().value(QStringLiteral("active_users")), once.value().value(QStringLiteral("active_users")));
            for (auto it = part.value().cbegin(); it != part.value().cend(); ++it)
                sum[it.key()] += it.value();
        }
        EXPECT_EQ(sum, once.value()) << count << " parts";
    }
    EXPECT_FALSE(builder.build(six, first, asOf.value(), {2, 2}));
    const core::OverlapQueryBuilder databricks(core::SqlTarget{core::SqlDialect::Databricks, {}}, asOf.value(), 30,
                                               core::SegmentValidator::resolverOf(s_segments));
    auto refused = databricks.build(six, first, asOf.value(), {0, 2});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().kind, core::ErrorKind::Internal);
    EXPECT_EQ(source.parallelParts(), 1); // 3,000 people: one pass
    auto noConnection = core::awaitFuture(source.aggregatePart(whole.value(), QStringLiteral("part"), connections));
    EXPECT_FALSE(noConnection);
}

// The workspace's comparison source as it is, but saying it reads the audience in `parts` parts
// (the demo is below the size from which the workspace takes parts itself).
class InParts : public core::ComparisonSource
{
public:
    InParts(core::ComparisonSource& source, int parts) : m_source(source), m_parts(parts) {}
    core::SqlTarget sqlTarget() const override { return m_source.sqlTarget(); }
    QFuture<core::Result<QList<core::Segment>>> segments(const QStringList& ids) override
    {
        return m_source.segments(ids);
    }
    QFuture<core::Result<QDate>> dataAsOf() override { return m_source.dataAsOf(); }
    core::MetricsStore& metrics() override { return m_source.metrics(); }
    QFuture<core::Result<QHash<QString, qint64>>> aggregateRow(const core::BoundSql& query,
                                                               const QString& what) override
    {
        ADD_FAILURE() << "read in one pass though the source reads in parts";
        return m_source.aggregateRow(query, what);
    }
    int parallelParts() const override { return m_parts; }
    QFuture<core::Result<QHash<QString, qint64>>> aggregatePart(const core::BoundSql& query, const QString& what,
                                                                int part) override
    {
        parts.append(part);
        return m_source.aggregatePart(query, what, part % connections);
    }

    QList<int> parts; // the parts asked for
    int connections = QThread::idealThreadCount() >= 2 ? 2 : 1;

private:
    core::ComparisonSource& m_source;
    int m_parts;
};

// ComparisonBuilder adds the parts up to the comparison of one pass: reach, overlap and users.
TEST_F(ComparisonOnDemo, AComparisonReadInPartsIsTheComparisonReadInOnePass)
{
    const QStringList ids = sixIds();
    auto once = build({ids, {}});
    ASSERT_TRUE(once) << once.error().toString().toStdString();
    for (int count : {2, 3}) {
        InParts source(s_store->comparisons(), count);
        const core::ComparisonBuilder builder(source, testsupport::catalogue());
        auto inParts = core::awaitFuture(builder.build({ids, {}}));
        ASSERT_TRUE(inParts) << inParts.error().toString().toStdString();
        QList<int> expected;
        for (int i = 0; i < count; ++i)
            expected.append(i);
        EXPECT_EQ(source.parts, expected);
        const auto& a = once.value();
        const auto& b = inParts.value();
        ASSERT_EQ(b.count(), a.count());
        EXPECT_EQ(b.overlap.activeUsers, a.overlap.activeUsers);
        EXPECT_GT(b.overlap.activeUsers, 0);
        for (int i = 0; i < a.count(); ++i) {
            EXPECT_EQ(b.segments[i].reach, a.segments[i].reach) << i;
            EXPECT_EQ(b.segments[i].kpis.uniqueUsers, a.segments[i].kpis.uniqueUsers) << i;
            for (int j = 0; j < a.count(); ++j)
                EXPECT_EQ(b.overlap.sharedUsers(i, j), a.overlap.sharedUsers(i, j)) << i << "," << j;
        }
    }
}

TEST_F(ComparisonOnDemo, ReachIsTheStoresReach)
{
    const QStringList ids = sixIds();
    auto c = build({ids, {}});
    ASSERT_TRUE(c);
    auto reach = core::awaitFuture(s_store->segments().reachOfSegments(ids));
    ASSERT_TRUE(reach);
    for (const auto& s : c.value().segments)
        EXPECT_EQ(s.reach, reach.value().value(s.segment.id)) << s.segment.name.toStdString();
}

TEST_F(ComparisonOnDemo, KpisSumTheDailyRowsOfTheRange)
{
    const QStringList six = sixIds();
    const QStringList ids{six[0], six[2],
                          six[5]}; // two advertisers: distinct users count each one's events only
    const core::DateRange range{QDate(2026, 8, 20), QDate(2026, 9, 19)};
    auto c = build({ids, range});
    ASSERT_TRUE(c);
    EXPECT_EQ(c.value().range, range);
    auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("kpi-check"));
    db.setDatabaseName(*s_path);
    ASSERT_TRUE(db.open());
    for (const auto& s : c.value().segments) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral(
            "SELECT SUM(impressions), SUM(clicks), SUM(conversions), SUM(spend_micros), COUNT(*) "
            "FROM gold_segment_daily_metrics WHERE segment_id = ? AND day BETWEEN ? AND ?"));
        q.addBindValue(s.segment.id);
        q.addBindValue(QStringLiteral("2026-08-20"));
        q.addBindValue(QStringLiteral("2026-09-19"));
        ASSERT_TRUE(q.exec() && q.next());
        EXPECT_EQ(s.kpis.impressions, q.value(0).toLongLong());
        EXPECT_EQ(s.kpis.clicks, q.value(1).toLongLong());
        EXPECT_EQ(s.kpis.conversions, q.value(2).toLongLong());
        EXPECT_EQ(s.kpis.spendMicros, q.value(3).toLongLong());
        EXPECT_EQ(s.kpis.daysWithData, q.value(4).toInt());
        EXPECT_EQ(s.daily.size(), q.value(4).toInt());
        EXPECT_GT(s.kpis.impressions, 0);
        EXPECT_EQ(s.kpis.ctr, core::ProportionEstimate::wilson(s.kpis.clicks, s.kpis.impressions));
        ASSERT_TRUE(s.kpis.uniqueUsers.has_value());
        EXPECT_EQ(*s.kpis.uniqueUsers, s_brute->rangeUsers(s.segment.definition.root(),
                                                           s.segment.advertiserId, range.first, range.last))
            << s.segment.name.toStdString();
        EXPECT_LE(*s.kpis.uniqueUsers, s.kpis.userDays);
        EXPECT_GE(*s.kpis.uniqueUsers, s.kpis.peakDailyUsers);
    }
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("kpi-check"));
    // Three segments: three pairs × two rates, one Holm family.
    EXPECT_EQ(c.value().tests.size(), 6);
    EXPECT_EQ(c.value().definitionDiff.rows.isEmpty(), false);
    EXPECT_EQ(c.value().chart(0, core::Granularity::Week).size(), 5); // ISO weeks 34–38 of 2026
}

TEST_F(ComparisonOnDemo, TheDefaultRangeIsTheLastThirtyDaysWithData)
{
    auto c = build({sixIds().mid(1, 2), {}});
    ASSERT_TRUE(c);
    EXPECT_EQ(c.value().range.last, s_brute->asOf());
    EXPECT_EQ(c.value().range.days(), 30);
    EXPECT_TRUE(c.value().request.usesDefaultRange());
}

TEST_F(ComparisonOnDemo, BadRequestsFailClearly)
{
    const QStringList ids = sixIds();
    auto one = build({ids.mid(0, 1), {}});
    ASSERT_FALSE(one);
    EXPECT_EQ(one.error().kind, core::ErrorKind::Validation);
    EXPECT_EQ(one.error().userMessage,
              QStringLiteral("Choose between 2 and 6 segments to compare (1 chosen)."));
    auto seven = build({ids + QStringList{named("Console Fans").id}, {}});
    ASSERT_FALSE(seven);
    EXPECT_EQ(seven.error().code, QStringLiteral("comparison_segment_count"));
    auto twice = build({{ids[0], ids[0]}, {}});
    ASSERT_FALSE(twice);
    EXPECT_EQ(twice.error().code, QStringLiteral("comparison_segment_repeated"));
    auto unknown = build({{ids[0], QStringLiteral("no-such-id")}, {}});
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().kind, core::ErrorKind::NotFound);
    auto reversed = build({ids.mid(0, 2), core::DateRange{QDate(2026, 9, 2), QDate(2026, 9, 1)}});
    ASSERT_FALSE(reversed);
    EXPECT_EQ(reversed.error().code, QStringLiteral("date_range_reversed"));
}

TEST_F(ComparisonOnDemo, DeletedSegmentsCannotBeCompared)
{
    core::Segment draft = named("Console Fans");
    draft.id.clear();
    draft.version = 0;
    draft.name = QStringLiteral("Console Fans (to delete)");
    auto created = core::awaitFuture(s_store->segments().createSegment(draft, QStringLiteral("test")));
    ASSERT_TRUE(created);
    ASSERT_TRUE(core::awaitFuture(
        s_store->segments().deleteSegment(created.value().id, created.value().version, QStringLiteral("test"))));
    auto c = build({{named("Console Fans").id, created.value().id}, {}});
    ASSERT_FALSE(c);
    EXPECT_EQ(c.error().code, QStringLiteral("segment_deleted"));
    EXPECT_EQ(c.error().userMessage,
              QStringLiteral("“Console Fans (to delete)” was deleted, so it cannot be compared."));
    EXPECT_FALSE(c.error().remediation.isEmpty());
}

TEST_F(ComparisonOnDemo, SavedComparisonsPersistAndRefuseBadNames)
{
    core::SavedComparisonStore& saved = s_store->savedComparisons();
    const QStringList ids = sixIds();
    const core::ComparisonRequest request{ids.mid(0, 3),
                                          core::DateRange{QDate(2026, 9, 1), QDate(2026, 9, 30)}};
    auto q4 = core::awaitFuture(saved.create(QStringLiteral("  Q4 outdoor  "), request));
    ASSERT_TRUE(q4) << q4.error().toString().toStdString();
    EXPECT_EQ(q4.value().name, QStringLiteral("Q4 outdoor"));
    EXPECT_FALSE(q4.value().id.isEmpty());
    auto rolling =
        core::awaitFuture(saved.create(QStringLiteral("Always last 30 days"), {ids.mid(3, 2), {}}));
    ASSERT_TRUE(rolling);

    auto duplicate = core::awaitFuture(saved.create(QStringLiteral("q4 OUTDOOR"), {ids.mid(1, 2), {}}));
    ASSERT_FALSE(duplicate);
    EXPECT_EQ(duplicate.error().kind, core::ErrorKind::Conflict);
    EXPECT_EQ(duplicate.error().code, QStringLiteral("comparison_name_taken"));
    EXPECT_EQ(duplicate.error().userMessage,
              QStringLiteral("A saved comparison is already called “Q4 outdoor” (names ignore case)."));
    auto empty = core::awaitFuture(saved.create(QStringLiteral("   "), request));
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.error().code, QStringLiteral("comparison_name_required"));
    EXPECT_EQ(empty.error().userMessage, QStringLiteral("Give the comparison a name."));
    auto tooLong = core::awaitFuture(saved.create(QString(101, QLatin1Char('x')), request));
    ASSERT_FALSE(tooLong);
    EXPECT_EQ(tooLong.error().code, QStringLiteral("comparison_name_too_long"));
    auto control = core::awaitFuture(saved.create(QStringLiteral("Q4\nplan"), request));
    ASSERT_FALSE(control);
    EXPECT_EQ(control.error().code, QStringLiteral("comparison_name_control_characters"));
    auto oneSegment = core::awaitFuture(saved.create(QStringLiteral("Lonely"), {ids.mid(0, 1), {}}));
    ASSERT_FALSE(oneSegment);
    EXPECT_EQ(oneSegment.error().code, QStringLiteral("comparison_segment_count"));
    auto missing =
        core::awaitFuture(saved.create(QStringLiteral("Ghost"), {{ids[0], QStringLiteral("gone")}, {}}));
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().kind, core::ErrorKind::NotFound);

    // Failures changed nothing; the list is by name ignoring case.
    auto listed = core::awaitFuture(saved.list());
    ASSERT_TRUE(listed);
    ASSERT_EQ(listed.value().size(), 2);
    EXPECT_EQ(listed.value()[0].name, QStringLiteral("Always last 30 days"));
    EXPECT_TRUE(listed.value()[0].request.usesDefaultRange());
    EXPECT_EQ(listed.value()[1], q4.value());

    // Renaming onto another's name is refused; renaming itself with another case is fine.
    core::SavedComparison renamed = rolling.value();
    renamed.name = QStringLiteral("Q4 Outdoor");
    auto clash = core::awaitFuture(saved.update(renamed));
    ASSERT_FALSE(clash);
    EXPECT_EQ(clash.error().code, QStringLiteral("comparison_name_taken"));
    core::SavedComparison recased = q4.value();
    recased.name = QStringLiteral("Q4 OUTDOOR");
    recased.request.segmentIds = ids.mid(0, 6);
    auto updated = core::awaitFuture(saved.update(recased));
    ASSERT_TRUE(updated) << updated.error().toString().toStdString();
    EXPECT_EQ(updated.value().createdAt, q4.value().createdAt);
    EXPECT_GE(updated.value().updatedAt, q4.value().updatedAt);

    // It survives reopening the workspace and opens as a comparison.
    openStore();
    core::SavedComparisonStore& reopened = s_store->savedComparisons();
    auto again = core::awaitFuture(reopened.get(q4.value().id));
    ASSERT_TRUE(again);
    EXPECT_EQ(again.value(), updated.value());
    auto comparison = build(again.value().request);
    ASSERT_TRUE(comparison);
    EXPECT_EQ(comparison.value().count(), 6);

    ASSERT_TRUE(core::awaitFuture(reopened.remove(q4.value().id)));
    auto gone = core::awaitFuture(reopened.get(q4.value().id));
    ASSERT_FALSE(gone);
    EXPECT_EQ(gone.error().kind, core::ErrorKind::NotFound);
    auto removeAgain = core::awaitFuture(reopened.remove(q4.value().id));
    ASSERT_FALSE(removeAgain);
    EXPECT_EQ(removeAgain.error().kind, core::ErrorKind::NotFound);
    ASSERT_TRUE(core::awaitFuture(reopened.remove(rolling.value().id)));
}

} // namespace
