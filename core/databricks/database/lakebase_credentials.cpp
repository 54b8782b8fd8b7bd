#include "databricks/database/lakebase_credentials.h"

#include <algorithm>
#include <condition_variable>
#include <limits>
#include <mutex>

#include <spdlog/spdlog.h>

#include <QMetaObject>
#include <QPromise>
#include <QThread>

#include "databricks/database/database_client.h"
#include "logging/logging.h"

namespace core {

namespace {

// A token with less than this left is not handed out when renewing it failed.
constexpr qint64 kStillUsableMs = 5000;
constexpr qint64 kMinimumRetryMs = 250;

auto log()
{
    return logging::logger("core.lakebase");
}

Error cancelled()
{
    return Error{ErrorKind::Cancelled,
                 0,
                 QStringLiteral("cancelled"),
                 QStringLiteral("Cancelled: get a Lakebase password."),
                 QStringLiteral("the Lakebase credentials were destroyed before the password arrived"),
                 {}};
}

// A promise that finishes exactly once; Cancelled when dropped unfinished (the object, or the
// queued call carrying it, was destroyed). It may be finished and dropped on different threads:
// QPromise is thread-safe, and `done` is only touched by whoever holds the last reference.
template <typename T> struct Once
{
    QPromise<Result<T>> promise;
    bool done = false;

    Once() { promise.start(); }
    ~Once()
    {
        if (!done)
            finish(cancelled());
    }
    Once(const Once&) = delete;
    Once& operator=(const Once&) = delete;
    void finish(Result<T> result)
    {
        if (done)
            return;
        done = true;
        promise.addResult(std::move(result));
        promise.finish();
    }
};

// What passwordBlocking waits for.
struct Blocking
{
    std::mutex mutex;
    std::condition_variable changed;
    std::optional<Result<QString>> result;

    void set(Result<QString> r)
    {
        {
            std::lock_guard lock(mutex);
            if (result)
                return;
            result = std::move(r);
        }
        changed.notify_all();
    }
};

QString isoUtc(const QDateTime& t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace

struct LakebaseCredentials::Waiter : Once<DatabaseCredential>
{
};

LakebaseCredentials::LakebaseCredentials(DatabaseClient* client, QString resource, Generation generation,
                                         QObject* parent)
    : QObject(parent), m_client(client), m_resource(std::move(resource)), m_generation(generation),
      m_timer(this)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        log()->info("renewing the Lakebase password for {} ahead of its expiry at {}",
                    subject().toStdString(),
                    m_current ? isoUtc(m_current->expiresAt).toStdString() : std::string("(none)"));
        startRenewal();
    });
}

LakebaseCredentials::~LakebaseCredentials()
{
    m_timer.stop();
    m_waiters.clear(); // each finishes as Cancelled
}

QString LakebaseCredentials::subject() const
{
    return m_generation == Generation::Provisioned ? QStringLiteral("database instance “%1”").arg(m_resource)
                                                   : QStringLiteral("endpoint “%1”").arg(m_resource);
}

void LakebaseCredentials::setRenewalMargin(std::chrono::milliseconds margin)
{
    m_margin = std::max(std::chrono::milliseconds(0), margin);
    if (m_current)
        scheduleRenewal();
}

QDateTime LakebaseCredentials::expiresAt() const
{
    return m_current ? m_current->expiresAt : QDateTime();
}

bool LakebaseCredentials::isFresh(const QDateTime& now) const
{
    return m_current && m_renewAt.isValid() && now < m_renewAt;
}

QFuture<Result<QDateTime>> LakebaseCredentials::renewIfNeeded()
{
    if (isFresh(QDateTime::currentDateTimeUtc()))
        return QtFuture::makeReadyFuture(Result<QDateTime>(m_current->expiresAt));
    return renew();
}

QFuture<Result<QDateTime>> LakebaseCredentials::renew()
{
    return queueRenewal().then(QtFuture::Launch::Sync, [](Result<DatabaseCredential> r) -> Result<QDateTime> {
        if (!r)
            return r.error();
        return r.value().expiresAt;
    });
}

QFuture<Result<QString>> LakebaseCredentials::password()
{
    if (QThread::currentThread() != thread()) {
        auto reply = std::make_shared<Once<QString>>();
        auto future = reply->promise.future();
        // If the object is gone before the call runs, the event and its lambda are dropped and
        // `reply` finishes as Cancelled.
        QMetaObject::invokeMethod(
            this,
            [this, reply]() mutable {
                credential().then(QtFuture::Launch::Sync, [reply](Result<DatabaseCredential> r) {
                    reply->finish(r ? Result<QString>(r.value().token) : Result<QString>(r.error()));
                });
            },
            Qt::QueuedConnection);
        return future;
    }
    return credential().then(QtFuture::Launch::Sync, [](Result<DatabaseCredential> r) -> Result<QString> {
        if (!r)
            return r.error();
        return r.value().token;
    });
}

Result<QString> LakebaseCredentials::passwordBlocking(std::chrono::milliseconds timeout)
{
    if (QThread::currentThread() == thread()) {
        Error e = Error::internal(QStringLiteral("LakebaseCredentials::passwordBlocking was called on the "
                                                 "thread that owns the credentials; it would "
                                                 "wait for its own event loop. Call password() there, or "
                                                 "passwordBlocking() from a worker thread."));
        e.code = QStringLiteral("lakebase_blocking_on_owner_thread");
        log()->error("{}", e.detail.toStdString());
        return e;
    }
    auto state = std::make_shared<Blocking>();
    password()
        .then(QtFuture::Launch::Sync, [state](Result<QString> r) { state->set(std::move(r)); })
        .onCanceled([state] { state->set(cancelled()); });
    std::unique_lock lock(state->mutex);
    if (!state->changed.wait_for(lock, timeout, [&] { return state->result.has_value(); })) {
        Error e;
        e.kind = ErrorKind::Timeout;
        e.code = QStringLiteral("lakebase_password_timeout");
        e.userMessage = QStringLiteral("No Lakebase password arrived within %1 s for the %2.")
                            .arg(double(timeout.count()) / 1000.0)
                            .arg(subject());
        e.detail = QStringLiteral("passwordBlocking timed out after %1 ms").arg(timeout.count());
        e.remediation = QStringLiteral("Check the network connection to Databricks and try again.");
        return e;
    }
    return std::move(*state->result);
}

QFuture<Result<DatabaseCredential>> LakebaseCredentials::credential()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (isFresh(now))
        return QtFuture::makeReadyFuture(Result<DatabaseCredential>(*m_current));
    std::optional<DatabaseCredential> fallback = m_current;
    const QString what = subject();
    return queueRenewal().then(
        QtFuture::Launch::Sync, [fallback, what](Result<DatabaseCredential> r) -> Result<DatabaseCredential> {
            if (r || !fallback)
                return r;
            const QDateTime at = QDateTime::currentDateTimeUtc();
            if (at.msecsTo(fallback->expiresAt) < kStillUsableMs)
                return r;
            log()->warn("renewing the Lakebase password for {} failed; the current one is "
                        "used until it expires at {}",
                        what.toStdString(), isoUtc(fallback->expiresAt).toStdString());
            return *fallback;
        });
}

QFuture<Result<DatabaseCredential>> LakebaseCredentials::queueRenewal()
{
    auto waiter = std::make_shared<Waiter>();
    auto future = waiter->promise.future();
    m_waiters.append(waiter);
    startRenewal();
    return future;
}

void LakebaseCredentials::startRenewal()
{
    if (m_renewing)
        return;
    m_renewing = true;
    m_timer.stop();
    if (!m_client) {
        Error e = Error::internal(
            QStringLiteral("LakebaseCredentials used after its DatabaseClient was destroyed"));
        e.kind = ErrorKind::Cancelled;
        completeRenewal(e);
        return;
    }
    QFuture<Result<DatabaseCredential>> request =
        m_generation == Generation::Provisioned
            ? m_client->generateCredential({m_resource})
            : m_client->generateEndpointCredential(m_resource, m_requestedLifetime);
    request.then(this, [this](Result<DatabaseCredential> r) { completeRenewal(std::move(r)); })
        .onCanceled(this, [this] { completeRenewal(cancelled()); });
}

void LakebaseCredentials::completeRenewal(Result<DatabaseCredential> result)
{
    if (!m_renewing)
        return;
    m_renewing = false;
    const auto waiters = std::exchange(m_waiters, {});
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (result && now.msecsTo(result.value().expiresAt) <= 0) {
        Error e;
        e.kind = ErrorKind::Auth;
        e.code = QStringLiteral("lakebase_credential_expired");
        e.userMessage =
            QStringLiteral("The Lakebase password Databricks issued for the %1 has already expired by "
                           "this computer's clock.")
                .arg(subject());
        e.detail = QStringLiteral("expiration_time %1, local time %2")
                       .arg(isoUtc(result.value().expiresAt), isoUtc(now));
        e.remediation = QStringLiteral("Check the date, time and time zone of this computer.");
        result = e;
    }
    if (result) {
        const bool replaced = m_current.has_value();
        m_current = result.value();
        m_issuedAt = now;
        scheduleRenewal();
        log()->info("Lakebase password for {} renewed: valid until {}, next renewal at {}",
                    subject().toStdString(), isoUtc(m_current->expiresAt).toStdString(),
                    isoUtc(m_renewAt).toStdString());
        if (replaced) // the first credential changes nothing for connections not yet made
            emit renewed(m_current->expiresAt);
        for (const auto& w : waiters)
            w->finish(*m_current);
        return;
    }

    const Error e =
        result.error().kind == ErrorKind::Cancelled ? result.error() : renewalError(result.error());
    log()->warn("could not renew the Lakebase password for {}: {}", subject().toStdString(),
                e.toString().toStdString());
    if (m_current && now < m_current->expiresAt) {
        // Keep the credential still valid (password() falls back to it) and try again before it
        // runs out; m_renewAt stays passed, so password() also asks again meanwhile.
        const qint64 left = now.msecsTo(m_current->expiresAt);
        const qint64 delay = std::max(kMinimumRetryMs, std::min<qint64>(m_retryInterval.count(), left / 2));
        if (delay < left)
            m_timer.start(std::chrono::milliseconds(delay));
    } else {
        m_current.reset();
        m_renewAt = QDateTime();
    }
    if (e.kind != ErrorKind::Cancelled)
        emit renewalFailed(e);
    for (const auto& w : waiters)
        w->finish(e);
}

void LakebaseCredentials::scheduleRenewal()
{
    if (!m_current)
        return;
    const qint64 lifetime = std::max<qint64>(0, m_issuedAt.msecsTo(m_current->expiresAt));
    const qint64 after = std::max<qint64>(lifetime - m_margin.count(), lifetime / 4);
    m_renewAt = m_issuedAt.addMSecs(after);
    const qint64 delay = std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(m_renewAt));
    if (!m_renewing)
        m_timer.start(std::chrono::milliseconds(std::min<qint64>(delay, std::numeric_limits<int>::max())));
}

Error LakebaseCredentials::renewalError(const Error& cause) const
{
    if (cause.kind != ErrorKind::Auth && cause.kind != ErrorKind::Permission)
        return cause;
    Error e;
    e.kind = ErrorKind::Auth;
    e.httpStatus = cause.httpStatus;
    e.code = QStringLiteral("lakebase_credential_refused");
    if (cause.kind == ErrorKind::Auth) {
        e.userMessage = QStringLiteral("Databricks refused a new Lakebase password for the %1: sign in to "
                                       "Databricks again.")
                            .arg(subject());
        e.remediation =
            QStringLiteral("Sign in again (your Databricks sign-in expired or was revoked); if it "
                           "persists, check your permission on the %1.")
                .arg(subject());
    } else {
        e.userMessage = QStringLiteral("Databricks refused a new Lakebase password for the %1: check your "
                                       "permission on the instance.")
                            .arg(subject());
        e.remediation = QStringLiteral("Ask the owner of the %1 or a workspace admin for the CAN USE "
                                       "permission, or sign in again as an identity that has it.")
                            .arg(subject());
    }
    e.detail = cause.code.isEmpty() ? cause.detail : QStringLiteral("%1: %2").arg(cause.code, cause.detail);
    return e;
}

} // namespace core
