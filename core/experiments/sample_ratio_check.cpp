#include "experiments/sample_ratio_check.h"

#include "experiments/chi_square.h"

namespace core {

SampleRatioResult SampleRatioCheck::check(const QList<qint64>& units, const QList<double>& weights,
                                          double threshold)
{
    SampleRatioResult r;
    if (units.size() < 2 || units.size() != weights.size())
        return r;
    r.degreesOfFreedom = static_cast<int>(units.size()) - 1;
    double totalUnits = 0;
    double totalWeight = 0;
    r.enoughUnits = true;
    for (qsizetype i = 0; i < units.size(); ++i) {
        totalUnits += static_cast<double>(units.at(i));
        totalWeight += weights.at(i);
        if (units.at(i) < kMinUnitsPerArm)
            r.enoughUnits = false;
    }
    if (totalUnits <= 0 || totalWeight <= 0)
        return r;
    for (qsizetype i = 0; i < units.size(); ++i) {
        if (weights.at(i) <= 0)
            continue;
        const double expected = weights.at(i) / totalWeight * totalUnits;
        const double diff = static_cast<double>(units.at(i)) - expected;
        r.chiSquare += diff * diff / expected;
    }
    r.pValue = ChiSquare::survival(r.chiSquare, r.degreesOfFreedom);
    r.warning = r.enoughUnits && r.pValue < threshold;
    return r;
}

} // namespace core
