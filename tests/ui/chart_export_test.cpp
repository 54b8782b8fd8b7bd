// Exporting a chart as PNG and SVG writes files that decode to what the chart shows.
#include <gtest/gtest.h>

#include <QDateEdit>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include "charts/chart_date_range_filter.h"
#include "charts/chart_export.h"
#include "charts/time_series_chart.h"
#include "charts/time_series_chart_panel.h"
#include "support/chart_series_fixtures.h"

using chartfixtures::msAt;
using core::charting::XRange;

namespace {

class ChartPanelTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_panel.resize(900, 500);
        ASSERT_TRUE(m_panel.chart()->addSeries(
            QStringLiteral("Impressions"),
            chartfixtures::dailyOf(QDate(2024, 1, 1), 366, [](int i) { return 100.0 + (i % 7) * 10.0; }),
            QColor(255, 0, 0)));
        m_panel.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&m_panel));
        ASSERT_TRUE(m_dir.isValid());
    }

    ui::TimeSeriesChartPanel m_panel;
    QTemporaryDir m_dir;
};

bool hasReddishPixel(const QImage& image)
{
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (c.red() > 200 && c.green() < 90 && c.blue() < 90)
                return true;
        }
    return false;
}

} // namespace

TEST_F(ChartPanelTest, PngExportDecodesAtTheChartsSizeAndShowsTheLine)
{
    const QString path = m_dir.filePath(QStringLiteral("chart.png"));
    ASSERT_TRUE(m_panel.exportTo(path));
    QImage image;
    ASSERT_TRUE(image.load(path, "PNG"));
    const QSize expected = (m_panel.chart()->chart()->size() * m_panel.chart()->devicePixelRatioF()).toSize();
    EXPECT_EQ(image.size(), expected);
    EXPECT_TRUE(hasReddishPixel(image)); // the red series is drawn
}

TEST_F(ChartPanelTest, SvgExportIsAValidDrawingOfTheChart)
{
    const QString path = m_dir.filePath(QStringLiteral("chart.svg"));
    ASSERT_TRUE(m_panel.exportTo(path));
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray svg = file.readAll();
    EXPECT_TRUE(svg.contains("<svg"));
    EXPECT_TRUE(svg.contains("Impressions")); // the legend text
    QSvgRenderer renderer(svg);
    ASSERT_TRUE(renderer.isValid());
    EXPECT_EQ(renderer.viewBoxF(), QRectF(QPointF(), m_panel.chart()->chart()->size()));
    QImage rendered(m_panel.chart()->chart()->size().toSize(), QImage::Format_ARGB32);
    rendered.fill(Qt::white);
    QPainter painter(&rendered);
    renderer.render(&painter);
    painter.end();
    EXPECT_TRUE(hasReddishPixel(rendered));
}

TEST_F(ChartPanelTest, ExportToAnUnwritablePlaceFailsWithTheReasonAndLeavesNoFile)
{
    const QString path = m_dir.filePath(QStringLiteral("missing/folder/chart.png"));
    const core::Status status = ui::exportChartAsPng(*m_panel.chart(), path);
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().kind, core::ErrorKind::Io);
    EXPECT_FALSE(QFile::exists(path));
    EXPECT_EQ(ui::exportChartAsSvg(*m_panel.chart(), QString()).error().code,
              QStringLiteral("export_path_empty"));
}

TEST_F(ChartPanelTest, DateEditsFilterTheChartAndAllDatesClearsIt)
{
    ui::ChartDateRangeFilter* filter = m_panel.dateFilter();
    EXPECT_EQ(filter->fromEdit()->date(), QDate(2024, 1, 1));
    EXPECT_EQ(filter->toEdit()->date(), QDate(2024, 12, 31));
    EXPECT_FALSE(filter->allDatesButton()->isEnabled());

    filter->fromEdit()->setDate(QDate(2024, 2, 10));
    filter->toEdit()->setDate(QDate(2024, 2, 20));
    const XRange days{msAt(QDate(2024, 2, 10)), msAt(QDate(2024, 2, 21)) - 1.0};
    EXPECT_EQ(m_panel.chart()->xRange(), days);
    EXPECT_EQ(m_panel.chart()->dateFilter(), days);
    EXPECT_TRUE(filter->allDatesButton()->isEnabled());
    // The edits cannot cross.
    EXPECT_EQ(filter->toEdit()->minimumDate(), QDate(2024, 2, 10));
    EXPECT_EQ(filter->fromEdit()->maximumDate(), QDate(2024, 2, 20));

    QTest::mouseClick(filter->allDatesButton(), Qt::LeftButton);
    EXPECT_FALSE(m_panel.chart()->dateFilter().has_value());
    EXPECT_EQ(m_panel.chart()->xRange(), (XRange{msAt(QDate(2024, 1, 1)), msAt(QDate(2024, 12, 31))}));
    EXPECT_EQ(filter->fromEdit()->date(), QDate(2024, 1, 1));
    EXPECT_EQ(filter->toEdit()->date(), QDate(2024, 12, 31));
}

TEST_F(ChartPanelTest, ResetButtonShowsEverythingAgain)
{
    m_panel.chart()->zoomBy(0.25);
    ASSERT_NE(m_panel.chart()->xRange(), m_panel.chart()->bounds());
    QTest::mouseClick(m_panel.resetButton(), Qt::LeftButton);
    EXPECT_EQ(m_panel.chart()->xRange(), m_panel.chart()->bounds());
}
