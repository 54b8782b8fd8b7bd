#include "experiments/experiment_statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "analytics/standard_normal.h"

namespace core {

QList<ProportionEstimate> ExperimentStatistics::armRates(const QList<TwoProportionSample>& arms, double confidence)
{
    QList<ProportionEstimate> out;
    out.reserve(arms.size());
    for (const auto& arm : arms)
        out.append(ProportionEstimate::wilson(arm.successes, arm.trials, confidence));
    return out;
}

double ExperimentStatistics::sequentialHalfWidth(double standardError, double totalUnits, double confidence,
                                                 double tuning)
{
    if (!(totalUnits > 0) || !(tuning > 0) || !(confidence > 0 && confidence < 1))
        return std::numeric_limits<double>::infinity();
    const double alpha = 1 - confidence;
    const double minusTwoLogAlpha = -2 * std::log(alpha);
    const double rho2 = (minusTwoLogAlpha + std::log(minusTwoLogAlpha + 1)) / tuning; // ρ²
    const double nRho2 = totalUnits * rho2;
    const double widthTerm = 2 * (nRho2 + 1) / (totalUnits * nRho2) * std::log(std::sqrt(nRho2 + 1) / alpha);
    return standardError * std::sqrt(totalUnits) * std::sqrt(widthTerm);
}

double MeanSample::variance() const
{
    if (units < 2)
        return 0;
    const double n = static_cast<double>(units);
    const double m = sum / n;
    return std::max(0.0, (sumOfSquares - n * m * m) / (n - 1));
}

ArmVsControl ExperimentStatistics::compare(const TwoProportionSample& control, const TwoProportionSample& treatment,
                                           const ExperimentOptions& options)
{
    ArmVsControl r;
    r.enoughData = control.enoughData() && treatment.enoughData();
    r.test = TwoProportionTest::run(control, treatment, options.confidence);
    if (control.trials <= 0 || treatment.trials <= 0)
        return r;
    completeFromTest(r, static_cast<double>(control.trials + treatment.trials), options);
    return r;
}

ArmVsControl ExperimentStatistics::compareMeans(const MeanSample& control, const MeanSample& treatment,
                                                const ExperimentOptions& options)
{
    ArmVsControl r;
    r.enoughData = control.enoughData() && treatment.enoughData();
    if (control.units <= 0 || treatment.units <= 0)
        return r;
    TwoProportionResult& t = r.test;
    const double nC = static_cast<double>(control.units);
    const double nT = static_cast<double>(treatment.units);
    const double mC = control.mean();
    const double mT = treatment.mean();
    const double vC = control.variance();
    const double vT = treatment.variance();
    t.rateControl = mC;
    t.rateTreatment = mT;
    t.difference = mT - mC;
    t.standardError = std::sqrt(vC / nC + vT / nT);
    t.pooledStandardError = t.standardError;
    if (t.standardError > 0) {
        t.z = t.difference / t.standardError;
        t.pValue = StandardNormal::twoSidedPValue(t.z);
    }
    const double half = StandardNormal::twoSidedCritical(options.confidence) * t.standardError;
    t.ciLow = t.difference - half;
    t.ciHigh = t.difference + half;
    if (mC > 0) {
        t.relativeLift = t.difference / mC;
        t.relativeLiftStandardError = std::sqrt(vC * mT * mT / (std::pow(mC, 4) * nC) + vT / (mC * mC * nT));
    }
    completeFromTest(r, nC + nT, options);
    return r;
}

void ExperimentStatistics::completeFromTest(ArmVsControl& r, double totalUnits, const ExperimentOptions& options)
{
    const double z = StandardNormal::twoSidedCritical(options.confidence);
    const double lift = r.test.relativeLift;
    const double liftSe = r.test.relativeLiftStandardError;
    r.relativeLow = lift - z * liftSe;
    r.relativeHigh = lift + z * liftSe;
    if (liftSe > 0)
        r.relativePValue = StandardNormal::twoSidedPValue(lift / liftSe);

    // Posterior: with a flat prior it is N(lift, σ̂²); a proper prior N(μ₀, σ₀²) adds its
    // precision and pulls the mean toward μ₀ (precision-weighted average).
    if (liftSe > 0) {
        double precision = 1 / (liftSe * liftSe);
        double weightedMean = lift * precision;
        if (options.properPrior && options.priorStdDev > 0) {
            const double priorPrecision = 1 / (options.priorStdDev * options.priorStdDev);
            precision += priorPrecision;
            weightedMean += options.priorMean * priorPrecision;
        }
        r.posteriorMean = weightedMean / precision;
        r.posteriorStdDev = std::sqrt(1 / precision);
        r.chanceToWin = StandardNormal::cdf(r.posteriorMean / r.posteriorStdDev);
        r.credibleLow = r.posteriorMean - z * r.posteriorStdDev;
        r.credibleHigh = r.posteriorMean + z * r.posteriorStdDev;
    }

    const double absHalf =
        sequentialHalfWidth(r.test.standardError, totalUnits, options.confidence, options.sequentialTuning);
    r.sequentialAbsoluteLow = r.test.difference - absHalf;
    r.sequentialAbsoluteHigh = r.test.difference + absHalf;
    const double relHalf = sequentialHalfWidth(liftSe, totalUnits, options.confidence, options.sequentialTuning);
    r.sequentialRelativeLow = lift - relHalf;
    r.sequentialRelativeHigh = lift + relHalf;
}

QList<ArmVsControl> ExperimentStatistics::compareToControl(const QList<TwoProportionSample>& arms,
                                                           const ExperimentOptions& options)
{
    QList<ArmVsControl> out;
    for (qsizetype i = 1; i < arms.size(); ++i)
        out.append(compare(arms.first(), arms.at(i), options));
    return out;
}

} // namespace core
