#include "keychain_secret_store.h"

#include <memory>

#include <spdlog/spdlog.h>

#include <QFileInfo>
#include <QPromise>
#include <QTimer>
#include <qt6keychain/keychain.h>

#include "logging/logging.h"

namespace secrets {

namespace {

using core::Error;
using core::ErrorKind;

std::shared_ptr<spdlog::logger> keychainLog()
{
    return core::logging::logger("secrets");
}

// Completes a promise once: by the job or by the timeout, whichever comes first.
template <typename T> struct Completion
{
    std::shared_ptr<QPromise<T>> promise = std::make_shared<QPromise<T>>();
    std::shared_ptr<bool> done = std::make_shared<bool>(false);

    Completion() { promise->start(); }
    void operator()(T value) const
    {
        if (*done)
            return;
        *done = true;
        promise->addResult(std::move(value));
        promise->finish();
    }
};

Error jobError(QKeychain::Error code, const QString& text, const char* operation)
{
    const QString detail = QStringLiteral("keychain %1: %2 (QtKeychain error %3)")
                               .arg(QLatin1String(operation), core::logging::redact(text))
                               .arg(int(code));
    switch (code) {
    case QKeychain::EntryNotFound:
        return Error::notFound(QStringLiteral("No secret is stored."), detail);
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied: {
        Error e;
        e.kind = ErrorKind::Permission;
        e.code = QStringLiteral("keychain_access_denied");
        e.userMessage =
            QStringLiteral("Access to the system keychain was denied; you will need to sign in again "
                           "next time.");
        e.detail = detail;
        e.remediation = QStringLiteral("Allow Segment Builder to use the keychain (unlock it when asked).");
        return e;
    }
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return KeychainSecretStore::unavailableError(detail);
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
    case QKeychain::NoError:
        break;
    }
    // OtherError is what QtKeychain reports for D-Bus failures (no Secret Service provider, no bus).
    Error e = KeychainSecretStore::unavailableError(detail);
    e.code = code == QKeychain::CouldNotDeleteEntry ? QStringLiteral("keychain_error") : e.code;
    return e;
}

Error timeoutError(const char* operation, std::chrono::milliseconds timeout)
{
    Error e = KeychainSecretStore::unavailableError(QStringLiteral("keychain %1: no answer within %2 ms")
                                                        .arg(QLatin1String(operation))
                                                        .arg(timeout.count()));
    e.kind = ErrorKind::Timeout;
    return e;
}

// Starts `job` and completes `completion` from it, or with a timeout error.
template <typename T, typename Job, typename Map>
void run(Job* job, const Completion<T>& completion, std::chrono::milliseconds timeout, const char* operation,
         Map map)
{
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    QObject::connect(job, &QKeychain::Job::finished, job,
                     [completion, map](QKeychain::Job* j) { completion(map(j)); });
    auto* timer = new QTimer(job);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, job, [completion, operation, timeout]() {
        keychainLog()->warn("the system keychain did not answer ({}) within {} ms", operation,
                            timeout.count());
        completion(T(timeoutError(operation, timeout)));
    });
    timer->start(timeout);
    job->start();
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QString service, QObject* parent)
    : QObject(parent), m_service(std::move(service))
{
}

KeychainSecretStore::~KeychainSecretStore() = default;

Error KeychainSecretStore::unavailableError(const QString& detail)
{
    Error e;
    e.kind = ErrorKind::Storage;
    e.code = QStringLiteral("keychain_unavailable");
    e.userMessage =
        QStringLiteral("No system keychain is available; you will need to sign in again next time.");
    e.detail = detail;
    e.remediation =
        QStringLiteral("To stay signed in, run a Secret Service keyring (GNOME Keyring or KWallet) in "
                       "your desktop session.");
    return e;
}

bool KeychainSecretStore::keychainReachable()
{
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    if (!qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS").isEmpty())
        return true;
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    return !runtime.isEmpty() && QFileInfo::exists(runtime + QStringLiteral("/bus"));
#else
    return true;
#endif
}

QFuture<core::Result<QString>> KeychainSecretStore::readSecret(const QString& key)
{
    using R = core::Result<QString>;
    Completion<R> completion;
    if (!keychainReachable()) {
        completion(R(unavailableError(QStringLiteral("no D-Bus session bus"))));
        return completion.promise->future();
    }
    auto* job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setKey(key);
    run(job, completion, m_timeout, "read", [](QKeychain::Job* j) -> R {
        if (j->error() != QKeychain::NoError)
            return jobError(j->error(), j->errorString(), "read");
        return static_cast<QKeychain::ReadPasswordJob*>(j)->textData();
    });
    return completion.promise->future();
}

QFuture<core::Status> KeychainSecretStore::writeSecret(const QString& key, const QString& secret)
{
    Completion<core::Status> completion;
    if (!keychainReachable()) {
        completion(core::Status(unavailableError(QStringLiteral("no D-Bus session bus"))));
        return completion.promise->future();
    }
    auto* job = new QKeychain::WritePasswordJob(m_service, this);
    job->setKey(key);
    job->setTextData(secret);
    run(job, completion, m_timeout, "write", [](QKeychain::Job* j) -> core::Status {
        if (j->error() != QKeychain::NoError)
            return jobError(j->error(), j->errorString(), "write");
        return core::success();
    });
    return completion.promise->future();
}

QFuture<core::Status> KeychainSecretStore::deleteSecret(const QString& key)
{
    Completion<core::Status> completion;
    if (!keychainReachable()) {
        completion(core::Status(unavailableError(QStringLiteral("no D-Bus session bus"))));
        return completion.promise->future();
    }
    auto* job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setKey(key);
    run(job, completion, m_timeout, "delete", [](QKeychain::Job* j) -> core::Status {
        if (j->error() == QKeychain::NoError || j->error() == QKeychain::EntryNotFound)
            return core::success();
        return jobError(j->error(), j->errorString(), "delete");
    });
    return completion.promise->future();
}

} // namespace secrets
