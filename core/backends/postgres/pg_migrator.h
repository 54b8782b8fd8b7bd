#pragma once

#include "backends/migration_files.h"

#include "common/result.h"

#include <QList>
#include <QString>

namespace core {

class SqlSession;

// Brings a PostgreSQL database to the current schema by applying the numbered migrations in
// core/backends/postgres/migrations (compiled in as :/migrations/postgres/NNNN_name.sql), each in
// its own transaction, recording them in schema_migrations. Every transaction first takes a
// transaction-scoped advisory lock, so app instances migrating at once apply each file once:
// the second waits, then finds the version already there. A database newer than the app is
// refused rather than touched. Needs a PgSession (the scripts run through executeScript).
class PgMigrator
{
public:
    using Migration = core::Migration;

    // The advisory lock key all instances share ("SegBuild" in ASCII).
    static constexpr qint64 kLockKey = 0x5365674275696c64;

    static QList<Migration> available();
    static int latestVersion();
    // 0 for a database without schema_migrations.
    static Result<int> currentVersion(SqlSession& session);
    static Status migrate(SqlSession& session);
};

} // namespace core
