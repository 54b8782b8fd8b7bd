#include "offline/outbox_metrics_store.h"

#include "logging/logging.h"
#include "offline/outbox_segment_store.h"

#include <spdlog/spdlog.h>

#include <QFuture>

#include <algorithm>

namespace core {

namespace {

Error offlineMetrics()
{
    return offlineUnavailable(QStringLiteral("Reading the daily metrics"));
}

QList<DailyMetrics> inRange(QList<DailyMetrics> days, QDate from, QDate to)
{
    days.removeIf([&](const DailyMetrics& d) { return (from.isValid() && d.day < from) || (to.isValid() && d.day > to); });
    return days;
}

bool wholeSeries(QDate from, QDate to) { return !from.isValid() && !to.isValid(); }

} // namespace

OutboxMetricsStore::OutboxMetricsStore(std::shared_ptr<MetricsStore> backend, Outbox* outbox, QString workspace)
    : m_backend(std::move(backend)), m_outbox(outbox), m_workspace(std::move(workspace)),
      m_context(std::make_unique<QObject>())
{
}

OutboxMetricsStore::~OutboxMetricsStore() = default;

void OutboxMetricsStore::setCacheAsOf(std::optional<QDateTime> asOf)
{
    if (asOf == m_cacheAsOf)
        return;
    m_cacheAsOf = std::move(asOf);
    if (m_offlineObserver)
        m_offlineObserver(m_cacheAsOf);
}

Result<QList<DailyMetrics>> OutboxMetricsStore::fromCache(const QString& segmentId, QDate from, QDate to,
                                                         const Error& why, QDateTime* asOf) const
{
    if (from.isValid() && to.isValid() && from > to)
        return why; // the backend's own validation said so, or would have
    auto cached = m_outbox->cachedMetrics(m_workspace, segmentId);
    if (!cached || !cached.value())
        return why;
    *asOf = cached.value()->asOf;
    return inRange(cached.value()->days, from, to);
}

QFuture<Result<QList<DailyMetrics>>> OutboxMetricsStore::dailyMetrics(const QString& segmentId, QDate from, QDate to)
{
    using Days = Result<QList<DailyMetrics>>;
    auto offline = [this, segmentId, from, to](const Error& why) -> Days {
        QDateTime asOf;
        Days days = fromCache(segmentId, from, to, why, &asOf);
        if (days)
            setCacheAsOf(asOf);
        return days;
    };
    if (!m_backend)
        return QtFuture::makeReadyFuture(offline(offlineMetrics()));
    return m_backend->dailyMetrics(segmentId, from, to).then(m_context.get(), [this, segmentId, from, to, offline](Days r) -> Days {
        if (!r)
            return isUnreachable(r.error()) ? offline(r.error()) : r;
        if (wholeSeries(from, to)) {
            if (Status kept = m_outbox->cacheMetrics(m_workspace, {{segmentId, r.value()}}); !kept)
                logging::logger("offline")->warn("metrics cache: {}", kept.error().toString().toStdString());
        }
        setCacheAsOf(std::nullopt);
        return r;
    });
}

Result<QList<SegmentDailyMetrics>> OutboxMetricsStore::allFromCache(const QString& advertiserId, QDate from, QDate to,
                                                                    const Error& why)
{
    auto list = m_outbox->cached(m_workspace);
    if (!list || !list.value().asOf.isValid())
        return why;
    QList<Segment> live = list.value().segments;
    live.removeIf([&](const Segment& s) {
        return s.isDeleted() || (!advertiserId.isEmpty() && s.advertiserId != advertiserId);
    });
    std::sort(live.begin(), live.end(), [](const Segment& a, const Segment& b) { return a.id < b.id; });
    QList<SegmentDailyMetrics> out;
    QDateTime oldest;
    for (const Segment& s : live) {
        QDateTime asOf;
        auto days = fromCache(s.id, from, to, why, &asOf);
        if (!days)
            return days.error(); // a segment never read whole: no figures rather than missing ones
        if (!oldest.isValid() || asOf < oldest)
            oldest = asOf;
        out.append({s.id, std::move(days).value()});
    }
    setCacheAsOf(oldest.isValid() ? oldest : list.value().asOf);
    return out;
}

QFuture<Result<QList<SegmentDailyMetrics>>> OutboxMetricsStore::dailyMetricsOfAll(const QString& advertiserId, QDate from,
                                                                                  QDate to)
{
    using All = Result<QList<SegmentDailyMetrics>>;
    if (!m_backend)
        return QtFuture::makeReadyFuture(allFromCache(advertiserId, from, to, offlineMetrics()));
    return m_backend->dailyMetricsOfAll(advertiserId, from, to)
        .then(m_context.get(), [this, advertiserId, from, to](All r) -> All {
            if (!r)
                return isUnreachable(r.error()) ? allFromCache(advertiserId, from, to, r.error()) : r;
            if (wholeSeries(from, to)) {
                if (Status kept = m_outbox->cacheMetrics(m_workspace, r.value()); !kept)
                    logging::logger("offline")->warn("metrics cache: {}", kept.error().toString().toStdString());
            }
            setCacheAsOf(std::nullopt);
            return r;
        });
}

} // namespace core
