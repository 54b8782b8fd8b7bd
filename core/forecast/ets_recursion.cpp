#include "forecast/ets_recursion.h"

#include <algorithm>
#include <cmath>

namespace core::forecast {

namespace {

using Season = EtsSpec::Season;

// Smallest admissible mean or level of a model with multiplicative parts (data are scaled to
// a mean around 1 while fitting, so this is tiny on every scale that matters).
constexpr double kPositiveFloor = 1e-10;

struct Smoothing
{
    double alpha, beta, gamma, phi;
};

// One update of level, trend and seasonal index s (in place) by the one-step deviation d;
// inverseS = 1 / s, computed ahead so that no division sits on the level's dependency chain.
template <Season S>
inline void update(const Smoothing& p, double levelBase, double& level, double& trend, double& s,
                   double inverseS, double d)
{
    if constexpr (S == Season::Multiplicative) {
        const double ds = d * inverseS;
        level = levelBase + p.alpha * ds;
        trend = p.phi * trend + p.beta * ds;
        s += p.gamma * d / levelBase;
    } else {
        level = levelBase + p.alpha * d;
        trend = p.phi * trend + p.beta * d;
        if constexpr (S == Season::Additive)
            s += p.gamma * d;
    }
}

template <Season S> inline double meanOf(double levelBase, double s)
{
    if constexpr (S == Season::Multiplicative)
        return levelBase * s;
    else if constexpr (S == Season::Additive)
        return levelBase + s;
    else
        return levelBase;
}

template <Season S, bool MultiplicativeError>
EtsRecursion::Pass filter(const Smoothing& p, EtsState& state, const double* y, qsizetype n, double* fitted)
{
    EtsRecursion::Pass pass;
    constexpr bool kNeedsPositive = MultiplicativeError || S == Season::Multiplicative;
    double level = state.level;
    double trend = state.trend;
    double dummySeason = S == Season::Multiplicative ? 1.0 : 0.0;
    double* season = S == Season::None ? &dummySeason : state.season.data();
    const qsizetype m = S == Season::None ? 1 : static_cast<qsizetype>(state.season.size());
    double sse = 0.0;
    double logSum = 0.0;
    double meanProduct = 1.0; // product of means, folded into logSum before it over/underflows
    qsizetype observed = 0;
    qsizetype j = 0;
    for (qsizetype t = 0; t < n; ++t) {
        double& s = season[j];
        const double inverseS = S == Season::Multiplicative ? 1.0 / s : 0.0;
        const double levelBase = level + p.phi * trend;
        const double mu = meanOf<S>(levelBase, s);
        if constexpr (kNeedsPositive) {
            if (!(mu > kPositiveFloor) || !(levelBase > kPositiveFloor)) {
                pass.valid = false;
                return pass;
            }
        }
        if (fitted)
            fitted[t] = mu;
        const double yt = y[t];
        double d = 0.0;
        if (!std::isnan(yt)) {
            d = yt - mu;
            ++observed;
            if constexpr (MultiplicativeError) {
                const double e = d / mu;
                sse += e * e;
                meanProduct *= mu;
                if (meanProduct > 1e100 || meanProduct < 1e-100) {
                    logSum += std::log(meanProduct);
                    meanProduct = 1.0;
                }
            } else {
                sse += d * d;
            }
        }
        update<S>(p, levelBase, level, trend, s, inverseS, d);
        if (++j == m)
            j = 0;
    }
    state.level = level;
    state.trend = trend;
    if constexpr (S != Season::None)
        std::rotate(state.season.begin(), state.season.begin() + j, state.season.end());
    pass.sumSquaredErrors = sse;
    pass.sumLogMean = logSum + std::log(meanProduct);
    pass.observed = observed;
    pass.valid = std::isfinite(sse) && std::isfinite(level);
    return pass;
}

template <Season S>
void simulatePaths(const Smoothing& p, const EtsState& start, bool multiplicativeError, double sigma,
                   int horizon, int paths, SeededRandom& random, double* out)
{
    std::vector<double> season;
    const qsizetype m = std::max<qsizetype>(1, static_cast<qsizetype>(start.season.size()));
    for (int path = 0; path < paths; ++path) {
        double level = start.level;
        double trend = start.trend;
        double dummySeason = S == Season::Multiplicative ? 1.0 : 0.0;
        season = start.season;
        double* s = S == Season::None ? &dummySeason : season.data();
        double* row = out + static_cast<qsizetype>(path) * horizon;
        for (int h = 0; h < horizon; ++h) {
            double& sj = s[S == Season::None ? 0 : h % m];
            const double levelBase = level + p.phi * trend;
            const double mu = meanOf<S>(levelBase, sj);
            const double e = sigma * random.normal();
            const double d = multiplicativeError ? mu * e : e;
            row[h] = mu + d;
            update<S>(p, levelBase, level, trend, sj, S == Season::Multiplicative ? 1.0 / sj : 0.0, d);
        }
    }
}

Smoothing smoothingOf(const EtsSpec& spec, const EtsParams& params)
{
    return Smoothing{params.alpha, spec.hasTrend() ? params.beta : 0.0,
                     spec.isSeasonal() ? params.gamma : 0.0, spec.isDamped() ? params.phi : 1.0};
}

} // namespace

EtsRecursion::Pass EtsRecursion::run(const EtsSpec& spec, const EtsParams& params, EtsState& state,
                                     const double* y, qsizetype n, double* fitted)
{
    const Smoothing p = smoothingOf(spec, params);
    if (!spec.hasTrend())
        state.trend = 0.0;
    const bool mult = spec.error == EtsSpec::Error::Multiplicative;
    switch (spec.season) {
    case Season::None:
        return mult ? filter<Season::None, true>(p, state, y, n, fitted)
                    : filter<Season::None, false>(p, state, y, n, fitted);
    case Season::Additive:
        return mult ? filter<Season::Additive, true>(p, state, y, n, fitted)
                    : filter<Season::Additive, false>(p, state, y, n, fitted);
    case Season::Multiplicative:
        return mult ? filter<Season::Multiplicative, true>(p, state, y, n, fitted)
                    : filter<Season::Multiplicative, false>(p, state, y, n, fitted);
    }
    return {};
}

std::vector<double> EtsRecursion::pointForecasts(const EtsParams& params, const EtsSpec& spec,
                                                 const EtsState& state, int horizon)
{
    const Smoothing p = smoothingOf(spec, params);
    std::vector<double> out(static_cast<size_t>(std::max(0, horizon)));
    const qsizetype m = static_cast<qsizetype>(state.season.size());
    double dampedSum = 0.0; // phi + phi^2 + ... + phi^h
    double phiPower = 1.0;
    for (int h = 1; h <= horizon; ++h) {
        phiPower *= p.phi;
        dampedSum += phiPower;
        const double levelBase = state.level + (spec.hasTrend() ? dampedSum * state.trend : 0.0);
        double mu = levelBase;
        if (spec.season == Season::Additive)
            mu += state.season[(h - 1) % m];
        else if (spec.season == Season::Multiplicative)
            mu *= state.season[(h - 1) % m];
        out[h - 1] = mu;
    }
    return out;
}

std::vector<double> EtsRecursion::simulate(const EtsSpec& spec, const EtsParams& params,
                                           const EtsState& state, double sigma, int horizon, int paths,
                                           SeededRandom& random)
{
    std::vector<double> out(static_cast<size_t>(paths) * static_cast<size_t>(horizon));
    const Smoothing p = smoothingOf(spec, params);
    const bool mult = spec.error == EtsSpec::Error::Multiplicative;
    EtsState start = state;
    if (!spec.hasTrend())
        start.trend = 0.0;
    switch (spec.season) {
    case Season::None:
        simulatePaths<Season::None>(p, start, mult, sigma, horizon, paths, random, out.data());
        break;
    case Season::Additive:
        simulatePaths<Season::Additive>(p, start, mult, sigma, horizon, paths, random, out.data());
        break;
    case Season::Multiplicative:
        simulatePaths<Season::Multiplicative>(p, start, mult, sigma, horizon, paths, random, out.data());
        break;
    }
    return out;
}

} // namespace core::forecast
