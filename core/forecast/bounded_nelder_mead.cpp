#include "forecast/bounded_nelder_mead.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace core::forecast {

namespace {

class Simplex
{
public:
    Simplex(const BoundedNelderMead::Objective& objective, const std::vector<double>& lower,
            const std::vector<double>& upper, int maxEvaluations)
        : m_objective(objective), m_lower(lower), m_upper(upper), m_maxEvaluations(maxEvaluations)
    {
    }

    double evaluate(std::vector<double>& x)
    {
        for (size_t i = 0; i < x.size(); ++i)
            x[i] = std::clamp(x[i], m_lower[i], m_upper[i]);
        ++m_evaluations;
        const double v = m_objective(x);
        return std::isnan(v) ? std::numeric_limits<double>::infinity() : v;
    }

    bool budgetLeft() const { return m_evaluations < m_maxEvaluations; }
    int evaluations() const { return m_evaluations; }

    // x + t (to - x), clamped.
    std::vector<double> along(const std::vector<double>& x, const std::vector<double>& to, double t) const
    {
        std::vector<double> out(x.size());
        for (size_t i = 0; i < x.size(); ++i)
            out[i] = x[i] + t * (to[i] - x[i]);
        return out;
    }

private:
    const BoundedNelderMead::Objective& m_objective;
    const std::vector<double>& m_lower;
    const std::vector<double>& m_upper;
    int m_maxEvaluations;
    int m_evaluations = 0;
};

} // namespace

BoundedNelderMead::Outcome BoundedNelderMead::minimise(const Objective& objective, std::vector<double> start,
                                                       const std::vector<double>& steps,
                                                       const std::vector<double>& lower,
                                                       const std::vector<double>& upper, Options options)
{
    const size_t n = start.size();
    Simplex simplex(objective, lower, upper, options.maxEvaluations);
    std::vector<std::vector<double>> points(n + 1);
    std::vector<double> values(n + 1);
    points[0] = start;
    values[0] = simplex.evaluate(points[0]);
    for (size_t i = 0; i < n; ++i) {
        // Try +step, -step, then smaller steps, until the vertex is feasible.
        double step = steps[i] != 0.0 ? steps[i] : 0.1;
        for (int attempt = 0; attempt < 8; ++attempt) {
            std::vector<double> p = points[0];
            p[i] += (attempt % 2 == 0 ? step : -step);
            const double v = simplex.evaluate(p);
            points[i + 1] = p;
            values[i + 1] = v;
            if (std::isfinite(v) && p[i] != points[0][i])
                break;
            if (attempt % 2 == 1)
                step /= 4.0;
        }
    }

    std::vector<size_t> order(n + 1);
    Outcome out;
    while (true) {
        std::iota(order.begin(), order.end(), size_t{0});
        std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return values[a] < values[b]; });
        const size_t best = order.front();
        const size_t worst = order.back();
        const size_t secondWorst = order[n > 0 ? n - 1 : 0];
        const double spread = values[worst] - values[best];
        if (std::isfinite(values[worst]) &&
            spread <= options.relativeTolerance * (std::abs(values[best]) + options.relativeTolerance)) {
            out.converged = true;
            break;
        }
        if (!simplex.budgetLeft() || n == 0)
            break;

        std::vector<double> centroid(n, 0.0);
        for (size_t k = 0; k <= n; ++k) {
            if (k == worst)
                continue;
            for (size_t i = 0; i < n; ++i)
                centroid[i] += points[k][i] / static_cast<double>(n);
        }

        std::vector<double> reflected = simplex.along(centroid, points[worst], -1.0);
        const double fr = simplex.evaluate(reflected);
        if (fr < values[best]) {
            std::vector<double> expanded = simplex.along(centroid, points[worst], -2.0);
            const double fe = simplex.evaluate(expanded);
            if (fe < fr) {
                points[worst] = std::move(expanded);
                values[worst] = fe;
            } else {
                points[worst] = std::move(reflected);
                values[worst] = fr;
            }
            continue;
        }
        if (fr < values[secondWorst]) {
            points[worst] = std::move(reflected);
            values[worst] = fr;
            continue;
        }
        // Contract: outside when the reflection improved on the worst vertex, inside otherwise.
        const bool outside = fr < values[worst];
        std::vector<double> contracted =
            outside ? simplex.along(centroid, reflected, 0.5) : simplex.along(centroid, points[worst], 0.5);
        const double fc = simplex.evaluate(contracted);
        if (fc < std::min(fr, values[worst])) {
            points[worst] = std::move(contracted);
            values[worst] = fc;
            continue;
        }
        // Shrink towards the best vertex.
        for (size_t k = 0; k <= n; ++k) {
            if (k == best)
                continue;
            points[k] = simplex.along(points[best], points[k], 0.5);
            values[k] = simplex.evaluate(points[k]);
        }
    }
    const size_t best = static_cast<size_t>(std::min_element(values.begin(), values.end()) - values.begin());
    out.x = points[best];
    out.value = values[best];
    out.evaluations = simplex.evaluations();
    return out;
}

} // namespace core::forecast
