#pragma once

#include <QSqlDatabase>

#include "backends/sql_session.h"

namespace core {

// SqlSession over the local workspace's Qt SQL connection (QSQLITE), on the workspace thread.
// Transactions are BEGIN IMMEDIATE: the write lock is taken up front, so a version check and
// its write are atomic against another process using the same file.
class SqliteSession final : public SqlSession
{
public:
    explicit SqliteSession(QSqlDatabase& db) : m_db(db) {}

    // Where SQLite's tables are: the main database, no prefix.
    static SqlTarget target() { return {SqlDialect::Sqlite, {}}; }

    SqlDialect dialect() const override { return SqlDialect::Sqlite; }
    Result<SqlRows> query(const BoundSql& sql, const QString& action) override;
    Result<qint64> execute(const BoundSql& sql, const QString& action) override;
    Status begin(const QString& action) override;
    Status commit(const QString& action) override;
    void rollback() override;

private:
    QSqlDatabase& m_db;
};

} // namespace core
