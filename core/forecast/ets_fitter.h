#pragma once

#include <vector>

#include "common/result.h"
#include "forecast/ets_fit.h"

namespace core::forecast {

// Fits one ETS model by maximum likelihood: smoothing parameters and initial states together,
// by a bounded Nelder–Mead search over the usual and admissible parameter region (starting
// values as R's forecast::ets chooses them). Data are rescaled to a mean magnitude of 1 while
// fitting, so the search behaves the same for 10 or 10 million impressions a day.
class EtsFitter
{
public:
    struct Options
    {
        int maxEvaluations = 2000;
        double relativeTolerance =
            1e-6; // of the criterion; R uses 1e-8, which costs ~2x the time for no measurable accuracy
        // Search the initial seasonal indices too (as R does), or keep those of the
        // decomposition: m - 1 fewer dimensions, several times faster, and as accurate on the
        // accuracy suite when the decomposition sees the whole series.
        bool optimiseSeasonalStates = false;
        // Seasons the starting seasonal indices are estimated from (R: 3); 0: all.
        int initialisationSeasons = 0;
    };

    // values: the series, NaN for a missing value. period: the seasonal period (used by
    // seasonal models only). Errors (Validation): no observed values, a multiplicative model on
    // data with zeros or negatives, a seasonal model without a period of at least 2.
    // warmStart: a related model already fitted to the same values (e.g. the same model
    // without trend); the search starts from its smoothing parameters and level.
    static Result<EtsFit> fit(const EtsSpec& spec, const std::vector<double>& values, int period,
                              const Options& options, const EtsFit* warmStart = nullptr);
    static Result<EtsFit> fit(const EtsSpec& spec, const std::vector<double>& values, int period)
    {
        return fit(spec, values, period, Options{});
    }

    // The innovation variance of fit (fitted to fittedTo) measured on `scored`: one-step errors
    // of the fitted model's means over every value observed in scored, e.g. a series with
    // outliers the fit left out, so that the intervals still allow for such days. Each error
    // counts at most 6 of the fit's standard deviations.
    static double innovationVariance(const EtsFit& fit, const std::vector<double>& fittedTo,
                                     const std::vector<double>& scored);

    // Estimated quantities without the variance: smoothing parameters and initial states (the
    // last seasonal state follows from the others).
    static int freeParameterCount(const EtsSpec& spec, int period);
    // Of them, those the optimiser searches with these options.
    static int searchedParameterCount(const EtsSpec& spec, int period, const Options& options);
};

} // namespace core::forecast
