#include "forecast/ets_likelihood.h"

#include <cmath>
#include <limits>
#include <numbers>

namespace core::forecast {

double EtsLikelihood::criterion(const EtsSpec& spec, const EtsRecursion::Pass& pass)
{
    if (!pass.valid || pass.observed == 0)
        return std::numeric_limits<double>::infinity();
    const double n = static_cast<double>(pass.observed);
    // A perfect fit would send the criterion to -infinity; a floor keeps the optimiser sane.
    const double sse = std::max(pass.sumSquaredErrors, 1e-20 * n);
    double value = n * std::log(sse);
    if (spec.error == EtsSpec::Error::Multiplicative)
        value += 2.0 * pass.sumLogMean;
    return value;
}

InformationCriteria EtsLikelihood::criteria(double criterion, qsizetype observed, int parameters)
{
    const double n = static_cast<double>(observed);
    const double k = parameters;
    InformationCriteria out;
    out.logLikelihood = -0.5 * (criterion + n * (std::log(2.0 * std::numbers::pi / n) + 1.0));
    out.aic = -2.0 * out.logLikelihood + 2.0 * k;
    out.aicc = n - k - 1.0 > 0.0 ? out.aic + 2.0 * k * (k + 1.0) / (n - k - 1.0)
                                 : std::numeric_limits<double>::infinity();
    out.bic = -2.0 * out.logLikelihood + std::log(n) * k;
    return out;
}

} // namespace core::forecast
