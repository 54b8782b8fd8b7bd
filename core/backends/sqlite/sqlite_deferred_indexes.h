#pragma once

#include <QSqlDatabase>
#include <QStringList>

#include "common/result.h"

namespace core {

// The secondary indexes of one table, set aside while a bulk insert fills it and built again
// afterwards: one sort per index instead of a B-tree insert per row and index. The statements
// that build them are the table's own (sqlite_master), so the migrations stay their only
// definition. Use inside the caller's transaction: should anything fail, the rollback brings the
// indexes back with everything else. The keys of the table (its primary key, UNIQUE) stay.
class SqliteDeferredIndexes
{
public:
    SqliteDeferredIndexes(QSqlDatabase& db, QString table);

    // Drops the indexes, remembering how to build them.
    Status setAside(const QString& action);
    // Builds the indexes set aside again (nothing when none were).
    Status rebuild(const QString& action);

private:
    QSqlDatabase& m_db;
    QString m_table;
    QStringList m_names;
    QStringList m_statements;
};

// Connection settings for a bulk step (a large page cache: the B-trees being filled stay in
// memory; a helper thread for sorts; sorts and temporary tables in files rather than all in
// memory, so that ten million events stay within the memory budget), restored to what they were
// when it goes out of scope. Create it before any temporary table of the step: changing
// temp_store drops the connection's temporary tables.
class SqliteBulkSettings
{
public:
    explicit SqliteBulkSettings(QSqlDatabase& db);
    ~SqliteBulkSettings();
    SqliteBulkSettings(const SqliteBulkSettings&) = delete;
    SqliteBulkSettings& operator=(const SqliteBulkSettings&) = delete;

private:
    QSqlDatabase& m_db;
    QString m_cacheSize; // empty: not changed
    QString m_threads;   // likewise
    QString m_tempStore; // likewise
};

} // namespace core
