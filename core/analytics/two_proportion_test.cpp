#include "analytics/two_proportion_test.h"

#include <cmath>

#include "analytics/standard_normal.h"

namespace core {

TwoProportionResult TwoProportionTest::run(const TwoProportionSample& control,
                                           const TwoProportionSample& treatment, double confidence)
{
    TwoProportionResult r;
    if (control.trials <= 0 || treatment.trials <= 0)
        return r;
    const double nC = static_cast<double>(control.trials);
    const double nT = static_cast<double>(treatment.trials);
    const double pC = control.rate();
    const double pT = treatment.rate();
    r.rateControl = pC;
    r.rateTreatment = pT;
    r.difference = pT - pC;

    const double pooled = static_cast<double>(control.successes + treatment.successes) / (nC + nT);
    r.pooledStandardError = std::sqrt(pooled * (1 - pooled) * (1 / nC + 1 / nT));
    if (r.pooledStandardError > 0) {
        r.z = r.difference / r.pooledStandardError;
        r.pValue = StandardNormal::twoSidedPValue(r.z);
    }

    const double varC = pC * (1 - pC);
    const double varT = pT * (1 - pT);
    r.standardError = std::sqrt(varC / nC + varT / nT);
    const double half = StandardNormal::twoSidedCritical(confidence) * r.standardError;
    r.ciLow = r.difference - half;
    r.ciHigh = r.difference + half;

    if (pC > 0) {
        r.relativeLift = r.difference / pC;
        r.relativeLiftStandardError =
            std::sqrt(varC * pT * pT / (std::pow(pC, 4) * nC) + varT / (pC * pC * nT));
    }
    return r;
}

} // namespace core
