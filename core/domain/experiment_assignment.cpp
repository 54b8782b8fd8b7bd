#include "domain/experiment_assignment.h"

#include <algorithm>
#include <cmath>

namespace core {

namespace {

constexpr quint32 kOffsetBasis = 0x811C9DC5u;
constexpr quint32 kPrime = 16777619u;
constexpr int kMinArms = 2;
constexpr int kMaxArms = 6;

QList<double> equalWeights(qsizetype count)
{
    return QList<double>(count, count > 0 ? 1.0 / static_cast<double>(count) : 0.0);
}

} // namespace

quint32 ExperimentAssignment::fnv1a32(QStringView text)
{
    quint32 h = kOffsetBasis;
    for (const QChar c : text) {
        h ^= c.unicode();
        h *= kPrime; // unsigned arithmetic wraps modulo 2³²
    }
    return h;
}

int ExperimentAssignment::bucket(const QString& seed, const QString& userId)
{
    const quint32 inner = fnv1a32(QString(seed + userId));
    const quint32 outer = fnv1a32(QString::number(inner));
    return static_cast<int>(outer % static_cast<quint32>(kBuckets));
}

double ExperimentAssignment::hash(const QString& seed, const QString& userId)
{
    return static_cast<double>(bucket(seed, userId)) / 10000.0;
}

double ExperimentAssignment::hashV1(const QString& seed, const QString& userId)
{
    return static_cast<double>(fnv1a32(QString(userId + seed)) % 1000u) / 1000.0;
}

QList<ExperimentAssignment::BucketRange> ExperimentAssignment::bucketRanges(const QList<double>& weights,
                                                                           double coverage)
{
    if (!(coverage >= 0)) // negative or NaN
        coverage = 0;
    else if (coverage > 1)
        coverage = 1;

    QList<double> w = weights;
    double total = 0;
    for (double x : w)
        total += x;
    if (!(total >= 0.99 && total <= 1.01))
        w = equalWeights(w.size());

    QList<BucketRange> ranges;
    ranges.reserve(w.size());
    double cumulative = 0;
    for (double x : w) {
        const double start = cumulative;
        cumulative += x;
        ranges.append(BucketRange{start, start + coverage * x});
    }
    return ranges;
}

int ExperimentAssignment::arm(double n, const QList<BucketRange>& ranges)
{
    for (qsizetype i = 0; i < ranges.size(); ++i) {
        if (ranges.at(i).contains(n))
            return static_cast<int>(i);
    }
    return -1;
}

Status ExperimentAssignment::validate(const ExperimentSplit& split)
{
    if (split.key.trimmed().isEmpty() && split.seed.isEmpty())
        return Error::validation(QStringLiteral("experiment_key_missing"),
                                 QStringLiteral("The experiment needs a key: it seeds the assignment."));
    const qsizetype arms = split.armPercents.size();
    if (arms < kMinArms || arms > kMaxArms)
        return Error::validation(QStringLiteral("experiment_arm_count"),
                                 QStringLiteral("An experiment needs between %1 and %2 arms; this one has %3.")
                                     .arg(kMinArms)
                                     .arg(kMaxArms)
                                     .arg(arms));
    int sum = 0;
    for (qsizetype i = 0; i < arms; ++i) {
        const int p = split.armPercents.at(i);
        if (p < 1 || p > 100)
            return Error::validation(QStringLiteral("experiment_arm_weight"),
                                     QStringLiteral("Arm %1 gets %2 %; each arm needs a whole percent from 1 to 100.")
                                         .arg(i + 1)
                                         .arg(p));
        sum += p;
    }
    if (sum != 100)
        return Error::validation(QStringLiteral("experiment_weights_sum"),
                                 QStringLiteral("The arm weights add up to %1 %; they must add up to 100 %.").arg(sum));
    const double h = split.holdoutPercent;
    if (!std::isfinite(h) || h < 0 || h >= 100)
        return Error::validation(QStringLiteral("experiment_holdout"),
                                 QStringLiteral("The holdout must be at least 0 % and below 100 %; it is %1 %.").arg(h));
    return success();
}

QList<ExperimentAssignment::BucketRange> ExperimentAssignment::bucketRanges(const ExperimentSplit& split)
{
    QList<double> weights;
    weights.reserve(split.armPercents.size());
    for (int p : split.armPercents)
        weights.append(p / 100.0);
    return bucketRanges(weights, 1.0 - split.holdoutPercent / 100.0);
}

QList<ExperimentAssignment::BucketBounds> ExperimentAssignment::bucketBounds(const ExperimentSplit& split)
{
    // The first bucket at or above x, found the way arm() compares: b/10000.0 >= x.
    const auto firstAtOrAbove = [](double x) {
        int b = std::clamp(static_cast<int>(std::floor(x * kBuckets)) - 1, 0, kBuckets);
        while (b < kBuckets && static_cast<double>(b) / 10000.0 < x)
            ++b;
        return b;
    };
    QList<BucketBounds> out;
    for (const BucketRange& r : bucketRanges(split)) {
        const int first = firstAtOrAbove(r.start);
        out.append(BucketBounds{first, std::max(first, firstAtOrAbove(r.end))});
    }
    return out;
}

const QString& ExperimentAssignment::seedOf(const ExperimentSplit& split)
{
    return split.seed.isEmpty() ? split.key : split.seed;
}

int ExperimentAssignment::assign(const ExperimentSplit& split, const QString& userId)
{
    return arm(hash(seedOf(split), userId), bucketRanges(split));
}

} // namespace core
