#pragma once

#include "backends/metrics_store.h"
#include "offline/outbox.h"

#include <QDateTime>
#include <QObject>

#include <functional>
#include <memory>
#include <optional>

namespace core {

// A shared workspace's daily metrics as the app reads them: from the backend while it answers,
// each segment's whole series kept in the outbox's read cache as it is read (Outbox::cacheMetrics);
// while the backend cannot be reached (or could not be opened at start), from that cache, the
// age told to the observer as OutboxSegmentStore does for the list. Never an invented figure:
// a segment never read whole before is the backend's error. Use from the backend's thread; the
// Outbox must outlive it.
class OutboxMetricsStore final : public MetricsStore
{
public:
    using OfflineObserver = std::function<void(const std::optional<QDateTime>& cacheAsOf)>;

    // backend: the shared backend's own store (an aliasing pointer into its Backend), or null.
    OutboxMetricsStore(std::shared_ptr<MetricsStore> backend, Outbox* outbox, QString workspace);
    ~OutboxMetricsStore() override;

    // When the last read was answered from the cache: the time those metrics were read; else nullopt.
    std::optional<QDateTime> cacheAsOf() const { return m_cacheAsOf; }
    void setOfflineObserver(OfflineObserver observer) { m_offlineObserver = std::move(observer); }

    QFuture<Result<QList<DailyMetrics>>> dailyMetrics(const QString& segmentId, QDate from = {}, QDate to = {}) override;
    // Offline: the live segments of the advertiser in the cached list, each with its cached
    // series; the error when any of them was never read whole.
    QFuture<Result<QList<SegmentDailyMetrics>>> dailyMetricsOfAll(const QString& advertiserId = {}, QDate from = {},
                                                                  QDate to = {}) override;

private:
    Result<QList<DailyMetrics>> fromCache(const QString& segmentId, QDate from, QDate to, const Error& why,
                                          QDateTime* asOf) const;
    Result<QList<SegmentDailyMetrics>> allFromCache(const QString& advertiserId, QDate from, QDate to,
                                                    const Error& why);
    void setCacheAsOf(std::optional<QDateTime> asOf);

    std::shared_ptr<MetricsStore> m_backend;
    Outbox* m_outbox;
    QString m_workspace;
    std::optional<QDateTime> m_cacheAsOf;
    OfflineObserver m_offlineObserver;
    std::unique_ptr<QObject> m_context; // continuations die with the store
};

} // namespace core
