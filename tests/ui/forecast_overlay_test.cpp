// The forecast on a chart: bands and line appear after the background fit, the summary names
// the model and its backtest, switching off removes them, a newer horizon replaces an older fit.
#include <gtest/gtest.h>

#include <QCheckBox>
#include <QLabel>
#include <QSpinBox>

#include "charts/time_series_chart.h"
#include "forecast/forecast_controls.h"
#include "forecast/forecast_overlay.h"
#include "support/gtest_qt.h"

namespace {

core::forecast::TimeSeries weeklyHistory(int days)
{
    std::vector<double> v;
    for (int i = 0; i < days; ++i)
        v.push_back(1000.0 + 300.0 * ((i % 7) >= 5 ? 1.0 : 0.0) + 2.0 * i + double((i * 37) % 23));
    return core::forecast::TimeSeries::daily(QDate(2026, 6, 1), v);
}

} // namespace

TEST(ForecastOverlay, AddsTheForecastAndItsRangesAfterTheHistoryAndSaysHowGoodItIs)
{
    ui::TimeSeriesChart chart;
    ui::ForecastControls controls(&chart);
    ui::ForecastOverlay* overlay = controls.overlay();
    const auto history = weeklyHistory(120);
    controls.overlay()->setHistory(QStringLiteral("Impressions"), history, Qt::blue);
    EXPECT_TRUE(chart.seriesNames().isEmpty()) << "off until asked for";

    controls.toggle()->setChecked(true);
    TRY_VERIFY_WITH_TIMEOUT(!overlay->isBusy(), 20000);
    const QStringList names = chart.seriesNames();
    for (const QString& n : overlay->chartSeries())
        EXPECT_TRUE(names.contains(n)) << n.toStdString();
    EXPECT_TRUE(controls.summary()->text().contains(QStringLiteral("ETS(")))
        << controls.summary()->text().toStdString();
    EXPECT_TRUE(controls.summary()->text().contains(QStringLiteral("14 days ahead")));
    EXPECT_TRUE(controls.summary()->text().contains(QStringLiteral("backtest")));
    // The forecast starts the day after the history ends.
    const auto points = chart.displayedPoints(overlay->chartSeries().first());
    ASSERT_FALSE(points.isEmpty());
    EXPECT_GE(points.first().x(), ui::ForecastOverlay::xOf(history.dateAt(history.size())) - 1.0);

    controls.horizon()->setValue(30);
    TRY_VERIFY_WITH_TIMEOUT(
        !overlay->isBusy() && controls.summary()->text().contains(QStringLiteral("30 days ahead")), 20000);

    controls.toggle()->setChecked(false);
    for (const QString& n : overlay->chartSeries())
        EXPECT_FALSE(chart.seriesNames().contains(n));
    EXPECT_TRUE(controls.summary()->text().isEmpty());
}

TEST(ForecastOverlay, WithoutDataItSaysSoInsteadOfDrawingNothingSilently)
{
    ui::TimeSeriesChart chart;
    ui::ForecastControls controls(&chart);
    controls.overlay()->setHistory(QStringLiteral("Impressions"),
                                   core::forecast::TimeSeries::daily(QDate(2026, 6, 1), {}), Qt::blue);
    controls.toggle()->setChecked(true);
    EXPECT_TRUE(controls.summary()->text().contains(QStringLiteral("No daily data")))
        << controls.summary()->text().toStdString();
    EXPECT_TRUE(chart.seriesNames().isEmpty());
}
