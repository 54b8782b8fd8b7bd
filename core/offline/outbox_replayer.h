#pragma once

#include "backends/segment_store.h"
#include "offline/outbox.h"

#include <QFuture>
#include <QObject>

#include <memory>
#include <optional>

namespace core {

// What one replay of the outbox did.
struct ReplayReport
{
    int applied = 0;        // sent and confirmed
    int alreadyApplied = 0; // found applied already (an earlier attempt's answer was lost): not sent again
    int conflicts = 0;      // the segment moved on meanwhile: waiting for the user's choice
    int refused = 0;        // refused by the backend (validation, permission): waiting for the user
    int waiting = 0;        // still waiting (the backend could not be reached, or behind a conflict)
    std::optional<Error> stoppedBy; // why the replay stopped early (the backend unreachable again)
};

// How the user settles a conflict.
enum class ConflictChoice {
    KeepMine,   // my change is applied on top of theirs
    TakeTheirs, // my change is dropped (the user chose so)
    Merge,      // the merged segment (field by field) is applied on top of theirs
};

// Sends a shared workspace's waiting changes, oldest first, to its backend store, each with its
// idempotency key (WriteOrigin). Before sending a change it reads the segment: at the change's base
// version the change is sent; moved on, and the change's key is in the segment's history (or the
// segment is exactly what the change makes, one version after its base), an earlier attempt landed
// but its answer was lost or the app died: it is done without sending again; moved on otherwise it
// is a conflict, kept for the user with theirs. A change is marked "sending" in the outbox before it
// goes, so after a crash the next replay asks first. A change behind a conflict of the same segment
// waits for it. Use from the store's thread.
class OutboxReplayer final
{
public:
    OutboxReplayer(SegmentStore& backend, Outbox& outbox, QString workspace);
    ~OutboxReplayer();

    QFuture<ReplayReport> replay();
    // Settles a change in Conflict (or Refused: KeepMine sends it again, TakeTheirs discards it).
    // `merged`: for Merge, the segment to apply (SegmentMerge::merge).
    QFuture<Status> resolve(qint64 changeId, ConflictChoice choice, const std::optional<Segment>& merged = {});

private:
    enum class Outcome { Applied, AlreadyApplied, Conflict, Refused, Unreachable };
    struct StepResult
    {
        Outcome outcome = Outcome::Unreachable;
        std::optional<Error> error;
    };
    QFuture<StepResult> step(const OutboxChange& change);
    QFuture<StepResult> sendNow(const OutboxChange& change);
    QFuture<StepResult> checkLanded(const OutboxChange& change, const Segment& current);
    StepResult conflict(const OutboxChange& change, const Segment& theirs, const QString& why);

    SegmentStore& m_backend;
    Outbox& m_outbox;
    QString m_workspace;
    std::unique_ptr<QObject> m_context;
};

} // namespace core
