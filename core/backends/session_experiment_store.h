#pragma once

#include "backends/experiment_store.h"
#include "backends/session_executor.h"
#include "sql/sql_dialect.h"

namespace core {

// The experiment store of the backends that work through a SqlSession on one worker thread: the
// local SQLite workspace and PostgreSQL/Lakebase. Written once, with ExperimentSql's statements
// for the session's dialect. Every change runs in one transaction: the segment and key checks,
// the guarded row write and its version record; the unique index on experiment_key closes the
// race between two computers taking the same key (Conflict experiment_key_taken). Assignments and
// results are one query each, computed by the database with the dialect's spelling of the hash.
// Same contract as every ExperimentStore (tests/integration/store_contract_tests.h).
class SessionExperimentStore final : public ExperimentStore
{
public:
    // The executor belongs to the backend and must outlive the store.
    SessionExperimentStore(SessionExecutor& executor, SqlTarget target);

    QFuture<Result<QList<Experiment>>> list(const ExperimentQuery& query) override;
    QFuture<Result<Experiment>> get(const QString& id) override;
    QFuture<Result<Experiment>> create(const Experiment& draft, const WriteOrigin& origin) override;
    QFuture<Result<Experiment>> update(const Experiment& edited, const WriteOrigin& origin) override;
    QFuture<Result<Experiment>> stop(const QString& id, int baseVersion, const WriteOrigin& origin) override;
    QFuture<Result<QList<ExperimentVersion>>> history(const QString& id) override;
    QFuture<Result<QList<ExperimentAssignmentRow>>> assignments(const QString& id) override;
    QFuture<Result<ExperimentData>> data(const QString& id) override;

private:
    SessionExecutor& m_executor;
    SqlTarget m_target;
};

} // namespace core
