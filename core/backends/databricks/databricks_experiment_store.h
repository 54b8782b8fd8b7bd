#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <QObject>

#include "backends/experiment_store.h"
#include "databricks/statement/statement_client.h"
#include "sql/audit_sql.h"
#include "sql/experiment_sql.h"
#include "sql/segment_sql.h"

namespace core {

class DatabricksAccessStore;

// Experiments in Databricks Unity Catalog (`<catalog>.<schema>.gold_experiments` and
// `gold_experiment_versions`), through a SQL warehouse. Same contract as the local workspace (the
// contract suite runs against the emulator). Delta has no transactions across statements and no
// unique keys, so each write is checked first (the segment, the key) and then made by a guarded,
// idempotent MERGE: a create inserts nothing when the id or the key exists, an update nothing
// when the version moved on; the affected-row count tells, and a write repeated after a lost
// answer is recognised as done. As for segments, the version row is written before the
// experiment row, so a failure between the two leaves at most an unused history row. Assignments
// and results run on the warehouse with the hash as a Databricks SQL expression (ExperimentSql).
// Lives on the thread of its StatementClient; futures finish there.
class DatabricksExperimentStore final : public ExperimentStore
{
public:
    DatabricksExperimentStore(StatementClient* statements, QString catalog, QString schema);
    ~DatabricksExperimentStore() override;

    QFuture<Result<QList<Experiment>>> list(const ExperimentQuery& query) override;
    QFuture<Result<Experiment>> get(const QString& id) override;
    QFuture<Result<Experiment>> create(const Experiment& draft, const WriteOrigin& origin) override;
    QFuture<Result<Experiment>> update(const Experiment& edited, const WriteOrigin& origin) override;
    QFuture<Result<Experiment>> stop(const QString& id, int baseVersion, const WriteOrigin& origin) override;
    QFuture<Result<QList<ExperimentVersion>>> history(const QString& id) override;
    QFuture<Result<QList<ExperimentAssignmentRow>>> assignments(const QString& id) override;
    QFuture<Result<ExperimentData>> data(const QString& id) override;

    // Writes check the caller's role and record the principal the warehouse names (current_user()),
    // through the store's own DatabricksAccessStore unless one shared by the backend is set here.
    void setAccess(DatabricksAccessStore* access);

private:
    struct Subject; // the experiment, its segment, the advertiser's segments and the last day with data
    StatementClient* m_statements;
    QString m_catalog;
    QString m_schema;
    ExperimentSql m_sql;
    SegmentSql m_segmentSql;
    AuditSql m_auditSql;
    std::unique_ptr<QObject> m_context; // continuations run in its thread and die with the store

    // accepted: told the statement's id once Databricks has accepted it (WriteOrigin::statementSent).
    QFuture<Result<StatementResult>> run(const BoundSql& sql, const QString& what,
                                         const std::function<void(const QString&)>& accepted = {});
    QFuture<Result<QList<Experiment>>> experiments(const BoundSql& sql, const QString& what);
    QFuture<Result<Experiment>> fetch(const QString& id);
    // Conflict when an experiment other than e holds e's key.
    QFuture<Status> keyFree(const Experiment& e);
    // Writes a prepared change: the version row without a key, then the experiment row (guarded
    // by before's version; inserted when there is no before), then, by the writer whose guarded
    // write matched only, the version row again with the change's key (a writer that lost the race
    // from the same version may have recorded it first), then the audit entry (AuditSql: MERGEd
    // once per version).
    QFuture<Result<Experiment>> write(const Experiment& prepared, const std::optional<Experiment>& before,
                                      const QString& change, const WriteOrigin& origin);
    QFuture<Result<Subject>> subject(const QString& id);
    std::unique_ptr<DatabricksAccessStore> m_ownAccess;
    DatabricksAccessStore* m_access = nullptr;
    // Runs the write as the principal the warehouse names (origin.as(principal)).
    using Write = std::function<QFuture<Result<Experiment>>(const WriteOrigin&)>;
    QFuture<Result<Experiment>> asWriter(const QString& advertiserId, const WriteOrigin& origin, Write write);
    QFuture<Result<Experiment>> createAs(const Experiment& draft, const WriteOrigin& origin);
    QFuture<Result<Experiment>> updateAs(const Experiment& edited, const WriteOrigin& origin);
    QFuture<Result<Experiment>> stopAs(const QString& id, int baseVersion, const WriteOrigin& origin);
};

} // namespace core
