// DeferredSegmentStore: the window gets a store at once while the real one opens on a worker.
#include <gtest/gtest.h>

#include <QPromise>
#include <QTest>

#include "common/future_wait.h"
#include "deferred_segment_store.h"
#include "support/segment_builders.h"
#include "temp_workspace.h"

namespace {

using Opened = ui::DeferredSegmentStore::Opened;

// The workspace store, shared without owning it (the TempWorkspace does).
std::shared_ptr<core::SegmentStore> borrow(uitest::TempWorkspace& ws)
{
    return std::shared_ptr<core::SegmentStore>(std::shared_ptr<core::SegmentStore>{}, &ws.store());
}

} // namespace

TEST(DeferredSegmentStore, CallsMadeWhileOpeningWaitAndThenRunInOrder)
{
    auto ws = uitest::TempWorkspace::withSegments({QStringLiteral("Alpha")});
    ASSERT_TRUE(ws);
    QPromise<Opened> opening;
    opening.start();
    ui::DeferredSegmentStore store(opening.future(), QStringLiteral("local"), QStringLiteral("Opening…"));
    EXPECT_FALSE(store.isOpen());
    EXPECT_EQ(store.displayName(), QStringLiteral("Opening…"));

    const QString adv = QString::fromLatin1(uitest::TempWorkspace::kAdvertiser);
    auto created =
        store.createSegment(testsupport::draftSegment(adv, QStringLiteral("Beta")), QStringLiteral("t"));
    core::SegmentQuery query;
    query.advertiserId = adv;
    auto listed = store.listSegments(query); // asked after the create: must see it
    QTest::qWait(50);
    EXPECT_FALSE(created.isFinished()) << "nothing runs before the store is open";
    EXPECT_FALSE(listed.isFinished());

    opening.addResult(Opened(borrow(*ws)));
    opening.finish();
    const auto list = core::awaitFuture(listed);
    ASSERT_TRUE(list.ok()) << list.error().toString().toStdString();
    EXPECT_EQ(list.value().size(), 2);
    EXPECT_TRUE(core::awaitFuture(created).ok());
    EXPECT_TRUE(store.isOpen());
    EXPECT_EQ(store.displayName(), ws->store().displayName());
    EXPECT_TRUE(core::awaitFuture(store.whenOpened()).ok());

    // Once open, calls go straight through.
    EXPECT_EQ(core::awaitFuture(store.listSegments(query)).value().size(), 2);
}

TEST(DeferredSegmentStore, AStoreThatCannotBeOpenedFailsEveryCallWithTheReason)
{
    QPromise<Opened> opening;
    opening.start();
    ui::DeferredSegmentStore store(opening.future(), QStringLiteral("local"), QStringLiteral("Opening…"));
    auto waiting = store.listAdvertisers();
    opening.addResult(Opened(core::Error::storage(QStringLiteral("The workspace is locked."),
                                                  QStringLiteral("database is locked"))));
    opening.finish();

    const core::Status opened = core::awaitFuture(store.whenOpened());
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().userMessage, QStringLiteral("The workspace is locked."));
    const auto advertisers = core::awaitFuture(waiting);
    ASSERT_FALSE(advertisers.ok());
    EXPECT_EQ(advertisers.error().userMessage, QStringLiteral("The workspace is locked."));
    const auto later = core::awaitFuture(store.getSegment(QStringLiteral("x")));
    ASSERT_FALSE(later.ok());
    EXPECT_EQ(later.error().kind, core::ErrorKind::Storage);
    EXPECT_FALSE(store.isOpen());
}
