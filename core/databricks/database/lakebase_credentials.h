#pragma once

#include <chrono>
#include <memory>
#include <optional>

#include <QDateTime>
#include <QFuture>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include "common/result.h"
#include "databricks/database/database_credential.h"

namespace core {

class DatabaseClient;

// The Lakebase password of one database instance (or Autoscaling endpoint): holds the current
// credential, renews it when less than the renewal margin is left, and renews it ahead of time
// on a timer so a new PostgreSQL connection always logs in with a valid token. Lakebase checks
// the token only at login (reference §8): connections already open keep working, so a renewal
// never disturbs work in flight; `renewed` tells the backend to let the next task reconnect
// (PgExecutor::resetConnection).
//
// Lives on the network thread (that of its DatabaseClient), which must run an event loop.
// Everything except password() and passwordBlocking() is for that thread only. The token is a
// secret: never logged, never in an Error, signal or message.
class LakebaseCredentials final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LakebaseCredentials)

public:
    enum class Generation
    {
        Provisioned, // resource: a database instance name; POST /api/2.0/database/credentials
        Autoscaling, // resource: "projects/p/branches/b/endpoints/e"; POST /api/2.0/postgres/credentials
    };

    LakebaseCredentials(DatabaseClient* client, QString resource,
                        Generation generation = Generation::Provisioned, QObject* parent = nullptr);
    ~LakebaseCredentials() override;

    const QString& resource() const { return m_resource; }
    Generation generation() const { return m_generation; }

    // Renew when less than this is left (default 5 minutes). A credential is always used for at
    // least a quarter of its lifetime, so a margin longer than the lifetime cannot make it renew
    // without end.
    void setRenewalMargin(std::chrono::milliseconds margin);
    std::chrono::milliseconds renewalMargin() const { return m_margin; }
    // After a failed timer renewal, try again after this (default 30 s; sooner when the current
    // credential expires before).
    void setRetryInterval(std::chrono::milliseconds interval) { m_retryInterval = interval; }
    // Autoscaling only: the lifetime asked for (5 minutes to 1 hour, default 1 hour).
    void setRequestedLifetime(std::chrono::seconds ttl) { m_requestedLifetime = ttl; }

    // When the credential held expires; invalid when there is none yet.
    QDateTime expiresAt() const;
    // From when on the credential held is renewed (by the timer, or by the next password());
    // invalid when none is held.
    QDateTime renewsAt() const { return m_renewAt; }

    // Renews when there is no credential or less than the margin is left; answers the expiry
    // of the credential held afterwards, or why it could not be renewed.
    QFuture<Result<QDateTime>> renewIfNeeded();
    // Asks for a new credential now (joining a renewal already under way).
    QFuture<Result<QDateTime>> renew();

    // The current token, renewed first when needed. When renewing fails while the current token
    // is still valid for a few seconds, that token is answered (logins check it only then).
    // May be called from any thread: off the object's thread the work is queued to it.
    QFuture<Result<QString>> password();
    // The same, blocking: for the PostgreSQL worker thread (PgConnectionSettings::password).
    // Queues the request to the object's thread and waits up to `timeout` (a Timeout error then).
    // Called on the object's own thread it fails at once with an Internal error: waiting there
    // would block the very event loop that has to answer. The object must outlive every caller
    // (destroy the PgExecutor first).
    Result<QString> passwordBlocking(std::chrono::milliseconds timeout);

signals:
    // A new credential replaced the one held (timer or on demand; not emitted for the first
    // one). The previous one stays valid until it expires, so open connections are unaffected.
    void renewed(const QDateTime& expiresAt);
    // A renewal failed; the error's userMessage says what to do. The current credential, if
    // still valid, is kept and the timer tries again.
    void renewalFailed(const core::Error& error);

private:
    struct Waiter;

    QPointer<DatabaseClient> m_client;
    QString m_resource;
    Generation m_generation;
    std::chrono::milliseconds m_margin{std::chrono::minutes(5)};
    std::chrono::milliseconds m_retryInterval{std::chrono::seconds(30)};
    std::chrono::seconds m_requestedLifetime{std::chrono::hours(1)};
    std::optional<DatabaseCredential> m_current;
    QDateTime m_issuedAt;
    QDateTime m_renewAt;
    QTimer m_timer;
    bool m_renewing = false;
    QList<std::shared_ptr<Waiter>> m_waiters;

    QString subject() const;
    bool isFresh(const QDateTime& now) const;
    // The current credential, or a renewed one (falling back as password() describes).
    QFuture<Result<DatabaseCredential>> credential();
    QFuture<Result<DatabaseCredential>> queueRenewal();
    void startRenewal();
    void completeRenewal(Result<DatabaseCredential> result);
    void scheduleRenewal();
    Error renewalError(const Error& cause) const;
};

} // namespace core
