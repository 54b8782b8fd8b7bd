#pragma once

#include <QSqlDatabase>

#include "common/result.h"

namespace core {

// A private temporary database (in its page cache, spilling to a file SQLite deletes) attached to
// a workspace connection under a schema name for the length of a piece of work, and detached
// again (which frees all its tables at once). Attach and detach
// happen outside transactions: create it before a SqliteTransaction so it goes after it.
class SqliteScratchDatabase
{
public:
    SqliteScratchDatabase(QSqlDatabase& db, QString schema);
    ~SqliteScratchDatabase();
    SqliteScratchDatabase(const SqliteScratchDatabase&) = delete;
    SqliteScratchDatabase& operator=(const SqliteScratchDatabase&) = delete;

    Status attach(const QString& action);

private:
    QSqlDatabase& m_db;
    QString m_schema;
    bool m_attached = false;
};

} // namespace core
