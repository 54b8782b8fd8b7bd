#include "deferred_segment_store.h"

namespace ui {

DeferredSegmentStore::DeferredSegmentStore(QFuture<Opened> opening, QString backendKind, QString displayName)
    : m_backendKind(std::move(backendKind)), m_pendingName(std::move(displayName))
{
    m_opened.start();
    opening.then(&m_context, [this](const Opened& opened) { settle(opened); }).onCanceled(&m_context, [this] {
        settle(Opened(core::Error::internal(QStringLiteral("opening the workspace was cancelled"))));
    });
}

DeferredSegmentStore::~DeferredSegmentStore() = default;

void DeferredSegmentStore::settle(const Opened& opened)
{
    if (opened)
        m_store = opened.value();
    else
        m_failure = opened.error();
    m_opened.addResult(opened ? core::success() : core::Status(opened.error()));
    m_opened.finish();
    const QList<std::function<void()>> waiting = std::exchange(m_waiting, {});
    for (const auto& run : waiting)
        run();
}

template <typename T>
QFuture<T> DeferredSegmentStore::whenOpen(std::function<QFuture<T>(core::SegmentStore&)> run)
{
    if (m_store)
        return run(*m_store);
    if (m_failure)
        return QtFuture::makeReadyFuture(T(*m_failure));
    auto promise = std::make_shared<QPromise<T>>();
    promise->start();
    m_waiting.append([this, promise, run = std::move(run)] {
        if (!m_store) {
            promise->addResult(T(*m_failure));
            promise->finish();
            return;
        }
        run(*m_store)
            .then(QtFuture::Launch::Sync,
                  [promise](const T& result) {
                      promise->addResult(result);
                      promise->finish();
                  })
            .onCanceled([promise] {
                promise->future().cancel(); // cancelled stays cancelled for the caller too
                promise->finish();
            });
    });
    return promise->future();
}

QString DeferredSegmentStore::backendKind() const
{
    return m_store ? m_store->backendKind() : m_backendKind;
}

QString DeferredSegmentStore::displayName() const
{
    return m_store ? m_store->displayName() : m_pendingName;
}

QFuture<core::Result<QList<core::Advertiser>>> DeferredSegmentStore::listAdvertisers()
{
    return whenOpen<core::Result<QList<core::Advertiser>>>(
        [](core::SegmentStore& s) { return s.listAdvertisers(); });
}

QFuture<core::Status> DeferredSegmentStore::saveAdvertiser(const core::Advertiser& advertiser)
{
    return whenOpen<core::Status>(
        [advertiser](core::SegmentStore& s) { return s.saveAdvertiser(advertiser); });
}

QFuture<core::Result<QList<core::Segment>>>
DeferredSegmentStore::listSegments(const core::SegmentQuery& query)
{
    return whenOpen<core::Result<QList<core::Segment>>>(
        [query](core::SegmentStore& s) { return s.listSegments(query); });
}

QFuture<core::Result<core::Segment>> DeferredSegmentStore::getSegment(const QString& id)
{
    return whenOpen<core::Result<core::Segment>>([id](core::SegmentStore& s) { return s.getSegment(id); });
}

QFuture<core::Result<core::Segment>> DeferredSegmentStore::createSegment(const core::Segment& draft,
                                                                         const QString& user)
{
    return whenOpen<core::Result<core::Segment>>(
        [draft, user](core::SegmentStore& s) { return s.createSegment(draft, user); });
}

QFuture<core::Result<core::Segment>> DeferredSegmentStore::updateSegment(const core::Segment& edited,
                                                                         const QString& user)
{
    return whenOpen<core::Result<core::Segment>>(
        [edited, user](core::SegmentStore& s) { return s.updateSegment(edited, user); });
}

QFuture<core::Result<core::Segment>> DeferredSegmentStore::deleteSegment(const QString& id, int baseVersion,
                                                                         const QString& user)
{
    return whenOpen<core::Result<core::Segment>>(
        [id, baseVersion, user](core::SegmentStore& s) { return s.deleteSegment(id, baseVersion, user); });
}

QFuture<core::Result<core::Segment>> DeferredSegmentStore::restoreSegment(const QString& id,
                                                                          const QString& user)
{
    return whenOpen<core::Result<core::Segment>>(
        [id, user](core::SegmentStore& s) { return s.restoreSegment(id, user); });
}

QFuture<core::Result<QList<core::SegmentVersion>>> DeferredSegmentStore::segmentHistory(const QString& id)
{
    return whenOpen<core::Result<QList<core::SegmentVersion>>>(
        [id](core::SegmentStore& s) { return s.segmentHistory(id); });
}

QFuture<core::Result<core::ImportOutcome>> DeferredSegmentStore::importSegment(const core::Segment& segment)
{
    return whenOpen<core::Result<core::ImportOutcome>>(
        [segment](core::SegmentStore& s) { return s.importSegment(segment); });
}

QFuture<core::Result<core::ReachEstimate>>
DeferredSegmentStore::estimateReach(const core::Definition& definition, const QString& advertiserId)
{
    return whenOpen<core::Result<core::ReachEstimate>>([definition, advertiserId](core::SegmentStore& s) {
        return s.estimateReach(definition, advertiserId);
    });
}

QFuture<core::Result<QHash<QString, qint64>>> DeferredSegmentStore::reachOfSegments(const QStringList& ids)
{
    return whenOpen<core::Result<QHash<QString, qint64>>>(
        [ids](core::SegmentStore& s) { return s.reachOfSegments(ids); });
}

} // namespace ui
