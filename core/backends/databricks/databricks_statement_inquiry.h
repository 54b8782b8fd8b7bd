#pragma once

#include "backends/statement_inquiry.h"

namespace core {

class StatementClient;

// The Databricks StatementInquiry: the statement's state by a GET of the Statement Execution API
// (StatementClient::stateOf). PENDING and RUNNING are Running; SUCCEEDED, FAILED, CANCELED and
// CLOSED are Ended; an id Databricks no longer knows is Unknown.
class DatabricksStatementInquiry final : public StatementInquiry
{
public:
    explicit DatabricksStatementInquiry(StatementClient* statements);
    QFuture<Result<StatementFate>> fateOf(const QString& statementId) override;

private:
    StatementClient* m_statements;
};

} // namespace core
