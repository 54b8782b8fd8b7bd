#pragma once

// A PostgresBackend on a fresh database of the private PostgreSQL cluster (postgres_server.h),
// for the contract suites that run on every backend.

#include <memory>

#include <gtest/gtest.h>

#include "backends/postgres/postgres_backend.h"
#include "postgres_server.h"
#include "support/test_catalogue.h"

namespace testsupport {

// How to reach `database` on the cluster as its superuser (trust authentication, no password).
inline core::PgConnectionSettings postgresSettings(PostgresServer& server, const QString& database)
{
    core::PgConnectionSettings s;
    s.conninfo = QStringLiteral("host=%1 port=%2 dbname=%3 user=%4")
                     .arg(server.host())
                     .arg(server.port())
                     .arg(database, server.superuser());
    return s;
}

// Opens a backend on `*database` (created with `prefix` when empty, and written back), migrated.
// Null, with a test failure saying why, when the server or the backend cannot be had.
inline std::unique_ptr<core::PostgresBackend> openPostgresBackend(const QString& prefix, QString* database = nullptr)
{
    QString error;
    PostgresServer* server = PostgresServer::shared(&error);
    if (!server) {
        ADD_FAILURE() << "no PostgreSQL server: " << error.toStdString();
        return nullptr;
    }
    const QString name = database && !database->isEmpty() ? *database : server->createUniqueDatabase(prefix);
    if (name.isEmpty()) {
        ADD_FAILURE() << server->errorString().toStdString();
        return nullptr;
    }
    if (database)
        *database = name;
    auto opened = core::PostgresBackend::open(postgresSettings(*server, name), catalogue());
    if (!opened) {
        ADD_FAILURE() << opened.error().toString().toStdString();
        return nullptr;
    }
    return std::move(opened).value();
}

} // namespace testsupport
