#pragma once

#include <QList>

namespace core {

// A ratio of two totals, such as CPM (1000 × spend / impressions), with a 95 % confidence
// interval by the delta method over units (here: days), the variance GrowthBook uses for
// ratio metrics (audience-and-stats.md §5.2):
//   Var(M/D) ≈ (σ²_m/μ²_d − 2·σ_md·μ_m/μ³_d + μ²_m·σ²_d/μ⁴_d) / n
// with sample variances and covariance of the per-unit numerators m and denominators d.
// Spend is not a count of successes, so a binomial interval does not apply; the interval
// says how much the price moved from day to day.
struct RatioEstimate
{
    struct Unit
    {
        double numerator = 0;
        double denominator = 0;
    };

    double value = 0; // scale × Σ numerator / Σ denominator; 0 when Σ denominator is 0
    double low = 0;
    double high = 0;
    int units = 0;            // units (days) with data
    bool hasInterval = false; // needs at least two units and a positive denominator

    static RatioEstimate deltaMethod(const QList<Unit>& units, double scale = 1.0, double confidence = 0.95);
    bool operator==(const RatioEstimate&) const = default;
};

} // namespace core
