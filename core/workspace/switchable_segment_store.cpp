#include "switchable_segment_store.h"

namespace core {

namespace {

template <typename T> std::optional<Error> outcomeOf(const T& result)
{
    if (result.ok())
        return std::nullopt;
    return result.error();
}

} // namespace

SwitchableSegmentStore::SwitchableSegmentStore(QFuture<Opened> opening, QString backendKind,
                                               QString displayName)
{
    switchTo(std::move(opening), std::move(backendKind), std::move(displayName));
}

SwitchableSegmentStore::SwitchableSegmentStore() = default;

SwitchableSegmentStore::~SwitchableSegmentStore() = default;

void SwitchableSegmentStore::switchTo(QFuture<Opened> opening, QString backendKind, QString displayName)
{
    const quint64 generation = ++m_generation;
    m_backendKind = std::move(backendKind);
    m_pendingName = std::move(displayName);
    m_store.reset();
    m_failure.reset();
    // A previous opening that never settled hands its waiting callers (and its whenOpened
    // futures) over to this one.
    opening.then(&m_context, [this, generation](const Opened& opened) { settle(generation, opened); })
        .onCanceled(&m_context, [this, generation] {
            settle(generation,
                   Opened(Error::internal(QStringLiteral("opening the workspace was cancelled"))));
        });
}

void SwitchableSegmentStore::settle(quint64 generation, const Opened& opened)
{
    if (generation != m_generation)
        return; // replaced meanwhile: a store it produced is dropped with `opened`
    if (opened)
        m_store = opened.value();
    else
        m_failure = opened.error();
    for (const auto& promise : std::exchange(m_openedPromises, {})) {
        promise->addResult(opened ? success() : Status(opened.error()));
        promise->finish();
    }
    const QList<std::function<void()>> waiting = std::exchange(m_waiting, {});
    for (const auto& run : waiting)
        run();
}

QFuture<Status> SwitchableSegmentStore::whenOpened()
{
    auto promise = std::make_shared<QPromise<Status>>();
    promise->start();
    if (m_store || m_failure) {
        promise->addResult(m_failure ? Status(*m_failure) : success());
        promise->finish();
    } else {
        m_openedPromises.append(promise);
    }
    return promise->future();
}

void SwitchableSegmentStore::observe(const std::optional<Error>& outcome)
{
    if (m_observer)
        m_observer(outcome);
}

template <typename T>
QFuture<T> SwitchableSegmentStore::forward(const std::shared_ptr<Backend>& store,
                                           const std::function<QFuture<T>(SegmentStore&)>& run)
{
    // `store` rides along so a replaced store lives until its calls are done.
    return run(store->segments()).then(&m_context, [this, store](const T& result) {
        observe(outcomeOf(result));
        return result;
    });
}

template <typename T>
QFuture<T> SwitchableSegmentStore::whenOpen(std::function<QFuture<T>(SegmentStore&)> run)
{
    if (m_store)
        return forward<T>(m_store, run);
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
        forward<T>(m_store, run)
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

QString SwitchableSegmentStore::backendKind() const
{
    return m_store ? m_store->segments().backendKind() : m_backendKind;
}

QString SwitchableSegmentStore::displayName() const
{
    return m_store ? m_store->segments().displayName() : m_pendingName;
}

QFuture<Result<QList<Advertiser>>> SwitchableSegmentStore::listAdvertisers()
{
    return whenOpen<Result<QList<Advertiser>>>([](SegmentStore& s) { return s.listAdvertisers(); });
}

QFuture<Status> SwitchableSegmentStore::saveAdvertiser(const Advertiser& advertiser)
{
    return whenOpen<Status>([advertiser](SegmentStore& s) { return s.saveAdvertiser(advertiser); });
}

QFuture<Result<QList<Segment>>> SwitchableSegmentStore::listSegments(const SegmentQuery& query)
{
    return whenOpen<Result<QList<Segment>>>([query](SegmentStore& s) { return s.listSegments(query); });
}

QFuture<Result<Segment>> SwitchableSegmentStore::getSegment(const QString& id)
{
    return whenOpen<Result<Segment>>([id](SegmentStore& s) { return s.getSegment(id); });
}

QFuture<Result<Segment>> SwitchableSegmentStore::createSegment(const Segment& draft, const WriteOrigin& user)
{
    return whenOpen<Result<Segment>>([draft, user](SegmentStore& s) { return s.createSegment(draft, user); });
}

QFuture<Result<Segment>> SwitchableSegmentStore::updateSegment(const Segment& edited, const WriteOrigin& user)
{
    return whenOpen<Result<Segment>>(
        [edited, user](SegmentStore& s) { return s.updateSegment(edited, user); });
}

QFuture<Result<Segment>> SwitchableSegmentStore::deleteSegment(const QString& id, int baseVersion,
                                                               const WriteOrigin& user)
{
    return whenOpen<Result<Segment>>(
        [id, baseVersion, user](SegmentStore& s) { return s.deleteSegment(id, baseVersion, user); });
}

QFuture<Result<Segment>> SwitchableSegmentStore::restoreSegment(const QString& id, const WriteOrigin& user)
{
    return whenOpen<Result<Segment>>([id, user](SegmentStore& s) { return s.restoreSegment(id, user); });
}

QFuture<Result<QList<SegmentVersion>>> SwitchableSegmentStore::segmentHistory(const QString& id)
{
    return whenOpen<Result<QList<SegmentVersion>>>([id](SegmentStore& s) { return s.segmentHistory(id); });
}

QFuture<Result<Segment>> SwitchableSegmentStore::restoreVersion(const QString& id, int version, int baseVersion,
                                                                const WriteOrigin& user)
{
    return whenOpen<Result<Segment>>(
        [id, version, baseVersion, user](SegmentStore& s) { return s.restoreVersion(id, version, baseVersion, user); });
}

QFuture<Result<ImportOutcome>> SwitchableSegmentStore::importSegment(const Segment& segment)
{
    return whenOpen<Result<ImportOutcome>>([segment](SegmentStore& s) { return s.importSegment(segment); });
}

QFuture<Result<ReachEstimate>> SwitchableSegmentStore::estimateReach(const Definition& definition,
                                                                     const QString& advertiserId)
{
    return whenOpen<Result<ReachEstimate>>(
        [definition, advertiserId](SegmentStore& s) { return s.estimateReach(definition, advertiserId); });
}

QFuture<Result<QHash<QString, qint64>>> SwitchableSegmentStore::reachOfSegments(const QStringList& ids)
{
    return whenOpen<Result<QHash<QString, qint64>>>(
        [ids](SegmentStore& s) { return s.reachOfSegments(ids); });
}

} // namespace core
