#pragma once

#include <QList>
#include <QString>

#include "common/result.h"

namespace core::forecast {

// One member of the exponential-smoothing family: ETS(error, trend, season), e.g. ETS(M,Ad,M).
struct EtsSpec
{
    enum class Error
    {
        Additive,
        Multiplicative,
    };
    enum class Trend
    {
        None,
        Additive,
        Damped,
    };
    enum class Season
    {
        None,
        Additive,
        Multiplicative,
    };

    Error error = Error::Additive;
    Trend trend = Trend::None;
    Season season = Season::None;

    bool hasTrend() const { return trend != Trend::None; }
    bool isDamped() const { return trend == Trend::Damped; }
    bool isSeasonal() const { return season != Season::None; }
    // Multiplicative error or season: the data must be strictly positive.
    bool needsPositiveData() const
    {
        return error == Error::Multiplicative || season == Season::Multiplicative;
    }

    // "ETS(M,Ad,M)".
    QString name() const;
    // "MAdM".
    QString code() const;

    // "MAdM", "AAdA", "ANN", "A,Ad,A" or "ETS(M,Ad,M)", case-insensitive. A multiplicative trend
    // ("MMN") is not part of the family offered here and is a Validation error saying so.
    static Result<EtsSpec> parse(const QString& text);

    // The models automatic selection considers (as R's forecast::ets does by default: no
    // multiplicative trend, no additive error with multiplicative season), seasonal ones only
    // when seasonal is true, multiplicative ones only when positiveData is true.
    static QList<EtsSpec> autoCandidates(bool seasonal, bool positiveData);

    bool operator==(const EtsSpec&) const = default;
};

} // namespace core::forecast
