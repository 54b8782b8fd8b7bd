#pragma once

#include <vector>

namespace core::forecast {

// Smoothing parameters of an ETS model in state-space form (Hyndman et al. 2008): alpha for
// the level, beta for the trend (beta = alpha * beta* of the error-correction form, so beta <=
// alpha), gamma for the season, phi the damping (1 when the trend is not damped). Unused ones
// are 0 (beta, gamma) or 1 (phi).
struct EtsParams
{
    double alpha = 0.0;
    double beta = 0.0;
    double gamma = 0.0;
    double phi = 1.0;
};

// Level, trend and the seasonal indices of an ETS model. season[0] is the index the next
// observation uses, season[1] the one after it, and so on (a full period, m values); empty for
// a non-seasonal model. trend is 0 for a model without trend.
struct EtsState
{
    double level = 0.0;
    double trend = 0.0;
    std::vector<double> season;
};

} // namespace core::forecast
