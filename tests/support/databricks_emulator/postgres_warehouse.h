#pragma once

// The emulator's SQL warehouse: runs translated Databricks SQL on a PostgreSQL connection and
// answers in Databricks terms (typed JSON_ARRAY strings, DML counters, error classes with
// SQLSTATE, Unity Catalog privilege checks).

#include <QJsonArray>
#include <QList>
#include <QSet>
#include <QString>
#include <QTimeZone>

#include "databricks_emulator.h"
#include "databricks_sql_translator.h"

namespace emulator {

struct StatementParameter
{
    QString name;
    QString value;
    bool isNull = false;
    QString type; // upper case; empty = STRING
};

struct ResultColumn
{
    QString name;
    QString typeName; // LONG, STRING, ...
    QString typeText; // BIGINT, STRING, DECIMAL(10,2), ARRAY<STRING> ...
    int precision = -1;
    int scale = -1;
};

struct ExecutionRequest
{
    QString sql;
    QString catalog; // empty = "main"
    QString schema;  // empty = "default"
    QList<StatementParameter> parameters;
    Principal principal;
    QSet<QString> catalogs; // existing catalogs, lower case
    qint64 rowLimit = -1;
    QTimeZone timeZone = QTimeZone::utc();
};

struct ExecutionOutcome
{
    bool succeeded = false;
    bool hasSchema = false; // false: DDL-like success with an empty manifest
    QList<ResultColumn> columns;
    QList<QJsonArray> rows;
    bool truncated = false;
    // FAILED
    QString errorCode; // ServiceErrorCode, e.g. BAD_REQUEST
    QString message;   // "[CLASS] ... SQLSTATE: xxxxx"
    QString sqlState;
    // What the statement was, for the emulator's own bookkeeping (GRANT, CREATE CATALOG).
    SqlTranslation translation;
};

class PostgresWarehouse final
{
public:
    explicit PostgresWarehouse(QString connectionName);

    // Creates the "default" schema and the Databricks-shaped information_schema views.
    bool initialize(QString* error);
    ExecutionOutcome execute(const ExecutionRequest& request);

private:
    QString m_connectionName;
};

} // namespace emulator
