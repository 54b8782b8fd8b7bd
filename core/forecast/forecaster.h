#pragma once

#include <QFuture>

#include "common/result.h"
#include "forecast/forecast.h"
#include "forecast/forecast_options.h"
#include "forecast/time_series.h"

class QThreadPool;

namespace core::forecast {

// Forecasts one series: the entry point for the GUI, segctl and the batch forecaster.
//
// Automatic model choice fits the exponential-smoothing family (error A/M, trend N/A/Ad,
// season N/A/M; multiplicative parts only for positive data, seasonal parts only with two full
// seasons) by maximum likelihood and keeps the smallest AICc. Fallbacks, each named in
// Forecast::notes: a constant series gives a constant forecast; a series with at least half
// zeros gets the intermittent forecast; a series too short for any ETS model gets the naive
// forecast. Missing values (NaN) are stepped over, never closed up. A non-negative series
// (impressions) never gets negative forecasts or bounds.
//
// Pure computation: no Qt event loop, no shared state, safe to call on any thread.
class Forecaster
{
public:
    // Validation error for bad options, a series without values, or an explicitly requested
    // model the series cannot support.
    static Result<Forecast> fit(const TimeSeries& series, const ForecastOptions& options);

    // fit() on a worker thread of pool (nullptr: the global pool), for the GUI thread.
    static QFuture<Result<Forecast>> start(TimeSeries series, ForecastOptions options,
                                           QThreadPool* pool = nullptr);

    // The seasonal period fit() would use for this series with these options.
    static int seasonPeriodFor(const TimeSeries& series, const ForecastOptions& options);
};

} // namespace core::forecast
