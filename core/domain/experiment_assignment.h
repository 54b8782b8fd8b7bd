#pragma once

#include <QList>
#include <QString>
#include <QStringView>
#include <QtGlobal>

#include "common/result.h"

namespace core {

// How an experiment splits its units: the key (also the hash seed unless one is given), one
// integer percent per arm (arm 0 is the control) and the percent of units held out of every arm.
struct ExperimentSplit
{
    QString key;
    QString seed;              // empty: the key is the seed (GrowthBook's default)
    QList<int> armPercents;    // 2–6 arms, summing to 100
    double holdoutPercent = 0; // in [0, 100); coverage = 1 − holdout/100
    bool operator==(const ExperimentSplit&) const = default;
};

// GrowthBook-compatible deterministic assignment (activation-experiments-sync.md §3.1, the
// SDK's packages/sdk-js/src/util.ts, hash version 2):
//   fnv1a32(s): h = 0x811C9DC5; for each UTF-16 code unit c: h ^= c; h *= 16777619 (mod 2³²)
//   n = (fnv1a32(decimal(fnv1a32(seed + userId))) mod 10000) / 10000
// Arm i covers [c_i, c_i + coverage·w_i), c_i the sum of the earlier weights; a unit in no range
// is held out. Raising or lowering coverage never moves an included unit to another arm.
class ExperimentAssignment
{
public:
    struct BucketRange
    {
        double start = 0;
        double end = 0;
        bool contains(double n) const { return n >= start && n < end; }
        bool operator==(const BucketRange&) const = default;
    };

    // 32-bit FNV-1a over the UTF-16 code units (what JavaScript's charCodeAt gives).
    static quint32 fnv1a32(QStringView text);
    // The 10,000 buckets of hash version 2: n = bucket / 10000.
    static constexpr int kBuckets = 10000;
    // fnv1a32(decimal(fnv1a32(seed + userId))) mod 10000, in [0, 9999].
    static int bucket(const QString& seed, const QString& userId);
    // Hash version 2, in [0, 1) with four decimals: bucket / 10000.
    static double hash(const QString& seed, const QString& userId);
    // Hash version 1 (legacy, biased): (fnv1a32(userId + seed) mod 1000) / 1000. Only for
    // checking against GrowthBook's published cases; new experiments use hash().
    static double hashV1(const QString& seed, const QString& userId);

    // GrowthBook's getBucketRanges: coverage is clamped to [0, 1]; weights (fractions) that do not
    // sum to 0.99–1.01 are replaced by equal weights.
    static QList<BucketRange> bucketRanges(const QList<double>& weights, double coverage);
    // The first range containing n, or -1 (held out).
    static int arm(double n, const QList<BucketRange>& ranges);

    // The checks of a split: 2–6 arms, each 1–100 %, summing to 100, holdout in [0, 100).
    static Status validate(const ExperimentSplit& split);
    // The bucket ranges of a valid split.
    static QList<BucketRange> bucketRanges(const ExperimentSplit& split);
    // The same ranges as whole buckets, for SQL: arm i holds the buckets b with
    // first ≤ b < end, exactly those whose n = b/10000 lies in its range (compared as doubles,
    // as arm() compares them). Empty ranges give first == end.
    struct BucketBounds
    {
        int first = 0;
        int end = 0;
        bool operator==(const BucketBounds&) const = default;
    };
    static QList<BucketBounds> bucketBounds(const ExperimentSplit& split);
    // The seed the hash uses: the split's seed, or its key when it has none.
    static const QString& seedOf(const ExperimentSplit& split);
    // The arm of userId (0 = control), or -1 when held out. The split must be valid.
    static int assign(const ExperimentSplit& split, const QString& userId);
};

} // namespace core
