#pragma once

#include <QtGlobal>

namespace core {

// The classic fixed-horizon two-proportion z-test, exactly as audience-and-stats.md §5.1 and
// §5.2 give it. Notation: control C (segment A), treatment T (segment B), p̂ = x / n.
//   p̄ = (x_C + x_T)/(n_C + n_T),  SE₀ = √(p̄(1−p̄)(1/n_C + 1/n_T)),  z = (p̂_T − p̂_C)/SE₀,
//   p = 2(1 − Φ(|z|));  CI of p̂_T − p̂_C: ± z_{1−α/2}·√(p̂_C(1−p̂_C)/n_C + p̂_T(1−p̂_T)/n_T).
// Relative lift (p̂_T − p̂_C)/p̂_C with the delta-method standard error
//   √(σ²_C·p̂²_T/(p̂⁴_C·n_C) + σ²_T/(p̂²_C·n_T)),  σ² = p̂(1−p̂).
// The guard of §5.5 (PostHog): each group needs n·p̂ > 5 and n·(1−p̂) > 5, else no test is run.
struct TwoProportionSample
{
    qint64 successes = 0; // x
    qint64 trials = 0;    // n
    double rate() const
    {
        return trials > 0 ? static_cast<double>(successes) / static_cast<double>(trials) : 0.0;
    }
    // §5.5: n·p̂ > 5 and n·(1−p̂) > 5, i.e. more than 5 successes and more than 5 failures.
    bool enoughData() const { return successes > 5 && trials - successes > 5; }
    bool operator==(const TwoProportionSample&) const = default;
};

struct TwoProportionResult
{
    double rateControl = 0;   // p̂_C
    double rateTreatment = 0; // p̂_T
    double difference = 0;    // p̂_T − p̂_C (absolute, as a fraction: 0.009 is 0.9 points)
    double pooledStandardError = 0;
    double z = 0;
    double pValue = 1;
    double standardError = 0; // unpooled, for the interval
    double ciLow = 0;         // interval of the difference
    double ciHigh = 0;
    double relativeLift = 0; // (p̂_T − p̂_C)/p̂_C; 0 when p̂_C is 0
    double relativeLiftStandardError = 0;
};

class TwoProportionTest
{
public:
    // Runs the test; callers check enoughData() on both samples first (the comparison does).
    static TwoProportionResult run(const TwoProportionSample& control, const TwoProportionSample& treatment,
                                   double confidence = 0.95);
};

} // namespace core
