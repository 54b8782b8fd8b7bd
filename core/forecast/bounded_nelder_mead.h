#pragma once

#include <functional>
#include <limits>
#include <vector>

namespace core::forecast {

// Nelder–Mead simplex minimisation inside a box: every trial point is clamped into
// [lower, upper], and the objective returns +infinity (or NaN) for points outside any further
// region it enforces, which the simplex then simply moves away from. Deterministic.
class BoundedNelderMead
{
public:
    struct Options
    {
        int maxEvaluations = 2000;
        // Stop when the spread of the simplex values falls below
        // relativeTolerance * (|best| + relativeTolerance).
        double relativeTolerance = 1e-8;
    };

    struct Outcome
    {
        std::vector<double> x;
        double value = std::numeric_limits<double>::infinity();
        int evaluations = 0;
        bool converged = false;
    };

    using Objective = std::function<double(const std::vector<double>&)>;

    static constexpr double unbounded() { return std::numeric_limits<double>::infinity(); }

    // steps: the initial simplex edge per coordinate (a vertex that falls outside the feasible
    // region is tried in the other direction and with smaller steps).
    static Outcome minimise(const Objective& objective, std::vector<double> start,
                            const std::vector<double>& steps, const std::vector<double>& lower,
                            const std::vector<double>& upper, Options options);
};

} // namespace core::forecast
