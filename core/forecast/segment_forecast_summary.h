#pragma once

#include <limits>
#include <optional>

#include <QDate>
#include <QString>

#include "forecast/batch_forecaster.h"

namespace core::forecast {

// One segment's forecast over the horizon in a few figures: a row of "Forecast all segments".
// The 80/95 % ranges of the total add up the daily bounds: a conservative range (it assumes the
// days err together, as they tend to in exponential smoothing), never narrower than the true one.
struct SegmentForecastSummary
{
    static constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

    QString segmentId;
    QString segmentName;
    QString advertiserId;
    QString advertiserName;

    bool forecast = false; // false: `note` says why there is no forecast
    QString model;
    int horizon = 0;
    QDate firstDay; // of the forecast
    QDate lastDay;
    double total = kNone;
    double lower80 = kNone;
    double upper80 = kNone;
    double lower95 = kNone;
    double upper95 = kNone;
    double previousTotal = kNone; // observed over the `horizon` days before the forecast

    bool backtested = false;
    double maseRatio = kNone;  // model MASE / seasonal naive MASE: below 1 beats it
    double coverage95 = kNone; // share of backtest points inside the 95 % interval, 0..1

    QString note; // why there is no forecast or no backtest; empty when all went well

    // (total − previousTotal) / previousTotal; NaN when the previous period is 0 or unknown.
    double change() const;

    // The summary of a batch outcome for the history it was fitted on (ids and names are left
    // for the caller).
    static SegmentForecastSummary of(const BatchOutcome& outcome, const TimeSeries& history);
    // A segment that could not be forecast, and why.
    static SegmentForecastSummary notForecast(QString reason);
};

} // namespace core::forecast
