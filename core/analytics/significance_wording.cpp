#include "analytics/significance_wording.h"

#include <cmath>

#include <QLocale>

namespace core {

namespace {

QString count(qint64 n)
{
    static const QLocale english(QLocale::English, QLocale::UnitedStates);
    return english.toString(n);
}

// "clicks" / "conversions" (the successes) and "impressions" / "clicks" (the trials).
QString successNoun(Metric metric)
{
    return metric == Metric::Cvr ? QStringLiteral("conversions") : QStringLiteral("clicks");
}

QString trialNoun(Metric metric)
{
    return metric == Metric::Cvr ? QStringLiteral("clicks") : QStringLiteral("impressions");
}

// "A has only 3 clicks", or empty when the sample meets the minimum.
QString shortfall(const QString& name, const TwoProportionSample& s, Metric metric)
{
    if (s.successes <= 5)
        return QStringLiteral("%1 has %2 %3")
            .arg(name,
                 s.successes == 0 ? QStringLiteral("no") : QStringLiteral("only %1").arg(count(s.successes)),
                 successNoun(metric));
    if (s.trials - s.successes <= 5)
        return QStringLiteral("%1 has only %2 %3 without %4")
            .arg(name, count(std::max<qint64>(s.trials - s.successes, 0)), trialNoun(metric),
                 metric == Metric::Cvr ? QStringLiteral("a conversion") : QStringLiteral("a click"));
    return {};
}

// 0.0018 → "+0.18" (percentage points, two decimals, a real minus sign).
QString signedNumber(double fraction)
{
    return (fraction < 0 ? QStringLiteral("−") : QStringLiteral("+")) +
           QString::number(std::fabs(fraction) * 100, 'f', 2);
}

} // namespace

QString SignificanceWording::rateNoun(Metric metric)
{
    return metric == Metric::Cvr ? QStringLiteral("conversion rate") : QStringLiteral("click rate");
}

QString SignificanceWording::possessive(const QString& name)
{
    if (name.endsWith(QLatin1Char('s')) || name.endsWith(QLatin1Char('S')))
        return name + QLatin1Char('\'');
    return name + QStringLiteral("'s");
}

QString SignificanceWording::percent(double fraction)
{
    return QString::number(fraction * 100, 'f', 2) + QLatin1Char('%');
}

QString SignificanceWording::points(double fraction)
{
    return signedNumber(fraction) + QStringLiteral(" points");
}

QString SignificanceWording::headline(const Input& in)
{
    const QString noun = rateNoun(in.metric);
    if (in.outcome == TestOutcome::NotEnoughData)
        return QStringLiteral("Too little data yet to compare the %1s of %2 and %3.")
            .arg(noun, in.nameA, in.nameB);
    const double rateA = in.a.rate();
    const double rateB = in.b.rate();
    if (rateA == rateB)
        return QStringLiteral("%1 and %2 have the same %3.").arg(in.nameA, in.nameB, noun);
    const bool bHigher = rateB > rateA;
    const QString higher = bHigher ? in.nameB : in.nameA;
    const QString lower = bHigher ? in.nameA : in.nameB;
    const QString claim =
        QStringLiteral("%1 %2 is higher than %3").arg(possessive(higher), noun, possessive(lower));
    if (in.outcome == TestOutcome::Significant)
        return claim + QStringLiteral("; this is unlikely to be chance.");
    return claim + QStringLiteral(", but the difference could be chance.");
}

QString SignificanceWording::detail(const Input& in)
{
    if (in.outcome == TestOutcome::NotEnoughData) {
        QStringList missing;
        for (const auto& s : {shortfall(in.nameA, in.a, in.metric), shortfall(in.nameB, in.b, in.metric)}) {
            if (!s.isEmpty())
                missing.append(s);
        }
        return QStringLiteral("Each segment needs more than 5 %1 and more than 5 %2 without one; %3.")
            .arg(successNoun(in.metric), trialNoun(in.metric), missing.join(QStringLiteral(" and ")));
    }
    const double rateA = in.a.rate();
    const double rateB = in.b.rate();
    // One multi-argument arg() per sentence part: a name holding "%1" must stay as it is.
    const QString rates = QStringLiteral("%1: %2 (%3 %4 of %5 %6); ")
                              .arg(in.nameB, percent(rateB), count(in.b.successes), successNoun(in.metric),
                                   count(in.b.trials), trialNoun(in.metric)) +
                          QStringLiteral("%1: %2 (%3 of %4).")
                              .arg(in.nameA, percent(rateA), count(in.a.successes), count(in.a.trials));
    if (rateA == rateB)
        return rates;
    const bool bHigher = rateB > rateA;
    const double base = bHigher ? rateA : rateB;
    QString relative;
    if (base > 0) {
        const double lift = std::fabs(rateB - rateA) / base * 100;
        relative = QStringLiteral("%1 is %2% higher")
                       .arg(bHigher ? in.nameB : in.nameA, QString::number(lift, 'f', lift < 10 ? 1 : 0));
    } else {
        relative = QStringLiteral("%1 is higher").arg(bHigher ? in.nameB : in.nameA);
    }
    const QString range =
        std::isinf(in.adjustedCiLow) || std::isinf(in.adjustedCiHigh)
            ? QStringLiteral("the 95% range of the difference is unbounded")
            : QStringLiteral("95% range of %1 − %2: %3 to %4")
                  .arg(in.nameB, in.nameA, signedNumber(in.adjustedCiLow), points(in.adjustedCiHigh));
    const QString family =
        in.comparisons > 1 ? QStringLiteral(", allowing for %1 comparisons").arg(in.comparisons) : QString();
    return QStringLiteral("%1 %2 (%3; %4%5).")
        .arg(rates, relative, points(std::fabs(rateB - rateA)), range, family);
}

} // namespace core
