#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include "common/result.h"
#include "sql/sql_dialect.h"
#include "sql/sql_params.h"

namespace core {

// The rows one statement answered: column names and values, SQL NULL as a null QVariant.
// Values carry their SQL type: integers as qlonglong, floating point and numeric as double,
// booleans as bool, text as QString, dates as QDate; anything else as its text.
struct SqlRows
{
    QStringList columns;
    QList<QVariantList> rows;

    qsizetype size() const { return rows.size(); }
    bool isEmpty() const { return rows.isEmpty(); }
    // The index of a column by name; -1 when the statement answered no such column.
    int column(const QString& name) const { return static_cast<int>(columns.indexOf(name)); }
    // A value by row and column name; a null QVariant for an unknown column.
    QVariant value(qsizetype row, const QString& name) const
    {
        const int c = column(name);
        return c < 0 ? QVariant() : rows.at(row).value(c);
    }
};

// A connection to a SQL database, used synchronously on the one thread that owns it (a
// backend's worker: SqliteExecutor, PgExecutor), so the GUI thread never waits on it.
// Every value travels as a bound parameter: BoundSql's ":pN" placeholders are passed to the
// driver as parameters, never spliced into the text. `action` says what the user was doing
// ("save the segment") and starts the user message of any error.
class SqlSession
{
public:
    virtual ~SqlSession() = default;

    virtual SqlDialect dialect() const = 0;

    // Runs a statement that answers rows.
    virtual Result<SqlRows> query(const BoundSql& sql, const QString& action) = 0;
    // Runs a statement that changes rows; answers how many rows it affected.
    virtual Result<qint64> execute(const BoundSql& sql, const QString& action) = 0;

    virtual Status begin(const QString& action) = 0;
    virtual Status commit(const QString& action) = 0;
    // Never fails: a rollback that cannot run leaves the connection to be reset.
    virtual void rollback() = 0;
};

// RAII transaction over a SqlSession: rolls back unless commit() succeeded.
class SqlTransaction
{
public:
    explicit SqlTransaction(SqlSession& session) : m_session(session) {}
    ~SqlTransaction()
    {
        if (m_open)
            m_session.rollback();
    }
    SqlTransaction(const SqlTransaction&) = delete;
    SqlTransaction& operator=(const SqlTransaction&) = delete;

    Status begin(const QString& action)
    {
        auto s = m_session.begin(action);
        m_open = static_cast<bool>(s);
        return s;
    }
    Status commit(const QString& action)
    {
        auto s = m_session.commit(action);
        if (s)
            m_open = false;
        return s;
    }

private:
    SqlSession& m_session;
    bool m_open = false;
};

} // namespace core
