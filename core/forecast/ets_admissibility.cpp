#include "forecast/ets_admissibility.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace core::forecast {

namespace {

// Schur–Cohn: all roots of a[0] + a[1] z + ... + a[n-1] z^(n-1) strictly inside the unit circle
// after scaling z by 1 + 1e-10 (roots of p(r z) are those of p divided by r, so roots of p up to
// modulus r pass). Works in place; scratch holds n values.
bool schurCohnStable(double* a, double* scratch, size_t n)
{
    constexpr double r = 1.0 + 1e-10;
    double power = 1.0;
    for (size_t k = 0; k < n; ++k) {
        a[k] *= power;
        power *= r;
    }
    for (size_t size = n; size > 1; --size) {
        const size_t degree = size - 1;
        if (std::abs(a[0]) >= std::abs(a[degree]))
            return false;
        double largest = 0.0;
        for (size_t k = 0; k < degree; ++k) {
            scratch[k] = a[degree] * a[k + 1] - a[0] * a[degree - 1 - k];
            largest = std::max(largest, std::abs(scratch[k]));
        }
        if (largest == 0.0 || !std::isfinite(largest))
            return false;
        for (size_t k = 0; k < degree; ++k)
            a[k] = scratch[k] / largest;
    }
    return true;
}

} // namespace

bool EtsAdmissibility::withinUsualBounds(const EtsSpec& spec, const EtsParams& p)
{
    auto inside = [](double v, double lo, double hi) { return v >= lo && v <= hi; };
    if (!inside(p.alpha, kLowerSmoothing, kUpperSmoothing))
        return false;
    if (spec.hasTrend() && !inside(p.beta, kLowerSmoothing, std::min(kUpperSmoothing, p.alpha)))
        return false;
    if (spec.isSeasonal() && !inside(p.gamma, kLowerSmoothing, std::min(kUpperSmoothing, 1.0 - p.alpha)))
        return false;
    if (spec.isDamped() && !inside(p.phi, kLowerPhi, kUpperPhi))
        return false;
    return true;
}

bool EtsAdmissibility::isForecastable(const EtsSpec& spec, const EtsParams& params, int period)
{
    const double alpha = params.alpha;
    const double beta = spec.hasTrend() ? params.beta : 0.0;
    const double phi = spec.isDamped() ? params.phi : 1.0;
    if (phi < 0.0 || phi > 1.0 + 1e-8)
        return false;
    if (!spec.isSeasonal() || period <= 1) {
        if (alpha < 1.0 - 1.0 / phi || alpha > 1.0 + 1.0 / phi)
            return false;
        if (spec.hasTrend() && (beta < alpha * (phi - 1.0) || beta > (1.0 + phi) * (2.0 - alpha)))
            return false;
        return true;
    }
    const double gamma = params.gamma;
    const double m = period;
    if (gamma < std::max(1.0 - 1.0 / phi - alpha, 0.0) || gamma > 1.0 + 1.0 / phi - alpha)
        return false;
    if (alpha < 1.0 - 1.0 / phi - gamma * (1.0 - m + phi + phi * m) / (2.0 * phi * m))
        return false;
    if (beta < -(1.0 - phi) * (gamma / m + alpha))
        return false;
    // Characteristic polynomial, constant term first (as R's admissible() passes it to polyroot).
    const size_t size = static_cast<size_t>(period) + 2;
    constexpr size_t kOnStack = 64;
    std::array<double, 2 * kOnStack> onStack;
    std::vector<double> onHeap(size > kOnStack ? 2 * size : 0);
    double* c = size > kOnStack ? onHeap.data() : onStack.data();
    c[0] = phi * (1.0 - alpha - gamma);
    c[1] = alpha + beta - alpha * phi + gamma - 1.0;
    for (size_t i = 2; i < size - 2; ++i)
        c[i] = alpha + beta - alpha * phi;
    c[size - 2] = alpha + beta - phi;
    c[size - 1] = 1.0;
    return schurCohnStable(c, c + size, size);
}

bool EtsAdmissibility::rootsInsideUnitCircle(std::vector<double> a)
{
    std::vector<double> scratch(a.size());
    return schurCohnStable(a.data(), scratch.data(), a.size());
}

} // namespace core::forecast
