#pragma once

#include <optional>

#include <QFuture>
#include <QList>
#include <QString>

#include "common/result.h"
#include "forecast/backtester.h"
#include "forecast/forecast.h"
#include "forecast/forecast_options.h"
#include "forecast/time_series.h"

class QThreadPool;

namespace core::forecast {

// One series to forecast, e.g. a segment's daily impressions.
struct BatchItem
{
    QString id;
    TimeSeries series;
};

struct BatchOutcome
{
    QString id;
    Result<Forecast> forecast;
    std::optional<Result<Backtest>> backtest; // when BatchOptions::backtest asked for it
};

struct BatchOptions
{
    ForecastOptions forecast;
    bool backtest = false; // also give every forecast its track record
    int backtestOrigins = 4;
};

// Forecasts many series in the background on a thread pool. The returned future carries one
// BatchOutcome per item, in the items' order (resultAt(i) belongs to items[i]); a series that
// cannot be forecast has an error in its outcome and does not stop the others.
//  - progress: progressValue() counts finished items out of progressMaximum() (a
//    QFutureWatcher's progressValueChanged drives a progress bar);
//  - cancel(): items not yet started are skipped; those running finish (a few milliseconds);
//  - the future finishes when every item is done (or skipped).
class BatchForecaster
{
public:
    // pool: nullptr for QThreadPool::globalInstance(). Not owned.
    explicit BatchForecaster(QThreadPool* pool = nullptr);

    QFuture<BatchOutcome> start(QList<BatchItem> items, BatchOptions options) const;

    // What start() does for each item, synchronously.
    static BatchOutcome forecastOne(const BatchItem& item, const BatchOptions& options);

private:
    QThreadPool* m_pool;
};

} // namespace core::forecast
