// The system keychain store (app/secrets): where no keychain exists — as on build machines and
// in containers — every call finishes promptly with the "sign in again next time" error
// instead of crashing or hanging; where one exists, secrets round-trip.
#include <gtest/gtest.h>

#include <QElapsedTimer>
#include <QTest>

#include "keychain_secret_store.h"

using secrets::KeychainSecretStore;
using namespace std::chrono_literals;

namespace {

// Sets environment variables for one test and restores them afterwards.
class ScopedEnv
{
public:
    void set(const char* name, const QByteArray& value)
    {
        remember(name);
        qputenv(name, value);
    }
    void unset(const char* name)
    {
        remember(name);
        qunsetenv(name);
    }
    ~ScopedEnv()
    {
        for (const auto& [name, value] : m_saved) {
            if (value.isNull())
                qunsetenv(name.constData());
            else
                qputenv(name.constData(), value);
        }
    }

private:
    void remember(const char* name)
    {
        for (const auto& saved : m_saved)
            if (saved.first == name)
                return;
        m_saved.append({QByteArray(name), qEnvironmentVariableIsSet(name) ? qgetenv(name) : QByteArray()});
    }
    QList<QPair<QByteArray, QByteArray>> m_saved;
};

template <typename T> T waitFor(QFuture<T> f, int ms)
{
    EXPECT_TRUE(QTest::qWaitFor([&f]() { return f.isFinished(); }, ms)) << "keychain call hung";
    return f.isFinished() ? f.result() : T(core::Error::internal(QStringLiteral("hung")));
}

void expectUnavailable(const core::Error& e)
{
    EXPECT_EQ(e.code, QStringLiteral("keychain_unavailable")) << e.toString().toStdString();
    EXPECT_TRUE(e.userMessage.contains(QStringLiteral("No system keychain is available")));
    EXPECT_TRUE(e.userMessage.contains(QStringLiteral("sign in again next time")));
    EXPECT_FALSE(e.remediation.isEmpty());
}

} // namespace

TEST(KeychainSecretStore, WithoutASessionBusEveryCallFailsAtOnceWithAClearMessage)
{
    ScopedEnv env;
    env.unset("DBUS_SESSION_BUS_ADDRESS");
    env.set("XDG_RUNTIME_DIR", "/nonexistent-runtime-dir");
    ASSERT_FALSE(KeychainSecretStore::keychainReachable());

    KeychainSecretStore store;
    auto read = store.readSecret(QStringLiteral("k"));
    auto write = store.writeSecret(QStringLiteral("k"), QStringLiteral("refresh-token-value"));
    auto remove = store.deleteSecret(QStringLiteral("k"));
    ASSERT_TRUE(read.isFinished() && write.isFinished() && remove.isFinished()) << "no waiting at all";
    expectUnavailable(read.result().error());
    expectUnavailable(write.result().error());
    expectUnavailable(remove.result().error());
    EXPECT_EQ(write.result().error().toString().indexOf(QStringLiteral("refresh-token-value")), -1);
}

TEST(KeychainSecretStore, ABrokenSessionBusFailsWithinTheTimeoutInsteadOfHanging)
{
    ScopedEnv env;
    env.set("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent-dir/dbus-session-socket");
    ASSERT_TRUE(KeychainSecretStore::keychainReachable());

    KeychainSecretStore store;
    store.setTimeout(3s);
    QElapsedTimer timer;
    timer.start();
    const auto write =
        waitFor(store.writeSecret(QStringLiteral("k"), QStringLiteral("refresh-token-value")), 8000);
    const auto read = waitFor(store.readSecret(QStringLiteral("k")), 8000);
    EXPECT_LT(timer.elapsed(), 8000);
    ASSERT_FALSE(write.ok());
    ASSERT_FALSE(read.ok());
    expectUnavailable(write.error());
    expectUnavailable(read.error());
}

TEST(KeychainSecretStore, RoundTripWhereAKeychainExists)
{
    if (!KeychainSecretStore::keychainReachable())
        GTEST_SKIP() << "no D-Bus session bus on this machine: covered by the tests above";
    KeychainSecretStore store(QStringLiteral("Segment Builder tests"));
    store.setTimeout(5s);
    const auto write =
        waitFor(store.writeSecret(QStringLiteral("round-trip"), QStringLiteral("s3cr3t")), 10000);
    if (!write.ok()) {
        expectUnavailable(write.error()); // a bus but no Secret Service provider
        return;
    }
    const auto read = waitFor(store.readSecret(QStringLiteral("round-trip")), 10000);
    ASSERT_TRUE(read.ok()) << read.error().toString().toStdString();
    EXPECT_EQ(read.value(), QStringLiteral("s3cr3t"));
    EXPECT_TRUE(waitFor(store.deleteSecret(QStringLiteral("round-trip")), 10000).ok());
    const auto gone = waitFor(store.readSecret(QStringLiteral("round-trip")), 10000);
    ASSERT_FALSE(gone.ok());
    EXPECT_EQ(gone.error().kind, core::ErrorKind::NotFound);
}
