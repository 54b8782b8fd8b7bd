// The comparison view in the main window: 2–6 segments side by side with the definition
// differences highlighted, the overlap matrix and the significance sentences of the comparison;
// the chooser's validation; saving, opening and exporting comparisons; a backend that fails shows
// its error and nothing partial.
#include <gtest/gtest.h>

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTemporaryDir>

#include "backends/comparison_source.h"
#include "analytics_window.h"
#include "charts/time_series_chart.h"
#include "common/future_wait.h"
#include "comparison/comparison_charts.h"
#include "comparison/comparison_table.h"
#include "comparison/comparison_view.h"
#include "failing_metrics_store.h"
#include "forecast/forecaster.h"
#include "forecast/segment_series.h"
#include "forecast/forecast_controls.h"
#include "shell/main_window_actions.h"
#include "analytics/metric_format.h"
#include "comparison/overlap_matrix_table.h"
#include "common/wrapping_header_view.h"
#include "comparison/segment_chooser.h"
#include "comparison/significance_list.h"
#include "backends/sqlite/sqlite_backend.h"

namespace {

using core::Metric;

// The local workspace's comparison reads, with the audience query failing on demand.
class AudienceFailsSource final : public core::ComparisonSource
{
public:
    explicit AudienceFailsSource(core::ComparisonSource& real) : m_real(real) {}
    bool fail = false;

    core::SqlTarget sqlTarget() const override { return m_real.sqlTarget(); }
    QFuture<core::Result<QList<core::Segment>>> segments(const QStringList& ids) override
    {
        return m_real.segments(ids);
    }
    QFuture<core::Result<QDate>> dataAsOf() override { return m_real.dataAsOf(); }
    core::MetricsStore& metrics() override { return m_real.metrics(); }
    QFuture<core::Result<QHash<QString, qint64>>> aggregateRow(const core::BoundSql& query,
                                                               const QString& what) override
    {
        if (!fail)
            return m_real.aggregateRow(query, what);
        return QtFuture::makeReadyFuture(core::Result<QHash<QString, qint64>>(core::Error::storage(
            QStringLiteral("The audience tables cannot be read."), QStringLiteral("injected"))));
    }

private:
    core::ComparisonSource& m_real;
};

class ComparisonViewTest : public uitest::AnalyticsWindowTest
{
protected:
    ui::ComparisonView& view() { return *m_window->views()->comparison(); }

    void compare(const QStringList& ids)
    {
        m_window->views()->compare(ids);
        TRY_VERIFY_WITH_TIMEOUT(
            settled() && view().comparison() && view().comparison()->request.segmentIds == ids, 20000);
    }

    // Names for "Save comparison…", one per question; the reasons given with each are kept.
    void answerNames(const QStringList& names)
    {
        m_names = names;
        m_problems.clear();
        view().setNameAsker([this](const QString&, const QString& problem) {
            m_problems.append(problem);
            return m_names.isEmpty() ? QString() : m_names.takeFirst();
        });
    }

    QStringList m_names;
    QStringList m_problems;
};

} // namespace

TEST_F(ComparisonViewTest, ThreeSegmentsSideBySideWithTheirDifferencesOverlapAndWhatTheTestsFound)
{
    open(uitest::TempWorkspace::busyDemo(), QStringLiteral("adv-northwind"));
    const QStringList ids{id("Weekend Hikers"), id("Lapsed Campers"), id("Outdoor Gift Buyers")};
    compare(ids);
    EXPECT_EQ(m_window->views()->currentView(), ui::SegmentViews::View::Compare);
    const core::Comparison& c = *view().comparison();
    ASSERT_EQ(c.count(), 3);

    // Definition rows: the cells of a field that differs are highlighted, the others not.
    const ui::ComparisonTable& table = *view().table();
    int differing = 0;
    for (const auto& row : c.definitionDiff.rows) {
        const int r = table.rowOf(row.label);
        ASSERT_GE(r, 0) << row.label.toStdString();
        for (int i = 0; i < 3; ++i) {
            EXPECT_EQ(table.cellText(r, i), row.cells[i].text);
            EXPECT_EQ(table.isHighlighted(r, i), row.differs) << row.label.toStdString() << " " << i;
        }
        differing += row.differs ? 1 : 0;
    }
    EXPECT_GE(differing, 3) << "age, country, behaviour at least";
    // KPIs with their 95 % interval.
    const int ctr = table.rowOf(core::metricLabel(Metric::Ctr));
    ASSERT_GE(ctr, 0);
    for (int i = 0; i < 3; ++i) {
        const auto& rate = c.segments[i].kpis.ctr;
        EXPECT_EQ(table.cellText(ctr, i), QStringLiteral("%1 (%2)").arg(
                                              ui::MetricFormat::percent(rate.value),
                                              ui::MetricFormat::interval(Metric::Ctr, rate.low, rate.high)));
    }
    const int reach = table.rowOf(QStringLiteral("Reach"));
    ASSERT_GE(reach, 0);
    EXPECT_TRUE(table.cellText(reach, 0).startsWith(ui::MetricFormat::count(c.overlap.size(0))));

    // The overlap matrix reads the shared users, the share of the row's segment and Jaccard.
    const ui::OverlapMatrixTable& overlap = *view().overlap();
    ASSERT_EQ(overlap.rowCount(), 3);
    for (int i = 0; i < 3; ++i) {
        for (int j = 0; j < 3; ++j) {
            const QString text = overlap.item(i, j)->text();
            if (i == j) {
                EXPECT_TRUE(text.startsWith(ui::MetricFormat::count(c.overlap.size(i))))
                    << text.toStdString();
                continue;
            }
            EXPECT_TRUE(text.startsWith(ui::MetricFormat::count(c.overlap.sharedUsers(i, j)) +
                                        QStringLiteral(" shared")))
                << text.toStdString();
            EXPECT_TRUE(text.contains(ui::MetricFormat::percent(c.overlap.shareOf(i, j))))
                << text.toStdString();
            EXPECT_TRUE(text.contains(QLocale().toString(c.overlap.jaccard(i, j), 'f', 2)))
                << text.toStdString();
            EXPECT_EQ(overlap.item(i, j)->background().color(),
                      ui::OverlapMatrixTable::heatColour(c.overlap.jaccard(i, j)));
        }
    }
    EXPECT_GT(c.overlap.sharedUsers(0, 1), 0) << "hikers and campers share travel fans";

    // Every test's sentence is listed, significant ones first; the gift buyers click far more.
    const QStringList shown = view().significance()->headlines();
    QStringList expected;
    for (const auto& t : c.tests)
        expected.append(t.headline);
    EXPECT_EQ(QSet<QString>(shown.begin(), shown.end()), QSet<QString>(expected.begin(), expected.end()));
    ASSERT_FALSE(shown.isEmpty());
    EXPECT_EQ(
        shown.first(),
        QStringLiteral("Outdoor Gift Buyers' click rate is higher than Weekend Hikers'; this is unlikely "
                       "to be chance."))
        << shown.join(QLatin1Char('\n')).toStdString();
}

// Long segment names wrap in the overlap matrix's column headers instead of being cut: every line
// of every label fits its column, and the header is as tall as the tallest label.
TEST(OverlapMatrixHeaders, LongNamesWrapAndAreNeverCut)
{
    core::OverlapMatrix overlap;
    overlap.asOf = QDate(2026, 12, 1);
    overlap.shared = {{400, 30, 12}, {30, 900, 50}, {12, 50, 120}};
    const QStringList names{QStringLiteral("Outdoor Gift Buyers in the Nordic countries"),
                            QStringLiteral("Urban Cyclists EU"),
                            QStringLiteral("Supercalifragilisticexpialidocious")};
    ui::OverlapMatrixTable table;
    table.resize(420, 300);
    table.show();
    table.showOverlap(overlap, names);
    QApplication::processEvents();

    auto* header = qobject_cast<ui::WrappingHeaderView*>(table.horizontalHeader());
    ASSERT_NE(header, nullptr);
    const QFontMetrics metrics = header->fontMetrics();
    int tallest = 0;
    for (int i = 0; i < 3; ++i) {
        const int width = header->sectionSize(i);
        EXPECT_GT(metrics.horizontalAdvance(names[i]), width) << "the name would not fit on one line";
        const QRect lines = header->labelRect(i, width);
        EXPECT_LE(lines.width(), width) << names[i].toStdString();
        EXPECT_GT(lines.height(), metrics.height()) << "wrapped onto two lines or more";
        tallest = std::max(tallest, lines.height());
    }
    EXPECT_GE(header->height(), tallest) << "the header shows every line";
    // A wider table needs fewer lines: the header gets shorter again.
    const int narrowHeight = header->height();
    table.resize(1400, 300);
    QApplication::processEvents();
    EXPECT_LT(header->height(), narrowHeight);
    EXPECT_GE(header->height(), header->labelRect(0, header->sectionSize(0)).height());
}

TEST_F(ComparisonViewTest, AFieldTheSegmentsShareIsNotHighlighted)
{
    open(uitest::TempWorkspace::busyDemo(), QStringLiteral("adv-pixel"));
    // Both are on mobile; they differ in age and interests.
    compare({id("Mobile Gamers 18-34"), id("Weekend Hikers")});
    const ui::ComparisonTable& table = *view().table();
    const int device = table.rowOf(QStringLiteral("Device"));
    const int age = table.rowOf(QStringLiteral("Age"));
    ASSERT_GE(device, 0);
    ASSERT_GE(age, 0);
    EXPECT_FALSE(table.isHighlighted(device, 0) || table.isHighlighted(device, 1));
    EXPECT_TRUE(table.isHighlighted(age, 0) && table.isHighlighted(age, 1));
}

TEST_F(ComparisonViewTest, TheChooserSaysWhatIsWrongWithTheChoice)
{
    open(uitest::TempWorkspace::busyDemo(), QStringLiteral("adv-northwind"));
    m_window->showView(ui::SegmentViews::View::Compare);
    ui::SegmentChooser& chooser = *view().chooser();
    EXPECT_EQ(chooser.list()->count(), 5);
    EXPECT_FALSE(chooser.compareButton()->isEnabled());
    chooser.setChecked(id("Weekend Hikers"), true);
    EXPECT_FALSE(chooser.compareButton()->isEnabled());
    EXPECT_TRUE(chooser.messageText().contains(QStringLiteral("at least one more")))
        << chooser.messageText().toStdString();
    chooser.setChecked(id("Urban Cyclists EU"), true);
    ASSERT_TRUE(chooser.compareButton()->isEnabled());
    EXPECT_EQ(chooser.chosenIds(), (QStringList{id("Weekend Hikers"), id("Urban Cyclists EU")}));

    // Seven (a saved comparison could name them): refused, saying how many to drop.
    QStringList seven;
    for (const char* name : {"Weekend Hikers", "Urban Cyclists EU", "Outdoor Gift Buyers", "Lapsed Campers",
                             "High-Intent Adventurers", "Console Fans", "Esports Watchers"})
        seven.append(id(name));
    chooser.setChosen(seven);
    EXPECT_FALSE(chooser.compareButton()->isEnabled());
    EXPECT_TRUE(
        chooser.messageText().contains(QStringLiteral("At most 6 segments can be compared: uncheck 1")))
        << chooser.messageText().toStdString();

    // A valid choice compared with the button.
    chooser.setChosen({id("Weekend Hikers"), id("Urban Cyclists EU")});
    chooser.compareButton()->click();
    TRY_VERIFY_WITH_TIMEOUT(settled() && view().comparison().has_value(), 20000);
    EXPECT_EQ(view().comparison()->names(),
              (QStringList{QStringLiteral("Weekend Hikers"), QStringLiteral("Urban Cyclists EU")}));
}

TEST_F(ComparisonViewTest, CompareSelectedTakesTheListsSelection)
{
    open(uitest::TempWorkspace::busyDemo(), QStringLiteral("adv-northwind"));
    QAction* compareSelected = m_window->actions()->compareSelected;
    activate(QStringLiteral("Lapsed Campers"));
    EXPECT_FALSE(compareSelected->isEnabled()) << "one segment is not a comparison";
    QAbstractItemModel& rows = *m_window->listPane()->proxy();
    for (int r = 0; r < rows.rowCount(); ++r) {
        if (rows.index(r, 0).data().toString() == QLatin1String("Weekend Hikers"))
            m_window->listPane()->view()->selectionModel()->select(
                rows.index(r, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
    ASSERT_TRUE(compareSelected->isEnabled());
    compareSelected->trigger();
    TRY_VERIFY_WITH_TIMEOUT(settled() && view().comparison().has_value(), 20000);
    EXPECT_EQ(m_window->views()->currentView(), ui::SegmentViews::View::Compare);
    EXPECT_EQ(view().comparison()->names(),
              (QStringList{QStringLiteral("Lapsed Campers"), QStringLiteral("Weekend Hikers")}))
        << "in the list's order";
}

TEST_F(ComparisonViewTest, ComparisonsAreSavedByNameOpenedAgainAndExportedAsCsv)
{
    open(uitest::TempWorkspace::busyDemo(), QStringLiteral("adv-northwind"));
    const QStringList first{id("Weekend Hikers"), id("Lapsed Campers")};
    const QStringList second{id("Urban Cyclists EU"), id("Outdoor Gift Buyers"), id("Weekend Hikers")};
    compare(first);
    answerNames({QStringLiteral("Hikers vs campers")});
    view().savedBar()->save();
    TRY_VERIFY_WITH_TIMEOUT(settled() && view().savedBar()->savedComparisons().size() == 1, 10000);
    EXPECT_TRUE(hasToastContaining(QStringLiteral("Saved the comparison “Hikers vs campers”")));
    EXPECT_EQ(view().savedBar()->savedComparisons().first().request.segmentIds, first);

    // Another comparison under a name that is taken (ignoring case): asked again with the reason.
    compare(second);
    answerNames({QStringLiteral("hikers VS campers"), QStringLiteral("   "), QStringLiteral("Three-way")});
    view().savedBar()->save();
    TRY_VERIFY_WITH_TIMEOUT(settled() && view().savedBar()->savedComparisons().size() == 2, 10000);
    ASSERT_EQ(m_problems.size(), 3);
    EXPECT_TRUE(m_problems[0].isEmpty());
    EXPECT_FALSE(m_problems[1].isEmpty()) << "the taken name is refused with a reason";
    EXPECT_FALSE(m_problems[2].isEmpty()) << "a blank name is refused with a reason";
    EXPECT_NE(m_problems[1], m_problems[2]);

    // Opening the first one brings its segments back.
    QComboBox* picker = view().savedBar()->picker();
    const int index = picker->findText(QStringLiteral("Hikers vs campers"));
    ASSERT_GE(index, 0);
    picker->setCurrentIndex(index);
    emit picker->activated(index);
    TRY_VERIFY_WITH_TIMEOUT(
        settled() && view().comparison() && view().comparison()->request.segmentIds == first, 20000);
    EXPECT_EQ(view().chooser()->chosenIds(), first);

    // Export: a complete CSV where the user chose; a folder that does not exist is an error.
    QTemporaryDir dir;
    m_saveFile = dir.filePath(QStringLiteral("hikers"));
    view().exportButton()->click();
    TRY_VERIFY_WITH_TIMEOUT(settled() && QFile::exists(dir.filePath(QStringLiteral("hikers.csv"))), 10000);
    QFile csv(dir.filePath(QStringLiteral("hikers.csv")));
    ASSERT_TRUE(csv.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(csv.readAll());
    EXPECT_TRUE(text.contains(QStringLiteral("Weekend Hikers")) &&
                text.contains(QStringLiteral("Lapsed Campers")));
    EXPECT_TRUE(text.contains(view().comparison()->tests.first().headline));
    EXPECT_TRUE(hasToastContaining(QStringLiteral("Exported the comparison")));
    m_saveFile = dir.filePath(QStringLiteral("missing/x.csv"));
    view().exportButton()->click();
    TRY_VERIFY_WITH_TIMEOUT(
        settled() && hasToastContaining(QStringLiteral("Could not export the comparison")), 10000);
    EXPECT_FALSE(QFile::exists(m_saveFile));
}

TEST_F(ComparisonViewTest, ADeletedSegmentCannotBeComparedAndTheViewSaysWhy)
{
    open(uitest::TempWorkspace::busyDemo(), QStringLiteral("adv-northwind"));
    const QString campers = id("Lapsed Campers");
    auto removed =
        core::awaitFuture(m_workspace->store().deleteSegment(campers, 1, QStringLiteral("tester")));
    ASSERT_TRUE(removed.ok()) << removed.error().toString().toStdString();
    m_window->views()->compare({id("Weekend Hikers"), campers});
    TRY_VERIFY_WITH_TIMEOUT(settled() && view().messageText().contains(QStringLiteral("was deleted")), 20000);
    EXPECT_FALSE(view().comparison().has_value());
    EXPECT_TRUE(hasToastContaining(QStringLiteral("was deleted")));
}

TEST_F(ComparisonViewTest, ABackendThatFailsShowsItsErrorAndNothingOfTheComparison)
{
    auto workspace = uitest::TempWorkspace::busyDemo();
    ASSERT_TRUE(workspace);
    core::SqliteBackend* local = &workspace->backend();
    auto failing = std::make_shared<AudienceFailsSource>(local->comparisons());
    open(std::move(workspace), QStringLiteral("adv-northwind"), [local, failing] {
        return ui::AnalyticsBackend{failing, &local->metrics(), failing.get(), &local->savedComparisons()};
    });
    const QStringList ids{id("Weekend Hikers"), id("Lapsed Campers")};
    compare(ids);
    ASSERT_TRUE(view().exportButton()->isEnabled());

    failing->fail = true;
    view().compare({id("Weekend Hikers"), id("Outdoor Gift Buyers")});
    TRY_VERIFY_WITH_TIMEOUT(settled() && view().messageText().contains(QStringLiteral("The audience tables")),
                            20000);
    EXPECT_TRUE(hasToastContaining(QStringLiteral("The audience tables cannot be read.")));
    EXPECT_FALSE(view().comparison().has_value())
        << "nothing of the earlier comparison stays beside the error";
    EXPECT_FALSE(view().table()->isVisible());
    EXPECT_FALSE(view().exportButton()->isEnabled());
    EXPECT_FALSE(view().savedBar()->saveButton()->isEnabled());
}

TEST_F(ComparisonViewTest, EachComparedSegmentGetsAForecastFromItsWholeHistory)
{
    open(uitest::TempWorkspace::busyDemo(), QStringLiteral("adv-northwind"));
    const QStringList names{QStringLiteral("Weekend Hikers"), QStringLiteral("Lapsed Campers")};
    compare({m_workspace->segmentId(names[0]), m_workspace->segmentId(names[1])});
    const core::Comparison& c = *view().comparison();
    ui::ComparisonCharts& charts = *view().charts();
    ASSERT_EQ(charts.metricPicker(0)->currentData().toString(), QStringLiteral("impressions"));
    ui::ForecastControls& forecast = *charts.forecast(0);
    // The second chart shows the click rate: no forecast there, and it says why.
    EXPECT_FALSE(charts.forecast(1)->toggle()->isEnabled());

    forecast.toggle()->setChecked(true);
    TRY_VERIFY_WITH_TIMEOUT(
        !forecast.isBusy() && charts.chart(0)->seriesNames().contains(names[1] + QStringLiteral(" forecast")),
        20000);
    for (int i = 0; i < 2; ++i) {
        const QString line = names[i] + QStringLiteral(" forecast");
        ASSERT_TRUE(charts.chart(0)->seriesNames().contains(line)) << line.toStdString();
        auto rows =
            core::awaitFuture(m_workspace->backend().metrics().dailyMetrics(m_workspace->segmentId(names[i])));
        ASSERT_TRUE(rows.ok());
        const auto history = core::forecast::SegmentSeries::fromDailyMetrics(
            rows.value(), core::forecast::SegmentMetric::Impressions, c.asOf);
        EXPECT_GT(history.size(), c.range.days()) << "the whole history, not the range compared";
        core::forecast::ForecastOptions options;
        options.horizon = 14;
        const auto expected = core::forecast::Forecaster::fit(history, options);
        ASSERT_TRUE(expected.ok());
        const auto points = charts.chart(0)->displayedPoints(line);
        ASSERT_EQ(points.size(), 14);
        EXPECT_NEAR(points.last().y(), expected.value().points.back(), 1e-6);
        EXPECT_TRUE(forecast.summary()->text().contains(names[i]));
    }

    // Off: every forecast leaves the chart, the segments' lines stay.
    forecast.toggle()->setChecked(false);
    for (const QString& name : names) {
        EXPECT_FALSE(charts.chart(0)->seriesNames().contains(name + QStringLiteral(" forecast")));
        EXPECT_TRUE(charts.chart(0)->seriesNames().contains(name));
    }
}

TEST_F(ComparisonViewTest, AForecastWhoseHistoryCannotBeReadSaysWhyAndRaisesAToast)
{
    auto workspace = uitest::TempWorkspace::busyDemo();
    ASSERT_TRUE(workspace);
    core::SqliteBackend* local = &workspace->backend();
    // The comparison reads through the workspace; the histories for forecasts fail.
    auto failing = std::make_shared<uitest::FailingMetricsStore>();
    open(std::move(workspace), QStringLiteral("adv-northwind"), [local, failing] {
        return ui::AnalyticsBackend{failing, failing.get(), &local->comparisons(),
                                    &local->savedComparisons()};
    });
    compare({id("Weekend Hikers"), id("Lapsed Campers")});
    ui::ComparisonCharts& charts = *view().charts();
    ui::ForecastControls& forecast = *charts.forecast(0);

    forecast.toggle()->setChecked(true);
    TRY_VERIFY_WITH_TIMEOUT(
        !forecast.isBusy() && forecast.summary()->text().contains(QStringLiteral("No forecast")), 20000);
    EXPECT_TRUE(forecast.summary()->text().contains(QStringLiteral("The metrics table cannot be read.")))
        << forecast.summary()->text().toStdString();
    EXPECT_TRUE(hasToastContaining(QStringLiteral("The metrics table cannot be read.")));
    for (const QString& name : {QStringLiteral("Weekend Hikers"), QStringLiteral("Lapsed Campers")})
        EXPECT_FALSE(charts.chart(0)->seriesNames().contains(name + QStringLiteral(" forecast")));
}
