#pragma once

#include <QtGlobal>

#include "common/result.h"

namespace core {

struct SampleSizeRequest
{
    double baselineRate = 0;            // p₁, as a fraction (0.05 is 5 %)
    double minimumDetectableEffect = 0; // absolute (0.005 = +0.5 points) or relative (0.1 = +10 %)
    bool relativeEffect = false;
    double alpha = 0.05; // two-sided
    double power = 0.8;
    int arms = 2;            // control included
    bool bonferroni = false; // divide alpha by the arms − 1 comparisons with the control (opt-in:
                             // the reference applies no correction by default, like GrowthBook)
};

// Units per arm for two proportions with equal arms (activation-experiments-sync.md §3.6,
// audience-and-stats.md §5.5): p₂ = p₁ + MDE (or p₁(1 + MDE)), p̄ = (p₁ + p₂)/2,
//   n = (z_{1−α/2}·√(2p̄(1−p̄)) + z_{1−β}·√(p₁(1−p₁) + p₂(1−p₂)))² / (p₂ − p₁)², rounded up.
class SampleSizePlanner
{
public:
    static Result<qint64> perArm(const SampleSizeRequest& request);
};

} // namespace core
