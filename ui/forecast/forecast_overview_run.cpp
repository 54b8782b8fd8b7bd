#include "forecast/forecast_overview_run.h"

#include <spdlog/spdlog.h>

#include <QHash>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

#include "logging/logging.h"
#include "backends/metrics_store.h"
#include "backends/segment_store.h"

namespace ui {

using core::forecast::SegmentForecastSummary;

namespace {

constexpr int kFlushMs = 100;

} // namespace

// What the reads gathered, then what the forecasts need.
struct ForecastOverviewRun::Prepared
{
    std::shared_ptr<const void> owner; // keeps the metrics backend alive
    int pendingReads = 3;
    std::optional<core::Error> error;
    QList<core::Segment> segments;
    QHash<QString, QString> advertiserNames;
    QList<core::SegmentDailyMetrics> metrics;

    // Built on a pool thread from the above: items[i] belongs to segment meta[i].
    QDate through;
    QList<core::forecast::BatchItem> items;
    QList<SegmentForecastSummary> meta;           // ids and names of items[i]
    QList<SegmentForecastSummary> withoutMetrics; // complete rows, with their reason
    std::vector<bool> collected;                  // items[i]'s outcome is in a summary

    void note(const core::Error& e)
    {
        if (!error)
            error = e;
    }
    SegmentForecastSummary named(const core::Segment& s, SegmentForecastSummary summary) const
    {
        summary.segmentId = s.id;
        summary.segmentName = s.name;
        summary.advertiserId = s.advertiserId;
        summary.advertiserName = advertiserNames.value(s.advertiserId, s.advertiserId);
        return summary;
    }
    void build(core::forecast::SegmentMetric metric)
    {
        QHash<QString, const core::SegmentDailyMetrics*> byId;
        for (const core::SegmentDailyMetrics& m : metrics) {
            byId.insert(m.segmentId, &m);
            if (!m.days.isEmpty() && (!through.isValid() || m.days.last().day > through))
                through = m.days.last().day;
        }
        for (const core::Segment& s : segments) {
            const core::SegmentDailyMetrics* m = byId.value(s.id);
            if (!m || m->days.isEmpty()) {
                withoutMetrics.append(named(
                    s, SegmentForecastSummary::notForecast(QStringLiteral(
                           "No daily metrics yet: run the impressions pipeline (segctl metrics refresh)."))));
                continue;
            }
            items.append({s.id, core::forecast::SegmentSeries::fromDailyMetrics(m->days, metric, through)});
            meta.append(named(s, SegmentForecastSummary{}));
        }
        collected.assign(static_cast<size_t>(items.size()), false);
        metrics.clear(); // the series hold what is needed
    }
};

ForecastOverviewRun::ForecastOverviewRun(core::SegmentStore& segments, AnalyticsSource source,
                                         QObject* parent)
    : QObject(parent), m_segments(segments), m_source(std::move(source))
{
    // Not the global pool: Qt 6.4's raster painting fills large areas on it and waits, so a
    // batch holding every global thread for seconds froze the GUI's painting until it ended.
    m_pool.setMaxThreadCount(QThread::idealThreadCount());
    m_pool.setObjectName(QStringLiteral("forecast-overview"));
    m_flushTimer.setInterval(kFlushMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &ForecastOverviewRun::flush);
    connect(&m_watcher, &QFutureWatcherBase::resultsReadyAt, this, &ForecastOverviewRun::collect);
    connect(&m_watcher, &QFutureWatcherBase::progressValueChanged, this, [this](int value) {
        m_done = m_withoutMetrics + value;
        emit progressChanged(m_done, m_total);
    });
    connect(&m_watcher, &QFutureWatcherBase::finished, this, [this] {
        if (m_state != State::Forecasting)
            return;
        finish(m_watcher.isCanceled() ? State::Cancelled : State::Finished);
    });
}

ForecastOverviewRun::~ForecastOverviewRun()
{
    m_watcher.cancel();
    m_pool.waitForDone(); // the running forecasts finish (milliseconds); the rest are skipped
}

qint64 ForecastOverviewRun::elapsedMs() const
{
    if (m_elapsedAtEnd >= 0)
        return m_elapsedAtEnd;
    return m_clock.isValid() ? m_clock.elapsed() : 0;
}

void ForecastOverviewRun::start(const Request& request)
{
    if (isRunning())
        cancel();
    const quint64 run = ++m_run;
    m_request = request;
    m_done = 0;
    m_total = 0;
    m_withoutMetrics = 0;
    m_repeats = 0;
    m_through = {};
    m_pending.clear();
    m_prepared.reset();
    m_elapsedAtEnd = -1;
    m_clock.start();
    const AnalyticsBackend backend = m_source ? m_source() : AnalyticsBackend{};
    if (!backend.isOpen()) {
        core::Error e = core::Error::validation(QStringLiteral("no_workspace"),
                                                tr("No workspace is open, so there is nothing to forecast."));
        e.remediation = tr("Wait until the workspace has opened, or connect to one (Connection ▸ Connect).");
        fail(e);
        return;
    }
    if (auto valid = request.options.forecast.validate(); !valid) {
        fail(valid.error());
        return;
    }
    setState(State::Reading);
    emit progressChanged(0, 0);
    core::logging::logger("ui")->info(
        "forecast all segments: advertiser '{}', metric {}, horizon {}, backtest {}",
        request.advertiserId.toStdString(),
        core::forecast::SegmentSeries::metricName(request.metric).toStdString(),
        request.options.forecast.horizon, request.options.backtest);

    auto prepared = std::make_shared<Prepared>();
    prepared->owner = backend.owner;
    auto arrived = [this, run, prepared] {
        if (--prepared->pendingReads == 0)
            onRead(run, prepared);
    };
    core::SegmentQuery query;
    query.advertiserId = request.advertiserId;
    m_segments.listSegments(query).then(this,
                                        [prepared, arrived](const core::Result<QList<core::Segment>>& r) {
                                            if (r)
                                                prepared->segments = r.value();
                                            else
                                                prepared->note(r.error());
                                            arrived();
                                        });
    m_segments.listAdvertisers().then(
        this, [prepared, arrived](const core::Result<QList<core::Advertiser>>& r) {
            if (r) {
                for (const core::Advertiser& a : r.value())
                    prepared->advertiserNames.insert(a.id, a.name.isEmpty() ? a.id : a.name);
            } else {
                prepared->note(r.error());
            }
            arrived();
        });
    backend.metrics->dailyMetricsOfAll(request.advertiserId)
        .then(this, [prepared, arrived](const core::Result<QList<core::SegmentDailyMetrics>>& r) {
            if (r)
                prepared->metrics = r.value();
            else
                prepared->note(r.error());
            arrived();
        });
}

void ForecastOverviewRun::onRead(quint64 run, const std::shared_ptr<Prepared>& prepared)
{
    if (run != m_run || m_state != State::Reading)
        return; // cancelled or superseded
    if (prepared->error) {
        fail(*prepared->error);
        return;
    }
    const core::forecast::SegmentMetric metric = m_request.metric;
    QtConcurrent::run([prepared, metric] { prepared->build(metric); }).then(this, [this, run, prepared] {
        startForecasts(run, prepared);
    });
}

void ForecastOverviewRun::startForecasts(quint64 run, const std::shared_ptr<Prepared>& prepared)
{
    if (run != m_run || m_state != State::Reading)
        return;
    m_prepared = prepared;
    m_through = prepared->through;
    m_withoutMetrics = static_cast<int>(prepared->withoutMetrics.size());
    m_total = m_withoutMetrics + static_cast<int>(prepared->items.size());
    m_done = m_withoutMetrics;
    m_pending = prepared->withoutMetrics;
    setState(State::Forecasting);
    emit progressChanged(m_done, m_total);
    flush();
    if (prepared->items.isEmpty()) {
        finish(State::Finished);
        return;
    }
    m_flushTimer.start();
    m_watcher.setFuture(core::forecast::BatchForecaster(&m_pool).start(prepared->items, m_request.options));
}

void ForecastOverviewRun::collect(int begin, int end)
{
    if (!m_prepared)
        return;
    for (int i = begin; i < end; ++i) {
        // Qt 6.4 can announce a result twice: setFuture() announces every stored result, and
        // one stored out of order is announced again once the results before it are in.
        auto seen = m_prepared->collected[static_cast<size_t>(i)];
        if (seen) {
            ++m_repeats;
            continue;
        }
        seen = true;
        const core::forecast::BatchOutcome outcome = m_watcher.resultAt(i);
        SegmentForecastSummary s = SegmentForecastSummary::of(outcome, m_prepared->items.at(i).series);
        const SegmentForecastSummary& names = m_prepared->meta.at(i);
        s.segmentName = names.segmentName;
        s.advertiserId = names.advertiserId;
        s.advertiserName = names.advertiserName;
        m_pending.append(std::move(s));
    }
}

void ForecastOverviewRun::flush()
{
    if (m_pending.isEmpty())
        return;
    emit summariesReady(std::exchange(m_pending, {}));
}

void ForecastOverviewRun::cancel()
{
    if (m_state == State::Reading) {
        finish(State::Cancelled);
    } else if (m_state == State::Forecasting) {
        m_watcher.cancel(); // finished() follows once the running forecasts are done
    }
}

void ForecastOverviewRun::finish(State state)
{
    m_flushTimer.stop();
    flush();
    m_elapsedAtEnd = m_clock.isValid() ? m_clock.elapsed() : 0;
    m_prepared.reset();
    core::logging::logger("ui")->info(
        "forecast all segments: {} of {} done in {} ms ({}; {} repeated announcements)", m_done, m_total,
        m_elapsedAtEnd, state == State::Cancelled ? "cancelled" : "finished", m_repeats);
    setState(state);
}

void ForecastOverviewRun::fail(const core::Error& error)
{
    m_flushTimer.stop();
    m_pending.clear();
    m_prepared.reset();
    m_elapsedAtEnd = m_clock.isValid() ? m_clock.elapsed() : 0;
    core::logging::logger("ui")->warn("forecast all segments failed: {}", error.toString().toStdString());
    setState(State::Failed);
    emit failed(error);
}

void ForecastOverviewRun::setState(State state)
{
    if (m_state == state && state != State::Reading)
        return;
    m_state = state;
    emit stateChanged(state);
}

} // namespace ui
