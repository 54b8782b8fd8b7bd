#pragma once

#include "backends/postgres/pg_connection_settings.h"
#include "backends/session_executor.h"
#include "backends/sql_session.h"
#include "common/result.h"

#include <QFuture>
#include <QPromise>
#include <QThreadPool>

#include <functional>
#include <memory>

namespace core {

class PgSession;

// Runs database work for one PostgreSQL database on a single dedicated worker thread that owns
// the connection (like SqliteExecutor), so callers never wait on the network and tasks run one
// after another in submission order. Tasks return Result<T>; a connection failure becomes that
// task's Error (Network, or Auth for rejected credentials), the conninfo shown without password.
//
// Connecting is lazy, on the worker, before the first task. Before every task the connection is
// checked (PgSession::isConnected reads what the server sent while idle): one the server closed
// meanwhile (restart, pg_terminate_backend, idle timeout) is replaced transparently, asking
// settings.password again, so a renewed token is used. A connection lost while a task runs fails
// that task with a Network error and is never retried here (the statement may have run); the
// next task reconnects. A task that leaves a transaction open has it rolled back.
class PgExecutor final : public SessionExecutor
{
public:
    explicit PgExecutor(PgConnectionSettings settings);
    ~PgExecutor() override; // finishes queued tasks, then closes the connection on its thread
    PgExecutor(const PgExecutor&) = delete;
    PgExecutor& operator=(const PgExecutor&) = delete;

    // The conninfo without password, for messages.
    QString printableConnInfo() const;

    template <typename T> QFuture<Result<T>> submit(std::function<Result<T>(SqlSession&)> task)
    {
        return run<T>(std::move(task));
    }

    // SessionExecutor: the task gets the connection's PgSession (or why it could not connect).
    void post(std::function<void(Result<SqlSession*>)> task) override
    {
        m_pool.start([this, task = std::move(task)]() {
            task(session());
            afterTask();
        });
    }

    // Queued behind the tasks already submitted: closes the connection so the next task
    // connects again (asking for the password again), e.g. after a credential was renewed.
    void resetConnection();

private:
    PgConnectionSettings m_settings;
    std::unique_ptr<PgSession> m_session; // used on the worker thread only
    QThreadPool m_pool;

    Result<SqlSession*> session();
    void afterTask();
};

} // namespace core
