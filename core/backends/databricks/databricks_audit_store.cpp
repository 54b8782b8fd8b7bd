#include "backends/databricks/databricks_audit_store.h"

#include "databricks/statement/statement_client.h"
#include "databricks/statement/statement_request.h"

namespace core {

DatabricksAuditStore::DatabricksAuditStore(StatementClient* statements, QString catalog, QString schema)
    : m_statements(statements), m_catalog(std::move(catalog)), m_schema(std::move(schema)),
      m_sql(SqlTarget{SqlDialect::Databricks, QStringLiteral("`%1`.`%2`.").arg(m_catalog, m_schema)}),
      m_context(std::make_unique<QObject>())
{
    m_context->moveToThread(statements->thread());
}

DatabricksAuditStore::~DatabricksAuditStore() = default;

QFuture<Result<QList<AuditEntry>>> DatabricksAuditStore::list(const AuditQuery& query)
{
    return m_statements
        ->execute(StatementRequest::of(m_sql.list(query), m_catalog, m_schema,
                                       QStringLiteral("read the audit trail")))
        .then(m_context.get(), [](Result<StatementResult> r) -> Result<QList<AuditEntry>> {
            if (!r)
                return r.error();
            const StatementResult& result = r.value();
            return AuditSql::entries(result.rows.size(), [&result](qsizetype row, const QString& name) {
                return result.value(row, name);
            });
        });
}

} // namespace core
