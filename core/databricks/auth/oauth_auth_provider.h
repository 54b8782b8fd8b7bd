#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

#include <QDateTime>
#include <QList>
#include <QPromise>

#include "databricks/auth/auth_provider.h"
#include "databricks/auth/oauth_token.h"

namespace core {

// The caching and single-flight part shared by the OAuth providers (an abstract base, hence
// not final). Holds the current access token; authorization() answers from it until
// `now >= expiry − lead`, where lead = 5 min (capped at half the token's lifetime, so a very
// short-lived token is not refreshed on every call). Otherwise exactly one fetchToken() runs;
// every authorization() arriving meanwhile waits for it and gets the same result.
class OAuthAuthProvider : public AuthProvider
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OAuthAuthProvider)

public:
    ~OAuthAuthProvider() override;

    QFuture<Result<QString>> authorization() override;
    void invalidate(const QString& rejectedAuthorization = {}) override;
    bool canRefresh() const override { return true; }

    // For tests: the clock deciding expiry (default: QDateTime::currentDateTimeUtc).
    void setClock(std::function<QDateTime()> clock);
    // How many token fetches were started (diagnostics and tests).
    int fetchCount() const { return m_fetchCount; }
    bool isRefreshing() const { return m_refreshing; }
    // Expiry of the held token, invalid when none is held.
    QDateTime tokenExpiry() const;

    static constexpr std::chrono::seconds kRefreshLead{300};

protected:
    explicit OAuthAuthProvider(QObject* parent);

    using FetchCallback = std::function<void(Result<OAuthToken>)>;
    // Obtain a new token; call `done` exactly once (may be synchronous). Runs at most once at a time.
    virtual void fetchToken(FetchCallback done) = 0;

    QDateTime now() const;
    const std::function<QDateTime()>& clock() const { return m_clock; }
    // Drops the held access token (e.g. on sign-out).
    void dropToken() { m_token.reset(); }

private:
    void finishFetch(Result<OAuthToken> result);
    bool tokenUsable() const;

    std::function<QDateTime()> m_clock;
    std::optional<OAuthToken> m_token;
    bool m_refreshing = false;
    int m_fetchCount = 0;
    QList<std::shared_ptr<QPromise<Result<QString>>>> m_waiters;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

} // namespace core
