#pragma once

#include "forecast/ets_likelihood.h"
#include "forecast/ets_spec.h"
#include "forecast/ets_state.h"

namespace core::forecast {

// An ETS model fitted to a series by maximum likelihood.
struct EtsFit
{
    EtsSpec spec;
    int period = 1; // the seasonal period m; 1 for a non-seasonal model
    EtsParams params;
    EtsState initialState; // before the first value, in data units
    EtsState finalState;   // after the last value (season[0] belongs to the first forecast step)
    // Innovation variance: in squared data units for additive errors, relative for
    // multiplicative ones. Sum of squared errors / (observed - parameters), as R reports it.
    double sigma2 = 0.0;
    InformationCriteria criteria;
    int parameterCount = 0; // smoothing parameters, initial states and the variance
    qsizetype observed = 0;
    int evaluations = 0; // objective evaluations the optimiser used
};

} // namespace core::forecast
