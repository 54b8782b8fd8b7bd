#pragma once

#include <memory>

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include "analytics/analytics_source.h"
#include "common/error.h"
#include "forecast/batch_forecaster.h"
#include "forecast/segment_forecast_summary.h"
#include "forecast/segment_series.h"

namespace core {
class SegmentStore;
}

namespace ui {

// Forecasts every live segment of an advertiser (or of every advertiser) in the background:
// lists the segments and advertisers (names), reads all their daily metrics in one statement
// (MetricsStore::dailyMetricsOfAll), turns them into series on a pool thread (up to the last
// day the metrics cover, missing days 0), then runs core::forecast::BatchForecaster on a pool
// of its own (one thread per core; the global pool stays free for painting). Results
// arrive in batches (at most every 100 ms) so that the GUI thread stays free; nothing here
// blocks it. A segment without metrics is a summary with its reason at once.
class ForecastOverviewRun final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ForecastOverviewRun)

public:
    enum class State
    {
        Idle,
        Reading,     // listing segments and reading metrics
        Forecasting, // progress counts segments done
        Finished,
        Cancelled, // the summaries delivered so far stay
        Failed,    // failed() said why
    };

    struct Request
    {
        QString advertiserId; // empty: every advertiser
        core::forecast::SegmentMetric metric = core::forecast::SegmentMetric::Impressions;
        core::forecast::BatchOptions options;
    };

    ForecastOverviewRun(core::SegmentStore& segments, AnalyticsSource source, QObject* parent = nullptr);
    ~ForecastOverviewRun() override;

    // Starts a run (a running one is cancelled first). A closed workspace fails at once.
    void start(const Request& request);
    // Stops: a read in flight is ignored when it arrives, forecasts not started are skipped.
    void cancel();

    State state() const { return m_state; }
    bool isRunning() const { return m_state == State::Reading || m_state == State::Forecasting; }
    int done() const { return m_done; }
    int total() const { return m_total; }
    // Since start(), frozen when the run ends.
    qint64 elapsedMs() const;
    // The last day of history the forecasts start after (valid once the metrics were read).
    QDate through() const { return m_through; }
    const Request& request() const { return m_request; }

signals:
    void stateChanged(ui::ForecastOverviewRun::State state);
    void progressChanged(int done, int total);
    void summariesReady(const QList<core::forecast::SegmentForecastSummary>& summaries);
    void failed(const core::Error& error);

private:
    struct Prepared;
    void onRead(quint64 run, const std::shared_ptr<Prepared>& prepared);
    void startForecasts(quint64 run, const std::shared_ptr<Prepared>& prepared);
    void collect(int begin, int end);
    void flush();
    void finish(State state);
    void fail(const core::Error& error);
    void setState(State state);

    core::SegmentStore& m_segments;
    AnalyticsSource m_source;
    Request m_request;
    State m_state = State::Idle;
    quint64 m_run = 0;
    int m_done = 0;
    int m_total = 0;
    int m_withoutMetrics = 0;
    int m_repeats = 0; // results Qt announced more than once (logged)
    QDate m_through;
    QElapsedTimer m_clock;
    qint64 m_elapsedAtEnd = -1;
    std::shared_ptr<Prepared> m_prepared;
    QFutureWatcher<core::forecast::BatchOutcome> m_watcher;
    QList<core::forecast::SegmentForecastSummary> m_pending;
    QTimer m_flushTimer;
    QThreadPool m_pool; // declared last: destroyed (waiting for its tasks) first
};

} // namespace ui
