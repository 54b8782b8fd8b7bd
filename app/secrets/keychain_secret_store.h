#pragma once

#include <chrono>

#include <QObject>
#include <QString>

#include "databricks/auth/secret_store.h"

namespace secrets {

// core::SecretStore over the system keychain through QtKeychain (Secret Service or KWallet on
// Linux, Keychain on macOS, Credential Manager on Windows). The plaintext fallback of QtKeychain
// is never enabled.
//
// Where no keychain service exists (no D-Bus session bus, no Secret Service provider, a locked
// or refusing keyring) every call finishes with an Error — code "keychain_unavailable",
// "No system keychain is available; you will need to sign in again next time." — and never
// hangs: calls that get no answer within the timeout (default 10 s) finish with that error too.
// On Linux, when there is obviously no session bus (DBUS_SESSION_BUS_ADDRESS unset and no
// $XDG_RUNTIME_DIR/bus), QtKeychain is not even asked, so no D-Bus autolaunch is attempted.
class KeychainSecretStore final : public QObject, public core::SecretStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeychainSecretStore)

public:
    // service: the keychain's service name the entries are filed under.
    explicit KeychainSecretStore(QString service = QStringLiteral("Segment Builder"),
                                 QObject* parent = nullptr);
    ~KeychainSecretStore() override;

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    QFuture<core::Result<QString>> readSecret(const QString& key) override;
    QFuture<core::Status> writeSecret(const QString& key, const QString& secret) override;
    QFuture<core::Status> deleteSecret(const QString& key) override;

    // False when it is clear up front that no keychain can answer (see above).
    static bool keychainReachable();
    static core::Error unavailableError(const QString& detail);

private:
    QString m_service;
    std::chrono::milliseconds m_timeout{10000};
};

} // namespace secrets
