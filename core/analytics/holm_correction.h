#pragma once

#include <utility>

#include <QList>

namespace core {

// Holm–Bonferroni step-down correction of a family of p-values (family-wise error rate), as
// audience-and-stats.md §5.5 prescribes: sort p ascending, p₍ᵢ₎ → max over j ≤ i of
// min(1, (m − j + 1)·p₍ⱼ₎). Adjusted confidence intervals are back-solved from the adjusted
// p-value the way GrowthBook does it: σ_adj = |Δ| / Φ⁻¹(1 − p_adj/2), CI = Δ ± z_{1−α/2}·σ_adj.
class HolmCorrection
{
public:
    // Adjusted p-values in the order given.
    static QList<double> adjust(const QList<double>& pValues);
    // The interval of estimate implied by its adjusted p-value; (−∞, +∞) when p_adj > 0.999999
    // or the estimate is 0 (nothing can be said about its sign), as GrowthBook does.
    static std::pair<double, double> adjustedInterval(double estimate, double adjustedPValue,
                                                      double confidence = 0.95);
};

} // namespace core
