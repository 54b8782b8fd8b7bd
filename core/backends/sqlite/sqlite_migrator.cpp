#include "backends/sqlite/sqlite_migrator.h"

#include "logging/logging.h"
#include "sql/migration_sql.h"
#include "backends/sqlite/sqlite_sql.h"

#include <spdlog/spdlog.h>

#include <QDateTime>
#include <QDir>
#include <QFile>

namespace core {

QList<SqliteMigrator::Migration> SqliteMigrator::available()
{
    return MigrationFiles::read(QStringLiteral(":/migrations/sqlite"));
}

int SqliteMigrator::latestVersion()
{
    const auto all = available();
    return all.isEmpty() ? 0 : all.last().version;
}

Result<int> SqliteMigrator::currentVersion(QSqlDatabase& db)
{
    const QString action = QStringLiteral("read its schema version");
    const MigrationSql sql(SqlDialect::Sqlite);
    auto create = SqliteSql::exec(db, sql.createTable().sql, QList<SqlParam>{}, action);
    if (!create)
        return create.error();
    auto q = SqliteSql::exec(db, sql.currentVersion().sql, QList<SqlParam>{}, action);
    if (!q)
        return q.error();
    return q.value().next() ? q.value().value(0).toInt() : 0;
}

Status SqliteMigrator::migrate(QSqlDatabase& db, int targetVersion)
{
    const auto migrations = available();
    if (migrations.isEmpty())
        return Error::internal(QStringLiteral("no SQLite migrations compiled in"));
    const int target = targetVersion < 0 ? migrations.last().version : targetVersion;
    auto current = currentVersion(db);
    if (!current)
        return current.error();
    if (current.value() > migrations.last().version)
        return Error::storage(QStringLiteral("This workspace was created by a newer version of Segment Builder."),
                              QStringLiteral("schema version %1, this app knows up to %2")
                                  .arg(current.value())
                                  .arg(migrations.last().version),
                              QStringLiteral("Update the app, or open another workspace."));
    for (const auto& m : migrations) {
        if (m.version <= current.value() || m.version > target)
            continue;
        const QString action = QStringLiteral("upgrade its schema to version %1 (%2)").arg(m.version).arg(m.name);
        SqliteTransaction tx(db);
        if (auto s = tx.begin(action); !s)
            return s;
        if (auto s = SqliteSql::execScript(db, m.sql, action); !s)
            return s;
        const BoundSql recorded = MigrationSql(SqlDialect::Sqlite)
                                      .record(m.version, m.name, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
        auto record = SqliteSql::exec(db, recorded.sql, recorded.params, action);
        if (!record)
            return record.error();
        if (auto s = tx.commit(action); !s)
            return s;
        logging::logger("core.store")->info("workspace {} migrated to schema {} ({})", db.databaseName().toStdString(),
                                            m.version, m.name.toStdString());
    }
    return success();
}

} // namespace core
