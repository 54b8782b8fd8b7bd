#pragma once

// A private PostgreSQL 15 cluster for one test process.
//
// start() runs initdb into a fresh temporary directory (trust authentication, superuser
// `postgres`, UTF-8, C locale) and `pg_ctl start` with the server listening only on 127.0.0.1
// on a free port plus a unix socket inside the temporary directory. The destructor stops the
// server (immediate mode) and deletes the directory.
//
// PostgreSQL refuses to run as root. When the process runs as root (CI, containers) the
// directory is handed to the `postgres` system user and initdb/pg_ctl run through
// `runuser -u postgres --`.
//
// Binaries come from /usr/lib/postgresql/15/bin (Debian 12), or from the directory named by
// the SB_POSTGRES_BINDIR environment variable. Missing binaries, a missing `postgres` user or a
// server that does not come up make start() return false with a readable errorString(); nothing
// aborts.
//
// One cluster per test binary: shared() starts one lazily and stops it at exit. Tests create a
// fresh database (createUniqueDatabase) or schema each.

#include <memory>

#include <QString>
#include <QStringList>

namespace testsupport {

class PostgresServer final
{
public:
    PostgresServer();
    ~PostgresServer();
    PostgresServer(const PostgresServer&) = delete;
    PostgresServer& operator=(const PostgresServer&) = delete;

    // initdb + pg_ctl start. Returns true when the server accepts connections.
    bool start();
    // Stops the server and deletes its directory (also done by the destructor).
    void stop();
    bool isRunning() const;
    QString errorString() const;

    QString host() const; // always 127.0.0.1
    quint16 port() const;
    QString socketDirectory() const;
    QString superuser() const; // "postgres"
    QString binDirectory() const;
    QString dataDirectory() const;
    QString logFilePath() const;
    QString serverLog() const; // the server log so far, for failure messages

    // CREATE DATABASE / DROP DATABASE over a maintenance connection. `name` must match
    // [A-Za-z_][A-Za-z0-9_]*. Return false with errorString() on failure.
    bool createDatabase(const QString& name);
    bool dropDatabase(const QString& name);
    // Creates `<prefix>_<n>` with a process-wide counter; returns its name or an empty string.
    QString createUniqueDatabase(const QString& prefix = QStringLiteral("test"));

    // Adds (or replaces) a QPSQL connection named `connectionName` to `database` over TCP as the
    // superuser and opens it. Returns false with errorString() on failure.
    bool openConnection(const QString& connectionName, const QString& database);

    // The process-wide cluster, started on first use and stopped at exit (when the
    // QCoreApplication is destroyed, or at static destruction without one). Returns nullptr when
    // it cannot start; `error` then says why (the same answer on every later call).
    static PostgresServer* shared(QString* error = nullptr);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace testsupport
