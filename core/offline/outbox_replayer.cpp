#include "offline/outbox_replayer.h"

#include "logging/logging.h"
#include "offline/outbox_experiment_replay.h"
#include "offline/outbox_segment_store.h"

#include <spdlog/spdlog.h>

#include <QElapsedTimer>
#include <QPointer>
#include <QPromise>
#include <QTimer>
#include <QSet>

#include <functional>

namespace core {

namespace {

// Did this change make `version`? The backend keeps each change's idempotency key with the
// version it made (segment_versions.change_key; on Databricks only once the guarded write landed),
// so the key decides. A version without a key (written by an earlier release, or a Databricks write
// that died before its confirmation) is never taken for this change: the content would not tell a
// lost race from a win.
bool isThisChange(const OutboxChange& change, const SegmentVersion& version)
{
    return !change.key.isEmpty() && version.changeKey == change.key;
}

// Is `current`, one version after the change's base, what this change makes of the segment? The
// segment row is authoritative (only the winning write changes it), so its content tells; the author
// is not compared: shared backends record their own principal (current_user), not the name the
// outbox kept. Someone else making exactly the same change from the same base would be taken for
// it, and the segment would hold what this user wanted all the same.
bool isThisResult(const OutboxChange& change, const Segment& current)
{
    if (current.version != change.baseVersion + 1)
        return false;
    switch (change.kind) {
    case OutboxChangeKind::Delete: return current.isDeleted();
    case OutboxChangeKind::Restore: return !current.isDeleted();
    case OutboxChangeKind::Create:
    case OutboxChangeKind::Update: break;
    }
    return !current.isDeleted() && current.name == change.payload.name.trimmed() &&
           current.description == change.payload.description && current.status == change.payload.status &&
           current.definitionHash == change.payload.definition.hash();
}

} // namespace

OutboxReplayer::OutboxReplayer(SegmentStore& backend, Outbox& outbox, QString workspace, StatementInquiry* inquiry,
                               ExperimentStore* experiments)
    : m_backend(backend), m_outbox(outbox), m_workspace(std::move(workspace)), m_inquiry(inquiry),
      m_context(std::make_unique<QObject>())
{
    if (experiments)
        m_experiments = std::make_unique<OutboxExperimentReplay>(*experiments, outbox, m_workspace);
}

void OutboxReplayer::setStatementWait(std::chrono::milliseconds interval, std::chrono::milliseconds limit)
{
    m_statementPoll = interval;
    m_statementLimit = limit;
}

QFuture<std::optional<Error>> OutboxReplayer::waitForStatement(const OutboxChange& change)
{
    struct Wait
    {
        QPromise<std::optional<Error>> promise;
        QElapsedTimer clock;
        std::function<void()> ask;
    };
    auto wait = std::make_shared<Wait>();
    wait->promise.start();
    wait->clock.start();
    auto future = wait->promise.future();
    auto done = [wait](std::optional<Error> e) {
        wait->promise.addResult(std::move(e));
        wait->promise.finish();
        wait->ask = nullptr; // breaks the cycle
    };
    const QString id = change.statementId;
    const qint64 changeId = change.id;
    wait->ask = [this, wait, done, id, changeId] {
        m_inquiry->fateOf(id).then(m_context.get(), [this, wait, done, id, changeId](Result<StatementFate> fate) {
            if (!fate) {
                if (isUnreachable(fate.error()))
                    return done(fate.error());
                // A damaged id: nothing to ask; the change's key still tells whether it landed.
                logging::logger("offline")->warn("outbox change {}: {}", changeId, fate.error().toString().toStdString());
                return done(std::nullopt);
            }
            if (fate.value() != StatementFate::Running) {
                logging::logger("offline")->info("outbox change {}: statement {} sent before the app stopped has {}",
                                                 changeId, id.toStdString(),
                                                 fate.value() == StatementFate::Ended ? "ended" : "expired");
                return done(std::nullopt);
            }
            if (wait->clock.elapsed() >= m_statementLimit.count()) {
                Error e;
                e.kind = ErrorKind::Timeout;
                e.code = QStringLiteral("statement_still_running");
                e.userMessage =
                    QStringLiteral("A change sent before the app stopped is still running on Databricks (statement %1).").arg(id);
                e.remediation = QStringLiteral("It is left in the outbox; the next sync asks again.");
                return done(e);
            }
            QTimer::singleShot(m_statementPoll, m_context.get(), [wait] {
                if (wait->ask)
                    wait->ask();
            });
        });
    };
    logging::logger("offline")->info("outbox change {}: asking Databricks about statement {} sent before the app stopped",
                                     change.id, id.toStdString());
    wait->ask();
    return future;
}

OutboxReplayer::~OutboxReplayer() = default;

QFuture<ReplayStep> OutboxReplayer::sendNow(const OutboxChange& change)
{
    if (Status marked = m_outbox.markSending(change.id); !marked)
        return readyFuture(ReplayStep{ReplayOutcome::Unreachable, marked.error()});
    const WriteOrigin origin = outboxOrigin(&m_outbox, change, change.id); // the same key on every attempt
    QFuture<Result<Segment>> sent;
    switch (change.kind) {
    case OutboxChangeKind::Create: {
        Segment draft = change.payload;
        draft.id = change.segmentId;
        draft.version = 0;
        sent = m_backend.createSegment(draft, origin);
        break;
    }
    case OutboxChangeKind::Update: {
        Segment edited = change.payload;
        edited.version = change.baseVersion;
        sent = m_backend.updateSegment(edited, origin);
        break;
    }
    case OutboxChangeKind::Delete: sent = m_backend.deleteSegment(change.segmentId, change.baseVersion, origin); break;
    case OutboxChangeKind::Restore: sent = m_backend.restoreSegment(change.segmentId, origin); break;
    }
    return sent
        .then(m_context.get(),
              [this, change](Result<Segment> r) {
                  return settleSent<Segment>(
                      m_outbox, m_context.get(), change, r,
                      [this](const Segment& s) { m_outbox.cacheSegments(m_workspace, {s}, false); },
                      [this, id = change.segmentId] { return m_backend.getSegment(id); });
              })
        .unwrap();
}

QFuture<ReplayStep> OutboxReplayer::checkLanded(const OutboxChange& change, const Segment& current)
{
    if (isThisResult(change, current)) {
        m_outbox.cacheSegments(m_workspace, {current}, false);
        return readyFuture(alreadyAppliedStep(m_outbox, change, current.version, ""));
    }
    return m_backend.segmentHistory(change.segmentId).then(m_context.get(), [this, change, current](Result<QList<SegmentVersion>> history) {
        if (!history) {
            if (isUnreachable(history.error()))
                m_outbox.markWaiting(change.id, history.error().userMessage);
            return ReplayStep{ReplayOutcome::Unreachable, history.error()};
        }
        for (const SegmentVersion& v : history.value()) {
            if (isThisChange(change, v))
                return alreadyAppliedStep(m_outbox, change, v.version, ", found by its key");
        }
        return conflictStep(m_outbox, change, current,
                        QStringLiteral("“%1” was changed by %2 (now version %3) since this change started from version %4.")
                            .arg(current.name, current.updatedBy)
                            .arg(current.version)
                            .arg(change.baseVersion));
    });
}

QFuture<ReplayStep> OutboxReplayer::step(const OutboxChange& change)
{
    if (change.state != OutboxChangeState::Sending || change.statementId.isEmpty() || !m_inquiry)
        return readAndDecide(change);
    return waitForStatement(change)
        .then(m_context.get(), [this, change](const std::optional<Error>& stopped) {
            if (stopped)
                return readyFuture(ReplayStep{ReplayOutcome::Unreachable, stopped});
            return readAndDecide(change);
        })
        .unwrap();
}

QFuture<ReplayStep> OutboxReplayer::readAndDecide(const OutboxChange& change)
{
    if (change.isExperiment()) {
        if (!m_experiments)
            return readyFuture(ReplayStep{ReplayOutcome::Unreachable,
                                          Error::internal(QStringLiteral("no experiment store to replay experiment changes"))});
        return m_experiments->readAndDecide(change);
    }
    return m_backend.getSegment(change.segmentId).then(m_context.get(), [this, change](Result<Segment> current) {
        if (!current) {
            if (auto failed = readFailedStep(m_outbox, change, current.error(), change.kind == OutboxChangeKind::Create))
                return readyFuture(*failed);
            return sendNow(change);
        }
        const Segment& now = current.value();
        if (change.kind != OutboxChangeKind::Create && now.version == change.baseVersion)
            return sendNow(change);
        if (now.version > change.baseVersion)
            return checkLanded(change, now);
        return readyFuture(conflictStep(m_outbox, change, now,
                                    QStringLiteral("The segment is at version %1, older than this change's base %2.")
                                        .arg(now.version)
                                        .arg(change.baseVersion)));
    }).unwrap();
}

QFuture<ReplayReport> OutboxReplayer::replay()
{
    auto pending = m_outbox.pending(m_workspace);
    if (!pending) {
        ReplayReport failed;
        failed.stoppedBy = pending.error();
        return readyFuture(failed);
    }
    struct State
    {
        QList<OutboxChange> queue;
        QSet<QString> blocked; // segments and experiments with an unsettled change: their later changes wait
        ReplayReport report;
        QPromise<ReplayReport> promise;
        std::function<void()> next;
    };
    auto state = std::make_shared<State>();
    state->queue = pending.value();
    state->promise.start();
    QFuture<ReplayReport> future = state->promise.future();
    state->next = [this, state] {
        while (!state->queue.isEmpty()) {
            const OutboxChange change = state->queue.takeFirst();
            // An experiment change also waits behind its segment's unsettled change.
            const bool behind = state->blocked.contains(change.subjectId()) ||
                                (change.isExperiment() && state->blocked.contains(change.segmentId));
            if (behind || change.state == OutboxChangeState::Conflict || change.state == OutboxChangeState::Refused) {
                state->blocked.insert(change.subjectId());
                if (change.state == OutboxChangeState::Conflict)
                    ++state->report.conflicts;
                else if (change.state == OutboxChangeState::Refused)
                    ++state->report.refused;
                else
                    ++state->report.waiting;
                continue;
            }
            // Re-read: an earlier step may have moved its base (a chained change).
            auto fresh = m_outbox.find(change.id);
            if (!fresh || !fresh.value())
                continue;
            step(*fresh.value()).then(m_context.get(), [state, change](const ReplayStep& r) {
                switch (r.outcome) {
                case ReplayOutcome::Applied: ++state->report.applied; break;
                case ReplayOutcome::AlreadyApplied: ++state->report.alreadyApplied; break;
                case ReplayOutcome::Conflict: ++state->report.conflicts; state->blocked.insert(change.subjectId()); break;
                case ReplayOutcome::Refused: ++state->report.refused; state->blocked.insert(change.subjectId()); break;
                case ReplayOutcome::Unreachable:
                    state->report.stoppedBy = r.error;
                    state->report.waiting += 1 + int(state->queue.size());
                    state->queue.clear();
                    break;
                }
                state->next();
            });
            return;
        }
        state->promise.addResult(state->report);
        state->promise.finish();
        state->next = nullptr; // breaks the cycle
    };
    state->next();
    return future;
}

Result<OutboxChange> OutboxReplayer::changeToResolve(qint64 changeId) const
{
    auto found = m_outbox.find(changeId);
    if (!found)
        return found.error();
    if (!found.value())
        return Error::notFound(QStringLiteral("There is no change %1 in the outbox.").arg(changeId));
    return *found.value();
}

QFuture<Status> OutboxReplayer::sendResolved(const OutboxChange& rebased, bool experiment)
{
    const qint64 changeId = rebased.id;
    QFuture<ReplayStep> sent = experiment ? m_experiments->sendNow(rebased) : sendNow(rebased);
    return sent.then(m_context.get(), [this, changeId](const ReplayStep& r) -> Status {
        if (r.outcome == ReplayOutcome::Applied)
            return success();
        if (r.error)
            return *r.error;
        auto now = m_outbox.find(changeId);
        const QString why = now && now.value() ? now.value()->lastError : QString();
        return Error::conflict(QStringLiteral("not_applied"),
                               why.isEmpty() ? QStringLiteral("The change could not be applied.") : why);
    });
}

QFuture<Status> OutboxReplayer::resolve(qint64 changeId, ConflictChoice choice, const std::optional<Segment>& merged)
{
    auto found = changeToResolve(changeId);
    if (!found)
        return readyFuture(Status(found.error()));
    const OutboxChange change = found.value();
    if (change.isExperiment())
        return resolveExperiment(changeId, choice);
    if (choice == ConflictChoice::Merge && !merged)
        return readyFuture(Status(Error::internal(QStringLiteral("merge without a merged segment"))));
    return m_backend.getSegment(change.segmentId).then(m_context.get(), [this, change, choice, merged](Result<Segment> theirs) {
        if (!theirs && !(theirs.error().kind == ErrorKind::NotFound && change.kind == OutboxChangeKind::Create))
            return readyFuture(Status(theirs.error()));
        if (choice == ConflictChoice::TakeTheirs) {
            logging::logger("offline")->info("outbox change {} discarded: the user took theirs", change.id);
            if (theirs)
                m_outbox.cacheSegments(m_workspace, {theirs.value()}, false);
            return readyFuture(m_outbox.remove(change.id, theirs ? theirs.value().version : 0));
        }
        OutboxChange rebased = change;
        rebased.baseVersion = theirs ? theirs.value().version : 0;
        if (choice == ConflictChoice::Merge)
            rebased.payload = *merged;
        rebased.payload.version = rebased.baseVersion;
        if (Status saved = m_outbox.rebase(change.id, rebased.payload, rebased.baseVersion); !saved)
            return readyFuture(saved);
        return sendResolved(rebased, false);
    }).unwrap();
}

QFuture<Status> OutboxReplayer::resolveExperiment(qint64 changeId, ConflictChoice choice,
                                                  const std::optional<Experiment>& merged)
{
    auto found = changeToResolve(changeId);
    if (!found)
        return readyFuture(Status(found.error()));
    const OutboxChange change = found.value();
    if (!change.isExperiment())
        return readyFuture(Status(Error::internal(QStringLiteral("change %1 is not an experiment change").arg(changeId))));
    if (!m_experiments)
        return readyFuture(Status(Error::internal(QStringLiteral("no experiment store to resolve experiment changes"))));
    if (choice == ConflictChoice::Merge && !merged)
        return readyFuture(Status(Error::internal(QStringLiteral("merge without a merged experiment"))));
    return m_experiments->current(change.subjectId()).then(m_context.get(), [this, change, choice, merged](Result<Experiment> theirs) {
        if (!theirs && !(theirs.error().kind == ErrorKind::NotFound && change.kind == OutboxChangeKind::Create))
            return readyFuture(Status(theirs.error()));
        if (choice == ConflictChoice::TakeTheirs) {
            logging::logger("offline")->info("outbox change {} discarded: the user took theirs", change.id);
            if (theirs)
                m_experiments->cache(theirs.value());
            return readyFuture(m_outbox.remove(change.id, theirs ? theirs.value().version : 0));
        }
        OutboxChange rebased = change;
        rebased.baseVersion = theirs ? theirs.value().version : 0;
        if (choice == ConflictChoice::Merge)
            rebased.experiment->payload = *merged;
        rebased.experiment->payload.version = rebased.baseVersion;
        if (Status saved = m_outbox.rebase(change.id, rebased.experiment->payload, rebased.baseVersion); !saved)
            return readyFuture(saved);
        return sendResolved(rebased, true);
    }).unwrap();
}

} // namespace core
