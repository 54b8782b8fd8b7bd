#pragma once

#include "sql/sql_params.h"

#include <QString>

#include <chrono>
#include <functional>

namespace core {

// One SQL statement for a Databricks SQL warehouse: text with named parameters only.
struct StatementRequest
{
    QString sql;
    QList<SqlParam> params;
    QString catalog;
    QString schema;
    QString what; // for messages: "save the segment"
    // Server-side wait before answering PENDING/RUNNING (0, or 5–50 s); the client then polls.
    std::chrono::seconds waitTimeout{10};
    // Everything (submit, polls, chunks) must be done by then; afterwards the statement is cancelled.
    std::chrono::milliseconds deadline{std::chrono::minutes(10)};
    bool externalLinks = false; // EXTERNAL_LINKS disposition for large results
    // Told the statement id once Databricks has accepted the statement (before it finishes).
    std::function<void(const QString& statementId)> accepted;

    // Bound SQL run in a catalog and schema.
    static StatementRequest of(const BoundSql& bound, const QString& catalog, const QString& schema,
                               const QString& what);
};

struct StatementColumn
{
    QString name;
    QString typeName; // "STRING", "LONG", "DATE", ...
};

// A finished statement. Values come as Databricks sends them in JSON_ARRAY: text, or a null
// QVariant for SQL NULL.
struct StatementResult
{
    QString statementId;
    QList<StatementColumn> columns;
    QList<QList<QVariant>> rows;
    bool truncated = false;

    int column(const QString& name) const;
    QVariant value(qsizetype row, const QString& name) const;
    // num_affected_rows of a DML statement; -1 when the result has no such column.
    qint64 affectedRows() const;
};

} // namespace core
