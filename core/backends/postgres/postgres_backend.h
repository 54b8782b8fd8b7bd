#pragma once

#include <memory>

#include "backends/backend.h"
#include "backends/postgres/pg_connection_settings.h"
#include "common/result.h"

namespace core {

class SessionAccessStore;

class Catalogue;
class PgExecutor;
class PostgresImpressionsPipeline;
class PostgresDiagnostics;
class SessionAudienceStore;
class SessionComparisonSource;
class SessionSavedComparisonStore;
class SessionExperimentStore;
class SessionAuditStore;
class SessionMetricsStore;
class SessionSegmentStore;

// The PostgreSQL backend (a plain server, or Lakebase: Databricks' managed PostgreSQL): one
// database reached through libpq on one worker thread (PgExecutor), every value a protocol
// parameter. open() is its factory: it connects and brings the schema up to date (numbered
// migrations, PgMigrator). Its segment store is the one the local workspace uses too
// (SessionSegmentStore over the PostgreSQL dialect); the database's unique index on live names
// decides between two computers creating the same name at once.
// Its daily metrics, comparison source and saved comparisons are the shared ones too
// (SessionMetricsStore, SessionComparisonSource, SessionSavedComparisonStore: comparisons saved
// here are shared by everyone using the database), and so is its experiment store
// (SessionExperimentStore, the hash as migration 0005's sb_growthbook_bucket function). Its
// impressions pipeline is PostgresImpressionsPipeline (PipelineSql rendered for PostgreSQL); its
// audience store the shared SessionAudienceStore (identifiers imported here are shared by
// everyone using it).
class PostgresBackend final : public Backend
{
public:
    // Blocks for the connection and the migrations (call it on a worker, or before a window shows).
    // How the app names it (status bar, where comparisons are kept, diagnostics), and the command
    // that creates its tables; empty: "PostgreSQL — <conninfo>" and `segctl --postgres '…' provision`.
    struct Naming
    {
        QString displayName;
        QString provisionCommand;
    };
    static Result<std::unique_ptr<PostgresBackend>> open(PgConnectionSettings settings,
                                                         std::shared_ptr<const Catalogue> catalogue,
                                                         Naming naming = {});
    ~PostgresBackend() override;
    PostgresBackend(const PostgresBackend&) = delete;
    PostgresBackend& operator=(const PostgresBackend&) = delete;

    QString kind() const override;
    // "PostgreSQL — host=db.example.com dbname=segments user=sam" (never a password).
    QString displayName() const override;

    SegmentStore& segments() override;
    MetricsStore& metrics() override;
    ComparisonSource& comparisons() override;
    SavedComparisonStore& savedComparisons() override;
    ExperimentStore& experiments() override;
    AuditStore& audit() override;
    ImpressionsPipeline& pipeline() override;
    AudienceStore& audiences() override;
    AccessStore& access() override;
    BackendDiagnostics* diagnostics() override;
    // PostgreSQL and Lakebase have no job scheduler the app may rely on (pg_cron is an extension a
    // managed server may lack): their reports run from a systemd user timer (report::ReportTimer).
    ReportScheduler* reportScheduler() override { return nullptr; }
    StatementInquiry* statementInquiry() override { return nullptr; }
    PgExecutor& executor() { return *m_executor; }

private:
    PostgresBackend(std::unique_ptr<PgExecutor> executor, std::shared_ptr<const Catalogue> catalogue, Naming naming);

    // Declared in dependency order: destroyed in reverse, the executor last.
    std::unique_ptr<PgExecutor> m_executor;
    std::unique_ptr<SessionSegmentStore> m_segments;
    std::unique_ptr<SessionMetricsStore> m_metrics;
    std::unique_ptr<SessionComparisonSource> m_comparisons;
    std::unique_ptr<SessionSavedComparisonStore> m_savedComparisons;
    std::unique_ptr<SessionExperimentStore> m_experiments;
    std::unique_ptr<SessionAuditStore> m_audit;
    std::unique_ptr<PostgresImpressionsPipeline> m_pipeline;
    std::unique_ptr<SessionAudienceStore> m_audiences;
    std::unique_ptr<SessionAccessStore> m_access;
    std::unique_ptr<PostgresDiagnostics> m_diagnostics;
};

} // namespace core
