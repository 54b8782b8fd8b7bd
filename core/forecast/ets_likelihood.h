#pragma once

#include <QtGlobal>

#include "forecast/ets_recursion.h"

namespace core::forecast {

// Gaussian likelihood of an ETS model with the innovation variance concentrated out
// (Hyndman et al. 2008): the fitting criterion is
//   n log(sum e_t^2) + 2 sum log|k_t|,   k_t = 1 (additive error) or mu_t (multiplicative),
// and the log-likelihood is -(criterion + n (log(2 pi / n) + 1)) / 2.
struct InformationCriteria
{
    double logLikelihood = 0.0;
    double aic = 0.0;
    double aicc = 0.0;
    double bic = 0.0;
};

class EtsLikelihood
{
public:
    // The criterion of one filter pass (+infinity for an invalid pass).
    static double criterion(const EtsSpec& spec, const EtsRecursion::Pass& pass);

    // parameters: every estimated quantity, the innovation variance included.
    static InformationCriteria criteria(double criterion, qsizetype observed, int parameters);
};

} // namespace core::forecast
