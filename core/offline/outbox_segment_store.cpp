#include "offline/outbox_segment_store.h"

#include "domain/segment_change_rules.h"
#include "logging/logging.h"
#include "offline/journalled_send.h"

#include <spdlog/spdlog.h>

#include <QPointer>
#include <QPromise>
#include <QUuid>

#include <algorithm>

namespace core {

namespace {

template <typename T>
QFuture<T> readyFuture(T value)
{
    QPromise<T> promise;
    promise.start();
    promise.addResult(std::move(value));
    promise.finish();
    return promise.future();
}

} // namespace

Error offlineUnavailable(const QString& what)
{
    return Error{ErrorKind::Network, 0, QStringLiteral("offline"),
                 QStringLiteral("%1 needs the shared workspace, which cannot be reached now.").arg(what), {},
                 QStringLiteral("Try again when the connection is back.")};
}

bool isUnreachable(const Error& error)
{
    return error.kind == ErrorKind::Network || error.kind == ErrorKind::Timeout;
}

QList<Segment> applySegmentQuery(QList<Segment> segments, const SegmentQuery& query)
{
    QList<Segment> out;
    for (Segment& s : segments) {
        if (!query.advertiserId.isEmpty() && s.advertiserId != query.advertiserId)
            continue;
        if (query.deleted == SegmentQuery::Deleted::Exclude && s.isDeleted())
            continue;
        if (query.deleted == SegmentQuery::Deleted::Only && !s.isDeleted())
            continue;
        if (query.status && s.status != *query.status)
            continue;
        if (!query.text.isEmpty() && !s.name.contains(query.text, Qt::CaseInsensitive) &&
            !s.description.contains(query.text, Qt::CaseInsensitive))
            continue;
        out.append(std::move(s));
    }
    std::stable_sort(out.begin(), out.end(), [&](const Segment& a, const Segment& b) {
        switch (query.sort) {
        case SegmentSort::UpdatedNewestFirst: return a.updatedAt > b.updatedAt;
        case SegmentSort::CreatedNewestFirst: return a.createdAt > b.createdAt;
        case SegmentSort::Name: break;
        }
        return a.name.compare(b.name, Qt::CaseInsensitive) < 0;
    });
    if (query.limit >= 0 && out.size() > query.limit)
        out.resize(query.limit);
    return out;
}

OutboxSegmentStore::OutboxSegmentStore(std::shared_ptr<SegmentStore> backend, Outbox* outbox, QString workspace,
                                       QString backendKind, QString displayName)
    : m_backend(std::move(backend)), m_outbox(outbox), m_workspace(std::move(workspace)),
      m_backendKind(std::move(backendKind)), m_displayName(std::move(displayName)),
      m_context(std::make_unique<QObject>())
{
}

OutboxSegmentStore::~OutboxSegmentStore() = default;

QString OutboxSegmentStore::displayName() const
{
    if (m_backend)
        return m_backend->displayName();
    return m_displayName;
}

void OutboxSegmentStore::setCacheAsOf(std::optional<QDateTime> asOf)
{
    if (asOf == m_cacheAsOf)
        return;
    m_cacheAsOf = std::move(asOf);
    if (m_offlineObserver)
        m_offlineObserver(m_cacheAsOf);
}

bool OutboxSegmentStore::hasWaiting(const QString& id) const
{
    auto pending = m_outbox->pending(m_workspace);
    if (!pending)
        return false;
    return std::any_of(pending.value().begin(), pending.value().end(),
                       [&](const OutboxChange& c) { return !c.isExperiment() && c.segmentId == id; });
}

QList<Segment> OutboxSegmentStore::overlay(QList<Segment> segments) const
{
    auto pending = m_outbox->pending(m_workspace);
    if (!pending)
        return segments;
    for (const OutboxChange& c : pending.value()) {
        if (c.isExperiment())
            continue;
        const Segment mine = c.expected();
        auto it = std::find_if(segments.begin(), segments.end(), [&](const Segment& s) { return s.id == c.segmentId; });
        if (it != segments.end())
            *it = mine;
        else
            segments.append(mine);
    }
    return segments;
}

Result<QList<Segment>> OutboxSegmentStore::cachedSegments(const SegmentQuery& query) const
{
    auto cache = m_outbox->cached(m_workspace);
    if (!cache)
        return cache.error();
    return applySegmentQuery(overlay(cache.value().segments), query);
}

std::optional<Segment> OutboxSegmentStore::knownSegment(const QString& id) const
{
    auto cache = m_outbox->cached(m_workspace);
    if (!cache)
        return std::nullopt;
    for (const Segment& s : overlay(cache.value().segments))
        if (s.id == id)
            return s;
    return std::nullopt;
}

QFuture<Result<QList<Advertiser>>> OutboxSegmentStore::listAdvertisers()
{
    auto fromCache = [this](const Error& why) -> Result<QList<Advertiser>> {
        auto cache = m_outbox->cached(m_workspace);
        if (!cache || cache.value().advertisers.isEmpty())
            return why;
        setCacheAsOf(cache.value().asOf);
        return cache.value().advertisers;
    };
    if (!m_backend)
        return readyFuture(fromCache(offlineUnavailable(QStringLiteral("Listing the advertisers"))));
    return m_backend->listAdvertisers().then(
        m_context.get(), [this, fromCache](Result<QList<Advertiser>> r) -> Result<QList<Advertiser>> {
            if (r) {
                m_outbox->cacheAdvertisers(m_workspace, r.value());
                return r;
            }
            return isUnreachable(r.error()) ? fromCache(r.error()) : r;
        });
}

QFuture<Status> OutboxSegmentStore::saveAdvertiser(const Advertiser& advertiser)
{
    if (!m_backend)
        return readyFuture(Status(offlineUnavailable(QStringLiteral("Saving an advertiser"))));
    return m_backend->saveAdvertiser(advertiser);
}

QFuture<Result<QList<Segment>>> OutboxSegmentStore::listSegments(const SegmentQuery& query)
{
    auto fromCache = [this, query](const Error& why) -> Result<QList<Segment>> {
        auto cache = m_outbox->cached(m_workspace);
        if (!cache || !cache.value().asOf.isValid())
            return why;
        setCacheAsOf(cache.value().asOf);
        return applySegmentQuery(overlay(cache.value().segments), query);
    };
    if (!m_backend)
        return readyFuture(fromCache(offlineUnavailable(QStringLiteral("Listing the segments"))));
    return m_backend->listSegments(query).then(
        m_context.get(), [this, query, fromCache](Result<QList<Segment>> r) -> Result<QList<Segment>> {
            if (!r)
                return isUnreachable(r.error()) ? fromCache(r.error()) : r;
            // A listing not narrowed by a search dates the cache ("the list as of 10:42").
            if (Status cached = m_outbox->cacheSegments(m_workspace, r.value(), query.text.isEmpty()); !cached)
                logging::logger("offline")->warn("read cache: {}", cached.error().toString().toStdString());
            setCacheAsOf(std::nullopt);
            return applySegmentQuery(overlay(r.value()), query);
        });
}

QFuture<Result<Segment>> OutboxSegmentStore::getSegment(const QString& id)
{
    auto fromCache = [this, id](const Error& why) -> Result<Segment> {
        if (auto s = knownSegment(id)) {
            auto cache = m_outbox->cached(m_workspace);
            if (cache)
                setCacheAsOf(cache.value().asOf);
            return *s;
        }
        return why;
    };
    if (!m_backend)
        return readyFuture(fromCache(offlineUnavailable(QStringLiteral("Opening the segment"))));
    return m_backend->getSegment(id).then(m_context.get(), [this, id, fromCache](Result<Segment> r) -> Result<Segment> {
        if (!r)
            return isUnreachable(r.error()) ? fromCache(r.error()) : r;
        m_outbox->cacheSegments(m_workspace, {r.value()}, false);
        if (hasWaiting(id)) {
            if (auto mine = knownSegment(id))
                return *mine;
        }
        return r;
    });
}

Result<Segment> OutboxSegmentStore::queue(OutboxChange change)
{
    change.workspace = m_workspace;
    auto queued = m_outbox->enqueue(std::move(change));
    if (!queued)
        return queued.error();
    logging::logger("offline")->info("queued in the outbox: change {} ({})", queued.value().id,
                                     outboxChangeKindKey(queued.value().kind).toStdString());
    return queued.value().expected();
}

QFuture<Result<Segment>> OutboxSegmentStore::send(OutboxChange change, Call call)
{
    // The key is fixed before the first attempt: if its answer is lost, the queued change carries
    // the same key, and the replay finds it in the segment's history instead of applying it twice.
    if (change.key.isEmpty())
        change.key = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (!m_backend || hasWaiting(change.segmentId))
        return readyFuture(queue(std::move(change)));
    change.workspace = m_workspace;
    JournalledSend<Segment> send;
    send.outbox = m_outbox;
    send.context = m_context.get();
    send.call = [backend = m_backend, call](const WriteOrigin& origin) { return call(*backend, origin); };
    send.applied = [this](const Segment& s) { m_outbox->cacheSegments(m_workspace, {s}, false); };
    send.queue = [this](const OutboxChange& c) { return queue(c); };
    send.expected = [](const OutboxChange& c) { return c.expected(); };
    return send(std::move(change));
}

QFuture<Result<Segment>> OutboxSegmentStore::createSegment(const Segment& draft, const WriteOrigin& origin)
{
    Segment withId = draft;
    if (withId.id.isEmpty()) // the id is fixed now, so a replay can never create it twice
        withId.id = SegmentChangeRules::newId();
    OutboxChange change;
    change.kind = OutboxChangeKind::Create;
    change.segmentId = withId.id;
    change.baseVersion = 0;
    change.payload = withId;
    change.user = origin.user;
    change.key = origin.changeKey;
    return send(change, [withId](SegmentStore& s, const WriteOrigin& o) { return s.createSegment(withId, o); });
}

QFuture<Result<Segment>> OutboxSegmentStore::updateSegment(const Segment& edited, const WriteOrigin& origin)
{
    OutboxChange change;
    change.kind = OutboxChangeKind::Update;
    change.segmentId = edited.id;
    change.baseVersion = edited.version;
    change.payload = edited;
    change.user = origin.user;
    change.key = origin.changeKey;
    if (auto base = knownSegment(edited.id); base && base->version == edited.version)
        change.base = base;
    return send(change, [edited](SegmentStore& s, const WriteOrigin& o) { return s.updateSegment(edited, o); });
}

QFuture<Result<Segment>> OutboxSegmentStore::deleteSegment(const QString& id, int baseVersion, const WriteOrigin& origin)
{
    OutboxChange change;
    change.kind = OutboxChangeKind::Delete;
    change.segmentId = id;
    change.baseVersion = baseVersion;
    change.user = origin.user;
    change.key = origin.changeKey;
    if (auto seen = knownSegment(id)) {
        change.payload = *seen;
        if (seen->version == baseVersion)
            change.base = seen;
    } else {
        change.payload.id = id;
    }
    return send(change, [id, baseVersion](SegmentStore& s, const WriteOrigin& o) { return s.deleteSegment(id, baseVersion, o); });
}

QFuture<Result<Segment>> OutboxSegmentStore::restoreSegment(const QString& id, const WriteOrigin& origin)
{
    OutboxChange change;
    change.kind = OutboxChangeKind::Restore;
    change.segmentId = id;
    change.user = origin.user;
    change.key = origin.changeKey;
    const std::optional<Segment> seen = knownSegment(id);
    if (seen) {
        change.payload = *seen;
        change.baseVersion = seen->version;
        change.base = seen;
    }
    if (!seen && (!m_backend || hasWaiting(id)))
        return readyFuture(Result<Segment>(offlineUnavailable(QStringLiteral("Restoring a segment not seen before"))));
    if (!seen) // never seen: nothing to queue it against; it goes straight to the backend
        return m_backend->restoreSegment(id, origin);
    return send(change, [id](SegmentStore& s, const WriteOrigin& o) { return s.restoreSegment(id, o); });
}

QFuture<Result<QList<SegmentVersion>>> OutboxSegmentStore::segmentHistory(const QString& id)
{
    if (!m_backend)
        return readyFuture(Result<QList<SegmentVersion>>(offlineUnavailable(QStringLiteral("The history"))));
    return m_backend->segmentHistory(id);
}

QFuture<Result<ImportOutcome>> OutboxSegmentStore::importSegment(const Segment& segment)
{
    if (!m_backend)
        return readyFuture(Result<ImportOutcome>(offlineUnavailable(QStringLiteral("Importing"))));
    return m_backend->importSegment(segment);
}

QFuture<Result<Segment>> OutboxSegmentStore::restoreVersion(const QString& id, int version, int baseVersion,
                                                            const WriteOrigin& origin)
{
    if (!m_backend)
        return readyFuture(Result<Segment>(offlineUnavailable(QStringLiteral("Restoring a version"))));
    return m_backend->restoreVersion(id, version, baseVersion, origin);
}

QFuture<Result<ReachEstimate>> OutboxSegmentStore::estimateReach(const Definition& definition, const QString& advertiserId)
{
    if (!m_backend)
        return readyFuture(Result<ReachEstimate>(offlineUnavailable(QStringLiteral("Estimating the reach"))));
    return m_backend->estimateReach(definition, advertiserId);
}

QFuture<Result<QHash<QString, qint64>>> OutboxSegmentStore::reachOfSegments(const QStringList& ids)
{
    // Offline the list shows no reach (unknown ids are left out) rather than an error per listing.
    using Reach = Result<QHash<QString, qint64>>;
    if (!m_backend)
        return readyFuture(Reach(QHash<QString, qint64>{}));
    return m_backend->reachOfSegments(ids).then(m_context.get(), [](Reach r) -> Reach {
        if (!r && isUnreachable(r.error()))
            return QHash<QString, qint64>{};
        return r;
    });
}

} // namespace core
