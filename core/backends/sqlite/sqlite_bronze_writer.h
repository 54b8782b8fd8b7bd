#pragma once

#include <map>

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringList>

#include "common/result.h"

namespace core {

// Appends rows of one ingest batch to bronze_impressions in multi-row INSERTs with bound values,
// inside the caller's transaction. Values are the event columns in EventsCsv::columns() order,
// stored as given (an empty field as an empty text).
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
    Status flush(); // writes what add() buffered; call before committing
    qint64 rowsWritten() const { return m_written; }

private:
    QSqlDatabase& m_db;
    Batch m_batch;
    QString m_action;
    QVariantList m_pending;
    qint64 m_written = 0;
    std::map<int, QSqlQuery> m_statements; // prepared, by row count

    QSqlQuery& statement(int rows);
};

} // namespace core
