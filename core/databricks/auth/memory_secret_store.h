#pragma once

#include <optional>

#include <QHash>
#include <QStringList>

#include "databricks/auth/secret_store.h"

namespace core {

// A SecretStore in memory: for tests, and for runs that must not touch the keychain.
// setFailure() makes every call fail with that error (e.g. to simulate a missing keychain).
class MemorySecretStore final : public SecretStore
{
public:
    MemorySecretStore() = default;

    QFuture<Result<QString>> readSecret(const QString& key) override;
    QFuture<Status> writeSecret(const QString& key, const QString& secret) override;
    QFuture<Status> deleteSecret(const QString& key) override;

    void setFailure(std::optional<Error> failure) { m_failure = std::move(failure); }
    bool contains(const QString& key) const { return m_secrets.contains(key); }
    QString value(const QString& key) const { return m_secrets.value(key); }
    QStringList keys() const { return m_secrets.keys(); }
    int writeCount() const { return m_writes; }

private:
    QHash<QString, QString> m_secrets;
    std::optional<Error> m_failure;
    int m_writes = 0;
};

} // namespace core
