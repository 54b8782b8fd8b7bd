#pragma once

#include <vector>

#include "forecast/ets_spec.h"
#include "forecast/ets_state.h"

namespace core::forecast {

// Starting states for fitting, as R's forecast::ets finds them: seasonal indices from a
// classical decomposition of the first three seasons (a trend + one-harmonic regression when
// there are fewer), then level and trend from a straight line through the first max(10, 2m)
// seasonally adjusted values (the level alone: their mean). The values must have no gaps
// (interpolate first).
class EtsInitialiser
{
public:
    // seasons: how many seasons the decomposition uses (R: 3; 0: all).
    static EtsState initialState(const EtsSpec& spec, const std::vector<double>& values, int period,
                                 int seasons = 3);

    // Seasonal indices per position of the cycle (position 0 = the first value), normalised to
    // sum to 0 (additive) or to m (multiplicative).
    static std::vector<double> seasonalIndices(const std::vector<double>& values, int period,
                                               bool multiplicative, int seasons = 3);

    // Centred moving average of order m (2 x m for even m); NaN where it is not defined.
    static std::vector<double> centredMovingAverage(const std::vector<double>& values, int period);
};

} // namespace core::forecast
