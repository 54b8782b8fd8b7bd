#pragma once

#include <QFuture>
#include <QString>

#include "common/result.h"

namespace core {

// What became of a statement sent for a change whose answer never came back.
enum class StatementFate {
    Running, // accepted and not finished: whatever it does has not happened yet, or is happening
    Ended,   // finished (succeeded, failed or cancelled): what it did is in the tables now
    Unknown, // the backend no longer knows it (expired): what it did, if anything, is in the tables
};

// Asks a shared backend about a statement by its id. Databricks only (Backend::statementInquiry()):
// there a statement runs on after the client that sent it is gone, so the outbox's replay waits
// for it to end before it decides whether the change landed. A PostgreSQL or SQLite transaction
// of a process that died is committed whole or not at all, so those backends have none.
class StatementInquiry
{
public:
    virtual ~StatementInquiry() = default;
    // Network errors and the like as Errors; an id the backend does not know is Unknown.
    virtual QFuture<Result<StatementFate>> fateOf(const QString& statementId) = 0;
};

} // namespace core
