#pragma once

#include "common/result.h"

#include <QFuture>
#include <QSqlDatabase>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>

namespace core {

// Runs database work for one SQLite file on a single dedicated worker thread that owns the
// connection, so callers (the GUI thread above all) never wait on the disk and all writes
// are serialised. Tasks return Result<T>; a connection failure becomes that Result's error.
class SqliteExecutor
{
public:
    explicit SqliteExecutor(QString path);
    ~SqliteExecutor(); // finishes queued tasks, then closes the connection on its thread
    SqliteExecutor(const SqliteExecutor&) = delete;
    SqliteExecutor& operator=(const SqliteExecutor&) = delete;

    const QString& path() const { return m_path; }

    template <typename T>
    QFuture<Result<T>> submit(std::function<Result<T>(QSqlDatabase&)> task)
    {
        return QtConcurrent::run(&m_pool, [this, task = std::move(task)]() -> Result<T> {
            auto db = connection();
            if (!db)
                return db.error();
            return task(db.value());
        });
    }

private:
    QString m_path;
    QString m_connectionName;
    QThreadPool m_pool;

    Result<QSqlDatabase> connection();
};

} // namespace core
