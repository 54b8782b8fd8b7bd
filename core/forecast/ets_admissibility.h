#pragma once

#include <vector>

#include "forecast/ets_spec.h"
#include "forecast/ets_state.h"

namespace core::forecast {

// Where an ETS model's parameters may lie (R's forecast::ets with bounds = "both"): the usual
// region 1e-4 <= alpha, beta, gamma <= 0.9999, beta <= alpha, gamma <= 1 - alpha,
// 0.8 <= phi <= 0.98, and the admissible (forecastable) region, whose seasonal part requires
// every root of the characteristic polynomial inside the unit circle.
class EtsAdmissibility
{
public:
    static constexpr double kLowerSmoothing = 1e-4;
    static constexpr double kUpperSmoothing = 0.9999;
    static constexpr double kLowerPhi = 0.8;
    static constexpr double kUpperPhi = 0.98;

    static bool withinUsualBounds(const EtsSpec& spec, const EtsParams& params);
    // period: the seasonal period m (ignored for non-seasonal models).
    static bool isForecastable(const EtsSpec& spec, const EtsParams& params, int period);
    static bool isAdmissible(const EtsSpec& spec, const EtsParams& params, int period)
    {
        return withinUsualBounds(spec, params) && isForecastable(spec, params, period);
    }

    // True when every root of c[0] + c[1] z + ... + c[n] z^n has modulus at most
    // 1 + 1e-10 (Schur–Cohn test; no root finding). c[n] must not be 0.
    static bool rootsInsideUnitCircle(std::vector<double> coefficients);
};

} // namespace core::forecast
