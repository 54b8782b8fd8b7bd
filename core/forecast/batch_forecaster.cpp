#include "forecast/batch_forecaster.h"

#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include "forecast/forecaster.h"

namespace core::forecast {

BatchForecaster::BatchForecaster(QThreadPool* pool) : m_pool(pool ? pool : QThreadPool::globalInstance()) {}

BatchOutcome BatchForecaster::forecastOne(const BatchItem& item, const BatchOptions& options)
{
    BatchOutcome out{item.id, Forecaster::fit(item.series, options.forecast), std::nullopt};
    if (options.backtest) {
        BacktestOptions backtest;
        backtest.forecast = options.forecast;
        backtest.origins = options.backtestOrigins;
        out.backtest = Backtester::run(item.series, backtest);
    }
    return out;
}

QFuture<BatchOutcome> BatchForecaster::start(QList<BatchItem> items, BatchOptions options) const
{
    return QtConcurrent::mapped(m_pool, std::move(items),
                                [options](const BatchItem& item) { return forecastOne(item, options); });
}

} // namespace core::forecast
