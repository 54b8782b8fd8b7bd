#pragma once

#include "backends/segment_store.h"
#include "offline/outbox.h"

#include <QObject>

#include <functional>
#include <memory>
#include <optional>

namespace core {

bool isUnreachable(const Error& error); // offline/journalled_send.h
// The error of a read or write that needs the shared workspace while it cannot be reached (code
// offline): "<what> needs the shared workspace, which cannot be reached now."
Error offlineUnavailable(const QString& what);

// A shared workspace's SegmentStore that keeps working offline: it forwards every call to the
// backend's store (null when the backend could not even be opened). A save, delete or restore
// that cannot reach the backend is kept in the Outbox and answered at once with what the segment
// will be (the outbox's queued() signal lets the window say "Saved on this computer — will
// sync"); a segment with changes waiting gets its later changes queued behind them, in order.
// Listings and reads that work refresh the read cache; when the backend cannot be reached they
// are answered from it (cacheAsOf() says how old), with the waiting changes shown on top.
// OutboxReplayer sends the waiting changes when the backend answers again.
// Use it from the backend's thread; the Outbox must outlive it.
class OutboxSegmentStore final : public SegmentStore
{
public:
    // Told when reads start being answered from the cache (its age) and when they work again (nullopt).
    using OfflineObserver = std::function<void(const std::optional<QDateTime>& cacheAsOf)>;

    // backend: the shared backend's own store (an aliasing pointer into its Backend), or null.
    OutboxSegmentStore(std::shared_ptr<SegmentStore> backend, Outbox* outbox, QString workspace, QString backendKind,
                       QString displayName);
    ~OutboxSegmentStore() override;

    const QString& workspace() const { return m_workspace; }
    Outbox& outbox() { return *m_outbox; }
    // The backend's own store (null when it could not be opened).
    SegmentStore* backendStore() const { return m_backend.get(); }
    // When the last reads were answered from the cache: the time of that cache; else nullopt.
    std::optional<QDateTime> cacheAsOf() const { return m_cacheAsOf; }
    void setOfflineObserver(OfflineObserver observer) { m_offlineObserver = std::move(observer); }

    QString backendKind() const override { return m_backendKind; }
    QString displayName() const override;

    QFuture<Result<QList<Advertiser>>> listAdvertisers() override;
    QFuture<Status> saveAdvertiser(const Advertiser& advertiser) override;
    QFuture<Result<QList<Segment>>> listSegments(const SegmentQuery& query) override;
    QFuture<Result<Segment>> getSegment(const QString& id) override;
    QFuture<Result<Segment>> createSegment(const Segment& draft, const WriteOrigin& origin) override;
    QFuture<Result<Segment>> updateSegment(const Segment& edited, const WriteOrigin& origin) override;
    QFuture<Result<Segment>> deleteSegment(const QString& id, int baseVersion, const WriteOrigin& origin) override;
    QFuture<Result<Segment>> restoreSegment(const QString& id, const WriteOrigin& origin) override;
    QFuture<Result<QList<SegmentVersion>>> segmentHistory(const QString& id) override;
    QFuture<Result<ImportOutcome>> importSegment(const Segment& segment) override;
    // Needs the workspace (the versions are not cached): offline it says so and queues nothing.
    QFuture<Result<Segment>> restoreVersion(const QString& id, int version, int baseVersion,
                                            const WriteOrigin& origin) override;
    QFuture<Result<ReachEstimate>> estimateReach(const Definition& definition, const QString& advertiserId) override;
    QFuture<Result<QHash<QString, qint64>>> reachOfSegments(const QStringList& ids) override;

    // The segments of `query` from the cache with the waiting changes on top (what is shown offline).
    Result<QList<Segment>> cachedSegments(const SegmentQuery& query) const;
    // The segment as this computer knows it: the cache with the waiting changes on top.
    std::optional<Segment> knownSegment(const QString& id) const;
    // Whether changes of the segment wait in the outbox (later changes of it, and experiments on
    // it, are queued behind them).
    bool hasWaiting(const QString& id) const;

private:
    using Call = std::function<QFuture<Result<Segment>>(SegmentStore&, const WriteOrigin&)>;
    // Sends the change through `call` (with its key), or queues it when the backend cannot be
    // reached or the segment has changes waiting.
    QFuture<Result<Segment>> send(OutboxChange change, Call call);
    Result<Segment> queue(OutboxChange change);
    QList<Segment> overlay(QList<Segment> segments) const;
    void setCacheAsOf(std::optional<QDateTime> asOf);

    std::shared_ptr<SegmentStore> m_backend;
    Outbox* m_outbox;
    QString m_workspace;
    QString m_backendKind;
    QString m_displayName;
    std::optional<QDateTime> m_cacheAsOf;
    OfflineObserver m_offlineObserver;
    std::unique_ptr<QObject> m_context;
};

// Filters, sorts and limits segments as a backend answers `query` (for answers from the cache).
QList<Segment> applySegmentQuery(QList<Segment> segments, const SegmentQuery& query);

} // namespace core
