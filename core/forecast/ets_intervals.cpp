#include "forecast/ets_intervals.h"

#include <cmath>

#include "forecast/ets_recursion.h"
#include "forecast/prediction_intervals.h"
#include "forecast/seeded_random.h"

namespace core::forecast {

std::vector<double> EtsIntervals::variances(const EtsFit& fit, const std::vector<double>& points)
{
    const size_t horizon = points.size();
    const EtsSpec& spec = fit.spec;
    const double alpha = fit.params.alpha;
    const double beta = spec.hasTrend() ? fit.params.beta : 0.0;
    const double gamma = spec.isSeasonal() ? fit.params.gamma : 0.0;
    const double phi = spec.isDamped() ? fit.params.phi : 1.0;
    const int m = std::max(1, fit.period);

    std::vector<double> cSquared(horizon, 0.0); // c_j^2 for j = 1..horizon-1 at index j
    double trendSum = 0.0;
    double phiPower = 1.0;
    for (size_t j = 1; j < horizon; ++j) {
        phiPower *= phi;
        trendSum += phiPower;
        const double seasonal = (spec.isSeasonal() && j % static_cast<size_t>(m) == 0) ? gamma : 0.0;
        const double c = alpha + beta * trendSum + seasonal;
        cSquared[j] = c * c;
    }

    std::vector<double> out(horizon);
    const double s2 = fit.sigma2;
    if (spec.error == EtsSpec::Error::Additive) {
        double sum = 0.0;
        for (size_t h = 0; h < horizon; ++h) {
            if (h > 0)
                sum += cSquared[h];
            out[h] = s2 * (1.0 + sum);
        }
        return out;
    }
    std::vector<double> theta(horizon);
    for (size_t h = 0; h < horizon; ++h) {
        double t = points[h] * points[h];
        for (size_t j = 1; j <= h; ++j)
            t += s2 * cSquared[j] * theta[h - j];
        theta[h] = t;
        out[h] = (1.0 + s2) * t - points[h] * points[h];
    }
    return out;
}

std::vector<ForecastInterval> EtsIntervals::simulated(const EtsFit& fit, int horizon,
                                                      const QList<double>& levels, int paths,
                                                      std::uint64_t seed)
{
    SeededRandom random(seed);
    const std::vector<double> samples = EtsRecursion::simulate(fit.spec, fit.params, fit.finalState,
                                                               std::sqrt(fit.sigma2), horizon, paths, random);
    return PredictionIntervals::fromSamples(samples, paths, horizon, levels);
}

} // namespace core::forecast
