#include "databricks/auth/pat_auth.h"

#include <spdlog/spdlog.h>

#include <QFuture>

#include "databricks/config/databricks_config.h"
#include "logging/logging.h"

namespace core {

PatAuth::PatAuth(QString token, QObject* parent) : AuthProvider(parent), m_token(std::move(token).trimmed())
{
}

QFuture<Result<QString>> PatAuth::authorization()
{
    if (m_token.isEmpty()) {
        Error e;
        e.kind = ErrorKind::Auth;
        e.code = QStringLiteral("no_token");
        e.userMessage = QStringLiteral("No personal access token is configured.");
        e.remediation = QStringLiteral("Add token = dapi… to the profile, or set DATABRICKS_TOKEN.");
        return QtFuture::makeReadyFuture(Result<QString>(e));
    }
    // A rejected PAT is still what we have: the request layer reports the server's answer.
    return QtFuture::makeReadyFuture(Result<QString>(QStringLiteral("Bearer ") + m_token));
}

void PatAuth::invalidate(const QString&)
{
    if (!m_rejected)
        logging::logger("core.auth")->warn("the personal access token was rejected; it cannot be refreshed");
    m_rejected = true;
}

QString PatAuth::authType() const
{
    return auth_type::pat();
}

QString PatAuth::describe() const
{
    return m_rejected ? QStringLiteral("Personal access token (rejected by the server)")
                      : QStringLiteral("Personal access token");
}

} // namespace core
