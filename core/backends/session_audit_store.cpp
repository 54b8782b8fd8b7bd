#include "backends/session_audit_store.h"

namespace core {

SessionAuditStore::SessionAuditStore(SessionExecutor& executor, SqlTarget target)
    : m_executor(executor), m_sql(std::move(target))
{
}

QFuture<Result<QList<AuditEntry>>> SessionAuditStore::list(const AuditQuery& query)
{
    return m_executor.run<QList<AuditEntry>>([this, query](SqlSession& db) -> Result<QList<AuditEntry>> {
        auto rows = db.query(m_sql.list(query), QStringLiteral("read the audit trail"));
        if (!rows)
            return rows.error();
        const SqlRows& r = rows.value();
        return AuditSql::entries(r.size(),
                                 [&r](qsizetype row, const QString& name) { return r.value(row, name); });
    });
}

} // namespace core
