#pragma once

#include "common/result.h"
#include "logging/logging.h"
#include "offline/journalled_send.h"
#include "offline/outbox.h"

#include <spdlog/spdlog.h>

#include <QFuture>
#include <QObject>

#include <functional>
#include <optional>

namespace core {

// How the user settles a conflict.
enum class ConflictChoice {
    KeepMine,   // my change is applied on top of theirs
    TakeTheirs, // my change is dropped (the user chose so)
    Merge,      // the merged segment or experiment (field by field) is applied on top of theirs
};

// What replaying one waiting change did (OutboxReplayer, for segments and experiments alike).
enum class ReplayOutcome { Applied, AlreadyApplied, Conflict, Refused, Unreachable };

struct ReplayStep
{
    ReplayOutcome outcome = ReplayOutcome::Unreachable;
    std::optional<Error> error; // why it stopped (Unreachable), or a failure to write the outbox
};

template <typename T>
QFuture<T> readyFuture(T value)
{
    return QtFuture::makeReadyFuture(std::move(value));
}

// The change is a conflict with `theirs` (a Segment or an Experiment): kept for the user.
template <typename Subject>
ReplayStep conflictStep(Outbox& outbox, const OutboxChange& change, const Subject& theirs, const QString& why)
{
    logging::logger("offline")->info("outbox change {}: conflict ({})", change.id, why.toStdString());
    if (Status marked = outbox.markConflict(change.id, theirs, why); !marked)
        return {ReplayOutcome::Unreachable, marked.error()};
    return {ReplayOutcome::Conflict, {}};
}

// The change is done with: found applied already at `version` (not sent again).
inline ReplayStep alreadyAppliedStep(Outbox& outbox, const OutboxChange& change, int version, const char* how)
{
    logging::logger("offline")->info("outbox change {} was applied already (version {}{}): not sent again", change.id,
                                     version, how);
    if (Status removed = outbox.remove(change.id, version); !removed)
        return {ReplayOutcome::Unreachable, removed.error()};
    return {ReplayOutcome::AlreadyApplied, {}};
}

// What the backend answered to a waiting change sent again (T: Segment or Experiment):
//  - done: removed from the outbox, `applied` told (the read cache);
//  - no answer: it may have landed; left for the next replay, which asks first;
//  - refused by its key (change_applied_already): another sync sent it first;
//  - a version conflict: someone else wrote in between, theirs (`readTheirs`) kept with it;
//  - any other refusal: kept as Refused for the user, with the reason.
template <typename T>
QFuture<ReplayStep> settleSent(Outbox& outbox, QObject* context, const OutboxChange& change, const Result<T>& r,
                               const std::function<void(const T&)>& applied,
                               const std::function<QFuture<Result<T>>()>& readTheirs)
{
    if (r) {
        if (Status removed = outbox.remove(change.id, r.value().version); !removed)
            return readyFuture(ReplayStep{ReplayOutcome::Unreachable, removed.error()});
        applied(r.value());
        return readyFuture(ReplayStep{ReplayOutcome::Applied, {}});
    }
    const Error e = r.error();
    if (isUnreachable(e)) {
        outbox.markWaiting(change.id, e.userMessage);
        return readyFuture(ReplayStep{ReplayOutcome::Unreachable, e});
    }
    if (e.code == QLatin1String("change_applied_already"))
        return readyFuture(alreadyAppliedStep(outbox, change, change.baseVersion + 1, ", refused by its key"));
    if (e.kind == ErrorKind::Conflict) {
        return readTheirs().then(context, [&outbox, change, e](Result<T> theirs) {
            if (!theirs) {
                outbox.markRefused(change.id, e.userMessage);
                return ReplayStep{ReplayOutcome::Refused, {}};
            }
            return conflictStep(outbox, change, theirs.value(), e.userMessage);
        });
    }
    outbox.markRefused(change.id, e.userMessage);
    return readyFuture(ReplayStep{ReplayOutcome::Refused, {}});
}

// A read before the send failed: NotFound refuses the change (`creating`: a create goes on), an
// unreachable backend leaves it waiting. Returns nullopt when the caller should go on and send.
inline std::optional<ReplayStep> readFailedStep(Outbox& outbox, const OutboxChange& change, const Error& e, bool creating)
{
    if (e.kind == ErrorKind::NotFound && creating)
        return std::nullopt;
    if (e.kind == ErrorKind::NotFound) {
        outbox.markRefused(change.id, e.userMessage);
        return ReplayStep{ReplayOutcome::Refused, {}};
    }
    outbox.markWaiting(change.id, e.userMessage);
    return ReplayStep{ReplayOutcome::Unreachable, e};
}

} // namespace core
