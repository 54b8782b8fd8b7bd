#include "forecast/batch_forecaster.h"

#include <atomic>
#include <memory>

#include <QPromise>
#include <QThreadPool>

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

// One task per pool thread takes the next item until none is left or the future is cancelled:
// progress is reported and cancellation checked item by item.
QFuture<BatchOutcome> BatchForecaster::start(QList<BatchItem> items, BatchOptions options) const
{
    struct Shared
    {
        QList<BatchItem> items;
        BatchOptions options;
        QPromise<BatchOutcome> promise;
        std::atomic<int> next{0};
        std::atomic<int> done{0};
        std::atomic<int> workers{0};
    };
    auto shared = std::make_shared<Shared>();
    shared->items = std::move(items);
    shared->options = std::move(options);
    const int count = static_cast<int>(shared->items.size());
    QFuture<BatchOutcome> future = shared->promise.future();
    shared->promise.start();
    shared->promise.setProgressRange(0, count);
    const int workers = std::min(count, std::max(1, m_pool->maxThreadCount()));
    if (workers == 0) {
        shared->promise.finish();
        return future;
    }
    shared->workers = workers;
    for (int w = 0; w < workers; ++w) {
        m_pool->start([shared, count] {
            while (!shared->promise.isCanceled()) {
                const int i = shared->next.fetch_add(1);
                if (i >= count)
                    break;
                shared->promise.addResult(forecastOne(shared->items.at(i), shared->options), i);
                shared->promise.setProgressValue(shared->done.fetch_add(1) + 1);
            }
            if (shared->workers.fetch_sub(1) == 1)
                shared->promise.finish();
        });
    }
    return future;
}

} // namespace core::forecast
