#pragma once

#include "domain/event_rows.h"
#include "sql/sql_dialect.h"
#include "sql/sql_params.h"

namespace core {

// How an import's rows reach bronze_impressions in a shared database (Databricks, PostgreSQL),
// with every value bound: a multi-row INSERT (PostgreSQL: always, in chunks; Databricks: for small
// files), or COPY INTO (Databricks only) from a CSV file that the app wrote to the landing volume
// (columns: the event columns, then source_file, source_line, ingest_batch; ingest_time is the
// statement's time, on PostgreSQL the transaction's). Golden files pin the text
// (tests/unit/golden/bronze_*.sql). The local workspace writes bronze with SqliteBronzeWriter,
// one record per step of sqliteRowInsert().
class BronzeSql
{
public:
    // The columns of the CSV file copyInto() reads, in order.
    static QStringList landingColumns();

    explicit BronzeSql(SqlTarget target);

    // 2 + 14 parameters per record: the source file and batch once, 13 values and the line a record.
    BoundSql insert(const QString& batchId, const QString& sourceFile,
                    const QList<BronzeRecord>& records) const;
    // path: the file's absolute volume path; the app builds it from validated catalog and schema
    // names and the batch's UUID, so it is no user text.
    QString copyInto(const QString& path) const;
    // SQLite: one record's INSERT with positional parameters, prepared once per import: the 13
    // event values, source_file, source_line, ingest_batch (landingColumns()), then ingest_time.
    static QString sqliteRowInsert();

private:
    SqlTarget m_target;
};

} // namespace core
