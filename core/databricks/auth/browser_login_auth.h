#pragma once

#include <chrono>
#include <functional>
#include <optional>

#include <QPointer>
#include <QUrl>

#include "databricks/auth/oauth_auth_provider.h"
#include "databricks/auth/oauth_token_client.h"

class QNetworkAccessManager;
class QTimer;

namespace core {

class LoopbackRedirectListener;
class SecretStore;
struct Pkce;

struct BrowserLoginOptions
{
    QString clientId = QStringLiteral(
        "databricks-cli"); // public client of the Databricks CLI/SDKs, or a custom app connection
    QString clientSecret;  // only for confidential custom app connections
    QString scopes = QStringLiteral("all-apis offline_access");
    quint16 firstPort = 8020; // loopback redirect ports tried in order (as the Go SDK does)
    quint16 lastPort = 8040;
    QString redirectHost = QStringLiteral("localhost"); // redirect_uri = http://<redirectHost>:<port>
    std::chrono::milliseconds requestTimeout{30000};
    std::chrono::milliseconds loginTimeout{std::chrono::minutes(5)}; // waiting for the browser
    QString secretKey; // SecretStore key of the refresh token; empty: refreshTokenKey(host, clientId)
};

// OAuth user-to-machine sign-in with PKCE S256 (databricks-api.md §2.3):
//  1. a refresh token held in memory or stored in the SecretStore is tried first
//     (grant_type=refresh_token); a rejected one is deleted;
//  2. otherwise the browser sign-in: a LoopbackRedirectListener on 127.0.0.1:8020…8040, the
//     authorize URL (state, code_challenge) handed to the injected openBrowser (the GUI passes
//     QDesktopServices::openUrl; tests follow it with QNetworkAccessManager), the redirect's
//     state checked, the code exchanged with the verifier (grant_type=authorization_code).
// The refresh token goes to the SecretStore only — never to settings or logs. When the store
// fails (no keychain) the sign-in still succeeds for this run; persistenceFailed() and
// lastPersistenceError() tell the user they will have to sign in again next time.
class BrowserLoginAuth final : public OAuthAuthProvider
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BrowserLoginAuth)

public:
    using OpenBrowser = std::function<void(const QUrl&)>;

    // host: normalised workspace URL. network: not owned. secrets: not owned, may be null
    // (nothing persisted). openBrowser: may be empty (then a browser sign-in fails with a remediation).
    BrowserLoginAuth(const QString& host, BrowserLoginOptions options, QNetworkAccessManager* network,
                     SecretStore* secrets, OpenBrowser openBrowser, QObject* parent = nullptr);
    ~BrowserLoginAuth() override;

    // Starts a browser sign-in now, even if a refresh token is held. Finishes when signed in.
    QFuture<Status> signIn();
    // Ends a browser sign-in that is waiting for the redirect; its requests fail with Cancelled.
    void cancelSignIn();
    // Forgets the tokens and deletes the stored refresh token.
    QFuture<Status> signOut();

    bool isWaitingForBrowser() const;
    bool hasRefreshToken() const { return !m_refreshToken.isEmpty(); }
    // The redirect port of the sign-in in progress (0 when none).
    quint16 redirectPort() const;
    std::optional<Error> lastPersistenceError() const { return m_persistenceError; }

    static QString refreshTokenKey(const QString& host, const QString& clientId);

    QString authType() const override;
    QString describe() const override;

signals:
    // The refresh token could not be stored (e.g. no system keychain): the user will have to
    // sign in again after a restart. The error's userMessage says so.
    void persistenceFailed(const core::Error& error);

protected:
    void fetchToken(FetchCallback done) override;

private:
    void refreshWith(FetchCallback done);
    void startBrowserSignIn(FetchCallback done);
    void exchangeCode(const QString& code, const QString& verifier, const QString& redirectUri);
    void completeBrowserSignIn(Result<OAuthToken> result);
    void storeRefreshToken(const QString& refreshToken);
    void forgetStoredRefreshToken();
    void noteStoreFailure(const Error& error);

    QString m_host;
    BrowserLoginOptions m_options;
    OAuthTokenClient m_client;
    SecretStore* m_secrets;
    OpenBrowser m_openBrowser;
    QString m_secretKey;
    QString m_refreshToken;
    bool m_storedTokenLoaded = false;
    bool m_forceBrowser = false;
    QPointer<LoopbackRedirectListener> m_listener;
    QTimer* m_loginTimer = nullptr;
    FetchCallback m_browserDone;
    std::optional<Error> m_persistenceError;
};

} // namespace core
