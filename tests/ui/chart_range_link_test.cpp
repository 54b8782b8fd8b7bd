// ChartRangeLink: the charts of one view follow each other's x range.
#include <memory>

#include <gtest/gtest.h>

#include <QTest>

#include "charts/chart_range_link.h"
#include "charts/time_series_chart.h"
#include "support/chart_series_fixtures.h"

using chartfixtures::msAt;
using core::charting::XRange;
using ui::ChartRangeLink;
using ui::TimeSeriesChart;

namespace {

std::unique_ptr<TimeSeriesChart> chartWith(QDate first, int days)
{
    auto chart = std::make_unique<TimeSeriesChart>();
    chart->resize(700, 300);
    EXPECT_TRUE(chart->addSeries(QStringLiteral("Reach"),
                                 chartfixtures::dailyOf(first, days, [](int i) { return i; }), Qt::blue));
    chart->show();
    EXPECT_TRUE(QTest::qWaitForWindowExposed(chart.get()));
    return chart;
}

// Three charts of 2024, linked.
struct ThreeLinked
{
    std::unique_ptr<TimeSeriesChart> a = chartWith(QDate(2024, 1, 1), 365);
    std::unique_ptr<TimeSeriesChart> b = chartWith(QDate(2024, 1, 1), 365);
    std::unique_ptr<TimeSeriesChart> c = chartWith(QDate(2024, 1, 1), 365);
    ChartRangeLink link;

    ThreeLinked()
    {
        link.add(a.get());
        link.add(b.get());
        link.add(c.get());
    }
};

} // namespace

TEST(ChartRangeLink, ZoomAndPanInOneChartMoveTheOthers)
{
    ThreeLinked charts;
    auto& [a, b, c, link] = charts;

    a->setFocus();
    QTest::keyClick(a.get(), Qt::Key_Plus);
    EXPECT_NE(a->xRange(), a->bounds());
    EXPECT_EQ(b->xRange(), a->xRange());
    EXPECT_EQ(c->xRange(), a->xRange());

    // Dragging chart b pans a and c with it.
    const QRectF plot = b->plotAreaInViewport();
    const QPoint from(qRound(plot.left() + plot.width() * 0.7), qRound(plot.center().y()));
    const QPoint to(qRound(plot.left() + plot.width() * 0.5), qRound(plot.center().y()));
    const XRange before = b->xRange();
    QTest::mousePress(b->viewport(), Qt::LeftButton, {}, from);
    QTest::mouseMove(b->viewport(), to);
    QTest::mouseRelease(b->viewport(), Qt::LeftButton, {}, to);
    EXPECT_GT(b->xRange().min, before.min);
    EXPECT_EQ(a->xRange(), b->xRange());
    EXPECT_EQ(c->xRange(), b->xRange());

    c->resetZoom();
    EXPECT_EQ(a->xRange(), a->bounds());
    EXPECT_EQ(b->xRange(), a->bounds());
}

TEST(ChartRangeLink, ChartsWithDifferentDatesShareTheJoinedBounds)
{
    auto early = chartWith(QDate(2024, 1, 1), 31); // January
    auto late = chartWith(QDate(2024, 3, 1), 31);  // March
    ChartRangeLink link;
    link.add(early.get());
    link.add(late.get());
    const XRange joined{msAt(QDate(2024, 1, 1)), msAt(QDate(2024, 3, 31))};
    EXPECT_EQ(early->xRange(), joined);
    EXPECT_EQ(late->xRange(), joined);

    // Zooming into March on the January chart takes the March chart there too.
    const XRange march{msAt(QDate(2024, 3, 5)), msAt(QDate(2024, 3, 20))};
    early->setXRange(march);
    EXPECT_EQ(early->xRange(), march);
    EXPECT_EQ(late->xRange(), march);
}

TEST(ChartRangeLink, RemovedAndDestroyedChartsNoLongerFollow)
{
    ThreeLinked charts;
    auto& [a, b, c, link] = charts;

    link.remove(b.get());
    a->zoomBy(0.5);
    EXPECT_EQ(c->xRange(), a->xRange());
    EXPECT_EQ(b->xRange(), b->bounds());

    c.reset();
    EXPECT_EQ(link.charts(), QList<TimeSeriesChart*>{a.get()});
    a->zoomBy(0.5); // no dangling chart is touched
    EXPECT_EQ(link.charts().size(), 1);
}

TEST(ChartRangeLink, AJoiningChartTakesTheLinkedRange)
{
    auto a = chartWith(QDate(2024, 1, 1), 365);
    ChartRangeLink link;
    link.add(a.get());
    a->setXRange({msAt(QDate(2024, 6, 1)), msAt(QDate(2024, 7, 1))});
    auto b = chartWith(QDate(2024, 1, 1), 365);
    link.add(b.get());
    EXPECT_EQ(b->xRange(), a->xRange());
    EXPECT_EQ(a->xRange(), (XRange{msAt(QDate(2024, 6, 1)), msAt(QDate(2024, 7, 1))}));
}
