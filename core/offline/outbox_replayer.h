#pragma once

#include "backends/experiment_store.h"
#include "backends/segment_store.h"
#include "backends/statement_inquiry.h"
#include "offline/outbox.h"
#include "offline/replay_step.h"

#include <QFuture>
#include <QObject>

#include <chrono>
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

class OutboxExperimentReplay;

// Sends a shared workspace's waiting changes, oldest first, to its backend store, each with its
// idempotency key (WriteOrigin). Before sending a change it reads the segment: at the change's base
// version the change is sent; moved on, and the change's key is in the segment's history (or the
// segment is exactly what the change makes, one version after its base), an earlier attempt landed
// but its answer was lost or the app died: it is done without sending again; moved on otherwise it
// is a conflict, kept for the user with theirs. A change is marked "sending" in the outbox before it
// goes, with the id of each Databricks statement sent for it, so after a crash the next replay asks
// first: while that statement still runs (StatementInquiry) it waits for it to end, then reads the
// segment as above; sending again while it runs could make the change its own conflict. A change
// behind a conflict of the same segment waits for it. Experiment changes take their place in the
// same order (OutboxExperimentReplay decides each, the same way, by the experiment's version and
// history); one whose segment is behind a conflict waits too. Use from the store's thread.
class OutboxReplayer final
{
public:
    // inquiry: the backend's (Backend::statementInquiry()), or null where writes are transactions;
    // experiments: the backend's experiment store (null: experiment changes wait, unsent).
    OutboxReplayer(SegmentStore& backend, Outbox& outbox, QString workspace, StatementInquiry* inquiry = nullptr,
                   ExperimentStore* experiments = nullptr);
    ~OutboxReplayer();

    // How often, and how long at most, a replay asks about a statement still running before it
    // stops and leaves the change for the next one (default every second, for ten minutes: a
    // warehouse that is starting takes minutes).
    void setStatementWait(std::chrono::milliseconds interval, std::chrono::milliseconds limit);

    QFuture<ReplayReport> replay();
    // Settles a change in Conflict (or Refused: KeepMine sends it again, TakeTheirs discards it).
    // `merged`: for Merge, the segment to apply (SegmentMerge::merge). An experiment change is
    // settled by resolveExperiment (here: KeepMine and TakeTheirs only).
    QFuture<Status> resolve(qint64 changeId, ConflictChoice choice, const std::optional<Segment>& merged = {});
    // The same for an experiment change; `merged`: for Merge, the experiment to apply (ExperimentMerge::merge).
    QFuture<Status> resolveExperiment(qint64 changeId, ConflictChoice choice, const std::optional<Experiment>& merged = {});

private:
    QFuture<ReplayStep> step(const OutboxChange& change);
    QFuture<ReplayStep> readAndDecide(const OutboxChange& change);
    // Sending after a crash with a statement still running: asks until it ended (or the limit).
    QFuture<std::optional<Error>> waitForStatement(const OutboxChange& change);
    QFuture<ReplayStep> sendNow(const OutboxChange& change);
    QFuture<ReplayStep> checkLanded(const OutboxChange& change, const Segment& current);
    Result<OutboxChange> changeToResolve(qint64 changeId) const;
    // Sends a rebased change at once and says whether it was applied.
    QFuture<Status> sendResolved(const OutboxChange& rebased, bool experiment);

    SegmentStore& m_backend;
    std::unique_ptr<OutboxExperimentReplay> m_experiments;
    Outbox& m_outbox;
    QString m_workspace;
    StatementInquiry* m_inquiry;
    std::chrono::milliseconds m_statementPoll{1000};
    std::chrono::milliseconds m_statementLimit{std::chrono::minutes(10)};
    std::unique_ptr<QObject> m_context;
};

} // namespace core
