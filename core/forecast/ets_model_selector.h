#pragma once

#include <utility>
#include <vector>

#include <QList>

#include "common/result.h"
#include "forecast/ets_fitter.h"

namespace core::forecast {

// Automatic model choice by the smallest AICc (Hyndman et al. 2002).
//  - Exhaustive: fits every candidate (R's forecast::ets).
//  - Stepwise: fits the candidates without trend (each multiplicative one started from its
//    additive twin), then adds the additive and the damped trend to the best of them, started
//    from it: 7 fits instead of 15 (the trend models are the slow ones). On the synthetic
//    accuracy suite it chooses as well as Exhaustive at half the time.
class EtsModelSelector
{
public:
    enum class Strategy
    {
        Exhaustive,
        Stepwise,
    };

    struct Selection
    {
        EtsFit best;
        std::vector<std::pair<QString, double>> ranking; // model name and AICc, best first
    };

    // Enough data for a model: at least as many observed values as its free parameters + 4
    // (R's rule); seasonal models also need two full seasons.
    static bool hasEnoughData(const EtsSpec& spec, int period, qsizetype observed);

    // The candidates the data can support (see EtsSpec::autoCandidates).
    static QList<EtsSpec> eligibleCandidates(int period, qsizetype observed, bool positiveData);

    // Validation error when no candidate could be fitted.
    static Result<Selection> select(const std::vector<double>& values, int period,
                                    const QList<EtsSpec>& candidates, const EtsFitter::Options& options,
                                    Strategy strategy = Strategy::Stepwise);
};

} // namespace core::forecast
