#include "databricks/auth/memory_secret_store.h"

#include <QFuture>

namespace core {

QFuture<Result<QString>> MemorySecretStore::readSecret(const QString& key)
{
    if (m_failure)
        return QtFuture::makeReadyFuture(Result<QString>(*m_failure));
    const auto it = m_secrets.constFind(key);
    if (it == m_secrets.constEnd())
        return QtFuture::makeReadyFuture(
            Result<QString>(Error::notFound(QStringLiteral("No secret is stored."), key)));
    return QtFuture::makeReadyFuture(Result<QString>(it.value()));
}

QFuture<Status> MemorySecretStore::writeSecret(const QString& key, const QString& secret)
{
    if (m_failure)
        return QtFuture::makeReadyFuture(Status(*m_failure));
    m_secrets.insert(key, secret);
    ++m_writes;
    return QtFuture::makeReadyFuture(success());
}

QFuture<Status> MemorySecretStore::deleteSecret(const QString& key)
{
    if (m_failure)
        return QtFuture::makeReadyFuture(Status(*m_failure));
    m_secrets.remove(key);
    return QtFuture::makeReadyFuture(success());
}

} // namespace core
