#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <QFuture>
#include <QList>
#include <QObject>
#include <QPromise>

#include "backends/backend.h"
#include "backends/segment_store.h"

namespace core {

// The store the window talks to, whatever backend is active: it forwards every call to the
// current backend's segment store; the backend which can be replaced (local workspace ↔ Databricks) while the window
// stays. A store is handed over as a future, so the window paints before any data exists:
// calls made while the store is opening wait for it and then run in the order they were made;
// if it cannot be opened they finish with that error. Once open, calls go straight through.
// A store replaced while calls to it are still running stays alive until they finish; calls
// made after switchTo() go to the new store. Use it from the thread that created it (the GUI
// thread); its event loop runs the waiting calls.
class SwitchableSegmentStore final : public SegmentStore
{
public:
    using Opened = Result<std::shared_ptr<Backend>>;
    // Told (on the store's thread) how each call ended: nullopt for success, else the error.
    using ResultObserver = std::function<void(const std::optional<Error>&)>;

    // No store yet: calls wait for the first switchTo().
    SwitchableSegmentStore();
    // displayName: what to call the store until it is open (then its own name is used).
    SwitchableSegmentStore(QFuture<Opened> opening, QString backendKind, QString displayName);
    ~SwitchableSegmentStore() override;
    SwitchableSegmentStore(const SwitchableSegmentStore&) = delete;
    SwitchableSegmentStore& operator=(const SwitchableSegmentStore&) = delete;

    // Replaces the backend. A previous opening that has not finished yet is abandoned (a store
    // it still produces is dropped); calls waiting for it wait for this one instead.
    void switchTo(QFuture<Opened> opening, QString backendKind, QString displayName);

    // Finishes when the current store is open (ok) or could not be opened (the error); before
    // the calls that waited for it run. Each call has its own future (a QFuture holds a single
    // continuation: a shared one would let the last caller's .then() replace the others').
    QFuture<Status> whenOpened();
    bool isOpen() const { return m_store != nullptr; }
    // The open backend, with all its stores (null while opening or after a failure).
    std::shared_ptr<Backend> current() const { return m_store; }
    // Why the current store could not be opened, if it could not.
    std::optional<Error> openingError() const { return m_failure; }

    void setResultObserver(ResultObserver observer) { m_observer = std::move(observer); }

    QString backendKind() const override;
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
    QFuture<Result<Segment>> restoreVersion(const QString& id, int version, int baseVersion, const WriteOrigin& origin) override;
    QFuture<Result<ImportOutcome>> importSegment(const Segment& segment) override;
    QFuture<Result<ReachEstimate>> estimateReach(const Definition& definition,
                                                 const QString& advertiserId) override;
    QFuture<Result<QHash<QString, qint64>>> reachOfSegments(const QStringList& ids) override;

private:
    template <typename T> QFuture<T> whenOpen(std::function<QFuture<T>(SegmentStore&)> run);
    template <typename T>
    QFuture<T> forward(const std::shared_ptr<Backend>& store,
                       const std::function<QFuture<T>(SegmentStore&)>& run);
    void settle(quint64 generation, const Opened& opened);
    void observe(const std::optional<Error>& outcome);

    QString m_backendKind;
    QString m_pendingName;
    quint64 m_generation = 0;
    std::shared_ptr<Backend> m_store;
    std::optional<Error> m_failure;
    QList<std::function<void()>> m_waiting;
    QList<std::shared_ptr<QPromise<Status>>> m_openedPromises; // whenOpened() futures not finished yet
    ResultObserver m_observer;
    QObject m_context; // the waiting calls run in its thread; gone with this object
};

} // namespace core
