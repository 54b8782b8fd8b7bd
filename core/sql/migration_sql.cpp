#include "sql/migration_sql.h"

namespace core {

BoundSql MigrationSql::createTable() const
{
    if (m_dialect == SqlDialect::Postgres)
        return {QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT "
                               "NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"),
                {}};
    return {QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY NOT NULL, name "
                           "TEXT NOT NULL, applied_at TEXT NOT NULL)"),
            {}};
}

BoundSql MigrationSql::tablePresent() const
{
    if (m_dialect == SqlDialect::Postgres)
        return {QStringLiteral("SELECT to_regclass('schema_migrations') IS NOT NULL AS present"), {}};
    return {QStringLiteral("SELECT COUNT(*) AS present FROM sqlite_master WHERE type = 'table' AND name = "
                           "'schema_migrations'"),
            {}};
}

BoundSql MigrationSql::currentVersion() const
{
    return {QStringLiteral("SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations"), {}};
}

BoundSql MigrationSql::record(int version, const QString& name, const QString& appliedAt) const
{
    SqlParams p;
    if (m_dialect == SqlDialect::Postgres) {
        const QString sql = QStringLiteral("INSERT INTO schema_migrations (version, name) VALUES (%1, %2)")
                                .arg(p.addInt(version), p.addString(name));
        return {sql, p.take()};
    }
    const QString v = p.addInt(version);
    const QString n = p.addString(name);
    const QString at = p.addString(appliedAt);
    return {QStringLiteral("INSERT INTO schema_migrations (version, name, applied_at) VALUES (%1, %2, %3)").arg(v, n, at),
            p.take()};
}

BoundSql MigrationSql::lock(qint64 key) const
{
    if (m_dialect != SqlDialect::Postgres)
        return {};
    SqlParams p;
    const QString sql = QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(p.addInt(key));
    return {sql, p.take()};
}

} // namespace core
