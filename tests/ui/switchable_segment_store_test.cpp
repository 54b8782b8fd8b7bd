// SwitchableSegmentStore: the window gets a store at once while the real one opens on a worker.
#include <gtest/gtest.h>

#include <QPromise>
#include <QTest>

#include "common/future_wait.h"
#include "workspace/switchable_segment_store.h"
#include "support/gtest_qt.h"
#include "support/segment_builders.h"
#include "temp_workspace.h"

namespace {

using Opened = core::SwitchableSegmentStore::Opened;

// The workspace store, shared without owning it (the TempWorkspace does).
std::shared_ptr<core::Backend> borrow(uitest::TempWorkspace& ws)
{
    return std::shared_ptr<core::Backend>(std::shared_ptr<core::Backend>{}, &ws.backend());
}

} // namespace

TEST(SwitchableSegmentStore, CallsMadeWhileOpeningWaitAndThenRunInOrder)
{
    auto ws = uitest::TempWorkspace::withSegments({QStringLiteral("Alpha")});
    ASSERT_TRUE(ws);
    QPromise<Opened> opening;
    opening.start();
    core::SwitchableSegmentStore store(opening.future(), QStringLiteral("local"), QStringLiteral("Opening…"));
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

TEST(SwitchableSegmentStore, AStoreThatCannotBeOpenedFailsEveryCallWithTheReason)
{
    QPromise<Opened> opening;
    opening.start();
    core::SwitchableSegmentStore store(opening.future(), QStringLiteral("local"), QStringLiteral("Opening…"));
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

TEST(SwitchableSegmentStore, SwitchingSendsLaterCallsToTheNewStoreAndKeepsTheOldOneForItsCalls)
{
    auto first = uitest::TempWorkspace::withSegments({QStringLiteral("Alpha")});
    auto second = uitest::TempWorkspace::withSegments({QStringLiteral("Beta"), QStringLiteral("Gamma")});
    ASSERT_TRUE(first && second);
    core::SwitchableSegmentStore store(QtFuture::makeReadyFuture(Opened(borrow(*first))), QStringLiteral("local"),
                                       QStringLiteral("Opening first…"));
    ASSERT_TRUE(core::awaitFuture(store.whenOpened()).ok());
    core::SegmentQuery query;
    query.advertiserId = QString::fromLatin1(uitest::TempWorkspace::kAdvertiser);
    auto beforeSwitch = store.listSegments(query);

    QPromise<Opened> opening;
    opening.start();
    store.switchTo(opening.future(), QStringLiteral("databricks"), QStringLiteral("Connecting…"));
    EXPECT_FALSE(store.isOpen());
    EXPECT_EQ(store.backendKind(), QStringLiteral("databricks"));
    EXPECT_EQ(store.displayName(), QStringLiteral("Connecting…"));
    auto afterSwitch = store.listSegments(query);

    // The call made before the switch finishes on the first store.
    const auto before = core::awaitFuture(beforeSwitch);
    ASSERT_TRUE(before.ok());
    EXPECT_EQ(before.value().size(), 1);
    QTest::qWait(20);
    EXPECT_FALSE(afterSwitch.isFinished()) << "a call made after the switch waits for the new store";

    opening.addResult(Opened(borrow(*second)));
    opening.finish();
    const auto after = core::awaitFuture(afterSwitch);
    ASSERT_TRUE(after.ok());
    EXPECT_EQ(after.value().size(), 2);
    EXPECT_EQ(store.displayName(), second->store().displayName());
}

TEST(SwitchableSegmentStore, AnOpeningReplacedBeforeItFinishedIsIgnored)
{
    auto first = uitest::TempWorkspace::withSegments({QStringLiteral("Alpha")});
    auto second = uitest::TempWorkspace::withSegments({QStringLiteral("Beta"), QStringLiteral("Gamma")});
    ASSERT_TRUE(first && second);
    QPromise<Opened> slow;
    slow.start();
    core::SwitchableSegmentStore store(slow.future(), QStringLiteral("local"), QStringLiteral("Opening…"));
    auto opened = store.whenOpened();
    core::SegmentQuery query;
    query.advertiserId = QString::fromLatin1(uitest::TempWorkspace::kAdvertiser);
    auto waiting = store.listSegments(query);

    QPromise<Opened> fast;
    fast.start();
    store.switchTo(fast.future(), QStringLiteral("local"), QStringLiteral("Opening the other…"));
    fast.addResult(Opened(borrow(*second)));
    fast.finish();
    EXPECT_TRUE(core::awaitFuture(opened).ok()) << "whenOpened follows the replacement";
    slow.addResult(Opened(borrow(*first))); // too late: dropped
    slow.finish();
    QTest::qWait(20);
    const auto listed = core::awaitFuture(waiting);
    ASSERT_TRUE(listed.ok());
    EXPECT_EQ(listed.value().size(), 2);
    EXPECT_EQ(core::awaitFuture(store.listSegments(query)).value().size(), 2);
}

TEST(SwitchableSegmentStore, TheObserverHearsHowEachCallEnded)
{
    auto ws = uitest::TempWorkspace::withSegments({QStringLiteral("Alpha")});
    ASSERT_TRUE(ws);
    core::SwitchableSegmentStore store(QtFuture::makeReadyFuture(Opened(borrow(*ws))), QStringLiteral("local"),
                                       QStringLiteral("Opening…"));
    QList<std::optional<core::Error>> outcomes;
    store.setResultObserver([&outcomes](const std::optional<core::Error>& e) { outcomes.append(e); });
    EXPECT_TRUE(core::awaitFuture(store.listAdvertisers()).ok());
    EXPECT_FALSE(core::awaitFuture(store.getSegment(QStringLiteral("no-such-id"))).ok());
    ASSERT_EQ(outcomes.size(), 2);
    EXPECT_FALSE(outcomes[0].has_value());
    ASSERT_TRUE(outcomes[1].has_value());
    EXPECT_EQ(outcomes[1]->kind, core::ErrorKind::NotFound);
}

TEST(SwitchableSegmentStore, EveryWhenOpenedCallerIsToldNotOnlyTheLastOne)
{
    auto ws = uitest::TempWorkspace::withSegments({QStringLiteral("Alpha")});
    ASSERT_TRUE(ws);
    QPromise<Opened> opening;
    opening.start();
    core::SwitchableSegmentStore store(opening.future(), QStringLiteral("local"), QStringLiteral("Opening…"));
    // The session checks health on it, main.cpp watches for a failure: both must hear back.
    QObject context;
    bool sessionTold = false;
    bool mainTold = false;
    store.whenOpened().then(&context, [&](const core::Status& s) { sessionTold = s.ok(); });
    store.whenOpened().then(&context, [&](const core::Status& s) { mainTold = s.ok(); });
    opening.addResult(Opened(borrow(*ws)));
    opening.finish();
    TRY_VERIFY(sessionTold && mainTold);
    bool lateTold = false;
    store.whenOpened().then(&context, [&](const core::Status& s) { lateTold = s.ok(); });
    TRY_VERIFY(lateTold);
}
