#pragma once

#include <memory>

#include "backends/backend.h"
#include "common/result.h"

namespace core {

class SessionAccessStore;

class Catalogue;
class SessionAudienceStore;
class SessionComparisonSource;
class SessionExperimentStore;
class SessionAuditStore;
class SqliteExecutor;
class SessionMetricsStore;
class SessionSavedComparisonStore;
class SessionSegmentStore;
class LocalImpressionsPipeline;

// The local workspace: one SQLite file (Qt SQL), all work on one worker thread that owns the
// connection (SqliteExecutor). open() is the factory of this backend.
class SqliteBackend final : public Backend
{
public:
    // Opens the file, creating and migrating it as needed. Blocks for the open and the
    // migration only (call it before the window shows, or on a worker).
    static Result<std::unique_ptr<SqliteBackend>> open(const QString& path, std::shared_ptr<const Catalogue> catalogue);
    ~SqliteBackend() override;
    SqliteBackend(const SqliteBackend&) = delete;
    SqliteBackend& operator=(const SqliteBackend&) = delete;

    QString kind() const override;
    QString displayName() const override;
    const QString& path() const;

    SegmentStore& segments() override;
    MetricsStore& metrics() override;
    ComparisonSource& comparisons() override;
    SavedComparisonStore& savedComparisons() override;
    ExperimentStore& experiments() override;
    AuditStore& audit() override;
    ImpressionsPipeline& pipeline() override;
    AudienceStore& audiences() override;
    AccessStore& access() override;
    // The local workspace needs no checks.
    BackendDiagnostics* diagnostics() override { return nullptr; }
    // Reports of the local workspace run from a systemd user timer (report::ReportTimer).
    ReportScheduler* reportScheduler() override { return nullptr; }
    StatementInquiry* statementInquiry() override { return nullptr; }

    // The segment store as its concrete type (tests, the demo generator).
    SessionSegmentStore& segmentStore() { return *m_segments; }
    // The executor that owns the connection; the local pipeline and demo generator run on it.
    SqliteExecutor& executor() { return *m_executor; }

private:
    SqliteBackend(std::unique_ptr<SqliteExecutor> executor, std::shared_ptr<const Catalogue> catalogue);

    // Declared in dependency order: destroyed in reverse, the executor last.
    std::unique_ptr<SqliteExecutor> m_executor;
    // A second connection to the file, for the part of a comparison read alongside the executor's
    // (none on one core). Reads only; WAL lets it read while the executor writes.
    std::unique_ptr<SqliteExecutor> m_reader;
    std::unique_ptr<SessionSegmentStore> m_segments;
    std::unique_ptr<SessionMetricsStore> m_metrics;
    std::unique_ptr<SessionComparisonSource> m_comparisons;
    std::unique_ptr<SessionSavedComparisonStore> m_savedComparisons;
    std::unique_ptr<SessionExperimentStore> m_experiments;
    std::unique_ptr<SessionAuditStore> m_audit;
    std::unique_ptr<LocalImpressionsPipeline> m_pipeline;
    std::unique_ptr<SessionAudienceStore> m_audiences;
    std::unique_ptr<SessionAccessStore> m_access;
};

} // namespace core
