#pragma once

#include <functional>
#include <memory>

#include <QFuture>
#include <QPromise>

#include "backends/sql_session.h"
#include "common/result.h"

namespace core {

// Runs work against one database connection on the single worker thread that owns it (the
// local workspace's SQLite file, a PostgreSQL/Lakebase server), so callers never wait on the
// database and every write is serialised. The stores that SQLite and PostgreSQL share
// (SessionSegmentStore, ...) are written once against this and SqlSession.
class SessionExecutor
{
public:
    virtual ~SessionExecutor() = default;

    // Queues `task` on the worker. It is handed the session, or the error that kept the
    // connection from opening. Every queued task runs, in order, before the executor goes.
    virtual void post(std::function<void(Result<SqlSession*>)> task) = 0;

    // Runs `task` with the session and finishes the future with its result (or the connection's
    // error). A promise, not QtConcurrent::run: a waiting caller never runs the task itself.
    template <typename T> QFuture<Result<T>> run(std::function<Result<T>(SqlSession&)> task)
    {
        auto promise = std::make_shared<QPromise<Result<T>>>();
        QFuture<Result<T>> future = promise->future();
        promise->start();
        post([promise, task = std::move(task)](Result<SqlSession*> session) {
            promise->addResult(session ? task(*session.value()) : Result<T>(session.error()));
            promise->finish();
        });
        return future;
    }
};

} // namespace core
