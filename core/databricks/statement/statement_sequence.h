#pragma once

#include "databricks/statement/statement_client.h"

namespace core {

// Runs statements one after another on a warehouse: each is submitted when the one before it
// SUCCEEDED; the first failure ends the sequence with its Error (labelled with the statement's
// `what`). The future has every result, in order. Continuations run in context's thread.
class StatementSequence
{
public:
    static QFuture<Result<QList<StatementResult>>> run(StatementClient* client,
                                                       QList<StatementRequest> requests, QObject* context);
};

} // namespace core
