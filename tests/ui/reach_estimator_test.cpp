#include <gtest/gtest.h>

#include "support/gtest_qt.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include "segments/reach_estimator.h"
#include "segments/reach_panel.h"
#include "scripted_store.h"
#include "temp_workspace.h"
#include "segments/waterfall_chart.h"

namespace {

core::ReachEstimate estimateOf(qint64 reach)
{
    core::ReachEstimate e;
    e.reach = reach;
    e.activeUsers = 10000;
    e.asOf = QDate(2026, 1, 31);
    return e;
}

qint64 countriesIn(const core::Definition& d)
{
    return d.root().children.empty() ? 0 : d.root().children.front().values.size();
}

} // namespace

TEST(ReachEstimator, DebouncesBurstsOfEditsIntoOneRequest)
{
    auto ws = uitest::TempWorkspace::withSegments({});
    ASSERT_TRUE(ws);
    uitest::ScriptedStore store(ws->store());
    store.reachFor = [](const core::Definition& d) { return estimateOf(100 * countriesIn(d)); };
    ui::ReachEstimator estimator(store);
    estimator.setDebounce(50);
    QSignalSpy estimated(&estimator, &ui::ReachEstimator::estimated);

    estimator.request(testsupport::countries({QStringLiteral("US")}));
    estimator.request(testsupport::countries({QStringLiteral("US"), QStringLiteral("FR")}));
    estimator.request(
        testsupport::countries({QStringLiteral("US"), QStringLiteral("FR"), QStringLiteral("DE")}));
    EXPECT_TRUE(estimator.isPending());
    TRY_COMPARE(estimated.count(), 1);
    EXPECT_EQ(store.reachCalls, 1);
    EXPECT_EQ(estimated.first().first().value<core::ReachEstimate>().reach, 300);
    EXPECT_FALSE(estimator.isPending());
}

TEST(ReachEstimator, DropsAStaleAnswerThatArrivesAfterANewerOne)
{
    auto ws = uitest::TempWorkspace::withSegments({});
    ASSERT_TRUE(ws);
    uitest::ScriptedStore store(ws->store());
    store.reachFor = [](const core::Definition& d) { return estimateOf(100 * countriesIn(d)); };
    // The first request (one country) is slow, the second (two countries) fast.
    store.delayFor = [](const core::Definition& d) { return countriesIn(d) == 1 ? 400 : 10; };
    ui::ReachEstimator estimator(store);
    estimator.setDebounce(0);
    QSignalSpy estimated(&estimator, &ui::ReachEstimator::estimated);
    QSignalSpy busy(&estimator, &ui::ReachEstimator::busyChanged);

    estimator.request(testsupport::countries({QStringLiteral("US")}));
    TRY_COMPARE(store.reachCalls, 1);
    estimator.request(testsupport::countries({QStringLiteral("US"), QStringLiteral("FR")}));
    TRY_COMPARE(estimated.count(), 1);
    EXPECT_EQ(estimated.first().first().value<core::ReachEstimate>().reach, 200);
    QTest::qWait(500); // the slow, stale answer arrives now and must be ignored
    EXPECT_EQ(estimated.count(), 1);
    EXPECT_FALSE(estimator.isBusy());
}

TEST(ReachEstimator, ReportsBusyOnlyForSlowRequests)
{
    auto ws = uitest::TempWorkspace::withSegments({});
    ASSERT_TRUE(ws);
    uitest::ScriptedStore store(ws->store());
    store.reachFor = [](const core::Definition&) { return estimateOf(5); };
    int delay = 10;
    store.delayFor = [&delay](const core::Definition&) { return delay; };
    ui::ReachEstimator estimator(store);
    estimator.setDebounce(0);
    QSignalSpy estimated(&estimator, &ui::ReachEstimator::estimated);
    QSignalSpy busy(&estimator, &ui::ReachEstimator::busyChanged);

    estimator.request(testsupport::countries({QStringLiteral("US")}));
    TRY_COMPARE(estimated.count(), 1);
    EXPECT_EQ(busy.count(), 0) << "fast answers never show the spinner";

    delay = 400;
    estimator.request(testsupport::countries({QStringLiteral("FR")}));
    TRY_COMPARE(busy.count(), 1);
    EXPECT_TRUE(busy.first().first().toBool());
    TRY_COMPARE(estimated.count(), 2);
    EXPECT_EQ(busy.count(), 2);
    EXPECT_FALSE(busy.last().first().toBool());
}

TEST(ReachPanel, ShowsTheNumberTheBaseAndTheWaterfall)
{
    ui::ReachPanel panel;
    core::ReachEstimate e = estimateOf(1234);
    e.waterfall = {{0, QStringLiteral("Country is United States"), 5000, 5000},
                   {1, QStringLiteral("Age is 18-24"), 2000, 1234}};
    panel.showEstimate(e);
    EXPECT_EQ(panel.reachText(), QLocale().toString(qint64(1234)));
    EXPECT_TRUE(panel.messageText().isEmpty());
    panel.showError(core::Error::storage(QStringLiteral("The workspace could not be read."),
                                         QStringLiteral("disk I/O"), QStringLiteral("Check the disk.")));
    EXPECT_TRUE(panel.messageText().contains(QStringLiteral("could not be read")));
    EXPECT_EQ(panel.reachText(), QStringLiteral("–"));
}

TEST(WaterfallChart, WrapsALongLabelOntoASecondLineRatherThanCuttingItShort)
{
    ui::WaterfallChart chart;
    core::ReachEstimate e = estimateOf(17);
    e.waterfall = {{0, QStringLiteral("Device is Mobile"), 9000, 9000}};
    chart.setEstimate(e);
    const int oneLine = chart.heightForWidth(300);
    e.waterfall = {
        {0, QStringLiteral("Converted at least 1 time in the last 90 days, or clicked at least 3 times"), 157,
         157}};
    chart.setEstimate(e);
    EXPECT_EQ(chart.heightForWidth(300) - oneLine, chart.fontMetrics().height()) << "exactly one more line";
    EXPECT_EQ(chart.heightForWidth(2000), oneLine) << "no wrapping when there is room";
    EXPECT_TRUE(chart.toolTip().contains(QStringLiteral("clicked at least 3 times"))) << "the full label";
}
