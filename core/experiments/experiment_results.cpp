#include "experiments/experiment_results.h"

#include <cmath>

#include <QLocale>
#include <QMap>

#include "analytics/holm_correction.h"
#include "analytics/proportion_estimate.h"
#include "analytics/standard_normal.h"
#include "domain/money.h"

namespace core {

namespace {

bool isRate(ExperimentMetric m)
{
    return m == ExperimentMetric::Ctr || m == ExperimentMetric::Cvr;
}

TwoProportionSample proportionOf(ExperimentMetric m, const ExperimentArmTotals& t)
{
    if (m == ExperimentMetric::Ctr)
        return {t.clicks, t.impressions};
    return {t.conversions, t.clicks};
}

MeanSample meanOf(ExperimentMetric m, const ExperimentArmTotals& t)
{
    if (m == ExperimentMetric::ConversionsPerUser)
        return {t.users, static_cast<double>(t.conversions), t.conversionsSquared};
    return {t.users, static_cast<double>(t.spendMicros) / 1e6, t.spendSquared};
}

bool enoughData(ExperimentMetric m, const ExperimentArmTotals& t)
{
    return isRate(m) ? proportionOf(m, t).enoughData() : meanOf(m, t).enoughData();
}

// A rate with more successes than trials (more conversions than clicks) is no proportion.
bool isProportion(ExperimentMetric m, const ExperimentArmTotals& t)
{
    const TwoProportionSample s = proportionOf(m, t);
    return !isRate(m) || s.successes <= s.trials;
}

ArmVsControl compare(ExperimentMetric m, const ExperimentArmTotals& control, const ExperimentArmTotals& treatment,
                     const ExperimentOptions& options)
{
    if (isRate(m))
        return ExperimentStatistics::compare(proportionOf(m, control), proportionOf(m, treatment), options);
    return ExperimentStatistics::compareMeans(meanOf(m, control), meanOf(m, treatment), options);
}

ExperimentArmReadout armReadout(const Experiment& e, const ExperimentArmTotals& t, double confidence)
{
    ExperimentArmReadout r;
    r.arm = t.arm;
    r.name = e.armName(t.arm);
    r.totals = t;
    const ExperimentMetric m = e.primaryMetric;
    if (isRate(m)) {
        const ProportionEstimate p = ProportionEstimate::wilson(proportionOf(m, t).successes, proportionOf(m, t).trials,
                                                                confidence);
        r.hasValue = p.defined();
        r.value = p.value;
        r.low = p.low;
        r.high = p.high;
    } else {
        const MeanSample s = meanOf(m, t);
        r.hasValue = s.units > 0;
        r.value = s.mean();
        const double half = s.units > 0 ? StandardNormal::twoSidedCritical(confidence) *
                                              std::sqrt(s.variance() / static_cast<double>(s.units))
                                        : 0;
        r.low = r.value - half;
        r.high = r.value + half;
    }
    return r;
}

QString minimumOf(ExperimentMetric m)
{
    switch (m) {
    case ExperimentMetric::Ctr: return QStringLiteral("more than 5 clicks and more than 5 impressions without a click");
    case ExperimentMetric::Cvr: return QStringLiteral("more than 5 conversions and more than 5 clicks without a conversion");
    case ExperimentMetric::ConversionsPerUser:
        return QStringLiteral("at least %1 people and more than 5 conversions").arg(MeanSample::kMinUnits);
    case ExperimentMetric::SpendPerUser:
        return QStringLiteral("at least %1 people and a spend above 5").arg(MeanSample::kMinUnits);
    }
    return {};
}

QString weightsText(const Experiment& e)
{
    QStringList w;
    for (const auto& a : e.arms)
        w << QString::number(a.weight);
    return w.join(QLatin1Char('/'));
}

QString unitsText(const QList<qint64>& units)
{
    QStringList u;
    for (qint64 n : units)
        u << QLocale(QLocale::English).toString(n);
    return u.join(QStringLiteral(" / "));
}

QString signedPoints(ExperimentMetric m, double difference, const QString& currency)
{
    if (m == ExperimentMetric::SpendPerUser && !currency.isEmpty())
        return QStringLiteral("%1%2 per person")
            .arg(difference >= 0 ? QStringLiteral("+") : QStringLiteral("−"),
                 Money::format(std::fabs(difference), currency, QLocale(QLocale::English)));
    if (isRate(m))
        return QStringLiteral("%1%2 points").arg(difference >= 0 ? QStringLiteral("+") : QString())
            .arg(difference * 100, 0, 'f', 2);
    return QStringLiteral("%1%2 per person").arg(difference >= 0 ? QStringLiteral("+") : QString())
        .arg(difference, 0, 'f', m == ExperimentMetric::SpendPerUser ? 2 : 3);
}

QString comparisonSentence(const Experiment& e, const ExperimentComparison& c, int family, double confidence,
                           const QString& currency)
{
    const ArmVsControl& s = c.statistics;
    const ExperimentMetric m = e.primaryMetric;
    const QString level = QString::number(std::lround(confidence * 100));
    QString out = QStringLiteral("“%1” vs “%2”: %3 %4 vs %5, %6 (%7% interval %8 to %9; %10). Chance to beat the "
                                 "control: %11%. p = %12")
                      .arg(c.name, e.armName(0), experimentMetricLabel(m),
                           ExperimentResults::formatValue(m, s.test.rateTreatment, currency),
                           ExperimentResults::formatValue(m, s.test.rateControl, currency), ExperimentResults::formatLift(s.test.relativeLift),
                           level, ExperimentResults::formatLift(s.relativeLow), ExperimentResults::formatLift(s.relativeHigh))
                      .arg(signedPoints(m, s.test.difference, currency))
                      .arg(std::lround(s.chanceToWin * 100))
                      .arg(ExperimentResults::formatPValue(s.test.pValue));
    if (family > 1)
        out += QStringLiteral(" (%1 after Holm's correction for %2 treatments)")
                   .arg(ExperimentResults::formatPValue(c.adjustedPValue))
                   .arg(family);
    out += QStringLiteral(". ");
    const QString band = QStringLiteral("%1 to %2").arg(ExperimentResults::formatLift(s.sequentialRelativeLow),
                                                        ExperimentResults::formatLift(s.sequentialRelativeHigh));
    switch (c.verdict) {
    case ExperimentComparison::Verdict::Better:
        out += QStringLiteral("“%1” does better than the control, and the difference holds even though the results "
                              "were looked at along the way (always-valid interval %2).")
                   .arg(c.name, band);
        break;
    case ExperimentComparison::Verdict::Worse:
        out += QStringLiteral("“%1” does worse than the control, and the difference holds even though the results "
                              "were looked at along the way (always-valid interval %2).")
                   .arg(c.name, band);
        break;
    case ExperimentComparison::Verdict::Promising:
        out += QStringLiteral("Promising, but not conclusive yet: looking every day, the always-valid interval (%1) "
                              "still includes no change. Keep the experiment running.")
                   .arg(band);
        break;
    case ExperimentComparison::Verdict::NoClearDifference:
        out += QStringLiteral("No clear difference yet: this could be chance (always-valid interval %1).").arg(band);
        break;
    case ExperimentComparison::Verdict::TooEarly: break;
    }
    return out;
}

} // namespace

QString ExperimentResults::formatValue(ExperimentMetric metric, double value, const QString& currency)
{
    if (metric == ExperimentMetric::SpendPerUser && !currency.isEmpty())
        return Money::format(value, currency, QLocale(QLocale::English));
    switch (metric) {
    case ExperimentMetric::Ctr:
    case ExperimentMetric::Cvr: return QStringLiteral("%1%").arg(value * 100, 0, 'f', 2);
    case ExperimentMetric::ConversionsPerUser: return QString::number(value, 'f', 3);
    case ExperimentMetric::SpendPerUser: return QString::number(value, 'f', 2);
    }
    return {};
}

QString ExperimentResults::formatLift(double fraction)
{
    if (!std::isfinite(fraction))
        return fraction > 0 ? QStringLiteral("+∞") : QStringLiteral("−∞");
    const QString number = QString::number(std::fabs(fraction) * 100, 'f', 1);
    if (number == QLatin1String("0.0"))
        return QStringLiteral("0.0%");
    return (fraction < 0 ? QStringLiteral("−") : QStringLiteral("+")) + number + QLatin1Char('%');
}

QString ExperimentResults::formatPValue(double p)
{
    if (p < 0.001)
        return QStringLiteral("< 0.001");
    return QString::number(p, 'f', 3);
}

ExperimentReadout ExperimentResults::read(const Experiment& e, const ExperimentData& data,
                                          const ExperimentOptions& options, const QString& currency)
{
    ExperimentReadout out;
    const ExperimentMetric m = e.primaryMetric;
    out.metric = m;
    out.firstDay = data.firstDay;
    out.lastDay = data.lastDay;
    const int armCount = static_cast<int>(e.arms.size());

    // Every arm and the holdout, in order, whatever the data holds.
    QList<ExperimentArmTotals> totals;
    for (int slot = 0; slot <= armCount; ++slot) {
        ExperimentArmTotals t;
        t.arm = slot == armCount ? -1 : slot;
        for (const auto& given : data.arms) {
            if (given.arm == t.arm)
                t = given;
        }
        totals.append(t);
        out.arms.append(armReadout(e, t, options.confidence));
    }

    // 1. The split: members per arm against the weights.
    QList<qint64> units;
    QList<double> weights;
    for (int i = 0; i < armCount; ++i) {
        units.append(totals.at(i).users);
        weights.append(e.arms.at(i).weight);
    }
    out.sampleRatio = SampleRatioCheck::check(units, weights);
    if (!out.sampleRatio.enoughUnits)
        out.sampleRatioSentence = QStringLiteral("Too few people per arm to check the split yet (at least %1 in each; now %2).")
                                      .arg(SampleRatioCheck::kMinUnitsPerArm)
                                      .arg(unitsText(units));
    else if (out.sampleRatio.warning)
        out.sampleRatioSentence =
            QStringLiteral("Sample-ratio mismatch: the arms have %1 people where the %2 split expects otherwise "
                           "(p %3). Something is assigning or counting people wrongly; find the cause before trusting "
                           "any result below.")
                .arg(unitsText(units), weightsText(e),
                     out.sampleRatio.pValue < 0.001 ? QStringLiteral("< 0.001")
                                                    : QStringLiteral("= ") + formatPValue(out.sampleRatio.pValue));
    else
        out.sampleRatioSentence = QStringLiteral("The arms' sizes (%1 people) match the %2 split (p = %3).")
                                      .arg(unitsText(units), weightsText(e), formatPValue(out.sampleRatio.pValue));
    out.sentences << out.sampleRatioSentence;

    // 2. Too early until every arm (not the holdout) has the minimum data.
    bool everyArmReady = true;
    bool proportions = true;
    for (int i = 0; i < armCount; ++i) {
        everyArmReady = everyArmReady && enoughData(m, totals.at(i));
        proportions = proportions && isProportion(m, totals.at(i));
    }
    out.tooEarly = !everyArmReady || !proportions || !data.lastDay.isValid();

    // 3. Each treatment against the control, Holm-corrected across the treatments.
    QList<double> pValues;
    for (int i = 1; i < armCount; ++i) {
        ExperimentComparison c;
        c.arm = i;
        c.name = e.armName(i);
        if (proportions)
            c.statistics = compare(m, totals.at(0), totals.at(i), options);
        out.comparisons.append(c);
        pValues.append(c.statistics.test.pValue);
    }
    const QList<double> adjusted = HolmCorrection::adjust(pValues);
    const double alpha = 1 - options.confidence;
    for (qsizetype k = 0; k < out.comparisons.size(); ++k) {
        ExperimentComparison& c = out.comparisons[k];
        c.adjustedPValue = adjusted.at(k);
        const auto [low, high] = HolmCorrection::adjustedInterval(c.statistics.test.difference, c.adjustedPValue,
                                                                  options.confidence);
        c.adjustedLow = low;
        c.adjustedHigh = high;
        const bool ready = proportions && data.lastDay.isValid() && enoughData(m, totals.at(0)) &&
                           enoughData(m, totals.at(c.arm));
        if (!ready) {
            c.verdict = ExperimentComparison::Verdict::TooEarly;
            c.sentence = !proportions
                             ? QStringLiteral("“%1”: the %2 cannot be tested as a rate here, because an arm has more "
                                              "conversions than clicks; choose conversions per person instead.")
                                   .arg(c.name, experimentMetricLabel(m))
                             : QStringLiteral("“%1”: too early to tell. Every arm needs %2; keep the experiment running.")
                                   .arg(c.name, minimumOf(m));
        } else {
            const bool fixed = c.adjustedPValue < alpha;
            if (fixed && c.statistics.sequentialRelativeLow > 0)
                c.verdict = ExperimentComparison::Verdict::Better;
            else if (fixed && c.statistics.sequentialRelativeHigh < 0)
                c.verdict = ExperimentComparison::Verdict::Worse;
            else if (fixed)
                c.verdict = ExperimentComparison::Verdict::Promising;
            else
                c.verdict = ExperimentComparison::Verdict::NoClearDifference;
            c.sentence = comparisonSentence(e, c, static_cast<int>(out.comparisons.size()), options.confidence, currency);
        }
        out.sentences << c.sentence;
    }

    // The headline: the split first, then the state of the answer.
    const QString metric = experimentMetricLabel(m);
    const ExperimentComparison* best = nullptr;
    const ExperimentComparison* worst = nullptr;
    for (const auto& c : out.comparisons) {
        if (c.verdict == ExperimentComparison::Verdict::Better &&
            (!best || c.statistics.test.relativeLift > best->statistics.test.relativeLift))
            best = &c;
        if (c.verdict == ExperimentComparison::Verdict::Worse && !worst)
            worst = &c;
    }
    if (out.sampleRatio.warning)
        out.headline = QStringLiteral("Check the split first: the arms' sizes do not match the weights (sample-ratio "
                                      "mismatch). Do not act on these results until the cause is found.");
    else if (!data.lastDay.isValid())
        out.headline = QStringLiteral("No data yet for the experiment's days (from %1).").arg(e.startDate.toString(Qt::ISODate));
    else if (out.tooEarly)
        out.headline = QStringLiteral("Too early to tell: keep the experiment running until every arm has enough data.");
    else if (best)
        out.headline = QStringLiteral("“%1” beats the control on %2 (%3).").arg(best->name, metric,
                                                                            formatLift(best->statistics.test.relativeLift));
    else if (worst)
        out.headline = QStringLiteral("“%1” does worse than the control on %2 (%3).")
                           .arg(worst->name, metric, formatLift(worst->statistics.test.relativeLift));
    else
        out.headline = QStringLiteral("No clear winner yet on %1.").arg(metric);

    // The uplift chart: each day's cumulative lift and its always-valid band.
    QMap<QDate, QList<ExperimentArmTotals>> byDay;
    for (const auto& d : data.days)
        byDay[d.day].append(d.totals);
    for (auto it = byDay.cbegin(); it != byDay.cend(); ++it) {
        const ExperimentArmTotals* control = nullptr;
        for (const auto& t : it.value()) {
            if (t.arm == 0)
                control = &t;
        }
        for (const auto& t : it.value()) {
            if (t.arm < 1)
                continue;
            ExperimentDayReadout day;
            day.day = it.key();
            day.arm = t.arm;
            if (control && isProportion(m, *control) && isProportion(m, t)) {
                const ArmVsControl s = compare(m, *control, t, options);
                day.defined = s.test.relativeLiftStandardError > 0;
                day.relativeLift = s.test.relativeLift;
                day.sequentialLow = s.sequentialRelativeLow;
                day.sequentialHigh = s.sequentialRelativeHigh;
            }
            out.days.append(day);
        }
    }
    return out;
}

} // namespace core
