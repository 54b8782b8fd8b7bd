#pragma once

#include <QSqlDatabase>
#include <QStringList>

#include "backends/sqlite/sqlite_statement.h"
#include "common/result.h"

namespace core {

// Appends rows of one ingest batch to bronze_impressions inside the caller's transaction: one
// prepared statement of SQLite's C API (BronzeSql::sqliteRowInsert()), a step per record with its
// values bound as UTF-16 text where they lie, no copy. Values are the event columns in
// EventsCsv::columns() order, stored as given (an empty field as an empty text).
// pipeline_bench holds the import against the least such a write can cost.
class SqliteBronzeWriter
{
public:
    struct Batch
    {
        QString id;         // ingest_batch
        QString sourceFile; // source_file
        QString ingestTime; // ingest_time, ISO 8601 UTC
    };

    SqliteBronzeWriter(QSqlDatabase& db, Batch batch, QString action);

    Status add(qint64 line, const QStringList& values);
    qint64 rowsWritten() const { return m_written; }

private:
    Status failed() const;

    sqlite3* m_connection;
    Batch m_batch;
    QString m_action;
    SqliteStatement m_insert;
    int m_prepared = SQLITE_MISUSE;
    qint64 m_written = 0;
};

} // namespace core
