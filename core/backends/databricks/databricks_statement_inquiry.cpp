#include "backends/databricks/databricks_statement_inquiry.h"

#include "databricks/statement/statement_client.h"

namespace core {

DatabricksStatementInquiry::DatabricksStatementInquiry(StatementClient* statements) : m_statements(statements) {}

QFuture<Result<StatementFate>> DatabricksStatementInquiry::fateOf(const QString& statementId)
{
    return m_statements->stateOf(statementId).then(m_statements, [](Result<QString> state) -> Result<StatementFate> {
        if (!state)
            return state.error();
        if (state.value().isEmpty())
            return StatementFate::Unknown;
        if (state.value() == QLatin1String("PENDING") || state.value() == QLatin1String("RUNNING"))
            return StatementFate::Running;
        return StatementFate::Ended;
    });
}

} // namespace core
