#pragma once

#include "backends/audit_store.h"
#include "backends/session_executor.h"
#include "sql/audit_sql.h"

namespace core {

// The audit trail of a backend that works through a SqlSession (the local workspace file,
// PostgreSQL/Lakebase); its entries are written by SessionSegmentRows and SessionExperimentStore in
// the transaction of each change. Behaviour as AuditStore.
class SessionAuditStore final : public AuditStore
{
public:
    // The executor belongs to the backend and must outlive the store.
    SessionAuditStore(SessionExecutor& executor, SqlTarget target);

    QFuture<Result<QList<AuditEntry>>> list(const AuditQuery& query) override;

private:
    SessionExecutor& m_executor;
    AuditSql m_sql;
};

} // namespace core
