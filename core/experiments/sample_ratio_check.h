#pragma once

#include <QList>
#include <QtGlobal>

namespace core {

struct SampleRatioResult
{
    double chiSquare = 0;
    int degreesOfFreedom = 0;
    double pValue = 1;
    bool enoughUnits = false; // every arm has at least kMinUnitsPerArm units (GrowthBook shows SRM only then)
    bool warning = false;     // enoughUnits and pValue < threshold
};

// Sample-ratio mismatch (activation-experiments-sync.md §3.3, GrowthBook gbstats check_srm):
// e_i = w_i/Σw · N, arms with weight ≤ 0 skipped, χ² = Σ (o_i − e_i)²/e_i, p = χ²_sf(χ², k − 1)
// with k the number of arms given; no units → p = 1. Warn below 0.001 (§3.2 SRM threshold).
class SampleRatioCheck
{
public:
    static constexpr double kDefaultThreshold = 0.001;
    static constexpr qint64 kMinUnitsPerArm = 8;

    // units and weights per arm (weights in any scale: percents or fractions); sizes must match.
    static SampleRatioResult check(const QList<qint64>& units, const QList<double>& weights,
                                   double threshold = kDefaultThreshold);
};

} // namespace core
