#pragma once

namespace core {

// The standard normal distribution N(0, 1): the one place the statistics get Φ and Φ⁻¹ from.
class StandardNormal
{
public:
    // Φ(z) = P(Z ≤ z).
    static double cdf(double z);
    // Φ⁻¹(p) for 0 < p < 1 (−∞ at 0, +∞ at 1; NaN outside [0, 1]). Accurate to about 1e-15.
    static double quantile(double p);
    // Two-sided p-value of a z statistic: 2(1 − Φ(|z|)).
    static double twoSidedPValue(double z);
    // The z of a two-sided interval with the given confidence (0.95 → 1.959963...).
    static double twoSidedCritical(double confidence);
};

} // namespace core
