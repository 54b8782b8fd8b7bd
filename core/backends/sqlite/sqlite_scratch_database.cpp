#include "backends/sqlite/sqlite_scratch_database.h"

#include <spdlog/spdlog.h>

#include "logging/logging.h"
#include "backends/sqlite/sqlite_sql.h"

namespace core {

SqliteScratchDatabase::SqliteScratchDatabase(QSqlDatabase& db, QString schema)
    : m_db(db), m_schema(std::move(schema))
{
}

SqliteScratchDatabase::~SqliteScratchDatabase()
{
    if (!m_attached)
        return;
    // The schema name is a constant of the code, not user text.
    auto q = SqliteSql::exec(m_db, QStringLiteral("DETACH DATABASE %1").arg(m_schema), QList<SqlParam>{},
                             QStringLiteral("free the working tables"));
    if (!q)
        logging::logger("core.store")->warn("{}", q.error().toString().toStdString());
}

Status SqliteScratchDatabase::attach(const QString& action)
{
    // '' is a private temporary database: its pages stay in its own page cache and spill to a file
    // SQLite deletes on detach, so ten million staged events do not all sit in memory.
    auto q = SqliteSql::exec(m_db, QStringLiteral("ATTACH DATABASE '' AS %1").arg(m_schema), QList<SqlParam>{}, action);
    if (!q)
        return q.error();
    m_attached = true;
    // Its page cache (KiB): what the in-memory database used to hold of a refresh of the demo's size.
    auto cache = SqliteSql::exec(m_db, QStringLiteral("PRAGMA %1.cache_size = -262144").arg(m_schema), QList<SqlParam>{},
                                 action);
    if (!cache)
        return cache.error();
    return success();
}

} // namespace core
