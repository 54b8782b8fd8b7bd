#pragma once

// The behaviour every SegmentStore backend must have. Written once; each backend
// instantiates it with a factory (see sqlite_store_contract_test.cpp).

#include "common/future_wait.h"
#include "backends/segment_store.h"
#include "support/segment_builders.h"

#include <gtest/gtest.h>

#include <functional>
#include <memory>

namespace contract {

struct StoreFactory
{
    std::string name;
    // A fresh, empty store (no advertisers, no segments) on its own storage.
    std::function<std::shared_ptr<core::SegmentStore>()> create;
};

inline std::ostream& operator<<(std::ostream& os, const StoreFactory& f) { return os << f.name; }

class StoreContract : public ::testing::TestWithParam<StoreFactory>
{
protected:
    std::shared_ptr<core::SegmentStore> store;
    const QString adv1 = QStringLiteral("adv-1");
    const QString adv2 = QStringLiteral("adv-2");
    const QString user = QStringLiteral("tester");

    void SetUp() override
    {
        store = GetParam().create();
        ASSERT_TRUE(store);
        ASSERT_TRUE(await(store->saveAdvertiser({adv1, QStringLiteral("Advertiser One")})));
        ASSERT_TRUE(await(store->saveAdvertiser({adv2, QStringLiteral("Advertiser Two")})));
    }

    template <typename T>
    static T await(QFuture<T> f)
    {
        return core::awaitFuture(std::move(f));
    }

    core::Segment create(const QString& name, const QString& advertiser = QStringLiteral("adv-1"))
    {
        auto r = await(store->createSegment(testsupport::draftSegment(advertiser, name), user));
        EXPECT_TRUE(r) << r.error().toString().toStdString();
        return r ? r.value() : core::Segment{};
    }

    QList<core::Segment> list(core::SegmentQuery q = {})
    {
        auto r = await(store->listSegments(q));
        EXPECT_TRUE(r) << r.error().toString().toStdString();
        return r ? r.value() : QList<core::Segment>{};
    }

    static QStringList names(const QList<core::Segment>& segments)
    {
        QStringList out;
        for (const auto& s : segments)
            out.append(s.name);
        return out;
    }
};

TEST_P(StoreContract, CreatedSegmentReadsBackWithVersionOneHashAndStamps)
{
    const core::Segment created = create(QStringLiteral("Weekend Hikers"));
    EXPECT_FALSE(created.id.isEmpty());
    EXPECT_EQ(created.version, 1);
    EXPECT_EQ(created.definitionHash, created.definition.hash());
    EXPECT_EQ(created.createdBy, user);
    EXPECT_TRUE(created.createdAt.isValid());
    EXPECT_EQ(created.createdAt, created.updatedAt);
    auto read = await(store->getSegment(created.id));
    ASSERT_TRUE(read);
    EXPECT_EQ(read.value(), created);
}

TEST_P(StoreContract, ASegmentWithoutADescriptionIsSavedWithAnEmptyOne)
{
    // A form left blank gives a null QString: it is stored as an empty description, not NULL.
    core::Segment draft = testsupport::draftSegment(adv1, QStringLiteral("No Description"));
    draft.description = QString();
    auto created = await(store->createSegment(draft, user));
    ASSERT_TRUE(created) << created.error().toString().toStdString();
    auto read = await(store->getSegment(created.value().id));
    ASSERT_TRUE(read);
    EXPECT_TRUE(read.value().description.isEmpty());
    core::Segment edited = read.value();
    edited.description = QString();
    edited.name = QStringLiteral("Still No Description");
    auto updated = await(store->updateSegment(edited, user));
    ASSERT_TRUE(updated) << updated.error().toString().toStdString();
    EXPECT_TRUE(updated.value().description.isEmpty());
}

TEST_P(StoreContract, InvalidSegmentIsRejectedAndNothingIsWritten)
{
    auto r = await(store->createSegment(testsupport::draftSegment(adv1, QStringLiteral("   ")), user));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, core::ErrorKind::Validation);
    EXPECT_EQ(r.error().code, QStringLiteral("name_required"));
    core::Definition unknownCountry = testsupport::countries({QStringLiteral("ZZ")});
    auto r2 = await(store->createSegment(testsupport::draftSegment(adv1, QStringLiteral("Bad"), unknownCountry), user));
    ASSERT_FALSE(r2);
    EXPECT_EQ(r2.error().code, QStringLiteral("value_unknown"));
    EXPECT_TRUE(list().isEmpty());
}

TEST_P(StoreContract, UnknownAdvertiserIsRejected)
{
    auto r = await(store->createSegment(testsupport::draftSegment(QStringLiteral("nobody"), QStringLiteral("X")), user));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, QStringLiteral("advertiser_unknown"));
}

TEST_P(StoreContract, NamesAreUniquePerAdvertiserIgnoringCaseAndSpaces)
{
    create(QStringLiteral("Weekend Hikers"));
    auto clash = await(store->createSegment(testsupport::draftSegment(adv1, QStringLiteral("  WEEKEND hikers ")), user));
    ASSERT_FALSE(clash);
    EXPECT_EQ(clash.error().kind, core::ErrorKind::Conflict);
    EXPECT_EQ(clash.error().code, QStringLiteral("name_taken"));
    auto other = await(store->createSegment(testsupport::draftSegment(adv2, QStringLiteral("Weekend Hikers")), user));
    EXPECT_TRUE(other) << other.error().toString().toStdString();
}

TEST_P(StoreContract, SqlLookingNamesAreStoredVerbatim)
{
    const QString nasty = QStringLiteral("Robert'); DROP TABLE gold_segments;-- \"quoted\" 100% _x_");
    const core::Segment created = create(nasty);
    auto read = await(store->getSegment(created.id));
    ASSERT_TRUE(read);
    EXPECT_EQ(read.value().name, nasty);
    core::SegmentQuery q;
    q.text = QStringLiteral("100%");
    EXPECT_EQ(names(list(q)), QStringList{nasty});
    q.text = QStringLiteral("_x_");
    EXPECT_EQ(names(list(q)), QStringList{nasty});
    EXPECT_EQ(list().size(), 1);
}

TEST_P(StoreContract, UpdateBumpsVersionAndKeepsEveryVersion)
{
    core::Segment s = create(QStringLiteral("Savers"));
    s.name = QStringLiteral("First-Time Savers");
    s.definition = testsupport::countries({QStringLiteral("US"), QStringLiteral("CA")});
    auto updated = await(store->updateSegment(s, QStringLiteral("editor")));
    ASSERT_TRUE(updated) << updated.error().toString().toStdString();
    EXPECT_EQ(updated.value().version, 2);
    EXPECT_EQ(updated.value().updatedBy, QStringLiteral("editor"));
    EXPECT_EQ(updated.value().createdBy, user);
    EXPECT_EQ(updated.value().definitionHash, s.definition.hash());
    auto history = await(store->segmentHistory(s.id));
    ASSERT_TRUE(history);
    ASSERT_EQ(history.value().size(), 2);
    EXPECT_EQ(history.value()[0].name, QStringLiteral("Savers"));
    EXPECT_EQ(history.value()[0].change, QStringLiteral("created"));
    EXPECT_EQ(history.value()[1].name, QStringLiteral("First-Time Savers"));
    EXPECT_EQ(history.value()[1].version, 2);
}

TEST_P(StoreContract, StaleUpdateIsAConflictAndChangesNothing)
{
    core::Segment s = create(QStringLiteral("Savers"));
    core::Segment first = s;
    first.description = QStringLiteral("first edit");
    ASSERT_TRUE(await(store->updateSegment(first, user)));
    core::Segment second = s; // still version 1
    second.description = QStringLiteral("second edit");
    auto stale = await(store->updateSegment(second, user));
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().kind, core::ErrorKind::Conflict);
    EXPECT_EQ(stale.error().code, QStringLiteral("version_conflict"));
    EXPECT_FALSE(stale.error().remediation.isEmpty());
    auto read = await(store->getSegment(s.id));
    ASSERT_TRUE(read);
    EXPECT_EQ(read.value().description, QStringLiteral("first edit"));
    EXPECT_EQ(read.value().version, 2);
}

TEST_P(StoreContract, DeleteHidesAndRestoreBringsBack)
{
    core::Segment s = create(QStringLiteral("Temporary"));
    create(QStringLiteral("Keeper"));
    auto deleted = await(store->deleteSegment(s.id, s.version, user));
    ASSERT_TRUE(deleted);
    EXPECT_TRUE(deleted.value().isDeleted());
    EXPECT_EQ(names(list()), QStringList{QStringLiteral("Keeper")});
    core::SegmentQuery onlyDeleted;
    onlyDeleted.deleted = core::SegmentQuery::Deleted::Only;
    EXPECT_EQ(names(list(onlyDeleted)), QStringList{QStringLiteral("Temporary")});
    auto restored = await(store->restoreSegment(s.id, user));
    ASSERT_TRUE(restored);
    EXPECT_FALSE(restored.value().isDeleted());
    EXPECT_EQ(restored.value().version, 3);
    EXPECT_EQ(list().size(), 2);
    auto history = await(store->segmentHistory(s.id));
    ASSERT_TRUE(history);
    ASSERT_EQ(history.value().size(), 3);
    EXPECT_EQ(history.value()[1].change, QStringLiteral("deleted"));
    EXPECT_EQ(history.value()[2].change, QStringLiteral("restored"));
}

TEST_P(StoreContract, DeleteWithStaleVersionIsRefused)
{
    core::Segment s = create(QStringLiteral("Busy"));
    core::Segment edited = s;
    edited.description = QStringLiteral("changed");
    ASSERT_TRUE(await(store->updateSegment(edited, user)));
    auto r = await(store->deleteSegment(s.id, 1, user));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, QStringLiteral("version_conflict"));
    EXPECT_EQ(list().size(), 1);
}

TEST_P(StoreContract, RestoreIsRefusedWhileAnotherSegmentHasTheName)
{
    core::Segment s = create(QStringLiteral("Shared Name"));
    ASSERT_TRUE(await(store->deleteSegment(s.id, s.version, user)));
    create(QStringLiteral("shared name"));
    auto r = await(store->restoreSegment(s.id, user));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, QStringLiteral("name_taken"));
    auto read = await(store->getSegment(s.id));
    ASSERT_TRUE(read);
    EXPECT_TRUE(read.value().isDeleted());
}

TEST_P(StoreContract, ListingFiltersBySearchStatusAndAdvertiserAndSorts)
{
    core::Segment a = create(QStringLiteral("beta Movers"));
    core::Segment b = create(QStringLiteral("Alpha Savers"));
    create(QStringLiteral("Gamma"), adv2);
    b.status = core::SegmentStatus::Archived;
    b.description = QStringLiteral("Lapsed MOVERS of 2025");
    auto updatedB = await(store->updateSegment(b, user));
    ASSERT_TRUE(updatedB);

    core::SegmentQuery byAdvertiser;
    byAdvertiser.advertiserId = adv1;
    EXPECT_EQ(names(list(byAdvertiser)), (QStringList{QStringLiteral("Alpha Savers"), QStringLiteral("beta Movers")}));

    core::SegmentQuery search;
    search.text = QStringLiteral("movers");
    EXPECT_EQ(names(list(search)), (QStringList{QStringLiteral("Alpha Savers"), QStringLiteral("beta Movers")}));

    core::SegmentQuery archived;
    archived.status = core::SegmentStatus::Archived;
    EXPECT_EQ(names(list(archived)), QStringList{QStringLiteral("Alpha Savers")});

    core::SegmentQuery newest;
    newest.sort = core::SegmentSort::UpdatedNewestFirst;
    const auto byUpdate = list(newest);
    ASSERT_EQ(byUpdate.size(), 3);
    for (qsizetype i = 1; i < byUpdate.size(); ++i)
        EXPECT_GE(byUpdate[i - 1].updatedAt, byUpdate[i].updatedAt);
    // b was written last (two writes in one millisecond tie, so compare times, not ids).
    EXPECT_EQ(byUpdate.first().updatedAt, updatedB.value().updatedAt);

    core::SegmentQuery limited;
    limited.limit = 2;
    EXPECT_EQ(list(limited).size(), 2);
    Q_UNUSED(a);
}

TEST_P(StoreContract, UnknownIdIsNotFound)
{
    auto r = await(store->getSegment(QStringLiteral("00000000-0000-4000-8000-000000000000")));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, core::ErrorKind::NotFound);
}

TEST_P(StoreContract, ImportKeepsIdentityAndIsIdempotent)
{
    core::Segment original = create(QStringLiteral("Exported"));
    auto fresh = GetParam().create();
    ASSERT_TRUE(await(fresh->saveAdvertiser({adv1, QStringLiteral("Advertiser One")})));
    auto first = await(fresh->importSegment(original));
    ASSERT_TRUE(first) << first.error().toString().toStdString();
    EXPECT_EQ(first.value(), core::ImportOutcome::Inserted);
    auto again = await(fresh->importSegment(original));
    ASSERT_TRUE(again);
    EXPECT_EQ(again.value(), core::ImportOutcome::Unchanged);
    auto read = await(fresh->getSegment(original.id));
    ASSERT_TRUE(read);
    EXPECT_EQ(read.value(), original);
    core::Segment different = original;
    different.description = QStringLiteral("someone else's copy");
    auto clash = await(fresh->importSegment(different));
    ASSERT_FALSE(clash);
    EXPECT_EQ(clash.error().kind, core::ErrorKind::Conflict);
}

TEST_P(StoreContract, SegmentReferenceCyclesAreRejected)
{
    core::Segment a = create(QStringLiteral("A"));
    core::SimpleDefinition includeA;
    includeA.includeSegments = {a.id};
    auto b = await(store->createSegment(testsupport::draftSegment(adv1, QStringLiteral("B"), includeA.toDefinition()), user));
    ASSERT_TRUE(b) << b.error().toString().toStdString();
    core::SimpleDefinition includeB;
    includeB.include[core::Dimension::Country] = {QStringLiteral("US")};
    includeB.includeSegments = {b.value().id};
    a.definition = includeB.toDefinition();
    auto cyclic = await(store->updateSegment(a, user));
    ASSERT_FALSE(cyclic);
    EXPECT_EQ(cyclic.error().code, QStringLiteral("segment_cycle"));
}

TEST_P(StoreContract, ReachOfAStoreWithoutAudienceIsZeroWithAWaterfallStepPerCondition)
{
    core::SimpleDefinition s;
    s.include[core::Dimension::Country] = {QStringLiteral("US")};
    s.include[core::Dimension::Device] = {QStringLiteral("mobile")};
    auto r = await(store->estimateReach(s.toDefinition(), adv1));
    ASSERT_TRUE(r) << r.error().toString().toStdString();
    EXPECT_EQ(r.value().reach, 0);
    EXPECT_EQ(r.value().activeUsers, 0);
}

TEST_P(StoreContract, AdvertisersAreListedByName)
{
    ASSERT_TRUE(await(store->saveAdvertiser({QStringLiteral("adv-0"), QStringLiteral("Zeta")})));
    auto r = await(store->listAdvertisers());
    ASSERT_TRUE(r);
    QStringList got;
    for (const auto& a : r.value())
        got.append(a.name);
    EXPECT_EQ(got, (QStringList{QStringLiteral("Advertiser One"), QStringLiteral("Advertiser Two"), QStringLiteral("Zeta")}));
    auto bad = await(store->saveAdvertiser({QString(), QStringLiteral("No id")}));
    EXPECT_FALSE(bad);
}

} // namespace contract
