// The segment detail view in the main window: KPI cards are the sums of the segment's daily
// rows over the chosen range, the chart's points follow the granularity, and missing or
// failing metrics are said in place (never a blank).
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QSet>

#include "analytics/metric_rollup.h"
#include "analytics_window.h"
#include "charts/time_series_chart.h"
#include "common/future_wait.h"
#include "analytics/date_range_bar.h"
#include "failing_metrics_store.h"
#include "forecast/forecaster.h"
#include "forecast/segment_series.h"
#include "forecast/forecast_controls.h"
#include "forecast/forecast_overlay.h"
#include "analytics/kpi_card.h"
#include "shell/main_window_actions.h"
#include "analytics/metric_format.h"
#include "segments/segment_detail_view.h"
#include "backends/metrics_store.h"

namespace {

using core::Metric;

using uitest::FailingMetricsStore;

struct Sums
{
    qint64 impressions = 0, clicks = 0, conversions = 0, userDays = 0, spendMicros = 0;
};

Sums sumOver(const QList<core::DailyMetrics>& rows, const core::DateRange& range)
{
    Sums s;
    for (const auto& r : rows) {
        if (r.day < range.first || r.day > range.last)
            continue;
        s.impressions += r.impressions;
        s.clicks += r.clicks;
        s.conversions += r.conversions;
        s.userDays += r.uniqueUsers;
        s.spendMicros += r.spendMicros;
    }
    return s;
}

class SegmentDetailViewTest : public uitest::AnalyticsWindowTest
{
protected:
    ui::SegmentDetailView& detail() { return *m_window->views()->detail(); }

    void showDetailOf(const QString& name)
    {
        m_window->showView(ui::SegmentViews::View::Detail);
        activate(name);
        TRY_VERIFY_WITH_TIMEOUT(settled() && detail().segmentId() == m_workspace->segmentId(name), 20000);
    }

    QList<core::DailyMetrics> dailyRows(const QString& segmentId)
    {
        auto rows = core::awaitFuture(m_workspace->backend().metrics().dailyMetrics(segmentId));
        EXPECT_TRUE(rows.ok());
        return rows.ok() ? rows.value() : QList<core::DailyMetrics>{};
    }

    // The currency of the shown segment's advertiser, as the workspace stores it.
    QString currencyOfShownSegment()
    {
        auto segment = core::awaitFuture(m_workspace->store().getSegment(detail().segmentId()));
        auto advertisers = core::awaitFuture(m_workspace->store().listAdvertisers());
        EXPECT_TRUE(segment.ok() && advertisers.ok());
        for (const auto& a : advertisers ? advertisers.value() : QList<core::Advertiser>{}) {
            if (segment && a.id == segment.value().advertiserId)
                return a.currency;
        }
        return {};
    }

    // The cards against sums of the rows computed here, over the range the view shows.
    void expectCardsAreSumsOf(const QList<core::DailyMetrics>& rows)
    {
        const QString currency = currencyOfShownSegment();
        EXPECT_EQ(currency.size(), 3);
        const core::DateRange range = detail().rangeBar()->range();
        ASSERT_TRUE(range.isValid());
        EXPECT_EQ(detail().kpis().range, range);
        const Sums s = sumOver(rows, range);
        ASSERT_GT(s.impressions, 0) << "the range should have delivery";
        EXPECT_EQ(detail().kpis().impressions, s.impressions);
        EXPECT_EQ(detail().kpis().clicks, s.clicks);
        EXPECT_EQ(detail().kpis().conversions, s.conversions);
        EXPECT_EQ(detail().kpis().spendMicros, s.spendMicros);
        EXPECT_EQ(detail().card(Metric::Impressions)->value(), ui::MetricFormat::count(s.impressions));
        EXPECT_EQ(detail().card(Metric::Clicks)->value(), ui::MetricFormat::count(s.clicks));
        EXPECT_EQ(detail().card(Metric::Conversions)->value(), ui::MetricFormat::count(s.conversions));
        EXPECT_EQ(detail().card(Metric::Spend)->value(), ui::MetricFormat::money(s.spendMicros / 1e6, currency));
        EXPECT_EQ(
            detail().card(Metric::UniqueUsers)->value(),
            QLocale().toString(static_cast<double>(s.userDays) / static_cast<double>(range.days()), 'f', 1));
        EXPECT_EQ(
            detail().card(Metric::Ctr)->value(),
            ui::MetricFormat::percent(static_cast<double>(s.clicks) / static_cast<double>(s.impressions)));
        EXPECT_EQ(
            detail().card(Metric::Cpm)->value(),
            ui::MetricFormat::money(1000.0 * (s.spendMicros / 1e6) / static_cast<double>(s.impressions), currency));
        EXPECT_TRUE(detail().card(Metric::Ctr)->note().startsWith(QStringLiteral("likely ")))
            << detail().card(Metric::Ctr)->note().toStdString();
    }

    QList<QPointF> chartPoints() { return detail().chart()->displayedPoints(detail().seriesName()); }
};

} // namespace

TEST_F(SegmentDetailViewTest, TheKpiCardsAreTheSumsOfTheDailyRowsOfTheChosenRange)
{
    open(uitest::TempWorkspace::busyDemo(), QStringLiteral("adv-northwind"));
    showDetailOf(QStringLiteral("Weekend Hikers"));
    const auto rows = dailyRows(detail().segmentId());
    ASSERT_FALSE(rows.isEmpty());

    // It opens on the last 30 days of data.
    EXPECT_EQ(detail().rangeBar()->range(), core::DateRange::endingOn(QDate(2026, 9, 30), 30));
    expectCardsAreSumsOf(rows);

    // Another preset, then dates typed in: the cards follow without reading again.
    QComboBox* preset = detail().rangeBar()->presetBox();
    preset->setCurrentIndex(preset->findData(7));
    EXPECT_EQ(detail().kpis().range, core::DateRange::endingOn(QDate(2026, 9, 30), 7));
    expectCardsAreSumsOf(rows);
    detail().rangeBar()->fromEdit()->setDate(QDate(2026, 8, 10));
    detail().rangeBar()->toEdit()->setDate(QDate(2026, 8, 31));
    TRY_COMPARE(detail().kpis().range, (core::DateRange{QDate(2026, 8, 10), QDate(2026, 8, 31)}));
    EXPECT_EQ(preset->currentText(), QStringLiteral("Custom"));
    expectCardsAreSumsOf(rows);
}

TEST_F(SegmentDetailViewTest, TheGranularityChangesTheChartsPoints)
{
    open(uitest::TempWorkspace::busyDemo(), QStringLiteral("adv-northwind"));
    showDetailOf(QStringLiteral("Weekend Hikers"));
    const auto rows = dailyRows(detail().segmentId());
    const core::DateRange range = detail().rangeBar()->range();

    // By day: one point per day of the range, each the day's impressions (0 for a day without).
    auto daily = chartPoints();
    ASSERT_EQ(daily.size(), range.days());
    QHash<QDate, qint64> impressionsOn;
    for (const auto& r : rows)
        impressionsOn[r.day] = r.impressions;
    for (int i = 0; i < daily.size(); ++i)
        EXPECT_EQ(daily[i].y(), static_cast<double>(impressionsOn.value(range.first.addDays(i)))) << i;

    // By week: one point per ISO week the range touches, the week's sum.
    QComboBox* by = detail().rangeBar()->granularityBox();
    by->setCurrentIndex(by->findData(QStringLiteral("week")));
    QSet<QDate> mondays;
    for (QDate d = range.first; d <= range.last; d = d.addDays(1))
        mondays.insert(d.addDays(1 - d.dayOfWeek()));
    const auto weekly = chartPoints();
    EXPECT_EQ(weekly.size(), mondays.size());
    double total = 0;
    for (const auto& p : weekly)
        total += p.y();
    EXPECT_EQ(total, static_cast<double>(sumOver(rows, range).impressions));

    // By month, and another metric: the click rate in percent.
    by->setCurrentIndex(by->findData(QStringLiteral("month")));
    EXPECT_EQ(chartPoints().size(), detail().periods().size());
    EXPECT_LT(chartPoints().size(), weekly.size());
    detail().metricPicker()->setCurrentIndex(detail().metricPicker()->findData(QStringLiteral("ctr")));
    const Sums s = sumOver(rows, range);
    ASSERT_EQ(chartPoints().size(), 1) << "the range lies in one month";
    EXPECT_NEAR(chartPoints().first().y(), 100.0 * s.clicks / s.impressions, 1e-9);
}

TEST_F(SegmentDetailViewTest, ASegmentWithoutMetricsSaysHowToGetThem)
{
    open(uitest::TempWorkspace::withSegments({QStringLiteral("Alpha")}),
         QString::fromLatin1(uitest::TempWorkspace::kAdvertiser));
    showDetailOf(QStringLiteral("Alpha"));
    EXPECT_TRUE(detail().messageText().contains(QStringLiteral("No metrics yet for this segment")))
        << detail().messageText().toStdString();
    EXPECT_TRUE(detail().messageText().contains(QStringLiteral("File ▸ Refresh Metrics")));
    EXPECT_FALSE(detail().hasMetrics());
}

TEST_F(SegmentDetailViewTest, AReadThatFailsIsShownInPlaceAndAsAToast)
{
    auto workspace = uitest::TempWorkspace::busyDemo();
    ASSERT_TRUE(workspace);
    auto failing = std::make_shared<FailingMetricsStore>();
    core::SqliteBackend* local = &workspace->backend();
    open(std::move(workspace), QStringLiteral("adv-northwind"), [failing, local] {
        return ui::AnalyticsBackend{failing, failing.get(), &local->comparisons(), &local->savedComparisons()};
    });
    showDetailOf(QStringLiteral("Weekend Hikers"));
    EXPECT_TRUE(detail().messageText().contains(QStringLiteral("The metrics table cannot be read.")))
        << detail().messageText().toStdString();
    EXPECT_TRUE(detail().messageText().contains(QStringLiteral("Run segctl metrics refresh.")));
    EXPECT_TRUE(hasToastContaining(QStringLiteral("The metrics table cannot be read.")));
}

TEST_F(SegmentDetailViewTest, ANewSegmentAsksToBeSavedFirst)
{
    open(uitest::TempWorkspace::busyDemo(), QStringLiteral("adv-northwind"));
    showDetailOf(QStringLiteral("Weekend Hikers"));
    m_window->actions()->newSegment->trigger();
    TRY_VERIFY(detail().messageText().contains(QStringLiteral("Save the segment")));
    EXPECT_TRUE(detail().segmentId().isEmpty());
}

TEST_F(SegmentDetailViewTest, TheForecastContinuesTheWholeHistoryAndSaysWhenTheChartCannotTakeOne)
{
    open(uitest::TempWorkspace::busyDemo(), QStringLiteral("adv-northwind"));
    showDetailOf(QStringLiteral("Weekend Hikers"));
    const auto rows = dailyRows(detail().segmentId());
    ui::ForecastControls& forecast = *detail().forecast();
    const QString line = QStringLiteral("Weekend Hikers forecast");
    EXPECT_FALSE(detail().chart()->seriesNames().contains(line)) << "off until asked for";

    forecast.toggle()->setChecked(true);
    TRY_VERIFY_WITH_TIMEOUT(!forecast.isBusy() && detail().chart()->seriesNames().contains(line), 20000);
    // The same forecast as the core makes from the segment's whole history up to the last day of
    // data (not only the 30 days shown), starting the day after.
    const auto history = core::forecast::SegmentSeries::fromDailyMetrics(
        rows, core::forecast::SegmentMetric::Impressions, QDate(2026, 9, 30));
    EXPECT_GT(history.size(), detail().rangeBar()->range().days());
    core::forecast::ForecastOptions options;
    options.horizon = 14;
    const auto expected = core::forecast::Forecaster::fit(history, options);
    ASSERT_TRUE(expected.ok());
    const auto points = detail().chart()->displayedPoints(line);
    ASSERT_EQ(points.size(), 14);
    EXPECT_EQ(points.first().x(), ui::ForecastOverlay::xOf(QDate(2026, 10, 1)));
    for (int i = 0; i < 14; ++i)
        EXPECT_NEAR(points[i].y(), expected.value().points[static_cast<size_t>(i)], 1e-6) << i;
    EXPECT_TRUE(forecast.summary()->text().contains(expected.value().model))
        << forecast.summary()->text().toStdString();
    EXPECT_TRUE(forecast.summary()->text().contains(QStringLiteral("backtest")));
    // Its line and bands stay out of the legend, and go when the segment's line is hidden there.
    ui::TimeSeriesChart& chart = *detail().chart();
    for (const QString& n : forecast.overlay()->chartSeries()) {
        EXPECT_FALSE(chart.isListedInLegend(n)) << n.toStdString();
        EXPECT_TRUE(chart.isSeriesVisible(n)) << n.toStdString();
    }
    EXPECT_TRUE(chart.isListedInLegend(QStringLiteral("Weekend Hikers")));
    chart.setSeriesVisible(QStringLiteral("Weekend Hikers"), false);
    for (const QString& n : forecast.overlay()->chartSeries())
        EXPECT_FALSE(chart.isSeriesVisible(n)) << n.toStdString();
    chart.setSeriesVisible(QStringLiteral("Weekend Hikers"), true);
    for (const QString& n : forecast.overlay()->chartSeries())
        EXPECT_TRUE(chart.isSeriesVisible(n)) << n.toStdString();

    // A rate cannot be forecast: the toggle says why and the forecast leaves the chart.
    detail().metricPicker()->setCurrentIndex(detail().metricPicker()->findData(QStringLiteral("ctr")));
    EXPECT_FALSE(forecast.toggle()->isEnabled());
    EXPECT_TRUE(forecast.summary()->text().contains(QStringLiteral("impressions, clicks and conversions")));
    EXPECT_FALSE(detail().chart()->seriesNames().contains(line));

    // Back to impressions: the forecast is back (the fit is reused); by week it is not offered.
    detail().metricPicker()->setCurrentIndex(
        detail().metricPicker()->findData(QStringLiteral("impressions")));
    EXPECT_TRUE(forecast.toggle()->isEnabled());
    TRY_VERIFY_WITH_TIMEOUT(!forecast.isBusy() && detail().chart()->seriesNames().contains(line), 20000);
    QComboBox* by = detail().rangeBar()->granularityBox();
    by->setCurrentIndex(by->findData(QStringLiteral("week")));
    EXPECT_FALSE(forecast.toggle()->isEnabled());
    EXPECT_TRUE(forecast.summary()->text().contains(QStringLiteral("by Day")));
    EXPECT_FALSE(detail().chart()->seriesNames().contains(line));
}
