#pragma once

#include <vector>

#include <QStringList>

#include "common/result.h"
#include "forecast/forecast_options.h"
#include "forecast/time_series.h"

namespace core::forecast {

// How one method did over the rolling origins of a backtest.
struct MethodScore
{
    struct Coverage
    {
        double level = 0.0; // 80 = the 80 % interval
        double share = 0.0; // of evaluated points inside it, 0..1
    };

    QStringList models; // the model each origin used, oldest origin first
    double smape = 0.0; // mean over every evaluated point (0..200)
    double mase = 0.0;  // mean over origins of MAE / in-sample seasonal-naive MAE
    std::vector<Coverage> coverage;
    qsizetype points = 0; // evaluated (observed) points

    // The share for this level, NaN when it was not evaluated.
    double coverageAt(double level) const;
};

// A rolling-origin evaluation: the forecaster and seasonal naive, both refitted at each origin
// on the data before it and scored on the `horizon` values after it.
struct Backtest
{
    int horizon = 0;
    int origins = 0; // origins actually evaluated
    int step = 0;    // between origins
    int seasonPeriod = 1;
    MethodScore model;
    MethodScore seasonalNaive;

    // model MASE / seasonal naive MASE: below 1 beats the baseline.
    double maseRatio() const { return model.mase / seasonalNaive.mase; }
};

struct BacktestOptions
{
    ForecastOptions forecast; // horizon, model, levels, season
    int origins = 4;          // the last at n - horizon, each earlier one `step` before
    int step = 0;             // 0: the seasonal period (7 for daily data), 1 without season
};

class Backtester
{
public:
    // Validation error for bad options, or when not even one origin leaves enough history
    // (at least two seasons, or 6 values without a season) before it.
    static Result<Backtest> run(const TimeSeries& series, const BacktestOptions& options);
};

} // namespace core::forecast
