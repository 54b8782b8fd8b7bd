#include "analytics/holm_correction.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

#include "analytics/standard_normal.h"

namespace core {

QList<double> HolmCorrection::adjust(const QList<double>& pValues)
{
    const qsizetype m = pValues.size();
    std::vector<qsizetype> order(static_cast<std::size_t>(m));
    std::iota(order.begin(), order.end(), 0);
    // Stable: equal p-values keep their given order, so results are reproducible.
    std::stable_sort(order.begin(), order.end(),
                     [&](qsizetype a, qsizetype b) { return pValues[a] < pValues[b]; });
    QList<double> adjusted(m, 1.0);
    double running = 0;
    for (qsizetype rank = 0; rank < m; ++rank) {
        const qsizetype i = order[static_cast<std::size_t>(rank)];
        running = std::max(running, std::min(1.0, static_cast<double>(m - rank) * pValues[i]));
        adjusted[i] = running;
    }
    return adjusted;
}

std::pair<double, double> HolmCorrection::adjustedInterval(double estimate, double adjustedPValue,
                                                           double confidence)
{
    constexpr double inf = std::numeric_limits<double>::infinity();
    // GrowthBook's cut-off: an adjusted p-value of (almost) 1 says nothing about the sign.
    if (estimate == 0 || !(adjustedPValue <= 0.999999))
        return {-inf, inf};
    // p_adj = 0 (|z| beyond ~38) gives z = ∞ and a zero-width interval: the limit of the formula.
    // Φ⁻¹(1 − p/2) as −Φ⁻¹(p/2): exact for tiny p, where 1 − p/2 rounds to 1.
    const double zAdjusted = -StandardNormal::quantile(adjustedPValue / 2);
    const double sigma = std::fabs(estimate / zAdjusted);
    const double half = StandardNormal::twoSidedCritical(confidence) * sigma;
    return {estimate - half, estimate + half};
}

} // namespace core
