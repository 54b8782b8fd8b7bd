#pragma once

#include <sqlite3.h>

#include <QSqlDatabase>

namespace core {

// The sqlite3 connection behind a QSQLITE connection, for the few paths that run SQLite's C API
// directly (bulk reads and writes where QSqlQuery's per-value conversions cost most of the time).
sqlite3* sqliteConnection(QSqlDatabase& db);

// A prepared statement of SQLite's C API, finalized when it goes.
class SqliteStatement
{
public:
    SqliteStatement() = default;
    ~SqliteStatement() { sqlite3_finalize(m_statement); }
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    // SQLITE_OK or SQLite's error code (the message is sqlite3_errmsg(connection)).
    int prepare(sqlite3* connection, const QByteArray& sql)
    {
        sqlite3_finalize(m_statement);
        m_statement = nullptr;
        return sqlite3_prepare_v2(connection, sql.constData(), static_cast<int>(sql.size()), &m_statement, nullptr);
    }
    sqlite3_stmt** out() { return &m_statement; }
    sqlite3_stmt* get() const { return m_statement; }

private:
    sqlite3_stmt* m_statement = nullptr;
};

} // namespace core
