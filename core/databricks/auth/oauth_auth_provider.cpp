#include "databricks/auth/oauth_auth_provider.h"

#include <algorithm>

#include <spdlog/spdlog.h>

#include <QFuture>

#include "logging/logging.h"

namespace core {

OAuthAuthProvider::OAuthAuthProvider(QObject* parent) : AuthProvider(parent) {}

OAuthAuthProvider::~OAuthAuthProvider()
{
    *m_alive = false;
    const auto waiters = std::exchange(m_waiters, {});
    for (const auto& promise : waiters) {
        Error e;
        e.kind = ErrorKind::Cancelled;
        e.code = QStringLiteral("auth_cancelled");
        e.userMessage = QStringLiteral("Signing in was cancelled.");
        e.detail =
            QStringLiteral("the authentication provider was destroyed while a token request was pending");
        promise->addResult(Result<QString>(e));
        promise->finish();
    }
}

void OAuthAuthProvider::setClock(std::function<QDateTime()> clock)
{
    m_clock = std::move(clock);
}

QDateTime OAuthAuthProvider::now() const
{
    return m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
}

QDateTime OAuthAuthProvider::tokenExpiry() const
{
    return m_token ? m_token->expiry : QDateTime();
}

bool OAuthAuthProvider::tokenUsable() const
{
    if (!m_token)
        return false;
    const qint64 lifetime = std::max<qint64>(0, m_token->lifetimeSeconds());
    const qint64 lead = std::min<qint64>(kRefreshLead.count(), lifetime / 2);
    return now() < m_token->expiry.addSecs(-lead);
}

QFuture<Result<QString>> OAuthAuthProvider::authorization()
{
    if (!m_refreshing && tokenUsable())
        return QtFuture::makeReadyFuture(Result<QString>(m_token->authorizationHeader()));

    auto promise = std::make_shared<QPromise<Result<QString>>>();
    promise->start();
    QFuture<Result<QString>> future = promise->future();
    m_waiters.append(promise);
    if (!m_refreshing) {
        m_refreshing = true;
        ++m_fetchCount;
        logging::logger("core.auth")
            ->debug("{}: obtaining an access token ({} waiting)", authType().toStdString(), m_waiters.size());
        std::weak_ptr<bool> alive = m_alive;
        fetchToken([this, alive](Result<OAuthToken> result) {
            if (const auto a = alive.lock(); a && *a)
                finishFetch(std::move(result));
        });
    }
    return future;
}

void OAuthAuthProvider::finishFetch(Result<OAuthToken> result)
{
    m_refreshing = false;
    Result<QString> header;
    if (result) {
        m_token = result.value();
        header = m_token->authorizationHeader();
    } else {
        m_token.reset();
        header = result.error();
    }
    const auto waiters = std::exchange(m_waiters, {});
    for (const auto& promise : waiters) {
        promise->addResult(header);
        promise->finish();
    }
}

void OAuthAuthProvider::invalidate(const QString& rejectedAuthorization)
{
    if (!m_token)
        return;
    if (!rejectedAuthorization.isEmpty() && rejectedAuthorization != m_token->authorizationHeader())
        return; // already moved on to a newer token
    logging::logger("core.auth")
        ->info("{}: the access token was rejected; a new one will be obtained", authType().toStdString());
    m_token.reset();
}

} // namespace core
