#pragma once

#include "sql/sql_dialect.h"
#include "sql/sql_params.h"

namespace core {

// The bookkeeping statements of the numbered schema migrations (SqliteMigrator, PgMigrator), per
// dialect, every value bound. Golden file: tests/unit/golden/migration_<dialect>.sql.
class MigrationSql
{
public:
    explicit MigrationSql(SqlDialect dialect) : m_dialect(dialect) {}

    // Creates schema_migrations if it is not there.
    BoundSql createTable() const;
    // Whether schema_migrations exists: column present (1/0 or true/false).
    BoundSql tablePresent() const;
    // The highest version applied: column version (0 when none).
    BoundSql currentVersion() const;
    // Records one applied migration.
    BoundSql record(int version, const QString& name, const QString& appliedAt) const;
    // PostgreSQL: a transaction-scoped advisory lock, so concurrent app instances migrate one
    // after another (an empty statement for SQLite, whose BEGIN IMMEDIATE already serialises).
    BoundSql lock(qint64 key) const;

private:
    SqlDialect m_dialect;
};

} // namespace core
