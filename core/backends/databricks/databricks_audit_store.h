#pragma once

#include <memory>

#include <QObject>

#include "backends/audit_store.h"
#include "sql/audit_sql.h"

namespace core {

class StatementClient;

// The audit trail in Databricks (`<catalog>.<schema>.audit_log`), shared by everyone who can read
// the schema. Its entries are MERGEd by DatabricksSegmentStore and DatabricksExperimentStore once
// a change's row write SUCCEEDED (statements are not transactional there: see AuditSql). Lives on
// the thread of its StatementClient; futures finish there. Behaviour as AuditStore.
class DatabricksAuditStore final : public AuditStore
{
public:
    DatabricksAuditStore(StatementClient* statements, QString catalog, QString schema);
    ~DatabricksAuditStore() override;

    QFuture<Result<QList<AuditEntry>>> list(const AuditQuery& query) override;

private:
    StatementClient* m_statements;
    QString m_catalog;
    QString m_schema;
    AuditSql m_sql;
    std::unique_ptr<QObject> m_context; // continuations run in its thread and die with the store
};

} // namespace core
