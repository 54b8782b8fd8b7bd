// TimeSeriesChart driven as a user would: wheel, drags, keys, legend clicks and the date filter,
// asserting the visible x range and which series are shown.
#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include <QApplication>
#include <QDateTimeAxis>
#include <QGraphicsScene>
#include <QGraphicsTextItem>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QTest>
#include <QValueAxis>
#include <QWheelEvent>

#include "charts/chart_hover_tooltip.h"
#include "charts/time_series_chart.h"
#include "support/chart_series_fixtures.h"

using chartfixtures::msAt;
using core::charting::XRange;
using ui::TimeSeriesChart;

namespace {

const QDate kJan1(2024, 1, 1);
const QDate kDec31(2024, 12, 31);

class TimeSeriesChartTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); // "1,064" in tooltips
        m_chart.resize(900, 450);
        // Impressions: 1000 + day index; Clicks: day index % 50, over the whole of 2024.
        ASSERT_TRUE(m_chart.addSeries(QStringLiteral("Impressions"),
                                      chartfixtures::dailyOf(kJan1, 366, [](int i) { return 1000.0 + i; }),
                                      QColor(0x1a73e8)));
        ASSERT_TRUE(m_chart.addSeries(QStringLiteral("Clicks"),
                                      chartfixtures::dailyOf(kJan1, 366, [](int i) { return i % 50; }),
                                      QColor(0xe8711a)));
        m_chart.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&m_chart));
    }

    void TearDown() override { QLocale::setDefault(QLocale::system()); }

    QRectF plot() const { return m_chart.plotAreaInViewport(); }
    QPoint plotPoint(double share) const
    {
        const QRectF p = plot();
        return QPoint(qRound(p.left() + share * p.width()), qRound(p.center().y()));
    }
    void wheel(QPoint at, int notches)
    {
        QWheelEvent event(at, m_chart.viewport()->mapToGlobal(at), QPoint(), QPoint(0, 120 * notches),
                          Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(m_chart.viewport(), &event);
    }
    void drag(QPoint from, QPoint to, Qt::MouseButton button = Qt::LeftButton,
              Qt::KeyboardModifiers mods = {})
    {
        QTest::mousePress(m_chart.viewport(), button, mods, from);
        QTest::mouseMove(m_chart.viewport(), (from + to) / 2);
        QTest::mouseMove(m_chart.viewport(), to);
        QTest::mouseRelease(m_chart.viewport(), button, mods, to);
    }
    // Clicks the legend entry showing `name`.
    void clickLegend(const QString& name)
    {
        const QList<QGraphicsItem*> items = m_chart.scene()->items();
        for (QGraphicsItem* item : items) {
            auto* text = dynamic_cast<QGraphicsTextItem*>(item);
            if (text && text->isVisible() && text->toPlainText() == name && text->parentItem()) {
                const QPoint at = m_chart.mapFromScene(text->sceneBoundingRect().center());
                QTest::mouseClick(m_chart.viewport(), Qt::LeftButton, {}, at);
                return;
            }
        }
        ADD_FAILURE() << "no legend entry " << name.toStdString();
    }
    QValueAxis* yAxis() const
    {
        return qobject_cast<QValueAxis*>(m_chart.chart()->axes(Qt::Vertical).value(0));
    }

    TimeSeriesChart m_chart;
};

} // namespace

TEST_F(TimeSeriesChartTest, ShowsTheWholeDataExtentAtFirst)
{
    EXPECT_EQ(m_chart.xRange(), (XRange{msAt(kJan1), msAt(kDec31)}));
    EXPECT_EQ(m_chart.bounds(), m_chart.xRange());
    EXPECT_EQ(m_chart.visibleSeriesNames(),
              (QStringList{QStringLiteral("Impressions"), QStringLiteral("Clicks")}));
    // The y axis fits both series: 0 (clicks) to 1365 (impressions on 31 December).
    EXPECT_LE(yAxis()->min(), 0.0);
    EXPECT_GE(yAxis()->max(), 1365.0);
    EXPECT_LT(yAxis()->max(), 1365.0 * 1.2);
}

TEST_F(TimeSeriesChartTest, RejectsAnEmptyOrTakenNameAndChangesNothing)
{
    const auto taken =
        m_chart.addSeries(QStringLiteral("Clicks"), chartfixtures::daily(kJan1, {1, 2}), Qt::red);
    ASSERT_FALSE(taken.ok());
    EXPECT_EQ(taken.error().code, QStringLiteral("series_name_taken"));
    EXPECT_EQ(m_chart.addSeries(QStringLiteral("  "), chartfixtures::daily(kJan1, {1}), Qt::red).error().code,
              QStringLiteral("series_name_empty"));
    EXPECT_EQ(m_chart.seriesNames().size(), 2);
    EXPECT_EQ(m_chart.chart()->series().size(), 2);
}

TEST_F(TimeSeriesChartTest, WheelZoomsAroundTheCursorAndStopsAtTheBounds)
{
    const QPoint at = plotPoint(0.25);
    const double underCursor = m_chart.xAtViewportX(at.x());
    const double width = m_chart.xRange().width();
    wheel(at, 2); // two notches in
    EXPECT_NEAR(m_chart.xRange().width(), width * 0.64, 1.0);
    EXPECT_NEAR(m_chart.xAtViewportX(at.x()), underCursor, 1.0);
    EXPECT_LT(m_chart.xRange().max, msAt(kDec31));

    wheel(at, -10); // far out: back to, and not beyond, the data
    EXPECT_EQ(m_chart.xRange(), m_chart.bounds());
}

TEST_F(TimeSeriesChartTest, DragPansByTheDraggedDistanceAndStopsAtTheEdge)
{
    m_chart.setXRange({msAt(QDate(2024, 5, 1)), msAt(QDate(2024, 6, 1))});
    const XRange before = m_chart.xRange();
    const QPoint from = plotPoint(0.6);
    const QPoint to = plotPoint(0.4); // drag left: later dates come in
    drag(from, to);
    const double expectedShift = (from.x() - to.x()) / plot().width() * before.width();
    EXPECT_NEAR(m_chart.xRange().min, before.min + expectedShift, 1.0);
    EXPECT_NEAR(m_chart.xRange().width(), before.width(), 1.0);

    drag(plotPoint(0.1), plotPoint(0.9)); // far right drag, repeatedly: stops at 1 January
    drag(plotPoint(0.1), plotPoint(0.9));
    drag(plotPoint(0.1), plotPoint(0.9));
    drag(plotPoint(0.1), plotPoint(0.9));
    drag(plotPoint(0.1), plotPoint(0.9));
    drag(plotPoint(0.1), plotPoint(0.9));
    EXPECT_EQ(m_chart.xRange().min, msAt(kJan1));
    EXPECT_NEAR(m_chart.xRange().width(), before.width(), 1.0);
}

TEST_F(TimeSeriesChartTest, ShiftDragAndRightDragZoomToTheMarkedRange)
{
    const double a = m_chart.xAtViewportX(plotPoint(0.3).x());
    const double b = m_chart.xAtViewportX(plotPoint(0.6).x());
    drag(plotPoint(0.3), plotPoint(0.6), Qt::LeftButton, Qt::ShiftModifier);
    EXPECT_NEAR(m_chart.xRange().min, a, 1.0);
    EXPECT_NEAR(m_chart.xRange().max, b, 1.0);

    const double c = m_chart.xAtViewportX(plotPoint(0.5).x());
    const double d = m_chart.xAtViewportX(plotPoint(0.2).x());
    drag(plotPoint(0.5), plotPoint(0.2), Qt::RightButton); // right to left works too
    EXPECT_NEAR(m_chart.xRange().min, d, 1.0);
    EXPECT_NEAR(m_chart.xRange().max, c, 1.0);

    const XRange before = m_chart.xRange();
    drag(plotPoint(0.5), plotPoint(0.5) + QPoint(2, 0), Qt::RightButton); // a click is no selection
    EXPECT_EQ(m_chart.xRange(), before);
}

TEST_F(TimeSeriesChartTest, KeysZoomPanAndReset)
{
    m_chart.setFocus();
    const XRange all = m_chart.xRange();
    QTest::keyClick(&m_chart, Qt::Key_Plus);
    EXPECT_NEAR(m_chart.xRange().width(), all.width() * 0.8, 1.0);
    EXPECT_NEAR(m_chart.xRange().centre(), all.centre(), 1.0);

    const XRange zoomed = m_chart.xRange();
    QTest::keyClick(&m_chart, Qt::Key_Right);
    EXPECT_NEAR(m_chart.xRange().min, zoomed.min + 0.1 * zoomed.width(), 1.0);
    QTest::keyClick(&m_chart, Qt::Key_Left);
    QTest::keyClick(&m_chart, Qt::Key_Left);
    EXPECT_NEAR(m_chart.xRange().min, zoomed.min - 0.1 * zoomed.width(), 1.0);

    QTest::keyClick(&m_chart, Qt::Key_Plus);
    QTest::keyClick(&m_chart, Qt::Key_Minus);
    EXPECT_NEAR(m_chart.xRange().width(), zoomed.width(), 1.0);

    QTest::keyClick(&m_chart, Qt::Key_Home);
    EXPECT_EQ(m_chart.xRange(), all);
    QTest::keyClick(&m_chart, Qt::Key_Plus);
    QTest::keyClick(&m_chart, Qt::Key_0);
    EXPECT_EQ(m_chart.xRange(), all);
}

TEST_F(TimeSeriesChartTest, DateFilterLimitsTheViewZoomAndPan)
{
    ASSERT_TRUE(m_chart.setDateFilter(QDate(2024, 3, 1), QDate(2024, 3, 31)));
    const XRange march{msAt(QDate(2024, 3, 1)), msAt(QDate(2024, 4, 1)) - 1.0};
    EXPECT_EQ(m_chart.xRange(), march);
    EXPECT_EQ(m_chart.bounds(), march);

    wheel(plotPoint(0.5), -5);
    EXPECT_EQ(m_chart.xRange(), march);
    m_chart.panBy(3.0);
    EXPECT_EQ(m_chart.xRange(), march);

    // Qt Charts holds March plus the neighbouring day on each side (so lines reach the edges).
    const QList<QPointF> shown = m_chart.displayedPoints(QStringLiteral("Impressions"));
    ASSERT_EQ(shown.size(), 31 + 2);
    EXPECT_EQ(shown.constFirst().x(), msAt(QDate(2024, 2, 29)));
    EXPECT_EQ(shown.constLast().x(), msAt(QDate(2024, 4, 1)));
    // The y axis fits March (impressions 1060..1090, clicks 10..40), not the year (up to 1365).
    EXPECT_GT(yAxis()->max(), 1090.0);
    EXPECT_LT(yAxis()->max(), 1365.0);

    m_chart.clearDateFilter();
    EXPECT_EQ(m_chart.xRange(), (XRange{msAt(kJan1), msAt(kDec31)}));
}

TEST_F(TimeSeriesChartTest, ReversedOrInvalidDateFilterIsRefusedAndChangesNothing)
{
    m_chart.zoomBy(0.5);
    const XRange before = m_chart.xRange();
    const auto reversed = m_chart.setDateFilter(QDate(2024, 5, 2), QDate(2024, 5, 1));
    ASSERT_FALSE(reversed.ok());
    EXPECT_EQ(reversed.error().code, QStringLiteral("date_filter_reversed"));
    EXPECT_EQ(m_chart.setDateFilter(QDate(), QDate(2024, 5, 1)).error().code,
              QStringLiteral("date_filter_invalid"));
    EXPECT_EQ(m_chart.xRange(), before);
    EXPECT_FALSE(m_chart.dateFilter().has_value());
}

TEST_F(TimeSeriesChartTest, LegendClickHidesAndShowsItsSeries)
{
    QSignalSpy toggled(&m_chart, &TimeSeriesChart::seriesVisibilityChanged);
    clickLegend(QStringLiteral("Impressions"));
    EXPECT_FALSE(m_chart.isSeriesVisible(QStringLiteral("Impressions")));
    EXPECT_EQ(m_chart.visibleSeriesNames(), QStringList{QStringLiteral("Clicks")});
    ASSERT_EQ(toggled.size(), 1);
    EXPECT_EQ(toggled.at(0).at(1).toBool(), false);
    // Its line is gone, its legend entry stays (to show it again), and the y axis fits Clicks alone.
    const QList<QAbstractSeries*> all = m_chart.chart()->series();
    for (QAbstractSeries* s : all)
        if (s->name() == QStringLiteral("Impressions")) {
            EXPECT_FALSE(s->isVisible());
            EXPECT_TRUE(m_chart.chart()->legend()->markers(s).value(0)->isVisible());
        }
    EXPECT_LT(yAxis()->max(), 100.0);
    EXPECT_TRUE(m_chart.displayedPoints(QStringLiteral("Impressions")).isEmpty());

    clickLegend(QStringLiteral("Impressions"));
    EXPECT_TRUE(m_chart.isSeriesVisible(QStringLiteral("Impressions")));
    EXPECT_GT(yAxis()->max(), 1365.0);
    EXPECT_EQ(m_chart.visibleSeriesNames().size(), 2);
}

TEST_F(TimeSeriesChartTest, HoverShowsTheDateAndExactValuesOfTheNearestPoints)
{
    const double marchFifthLate = msAt(QDate(2024, 3, 5), 5); // 05:00, nearer 5 March than 6 March
    EXPECT_EQ(m_chart.hoverTextAt(marchFifthLate).toStdString(),
              "2024-03-05\nImpressions: 1,064\nClicks: 14");

    m_chart.setSeriesVisible(QStringLiteral("Clicks"), false);
    EXPECT_EQ(m_chart.hoverTextAt(marchFifthLate).toStdString(), "2024-03-05\nImpressions: 1,064");

    // The mouse over the plot shows it as a tooltip.
    auto* hover = m_chart.findChild<ui::ChartHoverTooltip*>();
    ASSERT_NE(hover, nullptr);
    const QPoint at = plotPoint(0.5);
    QMouseEvent move(QEvent::MouseMove, at, m_chart.viewport()->mapToGlobal(at), Qt::NoButton, Qt::NoButton,
                     Qt::NoModifier);
    QApplication::sendEvent(m_chart.viewport(), &move);
    EXPECT_EQ(hover->text(), m_chart.hoverTextAt(m_chart.xAtViewportX(at.x())));
    EXPECT_TRUE(hover->text().startsWith(QStringLiteral("2024-07-0")));
}

TEST_F(TimeSeriesChartTest, ResetFollowsNewDataWhileTheWholeExtentIsShown)
{
    ASSERT_TRUE(m_chart.addSeries(QStringLiteral("Later"), chartfixtures::daily(QDate(2025, 1, 1), {5, 6, 7}),
                                  Qt::darkGreen));
    EXPECT_EQ(m_chart.xRange(), (XRange{msAt(kJan1), msAt(QDate(2025, 1, 3))}));

    m_chart.zoomBy(0.5);
    const XRange zoomed = m_chart.xRange();
    ASSERT_TRUE(m_chart.removeSeries(QStringLiteral("Later")));
    EXPECT_EQ(m_chart.xRange(), zoomed.keptWithin(m_chart.bounds(), TimeSeriesChart::kMinimumSpanMs));
    EXPECT_EQ(m_chart.seriesNames().size(), 2);
}

TEST_F(TimeSeriesChartTest, BandShowsBetweenItsBoundsAndReadsBoth)
{
    ASSERT_TRUE(m_chart.addBand(QStringLiteral("Forecast"),
                                chartfixtures::daily(QDate(2024, 12, 1), {10, 11, 12}),
                                chartfixtures::daily(QDate(2024, 12, 1), {20, 21, 22}), Qt::gray));
    EXPECT_EQ(m_chart.visibleSeriesNames().size(), 3);
    const QList<QPointF> points = m_chart.displayedPoints(QStringLiteral("Forecast"));
    EXPECT_EQ(points.size(), 6);
    EXPECT_TRUE(m_chart.hoverTextAt(msAt(QDate(2024, 12, 2))).contains(QStringLiteral("Forecast: 11 – 21")));
    m_chart.setSeriesVisible(QStringLiteral("Forecast"), false);
    EXPECT_TRUE(m_chart.displayedPoints(QStringLiteral("Forecast")).isEmpty());
}

TEST(TimeSeriesChartDecimation, QtChartsGetsAFewPointsPerColumnNotTheWholeSeries)
{
    TimeSeriesChart chart;
    chart.resize(800, 400);
    const auto big = chartfixtures::randomWalk(1'000'000, 42, msAt(kJan1), 60'000.0); // a minute apart
    ASSERT_TRUE(chart.addSeries(QStringLiteral("Big"), big, Qt::blue));
    chart.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&chart));

    const int columns = qRound(chart.chart()->plotArea().width() * chart.devicePixelRatioF());
    const QList<QPointF> shown = chart.displayedPoints(QStringLiteral("Big"));
    EXPECT_LE(shown.size(), 4 * columns + 2);
    EXPECT_GE(shown.size(), columns); // a random walk moves in every column
    // The overall extremes are among them.
    const auto ys = big.ys();
    const double maxY = *std::max_element(ys.begin(), ys.end());
    EXPECT_TRUE(std::any_of(shown.begin(), shown.end(), [&](const QPointF& p) { return p.y() == maxY; }));

    // LTTB instead: about two points per column.
    chart.setDecimationMethod(core::charting::DecimationMethod::Lttb);
    const QList<QPointF> lttb = chart.displayedPoints(QStringLiteral("Big"));
    EXPECT_LE(lttb.size(), 2 * columns + 2);
    EXPECT_GE(lttb.size(), 2 * columns - 2);
    chart.setDecimationMethod(core::charting::DecimationMethod::MinMaxPerColumn);
    EXPECT_EQ(chart.displayedPoints(QStringLiteral("Big")), shown);

    // Zoomed to two hours, every point in view is shown as it is.
    chart.setXRange({big.x(500'000), big.x(500'120)});
    const QList<QPointF> close = chart.displayedPoints(QStringLiteral("Big"));
    ASSERT_EQ(close.size(), 121 + 2);
    EXPECT_EQ(close[1], QPointF(big.x(500'000), big.y(500'000)));

    // A wider chart gets more columns.
    chart.resetZoom();
    const qsizetype narrow = chart.displayedPoints(QStringLiteral("Big")).size();
    chart.resize(1600, 400);
    QTest::qWait(0);
    QCoreApplication::processEvents();
    EXPECT_GT(chart.displayedPoints(QStringLiteral("Big")).size(), narrow);
}

TEST(TimeSeriesChartGaps, AGapBreaksTheLineAndKeepsOneLegendEntry)
{
    TimeSeriesChart chart;
    chart.resize(800, 400);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    ASSERT_TRUE(chart.addSeries(QStringLiteral("Reach"),
                                chartfixtures::daily(kJan1, {1, 2, 3, nan, nan, 6, 7}), QColor(0, 0, 255)));
    chart.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&chart));

    // Drawn: the values, and one break where the two missing days are.
    const QList<QPointF> drawn = chart.displayedPoints(QStringLiteral("Reach"));
    ASSERT_EQ(drawn.size(), 6);
    EXPECT_EQ(drawn[2], QPointF(msAt(kJan1.addDays(2)), 3));
    EXPECT_TRUE(std::isnan(drawn[3].y()));
    EXPECT_EQ(drawn[4], QPointF(msAt(kJan1.addDays(5)), 6));

    // On screen: blue pixels above day 1.5, none above day 3.5 (inside the gap).
    const QImage image = chart.grab().toImage();
    const auto blueInColumn = [&](double day) {
        const QPointF scene = chart.chart()->mapToScene(chart.chart()->mapToPosition(
            QPointF(msAt(kJan1) + day * 86'400'000.0, 0), chart.chart()->series()[0]));
        const int x = chart.mapFromScene(scene).x();
        const QRectF plot = chart.plotAreaInViewport();
        for (int y = qCeil(plot.top()); y < qFloor(plot.bottom()); ++y) {
            const QColor c = image.pixelColor(x, y);
            if (c.blue() > 150 && c.red() < 120 && c.green() < 120)
                return true;
        }
        return false;
    };
    EXPECT_TRUE(blueInColumn(1.5));
    EXPECT_FALSE(blueInColumn(3.5));

    int visibleMarkers = 0;
    const QList<QLegendMarker*> markers = chart.chart()->legend()->markers();
    for (QLegendMarker* m : markers)
        visibleMarkers += m->isVisible() ? 1 : 0;
    EXPECT_EQ(visibleMarkers, 1);
    EXPECT_TRUE(chart.hoverTextAt(msAt(kJan1.addDays(3))).contains(QStringLiteral("Reach: no value")));
}
