#pragma once

#include "backends/experiment_store.h"
#include "offline/outbox.h"

#include <QObject>

#include <memory>
#include <optional>

namespace core {

class OutboxSegmentStore;

// A shared workspace's ExperimentStore that keeps working offline, as OutboxSegmentStore does for
// segments: every call goes to the backend's store (null when the backend could not be opened).
// A create, update or stop that cannot reach the backend is checked here as the backend would
// (ExperimentRules, against the experiment and segment as this computer knows them: a bad field is
// refused at once and nothing is queued), then kept in the Outbox and answered with what the
// experiment will be (the outbox's queued() lets the window say "Saved on this computer — will
// sync"). An experiment whose segment or own earlier changes wait in the outbox has its change
// queued behind them, in order. Listings and reads that work refresh the experiments' read cache;
// while the backend cannot be reached they are answered from it with the waiting changes on top.
// History, assignments and results need the workspace: offline they say so (code offline).
// OutboxReplayer sends the waiting changes when the backend answers again. Use it from the
// backend's thread; the Outbox and the segment store must outlive it.
class OutboxExperimentStore final : public ExperimentStore
{
public:
    // backend: the shared backend's own store (an aliasing pointer into its Backend), or null;
    // segments: the same workspace's outbox segment store (the segments as known here).
    OutboxExperimentStore(std::shared_ptr<ExperimentStore> backend, Outbox* outbox, QString workspace,
                          const OutboxSegmentStore* segments);
    ~OutboxExperimentStore() override;

    ExperimentStore* backendStore() const { return m_backend.get(); }

    QFuture<Result<QList<Experiment>>> list(const ExperimentQuery& query) override;
    QFuture<Result<Experiment>> get(const QString& id) override;
    QFuture<Result<Experiment>> create(const Experiment& draft, const WriteOrigin& origin) override;
    QFuture<Result<Experiment>> update(const Experiment& edited, const WriteOrigin& origin) override;
    QFuture<Result<Experiment>> stop(const QString& id, int baseVersion, const WriteOrigin& origin) override;
    QFuture<Result<QList<ExperimentVersion>>> history(const QString& id) override;
    QFuture<Result<QList<ExperimentAssignmentRow>>> assignments(const QString& id) override;
    QFuture<Result<ExperimentData>> data(const QString& id) override;

    // The experiments of `query` from the cache with the waiting changes on top (what is shown offline).
    Result<QList<Experiment>> cachedExperiments(const ExperimentQuery& query) const;
    // The outbox's cache scope a whole listing of `query` covers: "*", "advertiser:<id>" or
    // "segment:<id>" (empty for a query narrowed both ways, which dates nothing).
    static QString scopeOf(const ExperimentQuery& query);
    // The experiment as this computer knows it: the cache with the waiting changes on top.
    std::optional<Experiment> knownExperiment(const QString& id) const;

private:
    using Call = std::function<QFuture<Result<Experiment>>(ExperimentStore&, const WriteOrigin&)>;
    // Sends the change through `call`, or queues it when the backend cannot be reached or the
    // experiment or its segment has changes waiting.
    QFuture<Result<Experiment>> send(OutboxChange change, Call call);
    // Checks the change as the backend will (what can be checked here), then queues it.
    Result<Experiment> queue(OutboxChange change);
    // The experiment as the change makes it, or why the backend would refuse it. unknownIsAnError:
    // a segment or experiment this computer does not know refuses the change (when it is to be
    // queued); else only what it knows is checked (before a send, the backend checks the rest).
    Result<Experiment> checkOffline(const OutboxChange& change, bool unknownIsAnError) const;
    bool hasWaiting(const QString& experimentId) const;
    QList<Experiment> overlay(QList<Experiment> experiments) const;

    std::shared_ptr<ExperimentStore> m_backend;
    Outbox* m_outbox;
    QString m_workspace;
    const OutboxSegmentStore* m_segments;
    std::unique_ptr<QObject> m_context;
};

} // namespace core
