// The Experiments tab on a real demo workspace: New Experiment… creates through the store
// (refused at the field, nothing stored, when the weights do not add up to 100 or the key is
// taken), the results show one row per arm and the holdout with no more people than the
// segment has, Stop (asked first) stops it; and the readout view on hand-made data: the
// sample-ratio banner first on a broken split, "too early" on too little data.
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>

#include "analytics/metric_format.h"
#include "analytics_window.h"
#include "backends/experiment_store.h"
#include "backends/metrics_store.h"
#include "charts/time_series_chart.h"
#include "experiments/experiment_arms_editor.h"
#include "experiments/experiment_power_calculator.h"
#include "experiments/experiment_readout_view.h"
#include "experiments/experiments_panel.h"
#include "experiments/new_experiment_dialog.h"
#include "experiments/sample_size_planner.h"
#include "segments/segment_views.h"

namespace {

class ExperimentsPanelTest : public uitest::AnalyticsWindowTest
{
protected:
    void SetUp() override
    {
        open(uitest::TempWorkspace::busyDemo(), QStringLiteral("adv-northwind"));
        m_window->showView(ui::SegmentViews::View::Experiments);
    }

    ui::ExperimentsPanel& panel() { return *m_window->views()->experiments(); }
    core::ExperimentStore& store() { return m_workspace->backend().experiments(); }

    // The shown advertiser's segment with the most people, and that many.
    QString biggestSegment(qint64* reach = nullptr)
    {
        QString best;
        qint64 most = -1;
        QAbstractItemModel& rows = *m_window->listPane()->proxy();
        for (int r = 0; r < rows.rowCount(); ++r) {
            const qint64 n =
                rows.index(r, ui::SegmentListModel::Reach).data(ui::SegmentListModel::SortRole).toLongLong();
            if (n > most) {
                most = n;
                best = rows.index(r, ui::SegmentListModel::Name).data().toString();
            }
        }
        if (reach)
            *reach = most;
        return best;
    }

    QList<core::Experiment> stored(const QString& segmentId)
    {
        core::ExperimentQuery query;
        query.segmentId = segmentId;
        auto listed = core::awaitFuture(store().list(query));
        EXPECT_TRUE(listed.ok()) << listed.error().toString().toStdString();
        return listed ? listed.value() : QList<core::Experiment>{};
    }

    // A running experiment on the segment over the busy demo's last 30 days (it ends 2026-09-30).
    core::Experiment createStored(const QString& segmentId, const QString& key,
                                  QList<core::ExperimentArm> arms, double holdout = 0)
    {
        core::Experiment e;
        e.segmentId = segmentId;
        e.name = QStringLiteral("Experiment %1").arg(key);
        e.key = key;
        e.arms = std::move(arms);
        e.holdoutPercent = holdout;
        e.startDate = QDate(2026, 9, 1);
        e.status = core::ExperimentStatus::Running;
        auto created = core::awaitFuture(store().create(e, QStringLiteral("tester")));
        EXPECT_TRUE(created.ok()) << created.error().toString().toStdString();
        return created ? created.value() : core::Experiment{};
    }

    void waitForPanel() { TRY_VERIFY_WITH_TIMEOUT(!panel().isBusy() && settled(), 20000); }
};

qint64 columnSum(const QTableWidget& table, int column)
{
    qint64 sum = 0;
    for (int r = 0; r < table.rowCount(); ++r)
        sum += QLocale().toLongLong(table.item(r, column)->text());
    return sum;
}

} // namespace

TEST_F(ExperimentsPanelTest, NewExperimentIsRefusedUntilTheWeightsAddUpTo100ThenStored)
{
    const QString name = biggestSegment();
    ASSERT_FALSE(name.isEmpty());
    activate(name);
    waitForPanel();
    EXPECT_TRUE(panel().experiments().isEmpty());
    EXPECT_TRUE(panel().messageText().contains(QStringLiteral("No experiments")));
    const QString segmentId = id(name.toUtf8().constData());

    QPointer<ui::NewExperimentDialog> dialog = panel().newExperiment();
    ASSERT_TRUE(dialog);
    TRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 20000);
    dialog->nameField()->setText(QStringLiteral("Spring Banner Café"));
    EXPECT_EQ(dialog->keyField()->text(), QStringLiteral("spring-banner-cafe"));
    dialog->startField()->setDate(QDate(2026, 9, 1));

    ui::ExperimentArmsEditor& arms = *dialog->armsEditor();
    ASSERT_EQ(arms.rowCount(), 2);
    arms.weightField(0)->setValue(60);
    arms.weightField(1)->setValue(30);
    EXPECT_FALSE(dialog->createButton()->isEnabled());
    EXPECT_TRUE(dialog->issueText(QStringLiteral("arms")).contains(QStringLiteral("add up to 90 %")))
        << dialog->issueText(QStringLiteral("arms")).toStdString();
    dialog->create(); // what Enter would try: refused before the store
    QTest::qWait(50);
    EXPECT_TRUE(dialog && dialog->isVisible());
    EXPECT_TRUE(stored(segmentId).isEmpty());

    // A third arm keeps the user's weights (the total says what is missing); removing it again
    // and fixing the weight makes the experiment valid.
    arms.addButton()->click();
    EXPECT_EQ(arms.rowCount(), 3);
    EXPECT_EQ(arms.total(), 90);
    arms.removeButton(2)->click();
    EXPECT_EQ(arms.rowCount(), 2);
    EXPECT_FALSE(arms.removeButton(0)->isEnabled()) << "an experiment needs 2 arms";
    arms.nameField(1)->setText(QStringLiteral("bold"));
    arms.weightField(0)->setValue(70);
    dialog->holdoutField()->setValue(10);
    EXPECT_TRUE(dialog->issues().isEmpty()) << core::summarize(dialog->issues()).toStdString();
    ASSERT_TRUE(dialog->createButton()->isEnabled());

    // The power calculator plans on the segment's own click rate over its last 30 days.
    auto rows = core::awaitFuture(m_workspace->backend().metrics().dailyMetrics(segmentId));
    ASSERT_TRUE(rows.ok() && !rows.value().isEmpty());
    const QDate last = rows.value().last().day;
    qint64 impressions = 0;
    qint64 clicks = 0;
    for (const auto& r : rows.value()) {
        if (r.day > last.addDays(-30)) {
            impressions += r.impressions;
            clicks += r.clicks;
        }
    }
    ASSERT_GT(impressions, 0);
    EXPECT_NEAR(dialog->calculator()->baselineField()->value(), 100.0 * clicks / impressions, 0.006);
    const auto plan = dialog->calculator()->plan();
    ASSERT_TRUE(plan.ok()) << plan.error().toString().toStdString();
    const double baseline = dialog->calculator()->baselineField()->value() / 100;
    EXPECT_EQ(plan.value().perArm,
              core::SampleSizePlanner::perArm({baseline, 0.1, true, 0.05, 0.8, 2}).value());
    ASSERT_TRUE(plan.value().days.has_value());
    // The smallest arm (30 %) of the 90 % not held out gets 27 % of the impressions.
    EXPECT_DOUBLE_EQ(plan.value().smallestArmShare, 0.27);
    EXPECT_EQ(*plan.value().days,
              static_cast<qint64>(std::ceil(plan.value().perArm / (impressions / 30.0 * 0.27))));
    EXPECT_TRUE(dialog->calculator()->resultText().contains(QStringLiteral("per arm")));

    dialog->createButton()->click();
    TRY_VERIFY_WITH_TIMEOUT(!dialog, 20000); // accepted and deleted
    waitForPanel();
    const QList<core::Experiment> saved = stored(segmentId);
    ASSERT_EQ(saved.size(), 1);
    EXPECT_EQ(saved.first().key, QStringLiteral("spring-banner-cafe"));
    EXPECT_EQ(saved.first().arms,
              (QList<core::ExperimentArm>{{QStringLiteral("control"), 70}, {QStringLiteral("bold"), 30}}));
    EXPECT_EQ(saved.first().holdoutPercent, 10);
    EXPECT_EQ(saved.first().createdBy, QStringLiteral("tester"));
    EXPECT_EQ(saved.first().status, core::ExperimentStatus::Running);
    ASSERT_EQ(panel().experiments().size(), 1);
    ASSERT_TRUE(panel().current());
    EXPECT_EQ(panel().current()->id, saved.first().id);
    EXPECT_TRUE(panel().readout().has_value());
    EXPECT_TRUE(hasToastContaining(QStringLiteral("spring-banner-cafe")));
}

TEST_F(ExperimentsPanelTest, AKeyAlreadyUsedIsShownAtTheKeyAndNothingIsStored)
{
    const QString name = biggestSegment();
    const QString segmentId = id(name.toUtf8().constData());
    createStored(segmentId, QStringLiteral("taken"),
                 {{QStringLiteral("control"), 50}, {QStringLiteral("b"), 50}});
    activate(name);
    waitForPanel();
    ASSERT_EQ(panel().experiments().size(), 1);

    QPointer<ui::NewExperimentDialog> dialog = panel().newExperiment();
    ASSERT_TRUE(dialog);
    dialog->nameField()->setText(QStringLiteral("Another"));
    dialog->keyField()->setText(QStringLiteral("taken"));
    ASSERT_TRUE(dialog->createButton()->isEnabled());
    dialog->createButton()->click();
    TRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 20000);
    ASSERT_TRUE(dialog);
    EXPECT_TRUE(dialog->isVisible());
    EXPECT_TRUE(dialog->issueText(QStringLiteral("key")).contains(QStringLiteral("already used")))
        << dialog->issueText(QStringLiteral("key")).toStdString();
    EXPECT_EQ(stored(segmentId).size(), 1);
    dialog->reject();
}

TEST_F(ExperimentsPanelTest, ResultsShowEveryArmWithNoMorePeopleThanTheSegmentHas)
{
    qint64 reach = 0;
    const QString name = biggestSegment(&reach);
    ASSERT_GT(reach, 0);
    const QString segmentId = id(name.toUtf8().constData());
    createStored(
        segmentId, QStringLiteral("three-arms"),
        {{QStringLiteral("control"), 34}, {QStringLiteral("bold"), 33}, {QStringLiteral("calm"), 33}}, 10);
    activate(name);
    waitForPanel();
    ASSERT_TRUE(panel().readout().has_value());
    EXPECT_EQ(panel().list()->rowCount(), 1);
    EXPECT_EQ(panel().list()->item(0, 1)->text(), QStringLiteral("three-arms"));
    EXPECT_EQ(panel().list()->item(0, 2)->text(), QStringLiteral("Running"));

    const ui::ExperimentReadoutView& view = *panel().readoutView();
    const QTableWidget& armsTable = *view.armsTable();
    ASSERT_EQ(armsTable.rowCount(), 4) << "three arms and the holdout";
    EXPECT_TRUE(armsTable.item(3, 0)->text().startsWith(QStringLiteral("holdout")));
    const qint64 people = columnSum(armsTable, 1);
    EXPECT_GT(people, 0);
    EXPECT_LE(people, reach);
    for (int r = 0; r < 3; ++r)
        EXPECT_GT(QLocale().toLongLong(armsTable.item(r, 1)->text()), 0) << "arm " << r;
    qint64 fromReadout = 0;
    for (const auto& a : panel().readout()->arms)
        fromReadout += a.totals.users;
    EXPECT_EQ(people, fromReadout);

    EXPECT_EQ(view.comparisonsTable()->rowCount(), 2);
    EXPECT_EQ(view.verdicts().size(), 2);
    EXPECT_TRUE(view.headline()->text() == panel().readout()->headline);
    EXPECT_EQ(view.isShowingSampleRatioWarning(), panel().readout()->sampleRatio.warning);
    EXPECT_EQ(view.isShowingTooEarly(), panel().readout()->tooEarly);
    bool anyDay = false;
    for (const auto& d : panel().readout()->days)
        anyDay = anyDay || (d.defined && d.arm == 1);
    if (anyDay) {
        const QStringList series = view.chart()->seriesNames();
        EXPECT_TRUE(series.contains(ui::ExperimentReadoutView::liftSeriesName(QStringLiteral("bold"))));
        EXPECT_TRUE(series.contains(ui::ExperimentReadoutView::bandSeriesName(QStringLiteral("bold"))));
        EXPECT_TRUE(series.contains(ui::ExperimentReadoutView::zeroSeriesName()));
    }
}

TEST_F(ExperimentsPanelTest, StopAsksFirstThenStopsTheExperiment)
{
    const QString name = biggestSegment();
    const QString segmentId = id(name.toUtf8().constData());
    const core::Experiment e = createStored(segmentId, QStringLiteral("to-stop"),
                                            {{QStringLiteral("control"), 50}, {QStringLiteral("b"), 50}});
    activate(name);
    waitForPanel();
    ASSERT_TRUE(panel().stopButton()->isEnabled());

    QString asked;
    panel().setStopConfirmer([&asked](const QString& question) {
        asked = question;
        return false;
    });
    panel().stopButton()->click();
    EXPECT_TRUE(asked.contains(e.name));
    waitForPanel();
    auto still = core::awaitFuture(store().get(e.id));
    ASSERT_TRUE(still.ok());
    EXPECT_EQ(still.value().status, core::ExperimentStatus::Running);

    panel().setStopConfirmer([](const QString&) { return true; });
    panel().stopButton()->click();
    waitForPanel();
    auto stopped = core::awaitFuture(store().get(e.id));
    ASSERT_TRUE(stopped.ok());
    EXPECT_EQ(stopped.value().status, core::ExperimentStatus::Stopped);
    EXPECT_EQ(stopped.value().version, e.version + 1);
    EXPECT_EQ(panel().list()->item(0, 2)->text(), QStringLiteral("Stopped"));
    EXPECT_FALSE(panel().stopButton()->isEnabled());
    EXPECT_TRUE(hasToastContaining(QStringLiteral("Stopped")));
}

namespace {

core::Experiment fiftyFifty()
{
    core::Experiment e;
    e.name = QStringLiteral("Split check");
    e.key = QStringLiteral("split-check");
    e.arms = {{QStringLiteral("control"), 50}, {QStringLiteral("treatment"), 50}};
    e.startDate = QDate(2026, 9, 1);
    e.primaryMetric = core::ExperimentMetric::Ctr;
    return e;
}

core::ExperimentArmTotals totals(int arm, qint64 users, qint64 impressions, qint64 clicks)
{
    core::ExperimentArmTotals t;
    t.arm = arm;
    t.users = users;
    t.impressions = impressions;
    t.clicks = clicks;
    return t;
}

core::ExperimentData dataOf(qint64 controlUsers, qint64 treatmentUsers, qint64 impressionsPerArm)
{
    core::ExperimentData d;
    d.asOf = QDate(2026, 9, 30);
    d.firstDay = QDate(2026, 9, 1);
    d.lastDay = QDate(2026, 9, 30);
    d.arms = {totals(0, controlUsers, impressionsPerArm, impressionsPerArm / 50),
              totals(1, treatmentUsers, impressionsPerArm, impressionsPerArm / 40), totals(-1, 0, 0, 0)};
    for (int day = 0; day < 30; ++day) {
        const qint64 n = impressionsPerArm * (day + 1) / 30;
        d.days.append({d.firstDay.addDays(day), totals(0, controlUsers, n, n / 50)});
        d.days.append({d.firstDay.addDays(day), totals(1, treatmentUsers, n, n / 40)});
    }
    return d;
}

} // namespace

TEST(ExperimentReadoutView, ABrokenSplitPutsTheBannerAboveEverything)
{
    const core::Experiment e = fiftyFifty();
    ui::ExperimentReadoutView view;
    view.resize(1000, 900);
    view.show();

    // 5,300 vs 4,700 people where 50/50 expects 5,000 each: χ² = 36, p ≈ 2·10⁻⁹.
    const core::ExperimentReadout broken = core::ExperimentResults::read(e, dataOf(5300, 4700, 40000));
    ASSERT_TRUE(broken.sampleRatio.warning);
    view.showReadout(e, broken);
    EXPECT_TRUE(view.isShowingSampleRatioWarning());
    EXPECT_TRUE(view.sampleRatioBanner()->text().contains(QStringLiteral("Check the split")));
    EXPECT_TRUE(view.sampleRatioBanner()->text().contains(QStringLiteral("5,300 / 4,700")));
    QTest::qWait(20);
    EXPECT_LT(view.sampleRatioBanner()->geometry().top(), view.headline()->geometry().top());
    EXPECT_LT(view.headline()->geometry().top(), view.armsTable()->geometry().top());
    EXPECT_FALSE(view.isShowingTooEarly());

    // The reference's 5,100 vs 4,900 is within chance (p ≈ 0.046): no banner.
    const core::ExperimentReadout fine = core::ExperimentResults::read(e, dataOf(5100, 4900, 40000));
    ASSERT_FALSE(fine.sampleRatio.warning);
    view.showReadout(e, fine);
    EXPECT_FALSE(view.isShowingSampleRatioWarning());
    ASSERT_EQ(view.comparisonsTable()->rowCount(), 1);
    // 2.5 % against 2.0 % on 40,000 impressions each: a real lift, even looking every day.
    ASSERT_EQ(fine.comparisons.first().verdict, core::ExperimentComparison::Verdict::Better);
    EXPECT_TRUE(view.verdicts().first().contains(QStringLiteral("roll “treatment” out")));
    EXPECT_EQ(view.armsTable()->rowCount(), 3);
    const QStringList series = view.chart()->seriesNames();
    EXPECT_TRUE(series.contains(ui::ExperimentReadoutView::liftSeriesName(QStringLiteral("treatment"))));
    EXPECT_TRUE(series.contains(ui::ExperimentReadoutView::bandSeriesName(QStringLiteral("treatment"))));
    // The last day's line point is the cumulative lift: +25 %.
    const QList<QPointF> line =
        view.chart()->displayedPoints(ui::ExperimentReadoutView::liftSeriesName(QStringLiteral("treatment")));
    ASSERT_FALSE(line.isEmpty());
    EXPECT_NEAR(line.last().y(), 25.0, 0.01);
}

TEST(ExperimentReadoutView, SpendPerPersonIsMoneyInTheAdvertisersCurrency)
{
    core::Experiment e = fiftyFifty();
    e.advertiserId = QStringLiteral("adv-gb");
    e.primaryMetric = core::ExperimentMetric::SpendPerUser;
    core::ExperimentData data = dataOf(5000, 5000, 40000);
    data.arms[0].spendMicros = 10'000'000'000; // £2.00 a person
    data.arms[0].spendSquared = 5000 * 4.0 + 4999 * 1.0;
    data.arms[1].spendMicros = 11'000'000'000; // £2.20
    data.arms[1].spendSquared = 5000 * 4.84 + 4999 * 1.0;
    ui::MetricFormat::setCurrencies({{QStringLiteral("adv-gb"), QStringLiteral("GBP")}});
    ui::ExperimentReadoutView view;
    view.show();
    const core::ExperimentReadout readout = core::ExperimentResults::read(e, data, {}, QStringLiteral("GBP"));
    view.showReadout(e, readout);
    ui::MetricFormat::setCurrencies({});
    ASSERT_GE(view.armsTable()->rowCount(), 2);
    EXPECT_EQ(view.armsTable()->item(0, 5)->text(), ui::MetricFormat::money(2.0, QStringLiteral("GBP")));
    EXPECT_TRUE(view.armsTable()->item(1, 6)->text().contains(QStringLiteral("£"))) << view.armsTable()->item(1, 6)->text().toStdString();
    ASSERT_EQ(view.comparisonsTable()->rowCount(), 1);
    const QString lift = view.comparisonsTable()->item(0, 1)->text();
    EXPECT_TRUE(lift.startsWith(QStringLiteral("+£0.20"))) << lift.toStdString();
}

TEST(ExperimentReadoutView, TooLittleDataSaysTooEarly)
{
    const core::Experiment e = fiftyFifty();
    ui::ExperimentReadoutView view;
    view.show();
    const core::ExperimentReadout readout = core::ExperimentResults::read(e, dataOf(60, 60, 100));
    ASSERT_TRUE(readout.tooEarly);
    view.showReadout(e, readout);
    EXPECT_TRUE(view.isShowingTooEarly());
    EXPECT_FALSE(view.isShowingSampleRatioWarning());
    ASSERT_EQ(view.comparisonsTable()->rowCount(), 1);
    EXPECT_EQ(view.comparisonsTable()->item(0, 3)->text(), QStringLiteral("—"));
}

TEST(ExperimentPowerCalculator, PlansTheReferenceExampleAndTheDaysOfTheSmallestArm)
{
    // audience-and-stats.md §5.5: 5 % → 5.5 %, α = 0.05, 80 % power: 31,234 per arm.
    auto plan = ui::ExperimentPowerCalculator::plan(core::ExperimentMetric::Ctr, 0.05, 0.10, 0.05, 0.8,
                                                    {50, 50}, 0, 1000);
    ASSERT_TRUE(plan.ok()) << plan.error().toString().toStdString();
    EXPECT_EQ(plan.value().perArm, 31234);
    EXPECT_EQ(plan.value().total, 62468);
    ASSERT_TRUE(plan.value().days);
    EXPECT_EQ(*plan.value().days, 63); // 31,234 / 500 a day
    auto heldOut = ui::ExperimentPowerCalculator::plan(core::ExperimentMetric::Ctr, 0.05, 0.10, 0.05, 0.8,
                                                       {60, 40}, 10, 1000);
    ASSERT_TRUE(heldOut.ok());
    EXPECT_EQ(*heldOut.value().days, 87); // the 40 % arm of the 90 %: 360 a day
    auto noTraffic = ui::ExperimentPowerCalculator::plan(core::ExperimentMetric::Cvr, 0.05, 0.10, 0.05, 0.8,
                                                         {50, 50}, 0, 0);
    ASSERT_TRUE(noTraffic.ok());
    EXPECT_FALSE(noTraffic.value().days.has_value());
    EXPECT_FALSE(ui::ExperimentPowerCalculator::plan(core::ExperimentMetric::SpendPerUser, 0.05, 0.1, 0.05,
                                                     0.8, {50, 50}, 0, 1000)
                     .ok());
}

TEST(ExperimentPowerCalculator, TrafficIsTheLast30DaysOfTheSegment)
{
    QList<core::DailyMetrics> rows;
    for (int day = 0; day < 40; ++day) {
        core::DailyMetrics m;
        m.day = QDate(2026, 9, 1).addDays(day);
        m.impressions = day < 10 ? 1000000 : 100; // the first 10 days are outside the window
        m.clicks = day < 10 ? 0 : 3;
        rows.append(m);
    }
    const ui::SegmentTraffic t = ui::SegmentTraffic::of(rows);
    EXPECT_EQ(t.to, QDate(2026, 10, 10));
    EXPECT_EQ(t.from, QDate(2026, 9, 11));
    EXPECT_EQ(t.impressions, 3000);
    EXPECT_EQ(t.clicks, 90);
    EXPECT_DOUBLE_EQ(t.ctr(), 0.03);
    EXPECT_DOUBLE_EQ(t.unitsPerDay(core::ExperimentMetric::Ctr), 100);
    EXPECT_DOUBLE_EQ(t.unitsPerDay(core::ExperimentMetric::Cvr), 3);
}

TEST(NewExperimentDialog, SuggestsAKeyFromTheName)
{
    EXPECT_EQ(ui::NewExperimentDialog::suggestedKey(QStringLiteral("Spring banner test!")),
              QStringLiteral("spring-banner-test"));
    EXPECT_EQ(ui::NewExperimentDialog::suggestedKey(QStringLiteral("  Été 2026 / Q3  ")),
              QStringLiteral("ete-2026-q3"));
    EXPECT_TRUE(ui::NewExperimentDialog::suggestedKey(QStringLiteral("—")).isEmpty());
    EXPECT_LE(ui::NewExperimentDialog::suggestedKey(QString(200, QLatin1Char('a'))).size(),
              core::Experiment::kMaxKeyLength);
}
