#include "databricks/auth/browser_login_auth.h"

#include <algorithm>

#include <spdlog/spdlog.h>

#include <QFuture>
#include <QTimer>
#include <QUrlQuery>

#include "databricks/auth/loopback_redirect_listener.h"
#include "databricks/auth/pkce.h"
#include "databricks/auth/secret_store.h"
#include "databricks/config/databricks_config.h"
#include "logging/logging.h"

namespace core {

namespace {

std::shared_ptr<spdlog::logger> authLog()
{
    return logging::logger("core.auth");
}

Error browserError(ErrorKind kind, QString code, QString message, QString detail, QString remediation)
{
    Error e;
    e.kind = kind;
    e.code = std::move(code);
    e.userMessage = std::move(message);
    e.detail = std::move(detail);
    e.remediation = std::move(remediation);
    return e;
}

} // namespace

BrowserLoginAuth::BrowserLoginAuth(const QString& host, BrowserLoginOptions options,
                                   QNetworkAccessManager* network, SecretStore* secrets,
                                   OpenBrowser openBrowser, QObject* parent)
    : OAuthAuthProvider(parent), m_host(host), m_options(std::move(options)),
      m_client(network, QUrl(host + QStringLiteral("/oidc/v1/token"))), m_secrets(secrets),
      m_openBrowser(std::move(openBrowser))
{
    if (m_options.clientId.isEmpty())
        m_options.clientId = QStringLiteral("databricks-cli");
    m_secretKey =
        m_options.secretKey.isEmpty() ? refreshTokenKey(m_host, m_options.clientId) : m_options.secretKey;
    m_client.setTimeout(m_options.requestTimeout);
    m_loginTimer = new QTimer(this);
    m_loginTimer->setSingleShot(true);
    connect(m_loginTimer, &QTimer::timeout, this, [this]() {
        if (m_listener)
            m_listener->close();
        const qint64 seconds =
            std::chrono::duration_cast<std::chrono::seconds>(m_options.loginTimeout).count();
        const QString limit = seconds >= 120 ? QStringLiteral("%1 minutes").arg(seconds / 60)
                                             : QStringLiteral("%1 seconds").arg(std::max<qint64>(seconds, 1));
        completeBrowserSignIn(browserError(
            ErrorKind::Timeout, QStringLiteral("browser_sign_in_timeout"),
            QStringLiteral("The browser sign-in was not completed in time."),
            QStringLiteral("no redirect within %1 ms").arg(m_options.loginTimeout.count()),
            QStringLiteral("Start the sign-in again and finish it in the browser within %1.").arg(limit)));
    });
}

BrowserLoginAuth::~BrowserLoginAuth()
{
    if (m_listener)
        m_listener->close();
}

QString BrowserLoginAuth::refreshTokenKey(const QString& host, const QString& clientId)
{
    return QStringLiteral("databricks-oauth-refresh-token %1 %2").arg(host, clientId);
}

QString BrowserLoginAuth::authType() const
{
    return auth_type::externalBrowser();
}

QString BrowserLoginAuth::describe() const
{
    QString state = QStringLiteral("not signed in");
    if (isWaitingForBrowser())
        state = QStringLiteral("waiting for the browser");
    else if (tokenExpiry().isValid())
        state = QStringLiteral("signed in");
    else if (hasRefreshToken())
        state = QStringLiteral("saved sign-in");
    return QStringLiteral("Browser sign-in (OAuth U2M, client %1): %2").arg(m_options.clientId, state);
}

bool BrowserLoginAuth::isWaitingForBrowser() const
{
    return static_cast<bool>(m_browserDone);
}

quint16 BrowserLoginAuth::redirectPort() const
{
    return m_listener && isWaitingForBrowser() ? m_listener->port() : 0;
}

QFuture<Status> BrowserLoginAuth::signIn()
{
    m_forceBrowser = true;
    dropToken();
    return authorization().then(this, [](Result<QString> r) { return r ? success() : Status(r.error()); });
}

void BrowserLoginAuth::cancelSignIn()
{
    if (!isWaitingForBrowser())
        return;
    if (m_listener)
        m_listener->close();
    completeBrowserSignIn(browserError(ErrorKind::Cancelled, QStringLiteral("browser_sign_in_cancelled"),
                                       QStringLiteral("The browser sign-in was cancelled."),
                                       QStringLiteral("cancelled while waiting for the redirect"), {}));
}

QFuture<Status> BrowserLoginAuth::signOut()
{
    cancelSignIn();
    dropToken();
    m_refreshToken.clear();
    m_storedTokenLoaded = true; // do not bring the deleted one back
    authLog()->info("signed out of {}", m_host.toStdString());
    if (!m_secrets)
        return QtFuture::makeReadyFuture(success());
    return m_secrets->deleteSecret(m_secretKey);
}

void BrowserLoginAuth::fetchToken(FetchCallback done)
{
    m_client.setClock(clock());
    if (std::exchange(m_forceBrowser, false)) {
        startBrowserSignIn(std::move(done));
        return;
    }
    if (!m_refreshToken.isEmpty()) {
        refreshWith(std::move(done));
        return;
    }
    if (!m_storedTokenLoaded && m_secrets) {
        m_storedTokenLoaded = true;
        m_secrets->readSecret(m_secretKey)
            .then(this, [this, done = std::move(done)](Result<QString> stored) mutable {
                if (stored && !stored.value().isEmpty()) {
                    authLog()->debug("using the saved sign-in for {}", m_host.toStdString());
                    m_refreshToken = stored.value();
                    refreshWith(std::move(done));
                    return;
                }
                if (!stored && stored.error().kind != ErrorKind::NotFound)
                    noteStoreFailure(stored.error());
                startBrowserSignIn(std::move(done));
            });
        return;
    }
    startBrowserSignIn(std::move(done));
}

void BrowserLoginAuth::refreshWith(FetchCallback done)
{
    const OAuthTokenClient::Form form = {
        {QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
        {QStringLiteral("refresh_token"), m_refreshToken},
        {QStringLiteral("client_id"), m_options.clientId},
    };
    const QString basicUser = m_options.clientSecret.isEmpty() ? QString() : m_options.clientId;
    m_client.requestToken(
        OAuthGrant::RefreshToken, form, basicUser, m_options.clientSecret, this,
        [this, done = std::move(done)](Result<OAuthToken> result) mutable {
            if (result) {
                const QString rotated = result.value().refreshToken;
                if (!rotated.isEmpty() && rotated != m_refreshToken) {
                    m_refreshToken = rotated;
                    storeRefreshToken(rotated);
                }
                done(std::move(result));
                return;
            }
            if (result.error().kind == ErrorKind::Auth) {
                authLog()->info("the saved sign-in for {} is no longer valid; a browser sign-in is needed",
                                m_host.toStdString());
                m_refreshToken.clear();
                forgetStoredRefreshToken();
                startBrowserSignIn(std::move(done));
                return;
            }
            done(std::move(result)); // transport trouble: keep the refresh token for the next try
        });
}

void BrowserLoginAuth::startBrowserSignIn(FetchCallback done)
{
    if (!m_openBrowser) {
        done(browserError(
            ErrorKind::Auth, QStringLiteral("browser_unavailable"),
            QStringLiteral("Signing in with the browser is not possible here."),
            QStringLiteral("auth_type external-browser without a way to open a browser"),
            QStringLiteral("Sign in from the Segment Builder window, or use a personal access token or "
                           "a service principal for the command line.")));
        return;
    }
    if (m_listener)
        m_listener->deleteLater();
    m_listener = new LoopbackRedirectListener(this);
    auto port = m_listener->listen(m_options.firstPort, m_options.lastPort);
    if (!port) {
        done(port.error());
        return;
    }
    const Pkce pkce = Pkce::generate();
    const QString redirectUri = QStringLiteral("http://%1:%2").arg(m_options.redirectHost).arg(port.value());

    QUrl authorize(m_host + QStringLiteral("/oidc/v1/authorize"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
    query.addQueryItem(QStringLiteral("client_id"),
                       QString::fromLatin1(QUrl::toPercentEncoding(m_options.clientId)));
    query.addQueryItem(QStringLiteral("redirect_uri"),
                       QString::fromLatin1(QUrl::toPercentEncoding(redirectUri)));
    query.addQueryItem(QStringLiteral("scope"),
                       QString::fromLatin1(QUrl::toPercentEncoding(m_options.scopes)));
    query.addQueryItem(QStringLiteral("state"), pkce.state);
    query.addQueryItem(QStringLiteral("code_challenge"), pkce.challenge);
    query.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
    authorize.setQuery(query.query(QUrl::FullyEncoded), QUrl::StrictMode);

    m_browserDone = std::move(done);
    m_loginTimer->start(m_options.loginTimeout);
    m_listener->expect(pkce.state, [this, verifier = pkce.verifier, redirectUri](Result<QString> code) {
        if (!code) {
            completeBrowserSignIn(code.error());
            return;
        }
        exchangeCode(code.value(), verifier, redirectUri);
    });
    authLog()->info("opening the browser to sign in to {} (redirect to {}:{})", m_host.toStdString(),
                    m_options.redirectHost.toStdString(), port.value());
    m_openBrowser(authorize);
}

void BrowserLoginAuth::exchangeCode(const QString& code, const QString& verifier, const QString& redirectUri)
{
    const OAuthTokenClient::Form form = {
        {QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
        {QStringLiteral("code"), code},
        {QStringLiteral("code_verifier"), verifier},
        {QStringLiteral("redirect_uri"), redirectUri},
        {QStringLiteral("client_id"), m_options.clientId},
    };
    const QString basicUser = m_options.clientSecret.isEmpty() ? QString() : m_options.clientId;
    m_client.requestToken(OAuthGrant::AuthorizationCode, form, basicUser, m_options.clientSecret, this,
                          [this](Result<OAuthToken> result) {
                              if (result && !result.value().refreshToken.isEmpty()) {
                                  m_refreshToken = result.value().refreshToken;
                                  storeRefreshToken(m_refreshToken);
                              } else if (result) {
                                  authLog()->warn(
                                      "the browser sign-in issued no refresh token (scope offline_access "
                                      "missing?): you will have to sign in again when the token expires");
                              }
                              completeBrowserSignIn(std::move(result));
                          });
}

void BrowserLoginAuth::completeBrowserSignIn(Result<OAuthToken> result)
{
    m_loginTimer->stop();
    FetchCallback done = std::exchange(m_browserDone, nullptr);
    if (!done)
        return;
    if (result)
        authLog()->info("signed in to {} with the browser", m_host.toStdString());
    else
        authLog()->warn("browser sign-in failed: {}",
                        logging::redact(result.error().toString()).toStdString());
    done(std::move(result));
}

void BrowserLoginAuth::storeRefreshToken(const QString& refreshToken)
{
    if (!m_secrets) {
        authLog()->debug("no secret store: the sign-in is kept for this run only");
        return;
    }
    m_secrets->writeSecret(m_secretKey, refreshToken).then(this, [this](Status status) {
        if (status) {
            m_persistenceError.reset();
            authLog()->debug("the sign-in was saved to the secret store");
        } else {
            noteStoreFailure(status.error());
        }
    });
}

void BrowserLoginAuth::forgetStoredRefreshToken()
{
    if (!m_secrets)
        return;
    m_secrets->deleteSecret(m_secretKey).then(this, [this](Status status) {
        if (!status && status.error().kind != ErrorKind::NotFound)
            noteStoreFailure(status.error());
    });
}

void BrowserLoginAuth::noteStoreFailure(const Error& error)
{
    m_persistenceError = error;
    authLog()->warn("secret store: {}", logging::redact(error.toString()).toStdString());
    emit persistenceFailed(error);
}

} // namespace core
