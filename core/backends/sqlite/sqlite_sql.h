#pragma once

#include "backends/sqlite/sqlite_session.h"
#include "common/result.h"
#include "sql/sql_params.h"

#include <QSqlDatabase>
#include <QSqlQuery>

namespace core {

// Small helpers over QSqlQuery that bind every value and turn failures into Errors.
// `action` says what the user was doing ("save the segment") for the message.
class SqliteSql
{
public:
    static Result<QSqlQuery> exec(QSqlDatabase& db, const QString& sql, const QList<SqlParam>& params,
                                  const QString& action);
    static Result<QSqlQuery> exec(QSqlDatabase& db, const QString& sql, const QVariantList& positional,
                                  const QString& action);
    // Runs a script of statements separated by ";" at line ends; "--" comment lines are skipped.
    static Status execScript(QSqlDatabase& db, const QString& script, const QString& action);
    static Error error(const QSqlDatabase& db, const QSqlQuery& query, const QString& action);
};

// RAII transaction: rolls back unless commit() succeeded.
class SqliteTransaction
{
public:
    explicit SqliteTransaction(QSqlDatabase& db);
    ~SqliteTransaction();
    SqliteTransaction(const SqliteTransaction&) = delete;
    SqliteTransaction& operator=(const SqliteTransaction&) = delete;

    Status begin(const QString& action);
    Status commit(const QString& action);

private:
    SqliteSession m_session;
    SqlTransaction m_transaction;
};

} // namespace core
