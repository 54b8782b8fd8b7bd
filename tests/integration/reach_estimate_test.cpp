// The reach estimate agrees with a brute-force count computed in C++ straight from the
// cleaned events, for many kinds of definitions.
#include "common/future_wait.h"
#include "demo/demo_generator.h"
#include "domain/simple_definition.h"
#include "store/sqlite/sqlite_segment_store.h"
#include "support/test_catalogue.h"

#include <gtest/gtest.h>

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <map>
#include <set>

namespace {

using core::Dimension;

struct User
{
    QString latestKey;
    std::map<Dimension, QString> attributes;
    QSet<QString> interests;
    QSet<QString> devices;
    std::map<std::pair<QString, QDate>, int> activity;
    QDate lastSeen;
};

class BruteForce
{
public:
    explicit BruteForce(const QString& path)
    {
        {
            auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("brute"));
            db.setDatabaseName(path);
            EXPECT_TRUE(db.open());
            QSqlQuery q(db);
            EXPECT_TRUE(q.exec(QStringLiteral("SELECT user_id, event_time, event_id, age_bucket, gender, country, region, "
                                              "device, interests, event_type, event_date FROM silver_impressions")));
            while (q.next()) {
                User& u = m_users[q.value(0).toString()];
                const QString key = q.value(1).toString() + q.value(2).toString();
                const QDate day = QDate::fromString(q.value(10).toString(), Qt::ISODate);
                if (key > u.latestKey) {
                    u.latestKey = key;
                    u.attributes[Dimension::Age] = q.value(3).toString();
                    u.attributes[Dimension::Gender] = q.value(4).toString();
                    u.attributes[Dimension::Country] = q.value(5).toString();
                    u.attributes[Dimension::Region] = q.value(6).toString();

                    const QStringList interests = q.value(8).toString().split(QLatin1Char('|'), Qt::SkipEmptyParts);
                    u.interests = QSet<QString>(interests.begin(), interests.end());
                }
                u.devices.insert(q.value(7).toString());
                u.activity[{q.value(9).toString(), day}] += 1;
                if (!u.lastSeen.isValid() || day > u.lastSeen)
                    u.lastSeen = day;
                if (!m_asOf.isValid() || day > m_asOf)
                    m_asOf = day;
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("brute"));
    }

    qint64 reach(const core::DefinitionNode& node) const
    {
        qint64 n = 0;
        for (const auto& [id, u] : m_users)
            n += active(u) && matches(u, node);
        return n;
    }

    qint64 active() const
    {
        qint64 n = 0;
        for (const auto& [id, u] : m_users)
            n += active(u);
        return n;
    }

private:
    std::map<QString, User> m_users;
    QDate m_asOf;

    bool active(const User& u) const { return u.lastSeen >= m_asOf.addDays(-29); }

    bool matches(const User& u, const core::DefinitionNode& node) const
    {
        switch (node.kind) {
        case core::NodeKind::And:
            for (const auto& c : node.children)
                if (!matches(u, c))
                    return false;
            return true;
        case core::NodeKind::Or:
            for (const auto& c : node.children)
                if (matches(u, c))
                    return true;
            return false;
        case core::NodeKind::Not: return !matches(u, node.children.front());
        case core::NodeKind::Condition:
            for (const auto& v : node.values) {
                if (node.dimension == Dimension::Device && u.devices.contains(v))
                    return true;
                if (node.dimension == Dimension::Interest) {
                    for (const auto& i : u.interests)
                        if (i == v || i.startsWith(v + QLatin1Char('.')))
                            return true;
                } else if (node.dimension != Dimension::Device && u.attributes.at(node.dimension) == v) {
                    return true;
                }
            }
            return false;
        case core::NodeKind::Behaviour: {
            int events = 0;
            for (const auto& [key, count] : u.activity)
                if (key.first == node.behaviour.eventType && key.second > m_asOf.addDays(-node.behaviour.days))
                    events += count;
            return events >= node.behaviour.minCount;
        }
        case core::NodeKind::SegmentRef: return false;
        }
        return false;
    }
};

class ReachEstimate : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        s_dir = new QTemporaryDir;
        const QString path = s_dir->filePath(QStringLiteral("ws.sqlite"));
        core::DemoOptions o;
        o.seed = 11;
        o.endDate = QDate(2026, 3, 31);
        o.users = 3000;
        o.days = 60;
        o.meanEventsPerUserPerDay = 0.15;
        ASSERT_TRUE(core::DemoGenerator::createWorkspace(path, o));
        s_brute = new BruteForce(path);
        auto store = core::SqliteSegmentStore::open(path, testsupport::catalogue());
        ASSERT_TRUE(store);
        s_store = store.value().release();
    }
    static void TearDownTestSuite()
    {
        delete s_store;
        delete s_brute;
        delete s_dir;
    }

    void expectMatchesBruteForce(const core::Definition& definition)
    {
        auto r = core::awaitFuture(s_store->estimateReach(definition, QStringLiteral("adv-pixel")));
        ASSERT_TRUE(r) << r.error().toString().toStdString();
        EXPECT_EQ(r.value().activeUsers, s_brute->active());
        EXPECT_EQ(r.value().reach, s_brute->reach(definition.root()))
            << definition.toCanonicalJson().toStdString();
        EXPECT_EQ(r.value().windowDays, 30);
        if (definition.root().kind == core::NodeKind::And) {
            ASSERT_EQ(r.value().waterfall.size(), static_cast<qsizetype>(definition.root().children.size()));
            std::vector<core::DefinitionNode> sofar;
            for (const auto& step : r.value().waterfall) {
                const auto& child = definition.root().children[static_cast<std::size_t>(step.conditionIndex)];
                sofar.push_back(child);
                EXPECT_EQ(step.alone, s_brute->reach(child));
                EXPECT_EQ(step.cumulative, s_brute->reach(core::DefinitionNode::allOf(sofar)));
                EXPECT_FALSE(step.label.isEmpty());
            }
            if (!r.value().waterfall.isEmpty()) {
                EXPECT_EQ(r.value().waterfall.last().cumulative, r.value().reach);
            }
        }
    }

    static QTemporaryDir* s_dir;
    static BruteForce* s_brute;
    static core::SqliteSegmentStore* s_store;
};

QTemporaryDir* ReachEstimate::s_dir = nullptr;
BruteForce* ReachEstimate::s_brute = nullptr;
core::SqliteSegmentStore* ReachEstimate::s_store = nullptr;

TEST_F(ReachEstimate, SimpleListsMatchBruteForce)
{
    core::SimpleDefinition s;
    s.include[Dimension::Age] = {QStringLiteral("25-34"), QStringLiteral("35-44")};
    s.include[Dimension::Country] = {QStringLiteral("US"), QStringLiteral("GB")};
    s.include[Dimension::Device] = {QStringLiteral("mobile")};
    expectMatchesBruteForce(s.toDefinition());
}

TEST_F(ReachEstimate, InterestCategoriesIncludeTheirChildren)
{
    core::SimpleDefinition s;
    s.include[Dimension::Interest] = {QStringLiteral("gaming"), QStringLiteral("travel.destinations")};
    expectMatchesBruteForce(s.toDefinition());
}

TEST_F(ReachEstimate, RegionsGendersAndExclusions)
{
    core::SimpleDefinition s;
    s.include[Dimension::Country] = {QStringLiteral("US")};
    s.include[Dimension::Region] = {QStringLiteral("US-CA"), QStringLiteral("US-NY"), QStringLiteral("US-TX")};
    s.include[Dimension::Gender] = {QStringLiteral("female")};
    s.exclude[Dimension::Device] = {QStringLiteral("ctv")};
    s.exclude[Dimension::Age] = {QStringLiteral("65+")};
    expectMatchesBruteForce(s.toDefinition());
}

TEST_F(ReachEstimate, ExcludingARegionKeepsPeopleWithoutOne)
{
    core::SimpleDefinition s;
    s.include[Dimension::Age] = {QStringLiteral("18-24"), QStringLiteral("25-34")};
    s.exclude[Dimension::Region] = {QStringLiteral("US-NY"), QStringLiteral("DE-BY")};
    expectMatchesBruteForce(s.toDefinition());
}

TEST_F(ReachEstimate, BehaviourWindows)
{
    core::SimpleDefinition s;
    s.behaviours.push_back({QStringLiteral("click"), 1, 30});
    s.behaviours.push_back({QStringLiteral("impression"), 3, 14});
    expectMatchesBruteForce(s.toDefinition());
}

TEST_F(ReachEstimate, NestedOrAndNotTrees)
{
    using N = core::DefinitionNode;
    const core::Definition d(N::anyOf(
        {N::allOf({N::condition(Dimension::Country, {QStringLiteral("DE")}), N::condition(Dimension::Age, {QStringLiteral("18-24")})}),
         N::negate(N::condition(Dimension::Device, {QStringLiteral("mobile"), QStringLiteral("desktop")}))}));
    expectMatchesBruteForce(d);
}

TEST_F(ReachEstimate, EmptyAndTreeReachesEveryActiveUser)
{
    const core::Definition everyone;
    auto r = core::awaitFuture(s_store->estimateReach(everyone, {}));
    ASSERT_TRUE(r);
    EXPECT_EQ(r.value().reach, s_brute->active());
    EXPECT_GT(r.value().reach, 1000);
}

} // namespace
