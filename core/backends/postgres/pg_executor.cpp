#include "backends/postgres/pg_executor.h"

#include "backends/postgres/pg_session.h"
#include "logging/logging.h"

#include <spdlog/spdlog.h>

namespace core {

PgExecutor::PgExecutor(PgConnectionSettings settings) : m_settings(std::move(settings))
{
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1); // the one thread lives as long as the executor: it owns the connection
}

PgExecutor::~PgExecutor()
{
    m_pool.start([this] { m_session.reset(); });
    m_pool.waitForDone();
}

QString PgExecutor::printableConnInfo() const { return PgSession::printableConnInfo(m_settings.conninfo); }

void PgExecutor::resetConnection()
{
    m_pool.start([this] {
        if (m_session)
            logging::logger("core.pg")->info("closing the connection to {} on request",
                                             m_session->printableConnInfo().toStdString());
        m_session.reset();
    });
}

Result<SqlSession*> PgExecutor::session()
{
    if (m_session && m_session->isConnected())
        return static_cast<SqlSession*>(m_session.get());
    if (m_session) {
        logging::logger("core.pg")->info("connection to {} was closed by the server; reconnecting",
                                         m_session->printableConnInfo().toStdString());
        m_session.reset();
    }
    auto opened = PgSession::open(m_settings, QStringLiteral("connect to the PostgreSQL database"));
    if (!opened)
        return opened.error();
    m_session = std::move(opened).value();
    return static_cast<SqlSession*>(m_session.get());
}

void PgExecutor::afterTask()
{
    if (m_session && m_session->inTransaction()) {
        logging::logger("core.pg")->warn("a task left a transaction open on {}; rolling it back",
                                         m_session->printableConnInfo().toStdString());
        m_session->rollback();
    }
}

} // namespace core
