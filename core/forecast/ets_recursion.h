#pragma once

#include <vector>

#include <QtGlobal>

#include "forecast/ets_spec.h"
#include "forecast/ets_state.h"
#include "forecast/seeded_random.h"

namespace core::forecast {

// The ETS state-space recursions. For every model the one-step mean is
//   mu_t = l~ (+ s, or * s),  l~ = l_{t-1} + phi b_{t-1},
// and with d_t = y_t - mu_t the states update as
//   additive/no season:    l = l~ + alpha d,    b = phi b + beta d,    s = s + gamma d
//   multiplicative season: l = l~ + alpha d/s,  b = phi b + beta d/s,  s = s + gamma d/l~
// which is the same point recursion for additive and multiplicative errors; the error type
// decides only what the likelihood sees: e = d (additive) or e = d / mu (multiplicative).
// A missing observation (NaN) has d = 0: the state moves on by its forecast, the likelihood
// skips the day, and the days after it keep their place in the season.
class EtsRecursion
{
public:
    struct Pass
    {
        double sumSquaredErrors = 0.0; // of e_t over observed days
        double sumLogMean = 0.0;       // of log mu_t over observed days (multiplicative error only)
        qsizetype observed = 0;
        bool valid = true; // false when a multiplicative model's mean or level left the positive range
    };

    // Runs the filter over y[0..n), leaving the final state in state (season rotated so that
    // season[0] belongs to the step after y[n-1]). fitted, when given, receives mu_t (n values).
    static Pass run(const EtsSpec& spec, const EtsParams& params, EtsState& state, const double* y,
                    qsizetype n, double* fitted = nullptr);

    // Point forecasts (conditional means of the recursion without future errors) for 1..horizon.
    static std::vector<double> pointForecasts(const EtsParams& params, const EtsSpec& spec,
                                              const EtsState& state, int horizon);

    // Sample paths: paths x horizon values, row-major, simulated with normal errors of standard
    // deviation sigma (relative errors for a multiplicative-error model).
    static std::vector<double> simulate(const EtsSpec& spec, const EtsParams& params, const EtsState& state,
                                        double sigma, int horizon, int paths, SeededRandom& random);
};

} // namespace core::forecast
