#include "experiments/sample_size_planner.h"

#include <cmath>

#include "analytics/standard_normal.h"

namespace core {

Result<qint64> SampleSizePlanner::perArm(const SampleSizeRequest& request)
{
    const double p1 = request.baselineRate;
    if (!(p1 > 0 && p1 < 1))
        return Error::validation(QStringLiteral("sample_size_baseline"),
                                 QStringLiteral("The baseline rate must be above 0 % and below 100 %."));
    const double mde = request.minimumDetectableEffect;
    if (!std::isfinite(mde) || mde == 0)
        return Error::validation(QStringLiteral("sample_size_effect"),
                                 QStringLiteral("The minimum detectable effect must be a number other than 0."));
    const double p2 = request.relativeEffect ? p1 * (1 + mde) : p1 + mde;
    if (!(p2 > 0 && p2 < 1))
        return Error::validation(QStringLiteral("sample_size_effect"),
                                 QStringLiteral("The baseline plus the minimum detectable effect must stay between 0 % and 100 %."));
    if (!(request.alpha > 0 && request.alpha < 1))
        return Error::validation(QStringLiteral("sample_size_alpha"),
                                 QStringLiteral("The significance level must be between 0 and 1."));
    if (!(request.power > 0 && request.power < 1))
        return Error::validation(QStringLiteral("sample_size_power"),
                                 QStringLiteral("The power must be between 0 and 1."));
    if (request.arms < 2)
        return Error::validation(QStringLiteral("sample_size_arms"),
                                 QStringLiteral("An experiment needs at least 2 arms."));

    const double alpha = request.bonferroni ? request.alpha / (request.arms - 1) : request.alpha;
    const double zAlpha = StandardNormal::quantile(1 - alpha / 2);
    const double zBeta = StandardNormal::quantile(request.power);
    const double pBar = (p1 + p2) / 2;
    const double root = zAlpha * std::sqrt(2 * pBar * (1 - pBar)) + zBeta * std::sqrt(p1 * (1 - p1) + p2 * (1 - p2));
    const double delta = p2 - p1;
    // A hair below an integer is that integer: (0.055 − 0.05) is not exactly 0.005 in binary.
    const double n = root * root / (delta * delta);
    return static_cast<qint64>(std::ceil(n - 1e-9));
}

} // namespace core
