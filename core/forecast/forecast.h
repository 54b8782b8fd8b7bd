#pragma once

#include <optional>
#include <vector>

#include <QDate>
#include <QString>
#include <QStringList>

#include "forecast/ets_fit.h"

namespace core::forecast {

// A prediction interval at one level (80 = 80 %), one bound per forecast step.
struct ForecastInterval
{
    double level = 0.0;
    std::vector<double> lower;
    std::vector<double> upper;
};

// What Forecaster::fit returns: point forecasts for steps 1..horizon after the series, with
// prediction intervals, the model that made them and how.
struct Forecast
{
    QString model;        // "ETS(M,Ad,M)", "Seasonal naive", "Naive", "Constant", "Intermittent"
    int seasonPeriod = 1; // the period used (1: none)
    std::vector<double> points;
    std::vector<ForecastInterval> intervals; // in the order of ForecastOptions::levels
    std::optional<EtsFit> ets;               // parameters, states, AICc of an ETS model
    // Models automatic selection compared: name and AICc, best first.
    std::vector<std::pair<QString, double>> candidates;
    bool analyticIntervals = true; // false: from simulated sample paths
    QStringList notes;             // fallbacks taken and why, in plain words

    // Where step 1 sits on the series' axis: the day after the last day, or the next period.
    QDate firstDay;         // valid for a daily series
    qint64 firstPeriod = 1; // for a numbered series

    int horizon() const { return static_cast<int>(points.size()); }
    // The date (YYYY-MM-DD) or period number of step h (0-based).
    QString labelAt(int h) const;
    // The interval at this level, or nullptr when it was not asked for.
    const ForecastInterval* interval(double level) const;
};

} // namespace core::forecast
