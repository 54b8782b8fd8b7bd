#include "backends/postgres/pg_migrator.h"

#include "backends/postgres/pg_session.h"
#include "logging/logging.h"
#include "sql/sql_params.h"

#include <spdlog/spdlog.h>

#include <QDir>
#include <QFile>

#include "sql/migration_sql.h"

namespace core {

namespace {

const MigrationSql kSql(SqlDialect::Postgres);

// Within an open transaction: waits for the migration lock, makes sure schema_migrations exists
// and answers the version the database is at.
Result<int> lockAndReadVersion(PgSession& session, const QString& action)
{
    if (auto r = session.query(kSql.lock(PgMigrator::kLockKey), action); !r)
        return r.error();
    if (auto s = session.execute(kSql.createTable(), action); !s)
        return s.error();
    auto r = session.query(kSql.currentVersion(), action);
    if (!r)
        return r.error();
    return static_cast<int>(r.value().value(0, QStringLiteral("version")).toLongLong());
}

} // namespace

QList<PgMigrator::Migration> PgMigrator::available()
{
    return MigrationFiles::read(QStringLiteral(":/migrations/postgres"));
}

int PgMigrator::latestVersion()
{
    const auto all = available();
    return all.isEmpty() ? 0 : all.last().version;
}

Result<int> PgMigrator::currentVersion(SqlSession& session)
{
    const QString action = QStringLiteral("read the database's schema version");
    auto exists = session.query(kSql.tablePresent(), action);
    if (!exists)
        return exists.error();
    if (!exists.value().value(0, QStringLiteral("present")).toBool())
        return 0;
    auto r = session.query(kSql.currentVersion(), action);
    if (!r)
        return r.error();
    return static_cast<int>(r.value().value(0, QStringLiteral("version")).toLongLong());
}

Status PgMigrator::migrate(SqlSession& session)
{
    auto* pg = dynamic_cast<PgSession*>(&session);
    if (!pg)
        return Error::internal(QStringLiteral("PgMigrator::migrate needs a PgSession"));
    const auto migrations = available();
    if (migrations.isEmpty())
        return Error::internal(QStringLiteral("no PostgreSQL migrations compiled in"));
    const int latest = migrations.last().version;
    // Up to date: nothing to lock or create. A role that may only read and write the tables (not
    // create them: PostgreSQL 15 grants no CREATE on the public schema) opens the database.
    auto seen = currentVersion(*pg);
    if (!seen)
        return seen.error();
    if (seen.value() == latest)
        return success();
    // One transaction per migration; each one re-reads the version under the lock, so an
    // instance that waited for another one's migration skips it.
    for (;;) {
        const QString readAction = QStringLiteral("upgrade the database schema");
        SqlTransaction tx(*pg);
        if (auto s = tx.begin(readAction); !s)
            return s;
        auto current = lockAndReadVersion(*pg, readAction);
        if (!current)
            return current.error();
        if (current.value() > latest) {
            Error e = Error::storage(QStringLiteral("This database was set up by a newer version of Segment Builder."),
                                     QStringLiteral("schema version %1, this app knows up to %2 [%3]")
                                         .arg(current.value())
                                         .arg(latest)
                                         .arg(pg->printableConnInfo()),
                                     QStringLiteral("Update the app, or connect to another database."));
            e.code = QStringLiteral("schema_too_new");
            return e;
        }
        const Migration* next = nullptr;
        for (const auto& m : migrations) {
            if (m.version > current.value()) {
                next = &m;
                break;
            }
        }
        if (!next)
            return tx.commit(readAction);
        const QString action = QStringLiteral("upgrade the database schema to version %1 (%2)").arg(next->version).arg(next->name);
        if (auto s = pg->executeScript(next->sql, action); !s)
            return s;
        auto record = pg->execute(kSql.record(next->version, next->name, {}), action);
        if (!record)
            return record.error();
        if (auto s = tx.commit(action); !s)
            return s;
        logging::logger("core.pg")->info("database {} migrated to schema {} ({})", pg->printableConnInfo().toStdString(),
                                         next->version, next->name.toStdString());
    }
}

} // namespace core
