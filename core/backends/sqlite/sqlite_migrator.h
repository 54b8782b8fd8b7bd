#pragma once

#include "backends/migration_files.h"

#include "common/result.h"

#include <QList>
#include <QSqlDatabase>

namespace core {

// Brings a workspace file to the current schema by applying the numbered migrations in
// core/backends/sqlite/migrations (compiled in as :/migrations/sqlite/NNNN_name.sql), each in
// its own transaction, recording them in schema_migrations. A file newer than the app is
// refused rather than touched.
class SqliteMigrator
{
public:
    using Migration = core::Migration;

    static QList<Migration> available();
    static int latestVersion();
    static Result<int> currentVersion(QSqlDatabase& db);
    // targetVersion -1: the latest.
    static Status migrate(QSqlDatabase& db, int targetVersion = -1);
};

} // namespace core
