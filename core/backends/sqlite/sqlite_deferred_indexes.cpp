#include "backends/sqlite/sqlite_deferred_indexes.h"

#include <spdlog/spdlog.h>

#include "logging/logging.h"
#include "backends/sqlite/sqlite_sql.h"

namespace core {

namespace {

constexpr const char* kBulkCacheSize = "-262144"; // KiB: 256 MiB of pages for the bulk step

} // namespace

SqliteDeferredIndexes::SqliteDeferredIndexes(QSqlDatabase& db, QString table)
    : m_db(db), m_table(std::move(table))
{
}

Status SqliteDeferredIndexes::setAside(const QString& action)
{
    // sql IS NULL: the automatic indexes of the primary key and UNIQUE constraints, which stay.
    auto q = SqliteSql::exec(m_db,
                             QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                                            "tbl_name = ? AND sql IS NOT NULL ORDER BY name"),
                             QVariantList{m_table}, action);
    if (!q)
        return q.error();
    QStringList names;
    QStringList statements;
    while (q.value().next()) {
        names.append(q.value().value(0).toString());
        statements.append(q.value().value(1).toString());
    }
    for (const auto& name : names) {
        // An identifier read from the schema, quoted, not user text.
        QString quoted = name;
        quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        auto drop = SqliteSql::exec(m_db, QStringLiteral("DROP INDEX \"%1\"").arg(quoted), QVariantList{}, action);
        if (!drop)
            return drop.error();
        m_names.append(name);
        m_statements.append(statements.at(m_names.size() - 1));
    }
    return success();
}

Status SqliteDeferredIndexes::rebuild(const QString& action)
{
    for (qsizetype i = 0; i < m_statements.size(); ++i) {
        auto q = SqliteSql::exec(m_db, m_statements.at(i), QVariantList{}, action);
        if (!q)
            return q.error();
    }
    m_names.clear();
    m_statements.clear();
    return success();
}

SqliteBulkSettings::SqliteBulkSettings(QSqlDatabase& db) : m_db(db)
{
    auto q = SqliteSql::exec(m_db, QStringLiteral("PRAGMA cache_size"), QVariantList{},
                             QStringLiteral("read the page cache size"));
    if (!q || !q.value().next())
        return;
    const QString before = QString::number(q.value().value(0).toLongLong());
    if (SqliteSql::exec(m_db, QStringLiteral("PRAGMA cache_size = ") + QLatin1String(kBulkCacheSize), QVariantList{},
                        QStringLiteral("enlarge the page cache")))
        m_cacheSize = before;
    // Sorts (CREATE INDEX, GROUP BY) may use a helper thread: the machine's second core.
    auto threads = SqliteSql::exec(m_db, QStringLiteral("PRAGMA threads"), QVariantList{},
                                   QStringLiteral("read the sort threads"));
    if (threads && threads.value().next()) {
        const QString was = QString::number(threads.value().value(0).toLongLong());
        if (SqliteSql::exec(m_db, QStringLiteral("PRAGMA threads = 2"), QVariantList{},
                            QStringLiteral("allow a sort thread")))
            m_threads = was;
    }
    auto temp = SqliteSql::exec(m_db, QStringLiteral("PRAGMA temp_store"), QVariantList{},
                                QStringLiteral("read where temporary data goes"));
    if (temp && temp.value().next()) {
        const QString was = QString::number(temp.value().value(0).toLongLong());
        if (SqliteSql::exec(m_db, QStringLiteral("PRAGMA temp_store = FILE"), QVariantList{},
                            QStringLiteral("keep temporary data in files")))
            m_tempStore = was;
    }
}

SqliteBulkSettings::~SqliteBulkSettings()
{
    if (!m_tempStore.isEmpty()) // likewise
        SqliteSql::exec(m_db, QStringLiteral("PRAGMA temp_store = ") + m_tempStore, QVariantList{},
                        QStringLiteral("restore where temporary data goes"));
    if (!m_threads.isEmpty()) // a number read from the connection itself
        SqliteSql::exec(m_db, QStringLiteral("PRAGMA threads = ") + m_threads, QVariantList{},
                        QStringLiteral("restore the sort threads"));
    if (m_cacheSize.isEmpty())
        return;
    // A number read from the connection itself.
    auto q = SqliteSql::exec(m_db, QStringLiteral("PRAGMA cache_size = ") + m_cacheSize, QVariantList{},
                             QStringLiteral("restore the page cache size"));
    if (!q)
        logging::logger("core.store")->warn("{}", q.error().toString().toStdString());
}

} // namespace core
