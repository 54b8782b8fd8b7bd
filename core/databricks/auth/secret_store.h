#pragma once

#include <QFuture>
#include <QString>

#include "common/result.h"

namespace core {

// Where secrets that must survive a restart live (the refresh token of the browser sign-in):
// the system keychain in the app (app/secrets: KeychainSecretStore), memory in tests
// (MemorySecretStore). Never settings files, never logs.
//
// Every call returns at once and finishes exactly once, on the caller's thread.
// Where no keychain exists the calls finish with an Error (code "keychain_unavailable") rather
// than hanging; callers carry on without persisting.
class SecretStore
{
public:
    virtual ~SecretStore() = default;

    // The secret, or an Error of kind NotFound when nothing is stored under the key.
    virtual QFuture<Result<QString>> readSecret(const QString& key) = 0;
    // Stores or replaces.
    virtual QFuture<Status> writeSecret(const QString& key, const QString& secret) = 0;
    // Removes; removing a key that is not there succeeds.
    virtual QFuture<Status> deleteSecret(const QString& key) = 0;
};

} // namespace core
