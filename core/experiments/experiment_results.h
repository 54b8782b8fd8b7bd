#pragma once

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

#include "domain/experiment.h"
#include "domain/experiment_data.h"
#include "experiments/experiment_statistics.h"
#include "experiments/sample_ratio_check.h"

namespace core {

// One arm (or the holdout) in the readout: what it delivered and its primary metric with a 95 %
// interval (Wilson for the rates, mean ± z·σ/√n for the per-person metrics).
struct ExperimentArmReadout
{
    int arm = 0; // −1: the holdout
    QString name;
    ExperimentArmTotals totals;
    double value = 0; // the primary metric: a fraction for CTR/CVR, a count or currency per person
    double low = 0;
    double high = 0;
    bool hasValue = false; // false without a denominator (no impressions, clicks or members)
};

// One treatment against the control on the primary metric.
struct ExperimentComparison
{
    int arm = 0; // 1..
    QString name;
    ArmVsControl statistics;   // lifts with intervals, p-values, chance to win, sequential intervals
    double adjustedPValue = 1; // Holm over the treatments (statistics.test.pValue adjusted)
    double adjustedLow = 0;    // the absolute lift's interval implied by the adjusted p-value
    double adjustedHigh = 0;
    enum class Verdict
    {
        TooEarly,  // this arm or the control lacks the minimum data
        Better,    // significant after Holm and the always-valid interval is above 0
        Worse,     // ... below 0
        Promising, // significant after Holm at a fixed horizon, but not yet when looking every day
        NoClearDifference,
    };
    Verdict verdict = Verdict::TooEarly;
    QString sentence; // for marketers: what it means and what to do
};

// One day of the uplift chart: each treatment's relative lift over the control from the first day
// to this one, with its always-valid (sequential) band.
struct ExperimentDayReadout
{
    QDate day;
    int arm = 0; // the treatment (1..)
    double relativeLift = 0;
    double sequentialLow = 0;
    double sequentialHigh = 0;
    bool defined = false; // false while the control has no metric yet
};

// The readout of an experiment, in the order a marketer should read it: the sample-ratio check
// first (a mismatch means the split is broken and nothing below can be trusted), then "too early"
// until every arm has the minimum data, then each treatment against the control.
struct ExperimentReadout
{
    ExperimentMetric metric = ExperimentMetric::Ctr;
    QDate firstDay;
    QDate lastDay; // invalid: no day with data yet
    QList<ExperimentArmReadout> arms; // arm order, then the holdout
    SampleRatioResult sampleRatio;    // members per arm against the weights
    bool tooEarly = true;
    QList<ExperimentComparison> comparisons; // one per treatment
    QList<ExperimentDayReadout> days;        // by day, then treatment
    QString sampleRatioSentence;
    QString headline;         // one sentence: the state of the experiment
    QStringList sentences;    // the SRM sentence, then one per treatment (and why it is too early)
};

// Turns an experiment's data (ExperimentStore::data) into its readout with ExperimentStatistics
// (frequentist lifts, GrowthBook's Bayesian chance to win, sequential intervals), SampleRatioCheck
// and HolmCorrection across the treatments. CTR and CVR are two-proportion metrics over the arm's
// impressions and clicks (each impression a trial, as in the comparison of segments);
// conversions and spend per person are means over all the arm's members.
class ExperimentResults
{
public:
    // currency: the advertiser's ISO 4217 code, in which the sentences write spend.
    static ExperimentReadout read(const Experiment& experiment, const ExperimentData& data,
                                  const ExperimentOptions& options = {}, const QString& currency = {});

    // The metric's value for people: "2.31%" for a rate, "0.42" conversions per person, "€1.37"
    // spend per person (a plain "1.37" without a currency).
    static QString formatValue(ExperimentMetric metric, double value, const QString& currency = {});
    // A relative change: +0.1 → "+10.0%".
    static QString formatLift(double fraction);
    // A p-value: "0.047", "< 0.001".
    static QString formatPValue(double p);
};

} // namespace core
