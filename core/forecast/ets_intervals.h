#pragma once

#include <cstdint>
#include <vector>

#include <QList>

#include "forecast/ets_fit.h"
#include "forecast/forecast.h"

namespace core::forecast {

// Forecast variances and prediction intervals of a fitted ETS model (Hyndman et al. 2008,
// ch. 6). With c_j = alpha + beta (phi + ... + phi^j, or j undamped) + gamma [j is a multiple of m]:
//  - class 1 (additive error, no or additive season): v_h = sigma^2 (1 + sum_{j<h} c_j^2);
//  - class 2 (multiplicative error, no or additive season): theta_1 = mu_1^2,
//    theta_h = mu_h^2 + sigma^2 sum_{j<h} c_j^2 theta_{h-j}, v_h = (1 + sigma^2) theta_h - mu_h^2.
// Multiplicative seasons have no closed form: their intervals come from simulated sample paths.
class EtsIntervals
{
public:
    static bool hasClosedForm(const EtsSpec& spec) { return spec.season != EtsSpec::Season::Multiplicative; }

    // Variance of each step's forecast; points: the point forecasts (mu_h). Closed-form classes only.
    static std::vector<double> variances(const EtsFit& fit, const std::vector<double>& points);

    // Quantiles of `paths` simulated futures (the same seed gives the same intervals).
    static std::vector<ForecastInterval>
    simulated(const EtsFit& fit, int horizon, const QList<double>& levels, int paths, std::uint64_t seed);
};

} // namespace core::forecast
