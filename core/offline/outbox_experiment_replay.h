#pragma once

#include "backends/experiment_store.h"
#include "offline/replay_step.h"

#include <QObject>

#include <memory>
#include <optional>

namespace core {

// The replay of one waiting experiment change, for OutboxReplayer (which orders the changes, asks
// Databricks about a statement in flight first, and counts): it reads the experiment; at the
// change's base version the change is sent with its idempotency key; moved on, the change is done
// already when its key is in the experiment's history (or the experiment is exactly what the
// change makes, one version after its base), and a conflict otherwise, kept with theirs for the
// user. A create is sent when the experiment does not exist yet. Use from the store's thread.
class OutboxExperimentReplay final
{
public:
    OutboxExperimentReplay(ExperimentStore& backend, Outbox& outbox, QString workspace);
    ~OutboxExperimentReplay();

    QFuture<ReplayStep> readAndDecide(const OutboxChange& change);
    // Sends the change as it is now in the outbox (after a rebase: on top of theirs).
    QFuture<ReplayStep> sendNow(const OutboxChange& change);
    // The experiment as the backend has it now (theirs, for resolving a conflict).
    QFuture<Result<Experiment>> current(const QString& id) { return m_backend.get(id); }
    void cache(const Experiment& experiment);

private:
    QFuture<ReplayStep> checkLanded(const OutboxChange& change, const Experiment& current);

    ExperimentStore& m_backend;
    Outbox& m_outbox;
    QString m_workspace;
    std::unique_ptr<QObject> m_context;
};

// Is `current`, one version after the change's base, what this experiment change makes of it?
bool isThisExperimentResult(const OutboxChange& change, const Experiment& current);

} // namespace core
