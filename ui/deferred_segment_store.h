#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <QFuture>
#include <QList>
#include <QObject>
#include <QPromise>

#include "store/segment_store.h"

namespace ui {

// A SegmentStore that can be handed to the window at once while the real one is still being
// opened (and perhaps migrated) on a worker, so the window paints before any data exists.
// Calls made before the store is open wait for it and then run in the order they were made;
// if it cannot be opened they finish with that error. Once open, calls go straight through.
// Use it from the thread that created it (the GUI thread); its event loop runs the waiting calls.
class DeferredSegmentStore final : public core::SegmentStore
{
public:
    using Opened = core::Result<std::shared_ptr<core::SegmentStore>>;

    // displayName: what to call the store until it is open (then its own name is used).
    DeferredSegmentStore(QFuture<Opened> opening, QString backendKind, QString displayName);
    ~DeferredSegmentStore() override;
    DeferredSegmentStore(const DeferredSegmentStore&) = delete;
    DeferredSegmentStore& operator=(const DeferredSegmentStore&) = delete;

    // Finishes when the store is open (ok) or could not be opened (the error); before the
    // calls that waited for it run.
    QFuture<core::Status> whenOpened() { return m_opened.future(); }
    bool isOpen() const { return m_store != nullptr; }

    QString backendKind() const override;
    QString displayName() const override;

    QFuture<core::Result<QList<core::Advertiser>>> listAdvertisers() override;
    QFuture<core::Status> saveAdvertiser(const core::Advertiser& advertiser) override;
    QFuture<core::Result<QList<core::Segment>>> listSegments(const core::SegmentQuery& query) override;
    QFuture<core::Result<core::Segment>> getSegment(const QString& id) override;
    QFuture<core::Result<core::Segment>> createSegment(const core::Segment& draft,
                                                       const QString& user) override;
    QFuture<core::Result<core::Segment>> updateSegment(const core::Segment& edited,
                                                       const QString& user) override;
    QFuture<core::Result<core::Segment>> deleteSegment(const QString& id, int baseVersion,
                                                       const QString& user) override;
    QFuture<core::Result<core::Segment>> restoreSegment(const QString& id, const QString& user) override;
    QFuture<core::Result<QList<core::SegmentVersion>>> segmentHistory(const QString& id) override;
    QFuture<core::Result<core::ImportOutcome>> importSegment(const core::Segment& segment) override;
    QFuture<core::Result<core::ReachEstimate>> estimateReach(const core::Definition& definition,
                                                             const QString& advertiserId) override;
    QFuture<core::Result<QHash<QString, qint64>>> reachOfSegments(const QStringList& ids) override;

private:
    template <typename T> QFuture<T> whenOpen(std::function<QFuture<T>(core::SegmentStore&)> run);
    void settle(const Opened& opened);

    QString m_backendKind;
    QString m_pendingName;
    std::shared_ptr<core::SegmentStore> m_store;
    std::optional<core::Error> m_failure;
    QList<std::function<void()>> m_waiting;
    QPromise<core::Status> m_opened;
    QObject m_context; // the waiting calls run in its thread; gone with this object
};

} // namespace ui
