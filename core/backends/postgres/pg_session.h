#pragma once

#include "backends/postgres/pg_connection_settings.h"
#include "backends/sql_session.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>

// libpq's connection type, declared here so users of core need not see libpq's headers
// (core links libpq privately).
struct pg_conn;
struct pg_result;

namespace core {

// A SqlSession over one libpq connection (owned, closed by the destructor). Used on one thread
// only: PgExecutor's worker.
//
// Every value travels as a protocol parameter (PQexecParams): ":pN" placeholders become $k,
// numbered by first appearance (a repeated :pN reuses its $k); text inside '...' literals,
// "..." identifiers, $tag$...$tag$ strings, comments and `::` casts is left alone. Values are
// sent as text: a null QVariant (also a null QString, QDate or QDateTime, as Qt's SQL drivers
// treat them) is SQL NULL, bool "true"/"false", QDate ISO, QDateTime ISO UTC with milliseconds.
// Parameter types come from SqlParam::Type (Int → int8, Date → date, String → text); a String
// hint on a bool, double or QDateTime value sends bool, float8 or timestamptz instead, so such a
// value compares with its column instead of failing on "operator does not exist: ... = text".
//
// Result values by column type: int2/int4/int8/oid → qlonglong; float4/float8/numeric → double;
// bool → bool; date → QDate; everything else (text, varchar, timestamptz, json, ...) → QString
// as the server prints it; NULL → a null QVariant.
//
// Errors are mapped by SQLSTATE into Error (code = SQLSTATE, detail = the server's message,
// userMessage = "Could not <action>: ..."); a lost connection is a Network error.
class PgSession final : public SqlSession
{
public:
    // Takes ownership of `connection` (may be null or failed: every call then answers a
    // Network error). `printableConnInfo` names the server in error details; no password.
    PgSession(pg_conn* connection, QString printableConnInfo);
    ~PgSession() override;
    PgSession(const PgSession&) = delete;
    PgSession& operator=(const PgSession&) = delete;

    // Connects synchronously (blocking up to settings.connectTimeout): asks settings.password
    // once, sets application_name=segment-builder and client_encoding=UTF8. A failure is an
    // Auth error (rejected credentials, unknown role; code 28P01/28000), Remote (3D000: no such
    // database) or Network (anything else), with the conninfo printed without its password.
    static Result<std::unique_ptr<PgSession>> open(const PgConnectionSettings& settings, const QString& action);

    SqlDialect dialect() const override { return SqlDialect::Postgres; }
    Result<SqlRows> query(const BoundSql& sql, const QString& action) override;
    Result<qint64> execute(const BoundSql& sql, const QString& action) override;
    Status begin(const QString& action) override;
    // A transaction that failed earlier is rolled back by the server's COMMIT: that is an
    // error here (code 25P02), never a silent success.
    Status commit(const QString& action) override;
    void rollback() override;

    // Runs a script of value-free DDL (migrations) through the simple query protocol,
    // statement by statement: statements end with ";" at a line end, "--" comment lines are
    // dropped. Never for statements that carry values: those go through query()/execute().
    Status executeScript(const QString& script, const QString& action);

    // True while the connection is up. Reads whatever the server sent while the session was
    // idle first, so a connection the server closed (pg_terminate_backend, restart, idle
    // timeout: a FATAL message, then end of file) is seen as down before a statement is sent
    // on it.
    bool isConnected();
    // True when a transaction is open (also one that failed).
    bool inTransaction() const;
    // The server process id of the connection (pg_backend_pid()); 0 when not connected.
    int backendPid() const;
    const QString& printableConnInfo() const { return m_printableConnInfo; }

    // A conninfo string or URI with password (and sslpassword) removed, for messages and logs.
    static QString printableConnInfo(const QString& conninfo);

    // ":pN" → "$k" translation (see the class comment). `order` lists, for $1, $2, ..., the
    // index into params of the value to send. A ":pN" with no parameter of that name is an
    // Internal error (a bug in the SQL builder).
    struct Translation
    {
        QByteArray sql;
        QList<qsizetype> order;
    };
    static Result<Translation> translate(const BoundSql& sql);

    // The statements of a script, split as executeScript does.
    static QStringList splitScript(const QString& script);

private:
    pg_conn* m_conn = nullptr;
    QString m_printableConnInfo;
    bool m_serverClosing = false; // the server sent FATAL: it is closing the connection

    static void receiveNotice(void* self, const pg_result* notice);
};

} // namespace core
