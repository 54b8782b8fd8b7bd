#pragma once

#include "backends/session_executor.h"
#include "common/result.h"

#include <QFuture>
#include <QPromise>
#include <QSqlDatabase>
#include <QThreadPool>

#include <functional>

namespace core {

// Runs database work for one SQLite file on a single dedicated worker thread that owns the
// connection, so callers (the GUI thread above all) never wait on the disk and all writes
// are serialised. Tasks return Result<T>; a connection failure becomes that Result's error.
class SqliteExecutor final : public SessionExecutor
{
public:
    explicit SqliteExecutor(QString path);
    ~SqliteExecutor() override; // finishes queued tasks, then closes the connection on its thread
    SqliteExecutor(const SqliteExecutor&) = delete;
    SqliteExecutor& operator=(const SqliteExecutor&) = delete;

    const QString& path() const { return m_path; }

    // SessionExecutor: the task gets a SqliteSession over the connection.
    void post(std::function<void(Result<SqlSession*>)> task) override;

    template <typename T>
    QFuture<Result<T>> submit(std::function<Result<T>(QSqlDatabase&)> task)
    {
        // A promise, not QtConcurrent::run: a waiting caller must never "steal" the task and
        // run it on its own thread, away from the connection's thread.
        auto promise = std::make_shared<QPromise<Result<T>>>();
        QFuture<Result<T>> future = promise->future();
        promise->start();
        m_pool.start([this, promise, task = std::move(task)]() {
            auto db = connection();
            promise->addResult(db ? task(db.value()) : Result<T>(db.error()));
            promise->finish();
        });
        return future;
    }

private:
    QString m_path;
    QString m_connectionName;
    QThreadPool m_pool;

    Result<QSqlDatabase> connection();
};

} // namespace core
