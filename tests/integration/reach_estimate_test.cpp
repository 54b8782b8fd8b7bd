// The reach estimate agrees with a brute-force count computed in C++ straight from the
// cleaned events, for many kinds of definitions.
#include "common/future_wait.h"
#include "demo/demo_generator.h"
#include "domain/simple_definition.h"
#include "backends/sqlite/sqlite_backend.h"
#include "support/audience_brute_force.h"
#include "support/test_catalogue.h"

#include <gtest/gtest.h>

#include <QTemporaryDir>

namespace {

using core::Dimension;

using BruteForce = testsupport::AudienceBruteForce;

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
        auto store = core::SqliteBackend::open(path, testsupport::catalogue());
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
        auto r = core::awaitFuture(s_store->segments().estimateReach(definition, QStringLiteral("adv-pixel")));
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
    static core::SqliteBackend* s_store;
};

QTemporaryDir* ReachEstimate::s_dir = nullptr;
BruteForce* ReachEstimate::s_brute = nullptr;
core::SqliteBackend* ReachEstimate::s_store = nullptr;

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
    auto r = core::awaitFuture(s_store->segments().estimateReach(everyone, {}));
    ASSERT_TRUE(r);
    EXPECT_EQ(r.value().reach, s_brute->active());
    EXPECT_GT(r.value().reach, 1000);
}

} // namespace
