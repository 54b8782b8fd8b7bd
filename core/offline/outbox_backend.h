#pragma once

#include "backends/backend.h"
#include "offline/outbox_experiment_store.h"
#include "offline/outbox_metrics_store.h"
#include "offline/outbox_replayer.h"
#include "offline/outbox_segment_store.h"

#include <memory>
#include <optional>

namespace core {

// A shared workspace's Backend as the app uses it: the backend's own stores, with segments() and
// experiments() going through the outbox (OutboxSegmentStore, OutboxExperimentStore), metrics()
// through its read cache (OutboxMetricsStore), and a replayer for the waiting changes. Offline at
// start (the backend could not be opened: isOffline()), only segments(), experiments() and
// metrics() may be used: they answer from the read cache and queue writes; the other stores belong
// to the backend (WorkspaceSession::backend() hands out none while offline;
// WorkspaceSession::offlineBackend() hands out this). Lives on the thread that made it.
class OutboxBackend final : public Backend
{
public:
    // backend: null when it could not be opened (why: the error); workspace: the outbox's key.
    OutboxBackend(std::shared_ptr<Backend> backend, Outbox* outbox, QString workspace, QString kind,
                  QString displayName, std::optional<Error> why = {});
    ~OutboxBackend() override;

    bool isOffline() const { return m_backend == nullptr; }
    // Why it could not be opened (offline at start).
    const std::optional<Error>& openingError() const { return m_why; }
    std::shared_ptr<Backend> inner() const { return m_backend; }
    OutboxSegmentStore& outboxStore() { return *m_segments; }
    OutboxMetricsStore& outboxMetrics() { return *m_metrics; }
    OutboxExperimentStore& outboxExperiments() { return *m_experiments; }
    // Null while offline.
    OutboxReplayer* replayer() { return m_replayer.get(); }

    QString kind() const override { return m_kind; }
    QString displayName() const override;
    SegmentStore& segments() override { return *m_segments; }
    MetricsStore& metrics() override { return *m_metrics; }
    ComparisonSource& comparisons() override { return m_backend->comparisons(); }
    SavedComparisonStore& savedComparisons() override { return m_backend->savedComparisons(); }
    ExperimentStore& experiments() override { return *m_experiments; }
    ImpressionsPipeline& pipeline() override { return m_backend->pipeline(); }
    AudienceStore& audiences() override { return m_backend->audiences(); }
    AccessStore& access() override { return m_backend->access(); }
    AuditStore& audit() override { return m_backend->audit(); }
    BackendDiagnostics* diagnostics() override { return m_backend ? m_backend->diagnostics() : nullptr; }
    ReportScheduler* reportScheduler() override { return m_backend ? m_backend->reportScheduler() : nullptr; }
    StatementInquiry* statementInquiry() override { return m_backend ? m_backend->statementInquiry() : nullptr; }

private:
    std::shared_ptr<Backend> m_backend;
    QString m_kind;
    QString m_displayName;
    std::optional<Error> m_why;
    std::unique_ptr<OutboxSegmentStore> m_segments;
    std::unique_ptr<OutboxMetricsStore> m_metrics;
    std::unique_ptr<OutboxExperimentStore> m_experiments;
    std::unique_ptr<OutboxReplayer> m_replayer;
};

} // namespace core
