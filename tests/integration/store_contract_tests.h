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
    // Who the backend says writes (its current_user); empty: the user handed in (local workspace).
    QString principal;
};

inline std::ostream& operator<<(std::ostream& os, const StoreFactory& f) { return os << f.name; }

class StoreContract : public ::testing::TestWithParam<StoreFactory>
{
protected:
    std::shared_ptr<core::SegmentStore> store;
    const QString adv1 = QStringLiteral("adv-1");
    const QString adv2 = QStringLiteral("adv-2");
    const QString user = QStringLiteral("tester");

    // Who a write by `name` records: the backend's principal on shared backends (never the client's value).
    QString writer(const QString& name) const { return GetParam().principal.isEmpty() ? name : GetParam().principal; }

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
    EXPECT_EQ(created.createdBy, writer(user));
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
    EXPECT_EQ(updated.value().updatedBy, writer(QStringLiteral("editor")));
    EXPECT_EQ(updated.value().createdBy, writer(user));
    EXPECT_EQ(updated.value().definitionHash, s.definition.hash());
    auto history = await(store->segmentHistory(s.id));
    ASSERT_TRUE(history);
    ASSERT_EQ(history.value().size(), 2);
    EXPECT_EQ(history.value()[0].name, QStringLiteral("Savers"));
    EXPECT_EQ(history.value()[0].change, QStringLiteral("created"));
    EXPECT_EQ(history.value()[1].name, QStringLiteral("First-Time Savers"));
    EXPECT_EQ(history.value()[1].version, 2);
}

TEST_P(StoreContract, EveryVersionKeepsTheIdempotencyKeyOfTheChangeThatMadeIt)
{
    core::Segment s = create(QStringLiteral("Savers"));
    s.name = QStringLiteral("Keyed savers");
    const QString key = QStringLiteral("6f1c1d7e-0b7a-4f6e-9d7a-1f2e3d4c5b6a");
    auto updated = await(store->updateSegment(s, core::WriteOrigin{QStringLiteral("editor"), key}));
    ASSERT_TRUE(updated) << updated.error().toString().toStdString();
    auto deleted = await(store->deleteSegment(s.id, updated.value().version, QStringLiteral("editor")));
    ASSERT_TRUE(deleted) << deleted.error().toString().toStdString();
    auto history = await(store->segmentHistory(s.id));
    ASSERT_TRUE(history);
    ASSERT_EQ(history.value().size(), 3);
    EXPECT_TRUE(history.value()[0].changeKey.isEmpty()); // written without a key: NULL
    EXPECT_EQ(history.value()[1].changeKey, key);
    EXPECT_TRUE(history.value()[2].changeKey.isEmpty());
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

TEST_P(StoreContract, RestoreVersionAddsANewVersionWithTheOldContentAndKeepsTheOldOnes)
{
    core::Segment s = create(QStringLiteral("Savers"));
    core::Segment edited = s;
    edited.name = QStringLiteral("First-Time Savers");
    edited.description = QStringLiteral("narrowed");
    edited.status = core::SegmentStatus::Archived;
    edited.definition = testsupport::countries({QStringLiteral("CA"), QStringLiteral("GB")});
    auto v2 = await(store->updateSegment(edited, QStringLiteral("editor")));
    ASSERT_TRUE(v2) << v2.error().toString().toStdString();
    auto before = await(store->segmentHistory(s.id));
    ASSERT_TRUE(before);
    ASSERT_EQ(before.value().size(), 2);

    auto restored = await(store->restoreVersion(s.id, 1, 2, QStringLiteral("reviewer")));
    ASSERT_TRUE(restored) << restored.error().toString().toStdString();
    EXPECT_EQ(restored.value().version, 3);
    EXPECT_EQ(restored.value().name, s.name);
    EXPECT_EQ(restored.value().description, s.description);
    EXPECT_EQ(restored.value().status, s.status);
    EXPECT_EQ(restored.value().definition, s.definition);
    EXPECT_EQ(restored.value().definitionHash, s.definitionHash);
    EXPECT_EQ(restored.value().updatedBy, writer(QStringLiteral("reviewer")));
    EXPECT_EQ(restored.value().createdBy, writer(user));
    auto read = await(store->getSegment(s.id));
    ASSERT_TRUE(read);
    EXPECT_EQ(read.value(), restored.value());

    auto after = await(store->segmentHistory(s.id));
    ASSERT_TRUE(after);
    ASSERT_EQ(after.value().size(), 3);
    EXPECT_EQ(after.value()[0], before.value()[0]); // old versions are never rewritten
    EXPECT_EQ(after.value()[1], before.value()[1]);
    EXPECT_EQ(after.value()[2].change, QStringLiteral("reverted"));
    EXPECT_EQ(after.value()[2].version, 3);
    EXPECT_EQ(after.value()[2].name, QStringLiteral("Savers"));
    EXPECT_EQ(after.value()[2].definition, s.definition);
    EXPECT_EQ(after.value()[2].changedBy, writer(QStringLiteral("reviewer")));

    // Restoring version 2 again brings the edit back, as version 4.
    auto again = await(store->restoreVersion(s.id, 2, 3, user));
    ASSERT_TRUE(again) << again.error().toString().toStdString();
    EXPECT_EQ(again.value().version, 4);
    EXPECT_EQ(again.value().name, QStringLiteral("First-Time Savers"));
    EXPECT_EQ(again.value().definition, edited.definition);
}

TEST_P(StoreContract, RestoreVersionIsGuardedAndARefusalChangesNothing)
{
    core::Segment s = create(QStringLiteral("Guarded"));
    core::Segment edited = s;
    edited.description = QStringLiteral("second");
    ASSERT_TRUE(await(store->updateSegment(edited, user)));

    auto stale = await(store->restoreVersion(s.id, 1, 1, user));
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().kind, core::ErrorKind::Conflict);
    EXPECT_EQ(stale.error().code, QStringLiteral("version_conflict"));
    auto unknown = await(store->restoreVersion(s.id, 7, 2, user));
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().kind, core::ErrorKind::NotFound);
    auto same = await(store->restoreVersion(s.id, 2, 2, user));
    ASSERT_FALSE(same);
    EXPECT_EQ(same.error().code, QStringLiteral("version_is_current"));
    auto noSegment = await(store->restoreVersion(QStringLiteral("no-such-segment"), 1, 1, user));
    ASSERT_FALSE(noSegment);
    EXPECT_EQ(noSegment.error().kind, core::ErrorKind::NotFound);

    // A name another segment took since then is refused like any edit.
    core::Segment renamed = edited;
    renamed.version = 2;
    renamed.name = QStringLiteral("Guarded Two");
    ASSERT_TRUE(await(store->updateSegment(renamed, user)));
    create(QStringLiteral("guarded"));
    auto taken = await(store->restoreVersion(s.id, 1, 3, user));
    ASSERT_FALSE(taken);
    EXPECT_EQ(taken.error().code, QStringLiteral("name_taken"));

    ASSERT_TRUE(await(store->deleteSegment(s.id, 3, user)));
    auto deleted = await(store->restoreVersion(s.id, 2, 4, user));
    ASSERT_FALSE(deleted);
    EXPECT_EQ(deleted.error().code, QStringLiteral("segment_deleted"));

    auto history = await(store->segmentHistory(s.id));
    ASSERT_TRUE(history);
    EXPECT_EQ(history.value().size(), 4);
    auto read = await(store->getSegment(s.id));
    ASSERT_TRUE(read);
    EXPECT_EQ(read.value().version, 4);
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

// ------------------------------------------------------------------------------------------------
// The behaviour every ExperimentStore backend must have, on a whole Backend (its segments define
// the members, its pipeline loads the events). Each backend instantiates ExperimentStoreContract.

#include "backends/backend.h"
#include "domain/experiment_assignment.h"
#include "support/experiment_feed.h"

namespace contract {

struct BackendFactory
{
    std::string name;
    // A fresh, empty backend (no advertisers, no segments, no events) on its own storage.
    std::function<std::shared_ptr<core::Backend>()> create;
    // Who the backend says writes (its current_user); empty: the user handed in (local workspace).
    QString principal;
};

inline std::ostream& operator<<(std::ostream& os, const BackendFactory& f) { return os << f.name; }

class ExperimentStoreContract : public ::testing::TestWithParam<BackendFactory>
{
protected:
    std::shared_ptr<core::Backend> backend;
    core::Segment us;    // adv-1, country US
    core::Segment other; // adv-2
    const QString user = QStringLiteral("tester");

    // Who a write by `name` records: the backend's principal on shared backends (never the client's value).
    QString writer(const QString& name) const { return GetParam().principal.isEmpty() ? name : GetParam().principal; }

    void SetUp() override
    {
        backend = GetParam().create();
        ASSERT_TRUE(backend);
        ASSERT_TRUE(await(segments().saveAdvertiser({QStringLiteral("adv-1"), QStringLiteral("Advertiser One")})));
        ASSERT_TRUE(await(segments().saveAdvertiser({QStringLiteral("adv-2"), QStringLiteral("Advertiser Two")})));
        auto a = await(segments().createSegment(testsupport::draftSegment(QStringLiteral("adv-1"), QStringLiteral("US")), user));
        ASSERT_TRUE(a) << a.error().toString().toStdString();
        us = a.value();
        auto b = await(segments().createSegment(testsupport::draftSegment(QStringLiteral("adv-2"), QStringLiteral("Other")), user));
        ASSERT_TRUE(b) << b.error().toString().toStdString();
        other = b.value();
    }

    core::SegmentStore& segments() { return backend->segments(); }
    core::ExperimentStore& experiments() { return backend->experiments(); }

    template <typename T> static T await(QFuture<T> f) { return core::awaitFuture(std::move(f)); }

    core::Experiment draft(const QString& key = QStringLiteral("spring-banner")) const
    {
        core::Experiment e;
        e.segmentId = us.id;
        e.name = QStringLiteral("Spring banner");
        e.key = key;
        e.arms = {{QStringLiteral("control"), 50}, {QStringLiteral("treatment"), 50}};
        e.holdoutPercent = 10;
        e.startDate = QDate(2026, 3, 5);
        e.status = core::ExperimentStatus::Running;
        return e;
    }

    core::Experiment create(const core::Experiment& e)
    {
        auto r = await(experiments().create(e, user));
        EXPECT_TRUE(r) << r.error().toString().toStdString();
        return r ? r.value() : core::Experiment{};
    }

    QList<core::Experiment> listAll()
    {
        auto r = await(experiments().list({}));
        EXPECT_TRUE(r) << r.error().toString().toStdString();
        return r ? r.value() : QList<core::Experiment>{};
    }
};

TEST_P(ExperimentStoreContract, ACreatedExperimentReadsBackAsVersionOneOfItsSegmentsAdvertiser)
{
    core::Experiment d = draft();
    d.seed = QStringLiteral("own-seed");
    d.holdoutPercent = 2.5;
    d.endDate = QDate(2026, 3, 31);
    d.primaryMetric = core::ExperimentMetric::SpendPerUser;
    d.arms = {{QStringLiteral("control"), 34}, {QStringLiteral("banner"), 33}, {QStringLiteral("video"), 33}};
    const core::Experiment created = create(d);
    EXPECT_FALSE(created.id.isEmpty());
    EXPECT_EQ(created.version, 1);
    EXPECT_EQ(created.advertiserId, QStringLiteral("adv-1"));
    EXPECT_EQ(created.createdBy, writer(user));
    auto read = await(experiments().get(created.id));
    ASSERT_TRUE(read) << read.error().toString().toStdString();
    EXPECT_EQ(read.value(), created);
    auto history = await(experiments().history(created.id));
    ASSERT_TRUE(history);
    ASSERT_EQ(history.value().size(), 1);
    EXPECT_EQ(history.value().first().change, QStringLiteral("created"));
    EXPECT_EQ(history.value().first().experiment, created);
}

TEST_P(ExperimentStoreContract, BadInputIsRefusedWithItsReasonAndNothingIsStored)
{
    const auto refused = [&](core::Experiment e, const QString& code) {
        auto r = await(experiments().create(e, user));
        ASSERT_FALSE(r) << code.toStdString();
        EXPECT_EQ(r.error().kind, core::ErrorKind::Validation) << r.error().toString().toStdString();
        EXPECT_EQ(r.error().code, code) << r.error().toString().toStdString();
    };
    core::Experiment e = draft();
    e.arms = {{QStringLiteral("control"), 60}, {QStringLiteral("treatment"), 50}};
    refused(e, QStringLiteral("experiment_weights_sum"));
    e = draft();
    e.holdoutPercent = 100;
    refused(e, QStringLiteral("experiment_holdout"));
    e = draft();
    e.arms = {{QStringLiteral("a"), 50}, {QStringLiteral("A"), 50}};
    refused(e, QStringLiteral("experiment_arm_duplicate"));
    e = draft(QStringLiteral("spring banner; DROP TABLE gold_experiments"));
    refused(e, QStringLiteral("experiment_key_characters"));
    e = draft();
    e.endDate = e.startDate.addDays(-1);
    refused(e, QStringLiteral("experiment_end_before_start"));
    e = draft();
    e.segmentId = QStringLiteral("3f1e0c8a-0000-4000-8000-00000000dead");
    refused(e, QStringLiteral("experiment_segment_unknown"));
    EXPECT_TRUE(listAll().isEmpty());
}

TEST_P(ExperimentStoreContract, ADeletedSegmentTakesNoNewExperiment)
{
    ASSERT_TRUE(await(segments().deleteSegment(other.id, other.version, user)));
    core::Experiment e = draft();
    e.segmentId = other.id;
    auto r = await(experiments().create(e, user));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, QStringLiteral("experiment_segment_unknown"));
    EXPECT_TRUE(r.error().userMessage.contains(other.id)) << r.error().userMessage.toStdString();
    EXPECT_TRUE(listAll().isEmpty());
}

TEST_P(ExperimentStoreContract, AKeyIsUsedOnceInTheWorkspace)
{
    const core::Experiment first = create(draft());
    core::Experiment again = draft();
    again.segmentId = other.id; // another advertiser: keys are unique across the workspace
    again.name = QStringLiteral("Other advertiser's test");
    auto r = await(experiments().create(again, user));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, core::ErrorKind::Conflict);
    EXPECT_EQ(r.error().code, QStringLiteral("experiment_key_taken"));
    EXPECT_TRUE(r.error().userMessage.contains(QStringLiteral("already used"))) << r.error().userMessage.toStdString();
    EXPECT_TRUE(r.error().userMessage.contains(first.name)) << r.error().userMessage.toStdString();
    EXPECT_EQ(listAll().size(), 1);
    // A draft cannot take it by an update either.
    core::Experiment second = draft(QStringLiteral("second-key"));
    second.status = core::ExperimentStatus::Draft;
    core::Experiment stored = create(second);
    stored.key = first.key;
    auto clash = await(experiments().update(stored, user));
    ASSERT_FALSE(clash);
    EXPECT_EQ(clash.error().code, QStringLiteral("experiment_key_taken"));
    auto unchanged = await(experiments().get(stored.id));
    ASSERT_TRUE(unchanged);
    EXPECT_EQ(unchanged.value().key, QStringLiteral("second-key"));
    EXPECT_EQ(unchanged.value().version, 1);
}

TEST_P(ExperimentStoreContract, UpdatesAreVersionedAndAStaleOneIsAConflict)
{
    const core::Experiment created = create(draft());
    core::Experiment edited = created;
    edited.name = QStringLiteral("Spring banner, EU");
    edited.primaryMetric = core::ExperimentMetric::Cvr;
    auto updated = await(experiments().update(edited, QStringLiteral("kim")));
    ASSERT_TRUE(updated) << updated.error().toString().toStdString();
    EXPECT_EQ(updated.value().version, 2);
    EXPECT_EQ(updated.value().updatedBy, writer(QStringLiteral("kim")));
    auto stale = await(experiments().update(edited, QStringLiteral("kim"))); // still at version 1
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().kind, core::ErrorKind::Conflict);
    EXPECT_EQ(stale.error().code, QStringLiteral("version_conflict"));
    core::Experiment reweighted = updated.value();
    reweighted.arms = {{QStringLiteral("control"), 20}, {QStringLiteral("treatment"), 80}};
    auto locked = await(experiments().update(reweighted, QStringLiteral("kim")));
    ASSERT_FALSE(locked);
    EXPECT_EQ(locked.error().code, QStringLiteral("experiment_split_locked"));
    auto read = await(experiments().get(created.id));
    ASSERT_TRUE(read);
    EXPECT_EQ(read.value(), updated.value());
}

TEST_P(ExperimentStoreContract, StopEndsItAndEveryVersionIsKept)
{
    const core::Experiment created = create(draft());
    core::Experiment edited = created;
    edited.name = QStringLiteral("Renamed");
    auto updated = await(experiments().update(edited, user));
    ASSERT_TRUE(updated);
    auto staleStop = await(experiments().stop(created.id, 1, user));
    ASSERT_FALSE(staleStop);
    EXPECT_EQ(staleStop.error().code, QStringLiteral("version_conflict"));
    auto stopped = await(experiments().stop(created.id, 2, user));
    ASSERT_TRUE(stopped) << stopped.error().toString().toStdString();
    EXPECT_EQ(stopped.value().status, core::ExperimentStatus::Stopped);
    EXPECT_EQ(stopped.value().version, 3);
    EXPECT_TRUE(stopped.value().endDate.isValid());
    auto again = await(experiments().stop(created.id, 3, user));
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, QStringLiteral("experiment_already_stopped"));
    auto history = await(experiments().history(created.id));
    ASSERT_TRUE(history);
    QStringList changes;
    for (const auto& v : history.value())
        changes << v.change;
    EXPECT_EQ(changes, (QStringList{QStringLiteral("created"), QStringLiteral("updated"), QStringLiteral("stopped")}));
    EXPECT_EQ(history.value().last().experiment, stopped.value());
}

TEST_P(ExperimentStoreContract, EveryVersionKeepsTheIdempotencyKeyOfTheChangeThatMadeIt)
{
    const QString createKey = QStringLiteral("0c4f8e2a-5b1d-4e7a-9f3c-2d1e0f9a8b7c");
    const QString stopKey = QStringLiteral("7e6d5c4b-3a29-4180-8f7e-6d5c4b3a2918");
    auto created = await(experiments().create(draft(), core::WriteOrigin{user, createKey}));
    ASSERT_TRUE(created) << created.error().toString().toStdString();
    core::Experiment edited = created.value();
    edited.name = QStringLiteral("Renamed without a key");
    ASSERT_TRUE(await(experiments().update(edited, user)));
    auto stopped = await(experiments().stop(created.value().id, 2, core::WriteOrigin{user, stopKey}));
    ASSERT_TRUE(stopped) << stopped.error().toString().toStdString();
    auto history = await(experiments().history(created.value().id));
    ASSERT_TRUE(history);
    ASSERT_EQ(history.value().size(), 3);
    EXPECT_EQ(history.value()[0].changeKey, createKey);
    EXPECT_TRUE(history.value()[1].changeKey.isEmpty()); // written without a key: NULL
    EXPECT_EQ(history.value()[2].changeKey, stopKey);
}

TEST_P(ExperimentStoreContract, ListedByAdvertiserAndBySegment)
{
    const core::Experiment a = create(draft(QStringLiteral("a-key")));
    core::Experiment forOther = draft(QStringLiteral("b-key"));
    forOther.segmentId = other.id;
    const core::Experiment b = create(forOther);
    EXPECT_EQ(listAll().size(), 2);
    core::ExperimentQuery byAdvertiser;
    byAdvertiser.advertiserId = QStringLiteral("adv-2");
    auto listed = await(experiments().list(byAdvertiser));
    ASSERT_TRUE(listed);
    ASSERT_EQ(listed.value().size(), 1);
    EXPECT_EQ(listed.value().first().id, b.id);
    core::ExperimentQuery bySegment;
    bySegment.segmentId = us.id;
    listed = await(experiments().list(bySegment));
    ASSERT_TRUE(listed);
    ASSERT_EQ(listed.value().size(), 1);
    EXPECT_EQ(listed.value().first().id, a.id);
}

TEST_P(ExperimentStoreContract, AnUnknownExperimentIsNotFoundEverywhere)
{
    const QString id = QStringLiteral("9a8b7c6d-0000-4000-8000-00000000beef");
    EXPECT_EQ(await(experiments().get(id)).error().kind, core::ErrorKind::NotFound);
    EXPECT_EQ(await(experiments().stop(id, 1, user)).error().kind, core::ErrorKind::NotFound);
    EXPECT_EQ(await(experiments().history(id)).error().kind, core::ErrorKind::NotFound);
    EXPECT_EQ(await(experiments().assignments(id)).error().kind, core::ErrorKind::NotFound);
    EXPECT_EQ(await(experiments().data(id)).error().kind, core::ErrorKind::NotFound);
}

TEST_P(ExperimentStoreContract, WithoutAudienceDataNobodyIsAssignedYet)
{
    const core::Experiment e = create(draft());
    auto rows = await(experiments().assignments(e.id));
    ASSERT_TRUE(rows) << rows.error().toString().toStdString();
    EXPECT_TRUE(rows.value().isEmpty());
    auto data = await(experiments().data(e.id));
    ASSERT_TRUE(data) << data.error().toString().toStdString();
    ASSERT_EQ(data.value().arms.size(), 3);
    for (const auto& arm : data.value().arms)
        EXPECT_EQ(arm.users, 0);
    EXPECT_FALSE(data.value().asOf.isValid());
}

// The SQL assignment of each dialect against ExperimentAssignment (C++) on the 5,000 members of
// the US segment — ASCII ids — with a 3-arm split and a holdout, and the same with a seed.
TEST_P(ExperimentStoreContract, TheSqlAssignmentEqualsTheCppOneForEveryMember)
{
    const testsupport::ExperimentFeed feed;
    ASSERT_TRUE(feed.load(*backend));
    core::Experiment d = draft();
    d.arms = {{QStringLiteral("control"), 40}, {QStringLiteral("banner"), 35}, {QStringLiteral("video"), 25}};
    d.holdoutPercent = 12.5;
    core::Experiment seeded = draft(QStringLiteral("seeded"));
    seeded.seed = QStringLiteral("growthbook-seed.7");
    const QStringList members = testsupport::ExperimentFeed::usMembers();
    ASSERT_GE(members.size(), 5000);
    for (const core::Experiment& e : {create(d), create(seeded)}) {
        auto rows = await(experiments().assignments(e.id));
        ASSERT_TRUE(rows) << rows.error().toString().toStdString();
        ASSERT_EQ(rows.value().size(), members.size()) << "one row per member";
        QHash<int, int> perArm;
        int differences = 0;
        for (qsizetype k = 0; k < rows.value().size(); ++k) {
            const auto& row = rows.value().at(k);
            ASSERT_EQ(row.userId, members.at(k)) << "by user_id";
            differences += row.arm == core::ExperimentAssignment::assign(e.split(), row.userId) ? 0 : 1;
            perArm[row.arm] += 1;
        }
        EXPECT_EQ(differences, 0) << e.key.toStdString();
        EXPECT_EQ(perArm.size(), e.arms.size() + 1) << "every arm and the holdout have members";
        EXPECT_NEAR(perArm.value(-1), members.size() * e.holdoutPercent / 100, 0.25 * members.size() * e.holdoutPercent / 100);
    }
}

// Totals per arm and the per-day cumulation against the feed counted in C++.
TEST_P(ExperimentStoreContract, ResultsDataCountsTheMembersEventsOverTheExperimentsDays)
{
    const testsupport::ExperimentFeed feed;
    ASSERT_TRUE(feed.load(*backend));
    core::Experiment d = draft();
    d.startDate = QDate(2026, 3, 5);
    d.endDate = QDate(2026, 3, 18);
    d.primaryMetric = core::ExperimentMetric::ConversionsPerUser; // with the per-person squares
    const core::Experiment e = create(d);
    auto data = await(experiments().data(e.id));
    ASSERT_TRUE(data) << data.error().toString().toStdString();
    const core::ExperimentData& got = data.value();
    EXPECT_EQ(got.asOf, testsupport::ExperimentFeed::kLastDay);
    EXPECT_EQ(got.firstDay, d.startDate);
    EXPECT_EQ(got.lastDay, d.endDate);
    const auto expected = feed.expectedTotals(e, d.startDate, d.endDate);
    ASSERT_EQ(got.arms.size(), 3);
    for (const auto& arm : got.arms) {
        const core::ExperimentArmTotals& want = expected.at(arm.arm);
        EXPECT_EQ(arm.users, want.users) << "arm " << arm.arm;
        EXPECT_EQ(arm.impressions, want.impressions) << "arm " << arm.arm;
        EXPECT_EQ(arm.clicks, want.clicks) << "arm " << arm.arm;
        EXPECT_EQ(arm.conversions, want.conversions) << "arm " << arm.arm;
        EXPECT_EQ(arm.spendMicros, want.spendMicros) << "arm " << arm.arm;
        EXPECT_NEAR(arm.conversionsSquared, want.conversionsSquared, 1e-9) << "arm " << arm.arm;
        EXPECT_NEAR(arm.spendSquared, want.spendSquared, 1e-9) << "arm " << arm.arm;
        EXPECT_GT(arm.impressions, 0);
    }
    // Every day of the range with events, every arm and the holdout each day; the last day's
    // cumulation is the totals, a day in the middle the totals up to it.
    ASSERT_FALSE(got.days.isEmpty());
    EXPECT_EQ(got.days.size() % 3, 0);
    EXPECT_EQ(got.days.first().day, d.startDate);
    EXPECT_EQ(got.days.last().day, d.endDate);
    const QDate middle(2026, 3, 10);
    const auto upToMiddle = feed.expectedTotals(e, d.startDate, middle);
    int middleRows = 0;
    for (const auto& day : got.days) {
        if (day.day == d.endDate) {
            const auto& want = expected.at(day.totals.arm);
            EXPECT_EQ(day.totals.impressions, want.impressions);
            EXPECT_EQ(day.totals.spendMicros, want.spendMicros);
            EXPECT_NEAR(day.totals.conversionsSquared, want.conversionsSquared, 1e-6);
            EXPECT_NEAR(day.totals.spendSquared, want.spendSquared, 1e-6);
            EXPECT_EQ(day.totals.users, want.users);
        }
        if (day.day == middle) {
            ++middleRows;
            const auto& want = upToMiddle.at(day.totals.arm);
            EXPECT_EQ(day.totals.impressions, want.impressions) << "arm " << day.totals.arm;
            EXPECT_EQ(day.totals.clicks, want.clicks) << "arm " << day.totals.arm;
            EXPECT_EQ(day.totals.conversions, want.conversions) << "arm " << day.totals.arm;
            EXPECT_NEAR(day.totals.conversionsSquared, want.conversionsSquared, 1e-6) << "arm " << day.totals.arm;
        }
    }
    EXPECT_EQ(middleRows, 3);

    // A rate metric needs no squares; the rest is the same.
    core::Experiment rate = d;
    rate.key = QStringLiteral("rate-key");
    rate.primaryMetric = core::ExperimentMetric::Ctr;
    const core::Experiment r = create(rate);
    auto rateData = await(experiments().data(r.id));
    ASSERT_TRUE(rateData) << rateData.error().toString().toStdString();
    ASSERT_EQ(rateData.value().arms.size(), 3);
    const auto rateExpected = feed.expectedTotals(r, d.startDate, d.endDate);
    for (const auto& arm : rateData.value().arms) {
        EXPECT_EQ(arm.impressions, rateExpected.at(arm.arm).impressions);
        EXPECT_EQ(arm.clicks, rateExpected.at(arm.arm).clicks);
        EXPECT_EQ(arm.conversionsSquared, 0.0);
    }
}

} // namespace contract

// ------------------------------------------------------------------------------------------------
// The audit trail every backend keeps (AuditStore), on a whole Backend: every change of a segment
// or an experiment leaves one entry with who, when, what and before/after, written with the change.
// Each backend instantiates AuditStoreContract with the factory of ExperimentStoreContract.

#include <QJsonDocument>
#include <QJsonObject>

namespace contract {

class AuditStoreContract : public ExperimentStoreContract
{
protected:
    QList<core::AuditEntry> entries(const core::AuditQuery& query)
    {
        auto r = await(backend->audit().list(query));
        EXPECT_TRUE(r) << r.error().toString().toStdString();
        return r ? r.value() : QList<core::AuditEntry>{};
    }
    QList<core::AuditEntry> of(const QString& objectId)
    {
        core::AuditQuery q;
        q.objectId = objectId;
        return entries(q);
    }
    static QJsonObject json(const QString& text) { return QJsonDocument::fromJson(text.toUtf8()).object(); }
};

TEST_P(AuditStoreContract, EverySegmentChangeIsAnEntryWithWhoWhenWhatAndBeforeAfter)
{
    core::Segment edited = us;
    edited.name = QStringLiteral("US Savers");
    auto v2 = await(segments().updateSegment(edited, QStringLiteral("kim")));
    ASSERT_TRUE(v2) << v2.error().toString().toStdString();
    ASSERT_TRUE(await(segments().deleteSegment(us.id, 2, QStringLiteral("lee"))));
    ASSERT_TRUE(await(segments().restoreSegment(us.id, QStringLiteral("lee"))));
    auto v5 = await(segments().restoreVersion(us.id, 1, 4, QStringLiteral("kim")));
    ASSERT_TRUE(v5) << v5.error().toString().toStdString();

    const QList<core::AuditEntry> got = of(us.id);
    ASSERT_EQ(got.size(), 5);
    QStringList actions;
    QList<int> versions;
    QStringList actors;
    for (const auto& e : got) {
        actions << e.action;
        versions << e.version;
        actors << e.actor;
        EXPECT_EQ(e.objectKind, core::AuditEntry::kSegment);
        EXPECT_EQ(e.objectId, us.id);
        EXPECT_EQ(e.advertiserId, QStringLiteral("adv-1"));
        EXPECT_FALSE(e.id.isEmpty());
    }
    EXPECT_EQ(actions, (QStringList{QStringLiteral("reverted"), QStringLiteral("restored"), QStringLiteral("deleted"),
                                    QStringLiteral("updated"), QStringLiteral("created")}));
    EXPECT_EQ(versions, (QList<int>{5, 4, 3, 2, 1}));
    // Who the backend says made each change (the OS user's name locally).
    EXPECT_EQ(actors, (QStringList{writer(QStringLiteral("kim")), writer(QStringLiteral("lee")), writer(QStringLiteral("lee")),
                                   writer(QStringLiteral("kim")), writer(user)}));

    auto history = await(segments().segmentHistory(us.id));
    ASSERT_TRUE(history);
    ASSERT_EQ(history.value().size(), 5);
    for (const auto& e : got) // when: the time the version records
        EXPECT_EQ(e.at, history.value()[e.version - 1].changedAt) << e.action.toStdString();

    const core::AuditEntry& created = got.last();
    EXPECT_TRUE(created.before.isEmpty());
    EXPECT_EQ(json(created.after).value(QStringLiteral("name")).toString(), QStringLiteral("US"));
    EXPECT_EQ(json(created.after).value(QStringLiteral("version")).toInt(), 1);
    const core::AuditEntry& updated = got[3];
    EXPECT_EQ(json(updated.before).value(QStringLiteral("name")).toString(), QStringLiteral("US"));
    EXPECT_EQ(json(updated.after).value(QStringLiteral("name")).toString(), QStringLiteral("US Savers"));
    EXPECT_TRUE(json(got[2].before).value(QStringLiteral("deleted_at")).isNull());
    EXPECT_FALSE(json(got[2].after).value(QStringLiteral("deleted_at")).toString().isEmpty());
    const core::AuditEntry& reverted = got.first();
    EXPECT_EQ(json(reverted.before).value(QStringLiteral("name")).toString(), QStringLiteral("US Savers"));
    EXPECT_EQ(json(reverted.after).value(QStringLiteral("name")).toString(), QStringLiteral("US"));
    EXPECT_EQ(json(reverted.after).value(QStringLiteral("definition")), json(created.after).value(QStringLiteral("definition")));
}

TEST_P(AuditStoreContract, ARefusedChangeLeavesNoEntry)
{
    core::Segment edited = us;
    edited.description = QStringLiteral("first");
    ASSERT_TRUE(await(segments().updateSegment(edited, user)));
    core::Segment stale = us; // still version 1
    stale.description = QStringLiteral("second");
    EXPECT_FALSE(await(segments().updateSegment(stale, user)));
    EXPECT_FALSE(await(segments().restoreVersion(us.id, 1, 1, user)));
    core::Segment invalid = us;
    invalid.version = 2;
    invalid.name = QString();
    EXPECT_FALSE(await(segments().updateSegment(invalid, user)));
    EXPECT_EQ(of(us.id).size(), 2);
}

TEST_P(AuditStoreContract, ExperimentChangesAreEntriesOfTheirOwn)
{
    const core::Experiment created = create(draft());
    core::Experiment edited = created;
    edited.name = QStringLiteral("Renamed");
    auto v2 = await(experiments().update(edited, QStringLiteral("kim")));
    ASSERT_TRUE(v2) << v2.error().toString().toStdString();
    ASSERT_TRUE(await(experiments().stop(created.id, 2, QStringLiteral("lee"))));
    const QList<core::AuditEntry> got = of(created.id);
    ASSERT_EQ(got.size(), 3);
    EXPECT_EQ(got[0].action, QStringLiteral("stopped"));
    EXPECT_EQ(got[0].actor, writer(QStringLiteral("lee")));
    EXPECT_EQ(got[0].version, 3);
    EXPECT_EQ(json(got[0].before).value(QStringLiteral("status")).toString(), QStringLiteral("running"));
    EXPECT_EQ(json(got[0].after).value(QStringLiteral("status")).toString(), QStringLiteral("stopped"));
    EXPECT_EQ(got[1].action, QStringLiteral("updated"));
    EXPECT_EQ(json(got[1].before).value(QStringLiteral("name")).toString(), QStringLiteral("Spring banner"));
    EXPECT_EQ(json(got[1].after).value(QStringLiteral("name")).toString(), QStringLiteral("Renamed"));
    EXPECT_EQ(got[2].action, QStringLiteral("created"));
    EXPECT_TRUE(got[2].before.isEmpty());
    for (const auto& e : got) {
        EXPECT_EQ(e.objectKind, core::AuditEntry::kExperiment);
        EXPECT_EQ(e.advertiserId, QStringLiteral("adv-1"));
    }
}

TEST_P(AuditStoreContract, ListedByAdvertiserAndByObjectNewestFirst)
{
    core::Segment edited = other;
    edited.description = QStringLiteral("changed");
    ASSERT_TRUE(await(segments().updateSegment(edited, user)));
    core::AuditQuery adv2;
    adv2.advertiserId = QStringLiteral("adv-2");
    const auto second = entries(adv2);
    ASSERT_EQ(second.size(), 2);
    EXPECT_EQ(second[0].version, 2);
    EXPECT_EQ(second[1].version, 1);
    for (const auto& e : second)
        EXPECT_EQ(e.objectId, other.id);
    core::AuditQuery adv1;
    adv1.advertiserId = QStringLiteral("adv-1");
    const auto first = entries(adv1);
    ASSERT_EQ(first.size(), 1);
    EXPECT_EQ(first[0].objectId, us.id);
    EXPECT_EQ(entries({}).size(), 3);
    core::AuditQuery limited;
    limited.limit = 1;
    ASSERT_EQ(entries(limited).size(), 1);
    core::AuditQuery none;
    none.objectId = QStringLiteral("x' OR '1'='1");
    EXPECT_TRUE(entries(none).isEmpty());
}

} // namespace contract
