#pragma once

#include <QList>

#include "analytics/proportion_estimate.h"
#include "analytics/two_proportion_test.h"

namespace core {

struct ExperimentOptions
{
    double confidence = 0.95;       // GrowthBook default (§3.2)
    double sequentialTuning = 5000; // N*, GrowthBook's default sequential tuning (§3.2, §5.4)
    bool properPrior = false;       // GrowthBook default: flat (improper) prior
    double priorMean = 0;           // on the relative lift, when properPrior
    double priorStdDev = 0.3;       // GrowthBook's proper-prior σ (§3.2)
};

// One treatment arm against the control, on a proportion metric.
struct ArmVsControl
{
    bool enoughData = false; // both arms pass §5.5's n·p̂ > 5 and n·(1−p̂) > 5; figures are computed anyway

    // Frequentist, fixed horizon (audience-and-stats §5.1–5.2): pooled z-test with its
    // two-sided p-value, the unpooled interval of the absolute lift, the relative lift and its
    // delta-method standard error — all from TwoProportionTest.
    TwoProportionResult test;
    double relativeLow = 0; // relative lift ± z·σ̂_Δr
    double relativeHigh = 0;
    double relativePValue = 1; // 2(1 − Φ(|Δr/σ̂_Δr|)): GrowthBook's Welch t in its large-n (normal) limit

    // Bayesian, GrowthBook's default engine (§5.3): normal posterior on the relative lift.
    double posteriorMean = 0;
    double posteriorStdDev = 0;
    double chanceToWin = 0.5; // P(lift > 0) = Φ(mean/sd)
    double credibleLow = 0;   // the confidence-level posterior quantiles
    double credibleHigh = 0;

    // Sequential (§5.4, GrowthBook's asymptotic confidence sequence): always-valid intervals,
    // N = total units of the two arms.
    double sequentialAbsoluteLow = 0;
    double sequentialAbsoluteHigh = 0;
    double sequentialRelativeLow = 0;
    double sequentialRelativeHigh = 0;
    bool sequentialSignificant() const { return sequentialRelativeLow > 0 || sequentialRelativeHigh < 0; }
};

// One arm of a per-unit mean metric (conversions or spend per person): units, Σx and Σx² over
// the units (units without events count as 0).
struct MeanSample
{
    static constexpr qint64 kMinUnits = 150; // GrowthBook's minimum sample size (§3.2)

    qint64 units = 0;
    double sum = 0;
    double sumOfSquares = 0;
    double mean() const { return units > 0 ? sum / static_cast<double>(units) : 0.0; }
    // The sample variance (n − 1); 0 with fewer than 2 units.
    double variance() const;
    // At least kMinUnits units and a total above 5 (the §5.5 guard's spirit: more than 5 events).
    bool enoughData() const { return units >= kMinUnits && sum > 5; }
    bool operator==(const MeanSample&) const = default;
};

// The readout of an experiment on a proportion metric (conversions / units per arm; arm 0 is the
// control) or on a mean per unit (MeanSample). Reuses the comparison's z-test and normal distribution (core/analytics).
class ExperimentStatistics
{
public:
    // Each arm's rate with its Wilson interval.
    static QList<ProportionEstimate> armRates(const QList<TwoProportionSample>& arms, double confidence = 0.95);
    static ArmVsControl compare(const TwoProportionSample& control, const TwoProportionSample& treatment,
                                const ExperimentOptions& options = {});
    // arms[1..] against arms[0]; empty with fewer than 2 arms.
    static QList<ArmVsControl> compareToControl(const QList<TwoProportionSample>& arms,
                                                const ExperimentOptions& options = {});

    // The same readout for a mean per unit (§5.2 with σ̂² the arms' sample variances): `test`
    // holds the means as its rates, the unpooled z-test of their difference (pooled standard
    // error = unpooled), the interval, the relative lift and its delta-method standard error;
    // the Bayesian and sequential parts are computed from them as for proportions.
    static ArmVsControl compareMeans(const MeanSample& control, const MeanSample& treatment,
                                     const ExperimentOptions& options = {});

    // Half-width of GrowthBook's confidence sequence for an estimate with this standard error
    // after totalUnits units (§5.4):
    //   σ̂·√N·√(2(Nρ²+1)/(N²ρ²)·ln(√(Nρ²+1)/α)),  ρ = √((−2 ln α + ln(−2 ln α + 1))/N*).
    static double sequentialHalfWidth(double standardError, double totalUnits, double confidence = 0.95,
                                      double tuning = 5000);

private:
    // The relative interval, the posterior and the sequential intervals of r from its test.
    static void completeFromTest(ArmVsControl& r, double totalUnits, const ExperimentOptions& options);
};

} // namespace core
