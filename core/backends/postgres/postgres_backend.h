#pragma once

#include <memory>

#include "backends/postgres/pg_connection_settings.h"
#include "common/result.h"

namespace core {

class Catalogue;
class PgExecutor;
class ComparisonSource;
class MetricsStore;
class SegmentStore;
class SessionComparisonSource;
class SessionMetricsStore;
class SessionSegmentStore;

// The PostgreSQL backend (a plain server, or Lakebase: Databricks' managed PostgreSQL): one
// database reached through libpq on one worker thread (PgExecutor), every value a protocol
// parameter. open() is its factory: it connects and brings the schema up to date (numbered
// migrations, PgMigrator). Its segment store is the one the local workspace uses too
// (SessionSegmentStore over the PostgreSQL dialect); the database's unique index on live names
// decides between two computers creating the same name at once.
// Its daily metrics and comparison source are the shared ones too (SessionMetricsStore,
// SessionComparisonSource). Not yet a whole core::Backend: saved comparisons and the impressions
// pipeline (PipelineSql rendered for PostgreSQL) are still to come (issue 11), so nothing above
// core/backends opens it yet.
class PostgresBackend final
{
public:
    // Blocks for the connection and the migrations (call it on a worker, or before a window shows).
    static Result<std::unique_ptr<PostgresBackend>> open(PgConnectionSettings settings,
                                                         std::shared_ptr<const Catalogue> catalogue);
    ~PostgresBackend();
    PostgresBackend(const PostgresBackend&) = delete;
    PostgresBackend& operator=(const PostgresBackend&) = delete;

    QString kind() const;
    // "PostgreSQL — host=db.example.com dbname=segments user=sam" (never a password).
    QString displayName() const;

    SegmentStore& segments();
    MetricsStore& metrics();
    ComparisonSource& comparisons();
    PgExecutor& executor() { return *m_executor; }

private:
    PostgresBackend(std::unique_ptr<PgExecutor> executor, std::shared_ptr<const Catalogue> catalogue);

    // Declared in dependency order: destroyed in reverse, the executor last.
    std::unique_ptr<PgExecutor> m_executor;
    std::unique_ptr<SessionSegmentStore> m_segments;
    std::unique_ptr<SessionMetricsStore> m_metrics;
    std::unique_ptr<SessionComparisonSource> m_comparisons;
};

} // namespace core
