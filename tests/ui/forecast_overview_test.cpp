// View ▸ Forecast All Segments: the dialog forecasts every segment of the advertiser (or of all)
// in the background with progress and Cancel, fills a table whose rows are what
// BatchForecaster::forecastOne gives for each segment's history, says why a segment could not be
// forecast, exports the table as CSV, and shows failures in place and as a toast.
#include <cmath>
#include <numeric>

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>

#include "analytics_window.h"
#include "export/csv_reader.h"
#include "failing_metrics_store.h"
#include "forecast/segment_series.h"
#include "forecast/forecast_overview_dialog.h"
#include "forecast/forecast_overview_model.h"
#include "shell/main_window_actions.h"
#include "segments/segment_form.h"
#include "support/forecast_seeding.h"
#include "common/view_message.h"

namespace {

using core::forecast::SegmentForecastSummary;
using State = ui::ForecastOverviewRun::State;

class ForecastOverviewTest : public uitest::AnalyticsWindowTest
{
protected:
    ui::ForecastOverviewDialog& openDialog()
    {
        m_window->actions()->forecastAll->trigger();
        auto* dialog = m_window->findChild<ui::ForecastOverviewDialog*>();
        EXPECT_TRUE(dialog && dialog->isVisible());
        return *dialog;
    }

    static void chooseScope(ui::ForecastOverviewDialog& dialog, bool allAdvertisers)
    {
        QComboBox* scope = dialog.scopeBox();
        scope->setCurrentIndex(allAdvertisers ? scope->findData(QString()) : 0);
    }

    static bool ended(const ui::ForecastOverviewDialog& dialog)
    {
        const State s = dialog.run()->state();
        return s == State::Finished || s == State::Cancelled || s == State::Failed;
    }

    static const SegmentForecastSummary* rowOf(const ui::ForecastOverviewDialog& dialog, const QString& id)
    {
        const int row = dialog.model()->rowOf(id);
        return row < 0 ? nullptr : &dialog.model()->at(row);
    }

    // What BatchForecaster::forecastOne gives for the segment's history read on its own.
    core::forecast::BatchOutcome expectedOutcome(const QString& segmentId, QDate through,
                                                 const core::forecast::BatchOptions& options)
    {
        auto days = core::awaitFuture(m_workspace->backend().metrics().dailyMetrics(segmentId));
        EXPECT_TRUE(days) << days.error().toString().toStdString();
        m_history =
            core::forecast::SegmentSeries::fromDailyMetrics(days ? days.value() : QList<core::DailyMetrics>{},
                                                            core::forecast::SegmentMetric::Clicks, through);
        return core::forecast::BatchForecaster::forecastOne({segmentId, m_history}, options);
    }

    core::forecast::TimeSeries m_history;
};

TEST_F(ForecastOverviewTest, ForecastsEveryLiveSegmentOfTheAdvertiserLikeForecastOne)
{
    auto workspace = uitest::TempWorkspace::busyDemo();
    ASSERT_TRUE(workspace);
    auto quiet = core::awaitFuture(workspace->store().createSegment(
        testsupport::draftSegment(QStringLiteral("adv-northwind"), QStringLiteral("Not Delivered Yet")),
        QStringLiteral("tester")));
    ASSERT_TRUE(quiet) << quiet.error().toString().toStdString();
    auto listed = core::awaitFuture(workspace->store().listSegments({QStringLiteral("adv-northwind")}));
    ASSERT_TRUE(listed);
    const int segments = static_cast<int>(listed.value().size());
    open(std::move(workspace), QStringLiteral("adv-northwind"));

    ui::ForecastOverviewDialog& dialog = openDialog();
    EXPECT_TRUE(dialog.scopeBox()->currentText().contains(QStringLiteral("Northwind Outdoor")));
    dialog.metricBox()->setCurrentIndex(dialog.metricBox()->findText(QStringLiteral("Clicks")));
    dialog.horizonBox()->setValue(21);
    dialog.backtestBox()->setChecked(true);
    int highestProgress = 0;
    QObject::connect(dialog.run(), &ui::ForecastOverviewRun::progressChanged, &dialog,
                     [&](int done, int) { highestProgress = std::max(highestProgress, done); });
    dialog.startButton()->click();
    EXPECT_FALSE(dialog.startButton()->isEnabled());
    EXPECT_TRUE(dialog.cancelButton()->isEnabled());
    TRY_VERIFY_WITH_TIMEOUT(ended(dialog), 60000);
    ASSERT_EQ(dialog.run()->state(), State::Finished) << dialog.statusLabel()->text().toStdString();

    EXPECT_EQ(dialog.run()->total(), segments);
    EXPECT_EQ(highestProgress, segments);
    EXPECT_EQ(dialog.progressBar()->value(), segments);
    EXPECT_EQ(dialog.progressBar()->maximum(), segments);
    EXPECT_EQ(dialog.model()->rowCount(), segments);
    EXPECT_TRUE(dialog.startButton()->isEnabled());
    EXPECT_FALSE(dialog.cancelButton()->isEnabled());
    EXPECT_FALSE(dialog.table()->isColumnHidden(ui::ForecastOverviewModel::Mase));

    // The forecasts start after the last day the advertiser's metrics cover.
    QDate lastDay;
    for (const core::Segment& s : listed.value()) {
        auto days = core::awaitFuture(m_workspace->backend().metrics().dailyMetrics(s.id));
        ASSERT_TRUE(days);
        if (!days.value().isEmpty() && (!lastDay.isValid() || days.value().last().day > lastDay))
            lastDay = days.value().last().day;
    }
    ASSERT_TRUE(lastDay.isValid());
    EXPECT_EQ(dialog.run()->through(), lastDay);

    core::forecast::BatchOptions options;
    options.forecast.horizon = 21;
    options.backtest = true;
    for (const char* name : {"Weekend Hikers", "Outdoor Gift Buyers"}) {
        const QString id = this->id(name);
        const SegmentForecastSummary* row = rowOf(dialog, id);
        ASSERT_TRUE(row) << name;
        const auto expected = expectedOutcome(id, lastDay, options);
        ASSERT_TRUE(expected.forecast);
        const auto& f = expected.forecast.value();
        EXPECT_TRUE(row->forecast);
        EXPECT_EQ(row->segmentName, QString::fromUtf8(name));
        EXPECT_EQ(row->advertiserName, QStringLiteral("Northwind Outdoor"));
        EXPECT_EQ(row->model, f.model);
        EXPECT_EQ(row->firstDay, lastDay.addDays(1));
        EXPECT_EQ(row->horizon, 21);
        EXPECT_DOUBLE_EQ(row->total, std::accumulate(f.points.begin(), f.points.end(), 0.0));
        EXPECT_DOUBLE_EQ(row->upper95, std::accumulate(f.interval(95.0)->upper.begin(),
                                                       f.interval(95.0)->upper.end(), 0.0));
        double previous = 0;
        for (qsizetype i = m_history.size() - 21; i < m_history.size(); ++i)
            previous += m_history.at(i);
        EXPECT_DOUBLE_EQ(row->previousTotal, previous);
        ASSERT_TRUE(expected.backtest && *expected.backtest);
        EXPECT_TRUE(row->backtested);
        EXPECT_DOUBLE_EQ(row->maseRatio, expected.backtest->value().maseRatio());
        EXPECT_DOUBLE_EQ(row->coverage95, expected.backtest->value().model.coverageAt(95.0));
    }

    // The new segment has no metrics: a row that says so, without figures.
    const SegmentForecastSummary* none = rowOf(dialog, quiet.value().id);
    ASSERT_TRUE(none);
    EXPECT_FALSE(none->forecast);
    EXPECT_TRUE(none->note.contains(QStringLiteral("No daily metrics yet"))) << none->note.toStdString();
    const int row = dialog.model()->rowOf(quiet.value().id);
    EXPECT_EQ(dialog.model()->index(row, ui::ForecastOverviewModel::Total).data().toString(),
              QStringLiteral("—"));
    EXPECT_EQ(dialog.model()->index(row, ui::ForecastOverviewModel::Note).data().toString(), none->note);

    // Every advertiser: every live segment of the workspace.
    auto all = core::awaitFuture(m_workspace->store().listSegments({}));
    ASSERT_TRUE(all);
    chooseScope(dialog, true);
    dialog.backtestBox()->setChecked(false);
    dialog.startButton()->click();
    TRY_VERIFY_WITH_TIMEOUT(ended(dialog), 60000);
    ASSERT_EQ(dialog.run()->state(), State::Finished);
    EXPECT_EQ(dialog.model()->rowCount(), all.value().size());
    EXPECT_TRUE(dialog.table()->isColumnHidden(ui::ForecastOverviewModel::Mase));
    QSet<QString> advertisers;
    for (const auto& r : dialog.model()->rows())
        advertisers.insert(r.advertiserId);
    EXPECT_EQ(advertisers.size(), 3);
}

TEST_F(ForecastOverviewTest, CancelStopsMidRunAndKeepsTheRowsDone)
{
    auto workspace = uitest::TempWorkspace::withSegments({});
    ASSERT_TRUE(workspace);
    auto ids = testsupport::seedForecastSegments(workspace->backend(), QStringLiteral("adv-many"), 120, 120,
                                                 QDate(2026, 6, 30));
    ASSERT_TRUE(ids) << ids.error().toString().toStdString();
    open(std::move(workspace), QStringLiteral("adv-many"));
    // With backtests the run takes seconds, so Cancel lands mid-run.
    ui::ForecastOverviewDialog& dialog = openDialog();
    dialog.backtestBox()->setChecked(true);
    dialog.startButton()->click();
    TRY_VERIFY_WITH_TIMEOUT(dialog.run()->done() >= 3, 60000);
    dialog.cancelButton()->click();
    TRY_VERIFY_WITH_TIMEOUT(ended(dialog), 10000);
    ASSERT_EQ(dialog.run()->state(), State::Cancelled);
    EXPECT_EQ(dialog.run()->total(), 120);
    const int rows = dialog.model()->rowCount();
    EXPECT_GE(rows, 1);
    EXPECT_LT(rows, 120);
    for (const auto& r : dialog.model()->rows())
        EXPECT_TRUE(r.forecast) << r.note.toStdString();
    EXPECT_TRUE(dialog.progressBar()->text().startsWith(QStringLiteral("Cancelled")))
        << dialog.progressBar()->text().toStdString();
    EXPECT_TRUE(dialog.statusLabel()->text().contains(QStringLiteral("Cancelled after")));
    EXPECT_TRUE(dialog.startButton()->isEnabled());
    // Nothing arrives after the cancellation.
    QTest::qWait(300);
    EXPECT_EQ(dialog.model()->rowCount(), rows);
    EXPECT_EQ(dialog.run()->state(), State::Cancelled);
}

TEST_F(ForecastOverviewTest, ExportsTheTableAsCsvAndDoubleClickShowsTheSegment)
{
    open(uitest::TempWorkspace::busyDemo(), QStringLiteral("adv-pixel"));
    ui::ForecastOverviewDialog& dialog = openDialog();
    chooseScope(dialog, true);
    dialog.startButton()->click();
    TRY_VERIFY_WITH_TIMEOUT(ended(dialog), 60000);
    ASSERT_EQ(dialog.run()->state(), State::Finished);

    QTemporaryDir dir;
    m_saveFile = dir.filePath(QStringLiteral("forecasts"));
    ASSERT_TRUE(dialog.exportButton()->isEnabled());
    dialog.exportButton()->click();
    TRY_VERIFY(QFile::exists(m_saveFile + QStringLiteral(".csv")));
    TRY_VERIFY(hasToastContaining(QStringLiteral("Exported the forecasts")));
    QFile file(m_saveFile + QStringLiteral(".csv"));
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    auto csv = core::CsvReader::readAll(file.readAll());
    ASSERT_TRUE(csv) << csv.error().toString().toStdString();
    ASSERT_EQ(csv.value().size(), dialog.model()->rowCount() + 1);
    EXPECT_EQ(csv.value().first().first(), QStringLiteral("segment_id"));
    const QString hikers = id("Weekend Hikers");
    const SegmentForecastSummary* row = rowOf(dialog, hikers);
    ASSERT_TRUE(row);
    bool found = false;
    for (const QStringList& line : csv.value()) {
        if (line.first() != hikers)
            continue;
        found = true;
        EXPECT_EQ(line.at(1), QStringLiteral("Weekend Hikers"));
        EXPECT_EQ(line.at(3), QStringLiteral("Northwind Outdoor"));
        EXPECT_EQ(line.at(4), QStringLiteral("impressions"));
        EXPECT_EQ(line.at(5), row->model);
        EXPECT_NEAR(line.at(9).toDouble(), row->total, 0.05);
        EXPECT_NEAR(line.at(13).toDouble(), row->upper95, 0.05);
    }
    EXPECT_TRUE(found);

    // Double-click: the main window switches to Northwind and opens the segment.
    const QModelIndex source = dialog.model()->index(dialog.model()->rowOf(hikers), 0);
    auto* proxy = qobject_cast<QAbstractProxyModel*>(dialog.table()->model());
    ASSERT_TRUE(proxy);
    emit dialog.table()->doubleClicked(proxy->mapFromSource(source));
    TRY_VERIFY_WITH_TIMEOUT(m_window->form()->base().id == hikers, 20000);
    EXPECT_EQ(m_window->currentAdvertiserId(), QStringLiteral("adv-northwind"));
}

TEST_F(ForecastOverviewTest, AFailedReadIsShownInTheDialogAndAsAToast)
{
    auto workspace = uitest::TempWorkspace::busyDemo();
    ASSERT_TRUE(workspace);
    auto failing = std::make_shared<uitest::FailingMetricsStore>();
    core::SqliteBackend* local = &workspace->backend();
    open(std::move(workspace), QStringLiteral("adv-northwind"), [failing, local] {
        return ui::AnalyticsBackend{failing, failing.get(), &local->comparisons(), &local->savedComparisons()};
    });
    ui::ForecastOverviewDialog& dialog = openDialog();
    dialog.startButton()->click();
    TRY_VERIFY(ended(dialog));
    EXPECT_EQ(dialog.run()->state(), State::Failed);
    EXPECT_TRUE(dialog.message()->isVisible());
    EXPECT_TRUE(dialog.message()->text().contains(QStringLiteral("The metrics table cannot be read.")))
        << dialog.message()->text().toStdString();
    EXPECT_TRUE(hasToastContaining(QStringLiteral("The metrics table cannot be read.")));
    EXPECT_EQ(dialog.model()->rowCount(), 0);
    EXPECT_FALSE(dialog.exportButton()->isEnabled());
    EXPECT_TRUE(dialog.startButton()->isEnabled());
}

} // namespace
