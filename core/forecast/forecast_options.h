#pragma once

#include <cstdint>

#include <QList>
#include <QString>

#include "common/result.h"
#include "forecast/ets_fitter.h"
#include "forecast/ets_model_selector.h"
#include "forecast/ets_spec.h"

namespace core::forecast {

// Which model makes the forecast: chosen automatically (ETS by AICc, with fallbacks), one ETS
// model, or a baseline.
struct ModelChoice
{
    enum class Kind
    {
        Auto,
        Ets,
        SeasonalNaive,
        Naive,
    };
    Kind kind = Kind::Auto;
    EtsSpec spec; // for Kind::Ets

    // "auto", "snaive", "naive", or an ETS code such as "MAdM", "AAdA", "ETS(A,N,N)".
    static Result<ModelChoice> parse(const QString& text);
    QString name() const;
};

struct ForecastOptions
{
    int horizon = 14;
    int seasonPeriod = 0; // 0: 7 for a daily series, detected for a numbered one; 1: no season
    ModelChoice model;
    QList<double> levels{80.0, 95.0}; // prediction-interval levels in percent, each in (0, 100)
    int simulationPaths = 1000;       // for intervals without a closed form
    std::uint64_t seed = 20240501;    // of those simulations: the same seed, the same intervals
    EtsFitter::Options fitting;
    EtsModelSelector::Strategy selection = EtsModelSelector::Strategy::Stepwise;
    // Leave one-off spikes and drops out of ETS fits (see OutlierScreen).
    bool screenOutliers = true;

    // Validation error naming the bad option; the forecaster checks this first.
    Status validate() const;

    // "80,95" -> {80, 95}; Validation error for anything else.
    static Result<QList<double>> parseLevels(const QString& text);
};

} // namespace core::forecast
