#include "offline/outbox_experiment_store.h"

#include "domain/experiment_rules.h"
#include "domain/segment_change_rules.h"
#include "offline/journalled_send.h"
#include "offline/outbox_segment_store.h"

#include <QUuid>

#include <algorithm>

namespace core {

namespace {

template <typename T>
QFuture<Result<T>> ready(Result<T> value)
{
    return QtFuture::makeReadyFuture(std::move(value));
}

QList<Experiment> applyExperimentQuery(QList<Experiment> experiments, const ExperimentQuery& query)
{
    experiments.removeIf([&](const Experiment& e) {
        return (!query.advertiserId.isEmpty() && e.advertiserId != query.advertiserId) ||
               (!query.segmentId.isEmpty() && e.segmentId != query.segmentId);
    });
    // As the backends list them: by creation time, newest first, then id.
    std::stable_sort(experiments.begin(), experiments.end(), [](const Experiment& a, const Experiment& b) {
        if (a.createdAt != b.createdAt)
            return a.createdAt > b.createdAt;
        return a.id < b.id;
    });
    return experiments;
}

} // namespace

OutboxExperimentStore::OutboxExperimentStore(std::shared_ptr<ExperimentStore> backend, Outbox* outbox, QString workspace,
                                             const OutboxSegmentStore* segments)
    : m_backend(std::move(backend)), m_outbox(outbox), m_workspace(std::move(workspace)), m_segments(segments),
      m_context(std::make_unique<QObject>())
{
}

OutboxExperimentStore::~OutboxExperimentStore() = default;

bool OutboxExperimentStore::hasWaiting(const QString& experimentId) const
{
    auto pending = m_outbox->pending(m_workspace);
    if (!pending)
        return false;
    return std::any_of(pending.value().begin(), pending.value().end(),
                       [&](const OutboxChange& c) { return c.isExperiment() && c.subjectId() == experimentId; });
}

QList<Experiment> OutboxExperimentStore::overlay(QList<Experiment> experiments) const
{
    auto pending = m_outbox->pending(m_workspace);
    if (!pending)
        return experiments;
    for (const OutboxChange& c : pending.value()) {
        if (!c.isExperiment())
            continue;
        const Experiment mine = c.expectedExperiment();
        auto it = std::find_if(experiments.begin(), experiments.end(), [&](const Experiment& e) { return e.id == mine.id; });
        if (it != experiments.end())
            *it = mine;
        else
            experiments.append(mine);
    }
    return experiments;
}

Result<QList<Experiment>> OutboxExperimentStore::cachedExperiments(const ExperimentQuery& query) const
{
    auto cache = m_outbox->cachedExperiments(m_workspace);
    if (!cache)
        return cache.error();
    return applyExperimentQuery(overlay(cache.value()), query);
}

std::optional<Experiment> OutboxExperimentStore::knownExperiment(const QString& id) const
{
    auto known = cachedExperiments({});
    if (!known)
        return std::nullopt;
    for (const Experiment& e : known.value())
        if (e.id == id)
            return e;
    return std::nullopt;
}

QString OutboxExperimentStore::scopeOf(const ExperimentQuery& query)
{
    if (!query.advertiserId.isEmpty() && !query.segmentId.isEmpty())
        return {};
    if (!query.segmentId.isEmpty())
        return QStringLiteral("segment:") + query.segmentId;
    if (!query.advertiserId.isEmpty())
        return QStringLiteral("advertiser:") + query.advertiserId;
    return QStringLiteral("*");
}

QFuture<Result<QList<Experiment>>> OutboxExperimentStore::list(const ExperimentQuery& query)
{
    using Listing = Result<QList<Experiment>>;
    auto fromCache = [this, query](const Error& why) -> Listing {
        // Only a scope listed whole before (or the whole workspace) answers: else the cache would
        // be a guess, and an experiment missing from it would look as if there were none.
        const auto listedWhole = [this](const QString& scope) {
            auto at = m_outbox->experimentsListedAt(m_workspace, scope);
            return at && at.value().isValid();
        };
        const QString scope = scopeOf(query);
        if (!listedWhole(QStringLiteral("*")) && (scope.isEmpty() || !listedWhole(scope)))
            return why;
        auto cache = m_outbox->cachedExperiments(m_workspace);
        if (!cache)
            return why;
        return applyExperimentQuery(overlay(cache.value()), query);
    };
    if (!m_backend)
        return ready(fromCache(offlineUnavailable(QStringLiteral("Listing the experiments"))));
    return m_backend->list(query).then(m_context.get(), [this, query, fromCache](Listing r) -> Listing {
        if (!r)
            return isUnreachable(r.error()) ? fromCache(r.error()) : r;
        if (Status cached = m_outbox->cacheExperiments(m_workspace, r.value(), scopeOf(query)); !cached)
            logging::logger("offline")->warn("read cache: {}", cached.error().toString().toStdString());
        return applyExperimentQuery(overlay(r.value()), query);
    });
}

QFuture<Result<Experiment>> OutboxExperimentStore::get(const QString& id)
{
    auto fromCache = [this, id](const Error& why) -> Result<Experiment> {
        if (auto e = knownExperiment(id))
            return *e;
        return why;
    };
    if (!m_backend)
        return ready(fromCache(offlineUnavailable(QStringLiteral("Opening the experiment"))));
    return m_backend->get(id).then(m_context.get(), [this, id, fromCache](Result<Experiment> r) -> Result<Experiment> {
        if (!r)
            return isUnreachable(r.error()) ? fromCache(r.error()) : r;
        m_outbox->cacheExperiments(m_workspace, {r.value()});
        if (hasWaiting(id)) {
            if (auto mine = knownExperiment(id))
                return *mine;
        }
        return r;
    });
}

Result<Experiment> OutboxExperimentStore::checkOffline(const OutboxChange& change, bool unknownIsAnError) const
{
    const QDateTime now = SegmentChangeRules::now();
    const Experiment& mine = change.experiment->payload;
    if (change.kind == OutboxChangeKind::Create) {
        const std::optional<Segment> segment = m_segments ? m_segments->knownSegment(mine.segmentId) : std::nullopt;
        if (mine.segmentId.trimmed().isEmpty())
            return experimentValidationError(ExperimentRules::validate(mine));
        if (!segment && !unknownIsAnError) {
            if (ValidationIssues issues = ExperimentRules::validate(mine); !issues.isEmpty())
                return experimentValidationError(issues);
            return mine; // the backend knows the segment, or says it does not
        }
        if (!segment)
            return ExperimentRules::unknownSegment(mine.segmentId);
        auto prepared = ExperimentRules::prepareCreate(mine, *segment, change.user, now);
        if (!prepared)
            return prepared;
        // The key as far as this computer knows; the backend checks it again when the change is sent.
        auto known = cachedExperiments({});
        if (known) {
            for (const Experiment& other : known.value())
                if (other.id != prepared.value().id && other.key == prepared.value().key)
                    return ExperimentRules::keyTakenError(prepared.value().key, other.name);
        }
        return prepared;
    }
    const std::optional<Experiment> current = knownExperiment(change.subjectId());
    if (!current && !unknownIsAnError)
        return mine;
    if (!current)
        return offlineUnavailable(QStringLiteral("Changing an experiment not read before"));
    if (change.kind == OutboxChangeKind::Stop)
        return ExperimentRules::prepareStop(*current, change.baseVersion, change.user, now);
    return ExperimentRules::prepareUpdate(*current, mine, change.user, now);
}

Result<Experiment> OutboxExperimentStore::queue(OutboxChange change)
{
    auto checked = checkOffline(change, true);
    if (!checked) // refused here as the backend would: nothing is queued
        return checked.error();
    if (change.kind != OutboxChangeKind::Stop) {
        Experiment payload = checked.value();
        payload.version = change.baseVersion; // sent as an edit of its base
        change.experiment->payload = payload;
    }
    change.workspace = m_workspace;
    auto queued = m_outbox->enqueue(std::move(change));
    if (!queued)
        return queued.error();
    logging::logger("offline")->info("queued in the outbox: change {} ({} experiment)", queued.value().id,
                                     outboxChangeKindKey(queued.value().kind).toStdString());
    return queued.value().expectedExperiment();
}

QFuture<Result<Experiment>> OutboxExperimentStore::send(OutboxChange change, Call call)
{
    // The key is fixed before the first attempt, so a lost answer is found by it on replay.
    if (change.key.isEmpty())
        change.key = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const bool behind = hasWaiting(change.subjectId()) || (m_segments && m_segments->hasWaiting(change.segmentId));
    if (!m_backend || behind)
        return ready(queue(std::move(change)));
    // What this computer can tell is checked before anything goes, so bad input is refused at once
    // even when the workspace then turns out unreachable (and the change would wait in the outbox).
    if (auto checked = checkOffline(change, false); !checked)
        return ready(Result<Experiment>(checked.error()));
    change.workspace = m_workspace;
    JournalledSend<Experiment> send;
    send.outbox = m_outbox;
    send.context = m_context.get();
    send.call = [backend = m_backend, call](const WriteOrigin& origin) { return call(*backend, origin); };
    send.applied = [this](const Experiment& e) { m_outbox->cacheExperiments(m_workspace, {e}); };
    send.queue = [this](const OutboxChange& c) { return queue(c); };
    send.expected = [](const OutboxChange& c) { return c.expectedExperiment(); };
    return send(std::move(change));
}

namespace {

OutboxChange experimentChange(OutboxChangeKind kind, const Experiment& payload, int baseVersion,
                              const WriteOrigin& origin)
{
    OutboxChange change;
    change.kind = kind;
    change.segmentId = payload.segmentId;
    change.baseVersion = baseVersion;
    change.user = origin.user;
    change.key = origin.changeKey;
    change.experiment = OutboxExperimentChange{payload, std::nullopt, std::nullopt};
    return change;
}

} // namespace

QFuture<Result<Experiment>> OutboxExperimentStore::create(const Experiment& draft, const WriteOrigin& origin)
{
    Experiment withId = draft;
    if (withId.id.isEmpty()) // fixed now, so a replay can never create it twice
        withId.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    return send(experimentChange(OutboxChangeKind::Create, withId, 0, origin),
                [withId](ExperimentStore& s, const WriteOrigin& o) { return s.create(withId, o); });
}

QFuture<Result<Experiment>> OutboxExperimentStore::update(const Experiment& edited, const WriteOrigin& origin)
{
    OutboxChange change = experimentChange(OutboxChangeKind::Update, edited, edited.version, origin);
    if (auto base = knownExperiment(edited.id); base && base->version == edited.version)
        change.experiment->base = base;
    return send(change, [edited](ExperimentStore& s, const WriteOrigin& o) { return s.update(edited, o); });
}

QFuture<Result<Experiment>> OutboxExperimentStore::stop(const QString& id, int baseVersion, const WriteOrigin& origin)
{
    const std::optional<Experiment> seen = knownExperiment(id);
    if (!seen && (!m_backend || hasWaiting(id)))
        return ready(Result<Experiment>(offlineUnavailable(QStringLiteral("Stopping an experiment not read before"))));
    if (!seen) // never read here: nothing to queue it against; it goes straight to the backend
        return m_backend->stop(id, baseVersion, origin);
    OutboxChange change = experimentChange(OutboxChangeKind::Stop, *seen, baseVersion, origin);
    if (seen->version == baseVersion)
        change.experiment->base = seen;
    return send(change, [id, baseVersion](ExperimentStore& s, const WriteOrigin& o) { return s.stop(id, baseVersion, o); });
}

QFuture<Result<QList<ExperimentVersion>>> OutboxExperimentStore::history(const QString& id)
{
    if (!m_backend)
        return ready(Result<QList<ExperimentVersion>>(offlineUnavailable(QStringLiteral("Reading the experiment's history"))));
    return m_backend->history(id);
}

QFuture<Result<QList<ExperimentAssignmentRow>>> OutboxExperimentStore::assignments(const QString& id)
{
    if (!m_backend)
        return ready(Result<QList<ExperimentAssignmentRow>>(offlineUnavailable(QStringLiteral("Seeing who is in which arm"))));
    return m_backend->assignments(id);
}

QFuture<Result<ExperimentData>> OutboxExperimentStore::data(const QString& id)
{
    if (!m_backend)
        return ready(Result<ExperimentData>(offlineUnavailable(QStringLiteral("Reading the experiment's results"))));
    return m_backend->data(id);
}

} // namespace core
