#pragma once

#include <QStringList>
#include <QWidget>

#include "domain/experiment.h"
#include "experiments/experiment_results.h"

class QLabel;
class QTableWidget;

namespace ui {

class TableRowFitter;
class TimeSeriesChart;
class TimeSeriesChartPanel;

// One experiment's results, in the order a marketer should read them (ExperimentReadout):
//  - a red banner first when the sample-ratio check warns: the split is broken and nothing below
//    can be trusted; a note when it is too early (an arm lacks the minimum data);
//  - the headline, then per arm (and the holdout) its people, impressions, clicks, conversions
//    and the primary metric with its 95 % interval;
//  - each treatment against the control: absolute and relative lift with intervals, p-value
//    (Holm-adjusted when there are several treatments), chance to beat the control, the
//    always-valid (sequential) interval and a verdict in plain words;
//  - the uplift chart: each treatment's cumulative relative lift per day with its always-valid
//    band and the zero line.
class ExperimentReadoutView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExperimentReadoutView)

public:
    explicit ExperimentReadoutView(QWidget* parent = nullptr);

    void showReadout(const core::Experiment& experiment, const core::ExperimentReadout& readout);
    void clear();

    bool isShowingSampleRatioWarning() const;
    bool isShowingTooEarly() const;
    QLabel* sampleRatioBanner() const { return m_srm; }
    QLabel* headline() const { return m_headline; }
    QTableWidget* armsTable() const { return m_arms; }
    QTableWidget* comparisonsTable() const { return m_comparisons; }
    TimeSeriesChart* chart() const;
    // The verdict shown for each treatment, in order.
    QStringList verdicts() const { return m_verdictTexts; }

    // The chart's series of a treatment ("bold vs control"), its band and the zero line.
    static QString liftSeriesName(const QString& arm);
    static QString bandSeriesName(const QString& arm);
    static QString zeroSeriesName();
    // The verdict for a marketer: what the comparison means and what to do.
    static QString verdictText(const core::Experiment& experiment,
                               const core::ExperimentComparison& comparison);

private:
    void showArms(const core::Experiment& experiment, const core::ExperimentReadout& readout);
    void showComparisons(const core::Experiment& experiment, const core::ExperimentReadout& readout);
    void showChart(const core::Experiment& experiment, const core::ExperimentReadout& readout);

    QLabel* m_srm;
    QLabel* m_tooEarly;
    QLabel* m_headline;
    QLabel* m_period;
    QLabel* m_splitNote;
    QTableWidget* m_arms;
    TableRowFitter* m_armsFitter;
    QWidget* m_comparisonBox;
    QTableWidget* m_comparisons;
    TableRowFitter* m_comparisonsFitter;
    QLabel* m_verdicts;
    QWidget* m_chartBox;
    QLabel* m_chartNote;
    TimeSeriesChartPanel* m_chartPanel;
    QStringList m_verdictTexts;
};

} // namespace ui
