#include "forecast/ets_fitter.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "forecast/bounded_nelder_mead.h"
#include "forecast/ets_admissibility.h"
#include "forecast/ets_initialiser.h"
#include "forecast/ets_recursion.h"
#include "forecast/series_gaps.h"
#include "common/plural.h"

namespace core::forecast {

namespace {

constexpr double kLower = EtsAdmissibility::kLowerSmoothing;
constexpr double kUpper = EtsAdmissibility::kUpperSmoothing;
constexpr double kInf = BoundedNelderMead::unbounded();

// Where each estimated quantity sits in the optimiser's vector:
// alpha [beta] [gamma] [phi] level [trend] [season 1..m-1].
class ParameterLayout
{
public:
    ParameterLayout(const EtsSpec& spec, int period, bool searchSeason = true)
        : m_spec(spec), m_period(spec.isSeasonal() ? period : 1),
          m_searchSeason(searchSeason && spec.isSeasonal())
    {
        int next = 1;
        m_beta = spec.hasTrend() ? next++ : -1;
        m_gamma = spec.isSeasonal() ? next++ : -1;
        m_phi = spec.isDamped() ? next++ : -1;
        m_level = next++;
        m_trend = spec.hasTrend() ? next++ : -1;
        m_season = next;
        m_size = next + (m_searchSeason ? m_period - 1 : 0);
    }

    int size() const { return m_size; }

    EtsParams params(const std::vector<double>& x) const
    {
        EtsParams p;
        p.alpha = x[0];
        p.beta = m_beta >= 0 ? x[m_beta] : 0.0;
        p.gamma = m_gamma >= 0 ? x[m_gamma] : 0.0;
        p.phi = m_phi >= 0 ? x[m_phi] : 1.0;
        return p;
    }

    // Fills state (whose season vector is reused); false when the implied seasonal index is
    // not positive in a multiplicative season. fixedSeason: the indices when they are not searched.
    bool state(const std::vector<double>& x, const std::vector<double>& fixedSeason, EtsState& state) const
    {
        state.level = x[m_level];
        state.trend = m_trend >= 0 ? x[m_trend] : 0.0;
        if (!m_spec.isSeasonal()) {
            state.season.clear();
            return true;
        }
        if (!m_searchSeason) {
            state.season = fixedSeason;
            return true;
        }
        state.season.resize(static_cast<size_t>(m_period));
        double sum = 0.0;
        for (int j = 1; j < m_period; ++j) {
            state.season[j] = x[m_season + j - 1];
            sum += state.season[j];
        }
        if (m_spec.season == EtsSpec::Season::Multiplicative) {
            state.season[0] = m_period - sum;
            return state.season[0] > 0.0;
        }
        state.season[0] = -sum;
        return true;
    }

    std::vector<double> pack(const EtsParams& p, const EtsState& s) const
    {
        std::vector<double> x(static_cast<size_t>(m_size));
        x[0] = p.alpha;
        if (m_beta >= 0)
            x[m_beta] = p.beta;
        if (m_gamma >= 0)
            x[m_gamma] = p.gamma;
        if (m_phi >= 0)
            x[m_phi] = p.phi;
        x[m_level] = s.level;
        if (m_trend >= 0)
            x[m_trend] = s.trend;
        for (int j = 1; j < (m_searchSeason ? m_period : 0); ++j)
            x[m_season + j - 1] = s.season[j];
        return x;
    }

    void bounds(std::vector<double>& lower, std::vector<double>& upper) const
    {
        lower.assign(static_cast<size_t>(m_size), -kInf);
        upper.assign(static_cast<size_t>(m_size), kInf);
        for (int i : {0, m_beta, m_gamma}) {
            if (i >= 0) {
                lower[i] = kLower;
                upper[i] = kUpper;
            }
        }
        if (m_phi >= 0) {
            lower[m_phi] = EtsAdmissibility::kLowerPhi;
            upper[m_phi] = EtsAdmissibility::kUpperPhi;
        }
        if (m_searchSeason && m_spec.season == EtsSpec::Season::Multiplicative) {
            for (int j = 1; j < m_period; ++j)
                lower[m_season + j - 1] = 1e-4;
        }
    }

    std::vector<double> steps(const EtsState& start) const
    {
        std::vector<double> s(static_cast<size_t>(m_size), 0.05);
        s[0] = 0.1;
        if (m_beta >= 0)
            s[m_beta] = 0.01;
        if (m_gamma >= 0)
            s[m_gamma] = 0.05;
        if (m_phi >= 0)
            s[m_phi] = -0.02;
        s[m_level] = 0.1 * std::max(std::abs(start.level), 0.1);
        if (m_trend >= 0)
            s[m_trend] = 0.1 * std::abs(start.trend) + 1e-3;
        return s;
    }

private:
    EtsSpec m_spec;
    int m_period;
    bool m_searchSeason;
    int m_beta, m_gamma, m_phi, m_level, m_trend, m_season, m_size;
};

// Starting smoothing parameters (R's initparam for bounds "both").
EtsParams startingParams(const EtsSpec& spec, int period)
{
    EtsParams p;
    const int m = spec.isSeasonal() ? period : 1;
    p.alpha = kLower + 0.2 * (kUpper - kLower) / m;
    if (spec.hasTrend()) {
        p.beta = kLower + 0.1 * (kUpper - kLower);
        if (p.beta > p.alpha)
            p.beta = std::max(kLower, p.alpha - 1e-3);
    }
    if (spec.isSeasonal()) {
        p.gamma = kLower + 0.05 * (kUpper - kLower);
        if (p.gamma > 1.0 - p.alpha)
            p.gamma = 0.95 * (1.0 - p.alpha);
    }
    if (spec.isDamped())
        p.phi =
            EtsAdmissibility::kLowerPhi + 0.99 * (EtsAdmissibility::kUpperPhi - EtsAdmissibility::kLowerPhi);
    return p;
}

// Starts from a related fitted model: its smoothing parameters, level (and trend).
void warm(const EtsFit& from, double scale, EtsParams& params, EtsState& state)
{
    params.alpha = from.params.alpha;
    if (params.phi < 1.0 && from.spec.isDamped())
        params.phi = from.params.phi;
    if (from.spec.hasTrend())
        params.beta = from.params.beta;
    params.beta = std::min(params.beta, std::max(kLower, params.alpha - 1e-3));
    if (from.spec.isSeasonal() && params.gamma > 0.0)
        params.gamma = from.params.gamma;
    if (params.gamma > 0.0 && params.gamma > 1.0 - params.alpha)
        params.gamma = std::max(kLower, 0.95 * (1.0 - params.alpha));
    state.level = from.initialState.level / scale;
    if (from.spec.hasTrend())
        state.trend = from.initialState.trend / scale;
}

} // namespace

int EtsFitter::freeParameterCount(const EtsSpec& spec, int period)
{
    return ParameterLayout(spec, period).size();
}

int EtsFitter::searchedParameterCount(const EtsSpec& spec, int period, const Options& options)
{
    return ParameterLayout(spec, period, options.optimiseSeasonalStates).size();
}

Result<EtsFit> EtsFitter::fit(const EtsSpec& spec, const std::vector<double>& values, int period,
                              const Options& options, const EtsFit* warmStart)
{
    if (spec.isSeasonal() && period < 2)
        return Error::validation(
            QStringLiteral("no_season"),
            QStringLiteral("%1 is seasonal: it needs a seasonal period of at least 2.").arg(spec.name()));
    const std::vector<double> observed = SeriesGaps::observed(values);
    if (observed.empty())
        return Error::validation(QStringLiteral("no_data"), QStringLiteral("The series has no values."));
    if (spec.needsPositiveData()) {
        const auto nonPositive =
            std::count_if(observed.begin(), observed.end(), [](double v) { return !(v > 0.0); });
        if (nonPositive > 0)
            return Error::validation(
                QStringLiteral("not_positive"),
                QStringLiteral("%1 is multiplicative and needs values above zero; the series has %2.")
                    .arg(spec.name(), countOf(nonPositive, QStringLiteral("zero or negative value"),
                                              QStringLiteral("zero or negative values"))));
    }
    const int m = spec.isSeasonal() ? period : 1;

    double scale = 0.0;
    for (double v : observed)
        scale += std::abs(v);
    scale /= static_cast<double>(observed.size());
    if (!(scale > 0.0))
        scale = 1.0;
    std::vector<double> y(values.size());
    std::transform(values.begin(), values.end(), y.begin(), [scale](double v) { return v / scale; });
    const qsizetype n = static_cast<qsizetype>(y.size());

    const ParameterLayout layout(spec, m, options.optimiseSeasonalStates);
    EtsState start =
        EtsInitialiser::initialState(spec, SeriesGaps::interpolated(y), m, options.initialisationSeasons);
    if (spec.needsPositiveData() && !(start.level + start.trend > 0.0)) {
        start.level = std::accumulate(observed.begin(), observed.end(), 0.0) / scale /
                      static_cast<double>(observed.size());
        start.trend = 0.0;
    }
    EtsParams startParams = startingParams(spec, m);
    if (warmStart)
        warm(*warmStart, scale, startParams, start);

    EtsState work;
    auto objective = [&](const std::vector<double>& x) {
        const EtsParams p = layout.params(x);
        if (!EtsAdmissibility::isAdmissible(spec, p, m))
            return kInf;
        if (!layout.state(x, start.season, work))
            return kInf;
        return EtsLikelihood::criterion(spec, EtsRecursion::run(spec, p, work, y.data(), n));
    };
    std::vector<double> lower, upper;
    layout.bounds(lower, upper);
    BoundedNelderMead::Options nm;
    nm.maxEvaluations = options.maxEvaluations;
    nm.relativeTolerance = options.relativeTolerance;
    std::vector<double> x0 = layout.pack(startParams, start);
    if (!std::isfinite(objective(x0))) {
        // The starting line can leave the positive range over a long series (a steep early
        // trend): start flat, from the default smoothing parameters.
        start.trend = 0.0;
        x0 = layout.pack(startingParams(spec, m), start);
    }
    const auto best = BoundedNelderMead::minimise(objective, x0, layout.steps(start), lower, upper, nm);
    if (!std::isfinite(best.value))
        return Error::validation(QStringLiteral("no_fit"),
                                 QStringLiteral("%1 could not be fitted to this series.").arg(spec.name()));

    EtsFit fit;
    fit.spec = spec;
    fit.period = m;
    fit.params = layout.params(best.x);
    layout.state(best.x, start.season, fit.initialState);
    fit.finalState = fit.initialState;
    const EtsRecursion::Pass pass = EtsRecursion::run(spec, fit.params, fit.finalState, y.data(), n);
    fit.observed = pass.observed;
    fit.parameterCount = freeParameterCount(spec, m) + 1;
    fit.evaluations = best.evaluations;
    const double dof = static_cast<double>(std::max<qsizetype>(pass.observed - fit.parameterCount, 1));
    fit.sigma2 = pass.sumSquaredErrors / dof;

    // Back to data units: states scale with the data except multiplicative seasonal indices;
    // the criterion gains 2 n log(scale) for both error types.
    for (EtsState* s : {&fit.initialState, &fit.finalState}) {
        s->level *= scale;
        s->trend *= scale;
        if (spec.season == EtsSpec::Season::Additive) {
            for (double& v : s->season)
                v *= scale;
        }
    }
    if (spec.error == EtsSpec::Error::Additive)
        fit.sigma2 *= scale * scale;
    const double criterion = best.value + 2.0 * static_cast<double>(pass.observed) * std::log(scale);
    fit.criteria = EtsLikelihood::criteria(criterion, pass.observed, fit.parameterCount);
    return fit;
}

double EtsFitter::innovationVariance(const EtsFit& fit, const std::vector<double>& fittedTo,
                                     const std::vector<double>& scored)
{
    EtsState state = fit.initialState;
    std::vector<double> means(fittedTo.size());
    EtsRecursion::run(fit.spec, fit.params, state, fittedTo.data(), static_cast<qsizetype>(fittedTo.size()),
                      means.data());
    const bool relative = fit.spec.error == EtsSpec::Error::Multiplicative;
    // Each error counts at most 6 standard deviations of the fit: a single extreme day widens
    // the intervals, but does not blow them up.
    constexpr double kCap = 6.0;
    double sse = 0.0;
    qsizetype count = 0;
    for (size_t t = 0; t < scored.size() && t < means.size(); ++t) {
        if (std::isnan(scored[t]))
            continue;
        double e = scored[t] - means[t];
        if (relative)
            e /= means[t];
        sse += std::min(e * e, kCap * kCap * fit.sigma2);
        ++count;
    }
    return sse / static_cast<double>(std::max<qsizetype>(count - fit.parameterCount, 1));
}

} // namespace core::forecast
