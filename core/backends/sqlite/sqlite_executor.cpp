#include "backends/sqlite/sqlite_executor.h"

#include "backends/sqlite/sqlite_functions.h"
#include "backends/sqlite/sqlite_session.h"
#include "logging/logging.h"

#include <spdlog/spdlog.h>

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace core {

SqliteExecutor::SqliteExecutor(QString path)
    : m_path(std::move(path)),
      m_connectionName(QStringLiteral("workspace-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1); // the one thread lives as long as the executor: it owns the connection
}

SqliteExecutor::~SqliteExecutor()
{
    const QString name = m_connectionName;
    m_pool.start([name] {
        if (QSqlDatabase::contains(name)) {
            {
                QSqlDatabase db = QSqlDatabase::database(name, false);
                db.close();
            }
            QSqlDatabase::removeDatabase(name);
        }
    });
    m_pool.waitForDone();
}

void SqliteExecutor::post(std::function<void(Result<SqlSession*>)> task)
{
    m_pool.start([this, task = std::move(task)]() {
        auto db = connection();
        if (!db) {
            task(db.error());
            return;
        }
        SqliteSession session(db.value());
        task(&session);
    });
}

Result<QSqlDatabase> SqliteExecutor::connection()
{
    if (QSqlDatabase::contains(m_connectionName)) {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            return db;
    }
    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath()))
        return Error::storage(QStringLiteral("The folder for the local workspace could not be created."),
                              info.absolutePath(), QStringLiteral("Choose a workspace in a folder you can write to."));
    QSqlDatabase db = QSqlDatabase::contains(m_connectionName)
                          ? QSqlDatabase::database(m_connectionName, false)
                          : QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    db.setDatabaseName(m_path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open())
        return Error::storage(QStringLiteral("The local workspace could not be opened."),
                              QStringLiteral("%1: %2").arg(m_path, db.lastError().text()),
                              QStringLiteral("Check that the file exists, is a workspace and is not locked by "
                                             "another program."));
    QSqlQuery q(db);
    // synchronous = FULL: a commit is on disk (WAL synced) before a save is reported done, so it
    // survives a power cut, not only a crash of the app.
    for (const char* pragma : {"PRAGMA foreign_keys = ON", "PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL",
                               "PRAGMA temp_store = MEMORY", "PRAGMA cache_size = -65536"}) {
        if (!q.exec(QLatin1String(pragma))) {
            const QString detail = QStringLiteral("%1: %2").arg(QLatin1String(pragma), q.lastError().text());
            db.close();
            return Error::storage(QStringLiteral("The local workspace could not be opened."), detail,
                                  QStringLiteral("The file may not be a Segment Builder workspace."));
        }
    }
    if (auto installed = SqliteFunctions::install(db); !installed) {
        db.close();
        return Error::storage(QStringLiteral("The local workspace could not be opened."), installed.error().detail);
    }
    logging::logger("core.store")->info("opened local workspace {}", m_path.toStdString());
    return db;
}

} // namespace core
