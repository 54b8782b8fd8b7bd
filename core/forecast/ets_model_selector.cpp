#include "forecast/ets_model_selector.h"

#include <algorithm>
#include <list>

namespace core::forecast {

namespace {

// Fits and remembers every candidate tried.
class CandidateFits
{
public:
    CandidateFits(const std::vector<double>& values, int period, const EtsFitter::Options& options)
        : m_values(values), m_period(period), m_options(options)
    {
    }

    void fit(const EtsSpec& spec, const EtsFit* warmStart = nullptr)
    {
        auto fit = EtsFitter::fit(spec, m_values, m_period, m_options, warmStart);
        if (!fit) {
            m_failures.append(fit.error().userMessage);
            return;
        }
        m_fits.push_back(std::move(fit).value());
    }

    // The fit of this model, if it was fitted.
    const EtsFit* find(const EtsSpec& spec) const
    {
        for (const EtsFit& f : m_fits) {
            if (f.spec == spec)
                return &f;
        }
        return nullptr;
    }

    // Fits so far, best AICc first.
    std::vector<const EtsFit*> ranked() const
    {
        std::vector<const EtsFit*> out;
        for (const EtsFit& f : m_fits)
            out.push_back(&f);
        std::stable_sort(out.begin(), out.end(), [](const EtsFit* a, const EtsFit* b) {
            return a->criteria.aicc < b->criteria.aicc;
        });
        return out;
    }

    Result<EtsModelSelector::Selection> selection() const
    {
        const auto order = ranked();
        if (order.empty())
            return Error::validation(
                QStringLiteral("no_model"),
                QStringLiteral("No exponential-smoothing model could be fitted to the series."),
                m_failures.join(QLatin1Char(' ')));
        EtsModelSelector::Selection s;
        s.best = *order.front();
        for (const EtsFit* f : order)
            s.ranking.emplace_back(f->spec.name(), f->criteria.aicc);
        return s;
    }

private:
    const std::vector<double>& m_values;
    int m_period;
    EtsFitter::Options m_options;
    std::list<EtsFit> m_fits; // stable addresses for warm starts
    QStringList m_failures;
};

} // namespace

bool EtsModelSelector::hasEnoughData(const EtsSpec& spec, int period, qsizetype observed)
{
    if (spec.isSeasonal() && (period < 2 || observed < 2 * static_cast<qsizetype>(period)))
        return false;
    return observed >= EtsFitter::freeParameterCount(spec, period) + 4;
}

QList<EtsSpec> EtsModelSelector::eligibleCandidates(int period, qsizetype observed, bool positiveData)
{
    QList<EtsSpec> out;
    for (const EtsSpec& spec : EtsSpec::autoCandidates(period > 1, positiveData)) {
        if (hasEnoughData(spec, period, observed))
            out.append(spec);
    }
    return out;
}

Result<EtsModelSelector::Selection> EtsModelSelector::select(const std::vector<double>& values, int period,
                                                             const QList<EtsSpec>& candidates,
                                                             const EtsFitter::Options& options,
                                                             Strategy strategy)
{
    CandidateFits fits(values, period, options);
    if (strategy == Strategy::Exhaustive) {
        for (const EtsSpec& spec : candidates)
            fits.fit(spec);
        return fits.selection();
    }
    // Without trend first; each multiplicative-error model starts from its additive-error twin
    // (the same point recursion), the multiplicative season from the additive one.
    for (const EtsSpec& spec : candidates) {
        if (spec.hasTrend())
            continue;
        EtsSpec twin = spec;
        twin.error = EtsSpec::Error::Additive;
        if (twin.season == EtsSpec::Season::Multiplicative) {
            twin.error = EtsSpec::Error::Multiplicative;
            twin.season = EtsSpec::Season::Additive;
        }
        fits.fit(spec, twin == spec ? nullptr : fits.find(twin));
    }
    const auto base = fits.ranked();
    if (!base.empty()) {
        const EtsFit* parent = base.front();
        for (EtsSpec::Trend trend : {EtsSpec::Trend::Additive, EtsSpec::Trend::Damped}) {
            EtsSpec spec = parent->spec;
            spec.trend = trend;
            if (candidates.contains(spec))
                fits.fit(spec, parent);
        }
    }
    // No model without trend was possible (e.g. none was a candidate): fit the rest directly.
    if (base.empty()) {
        for (const EtsSpec& spec : candidates)
            fits.fit(spec);
    }
    return fits.selection();
}

} // namespace core::forecast
