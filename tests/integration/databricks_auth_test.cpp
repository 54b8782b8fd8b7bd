// Databricks authentication over real loopback HTTP: OAuth M2M (issue, reuse, refresh 5 min
// before expiry, single flight, invalidate → one refresh, OAuth and non-JSON error bodies,
// timeouts), the browser sign-in with PKCE (end to end through the loopback redirect, state
// mismatch, declined consent, refresh-token grant and rotation, saved sign-in, missing
// keychain), PAT, the factory — and no secret in any log line.
//
// Two identity providers: FakeOidcServer, a small QTcpServer fixture in this file that
// implements /oidc/v1/token and /oidc/v1/authorize as databricks-api.md §2.2–2.3 describe
// (and verifies PKCE) with byte-level control (delays, hangs, scripted bodies, redirects); and
// the shared DatabricksEmulator (tests/support/databricks_emulator, SQL on a private
// PostgreSQL), against which the main flows run end to end, tokens included, up to an
// authenticated REST call.
#include <deque>
#include <memory>
#include <sstream>

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <QCryptographicHash>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QFile>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

#include "common/future_wait.h"
#include "databricks/auth/auth_provider_factory.h"
#include "databricks/auth/browser_login_auth.h"
#include "databricks/auth/client_credentials_auth.h"
#include "databricks/auth/databricks_cli_auth.h"
#include "databricks/auth/memory_secret_store.h"
#include "databricks/auth/oauth_token_client.h"
#include "databricks/auth/pat_auth.h"
#include "databricks/auth/pkce.h"
#include "databricks/config/databricks_config.h"
#include "logging/logging.h"
#include "support/databricks_emulator/databricks_emulator.h"
#include "support/postgres_server.h"

using namespace core;
using namespace std::chrono_literals;

namespace {

// ---------------------------------------------------------------- fake identity provider

struct Recorded
{
    QByteArray method;
    QString target;                        // path and query
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;

    QString path() const { return target.section(QLatin1Char('?'), 0, 0); }
    QUrlQuery form() const { return QUrlQuery(QString::fromUtf8(body)); }
};

struct Scripted
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QByteArray extraHeaders; // "Location: ...\r\n"
    bool hang = false;       // never answer
};

class FakeOidcServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeOidcServer)

public:
    explicit FakeOidcServer(QObject* parent = nullptr) : QObject(parent)
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this]() {
            while (QTcpSocket* s = m_server.nextPendingConnection()) {
                s->setParent(this);
                connect(s, &QTcpSocket::readyRead, this, [this, s]() { onData(s); });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QString host() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()); }
    void stop() { m_server.close(); }

    // configuration
    QString clientId = QStringLiteral("sp-client-id");
    QString clientSecret = QStringLiteral("sp-secret+/=value-") + random();
    QString u2mClientId = QStringLiteral("databricks-cli");
    int lifetimeSeconds = 3600;
    int tokenDelayMs = 0;
    bool rotateRefreshTokens = true;
    bool issueRefreshTokens = true;
    QString authorizeError;           // e.g. "access_denied": the authorize step redirects with it
    std::deque<Scripted> tokenScript; // answers for the next token requests, before the real logic

    // observations
    QList<Recorded> requests;
    QStringList issuedSecrets;             // every access token, refresh token and code handed out
    QHash<QString, QString> refreshTokens; // valid refresh tokens → client id

    int countTokenRequests(const QString& grant = {}) const
    {
        int n = 0;
        for (const Recorded& r : requests)
            if (r.path() == QStringLiteral("/oidc/v1/token") &&
                (grant.isEmpty() || r.form().queryItemValue(QStringLiteral("grant_type")) == grant))
                ++n;
        return n;
    }
    QList<Recorded> tokenRequests() const
    {
        QList<Recorded> out;
        for (const Recorded& r : requests)
            if (r.path() == QStringLiteral("/oidc/v1/token"))
                out.append(r);
        return out;
    }

    QString issueRefreshToken(const QString& forClient)
    {
        const QString rt = QStringLiteral("rt-secret-") + random();
        refreshTokens.insert(rt, forClient);
        issuedSecrets.append(rt);
        return rt;
    }

    static QString random() { return Pkce::randomUrlSafe(12); }

private:
    struct PendingCode
    {
        QString challenge;
        QString redirectUri;
        QString clientId;
    };

    void onData(QTcpSocket* s)
    {
        QByteArray& buf = m_buffers[s];
        buf += s->readAll();
        const qsizetype end = buf.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        Recorded r;
        const QList<QByteArray> lines = buf.left(end).split('\n');
        const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
        r.method = first.value(0);
        r.target = QString::fromLatin1(first.value(1));
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon > 0)
                r.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
        }
        const qsizetype length = r.headers.value("content-length", "0").toLongLong();
        if (buf.size() < end + 4 + length)
            return; // body incomplete
        r.body = buf.mid(end + 4, length);
        m_buffers.remove(s);
        requests.append(r);
        handle(s, r);
    }

    void send(QTcpSocket* s, const Scripted& a, int delayMs = 0)
    {
        if (a.hang)
            return;
        QByteArray reason = a.status == 200 ? "OK" : a.status == 302 ? "Found" : "Status";
        QByteArray out = "HTTP/1.1 " + QByteArray::number(a.status) + ' ' + reason + "\r\n";
        if (!a.contentType.isEmpty())
            out += "Content-Type: " + a.contentType + "\r\n";
        out += a.extraHeaders;
        out +=
            "Content-Length: " + QByteArray::number(a.body.size()) + "\r\nConnection: close\r\n\r\n" + a.body;
        QPointer<QTcpSocket> guard(s);
        auto write = [guard, out]() {
            if (!guard)
                return;
            guard->write(out);
            guard->disconnectFromHost();
        };
        if (delayMs > 0)
            QTimer::singleShot(delayMs, this, write);
        else
            write();
    }

    static QByteArray json(const QJsonObject& o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }

    static Scripted oauthError(int status, const char* error, const char* description)
    {
        return Scripted{status,
                        "application/json",
                        json({{QStringLiteral("error"), QLatin1String(error)},
                              {QStringLiteral("error_description"), QLatin1String(description)}}),
                        {},
                        false};
    }

    Scripted tokenResponse(const QString& forClient, bool withRefresh)
    {
        const QString at = QStringLiteral("eyJ-access-") + random();
        issuedSecrets.append(at);
        QJsonObject o{{QStringLiteral("access_token"), at},
                      {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                      {QStringLiteral("expires_in"), lifetimeSeconds},
                      {QStringLiteral("scope"), QStringLiteral("all-apis")}};
        if (withRefresh)
            o.insert(QStringLiteral("refresh_token"), issueRefreshToken(forClient));
        return Scripted{200, "application/json", json(o), {}, false};
    }

    void handle(QTcpSocket* s, const Recorded& r)
    {
        const QString path = r.path();
        if (path == QStringLiteral("/oidc/v1/authorize") && r.method == "GET") {
            const QUrlQuery q(QUrl(QStringLiteral("http://x") + r.target));
            const auto item = [&q](const char* k) {
                return q.queryItemValue(QLatin1String(k), QUrl::FullyDecoded);
            };
            const QString redirect = item("redirect_uri");
            QUrl target(redirect);
            QUrlQuery back;
            if (!authorizeError.isEmpty()) {
                back.addQueryItem(QStringLiteral("error"), authorizeError);
                back.addQueryItem(QStringLiteral("error_description"),
                                  QStringLiteral("The%20user%20declined"));
            } else if (item("response_type") != QStringLiteral("code") || item("client_id") != u2mClientId ||
                       item("code_challenge_method") != QStringLiteral("S256") ||
                       item("code_challenge").isEmpty()) {
                send(s, oauthError(400, "invalid_request", "bad authorize request"));
                return;
            } else {
                const QString code = QStringLiteral("code-secret-") + random();
                issuedSecrets.append(code);
                m_codes.insert(code, PendingCode{item("code_challenge"), redirect, item("client_id")});
                back.addQueryItem(QStringLiteral("code"), code);
            }
            back.addQueryItem(QStringLiteral("state"),
                              QString::fromLatin1(QUrl::toPercentEncoding(item("state"))));
            target.setQuery(back);
            send(s, Scripted{302, "text/plain", "redirecting",
                             "Location: " + target.toString(QUrl::FullyEncoded).toUtf8() + "\r\n", false});
            return;
        }
        if (path != QStringLiteral("/oidc/v1/token") || r.method != "POST") {
            send(s, Scripted{404, "text/plain", "not found", {}, false});
            return;
        }
        if (!tokenScript.empty()) {
            const Scripted a = tokenScript.front();
            tokenScript.pop_front();
            send(s, a, tokenDelayMs);
            return;
        }
        const QUrlQuery form = r.form();
        const auto field = [&form](const char* k) {
            return form.queryItemValue(QLatin1String(k), QUrl::FullyDecoded);
        };
        const QString grant = field("grant_type");
        if (grant == QStringLiteral("client_credentials")) {
            const QByteArray expected =
                "Basic " + (clientId + QLatin1Char(':') + clientSecret).toUtf8().toBase64();
            if (r.headers.value("authorization") != expected) {
                send(s, oauthError(401, "invalid_client", "Client authentication failed"), tokenDelayMs);
                return;
            }
            send(s, tokenResponse(clientId, false), tokenDelayMs);
            return;
        }
        if (grant == QStringLiteral("authorization_code")) {
            const auto it = m_codes.find(field("code"));
            if (it == m_codes.end()) {
                send(s, oauthError(400, "invalid_grant", "unknown or used code"), tokenDelayMs);
                return;
            }
            const PendingCode pending = it.value();
            m_codes.erase(it); // single use
            if (Pkce::challengeFor(field("code_verifier")) != pending.challenge ||
                field("redirect_uri") != pending.redirectUri || field("client_id") != pending.clientId) {
                send(s, oauthError(400, "invalid_grant", "PKCE verification failed"), tokenDelayMs);
                return;
            }
            send(s, tokenResponse(pending.clientId, issueRefreshTokens), tokenDelayMs);
            return;
        }
        if (grant == QStringLiteral("refresh_token")) {
            const QString rt = field("refresh_token");
            if (!refreshTokens.contains(rt) || refreshTokens.value(rt) != field("client_id")) {
                send(s, oauthError(400, "invalid_grant", "Refresh token is invalid or expired"),
                     tokenDelayMs);
                return;
            }
            if (rotateRefreshTokens)
                refreshTokens.remove(rt);
            send(s, tokenResponse(field("client_id"), rotateRefreshTokens), tokenDelayMs);
            return;
        }
        send(s, oauthError(400, "unsupported_grant_type", "unknown grant"), tokenDelayMs);
    }

    QTcpServer m_server;
    QHash<QTcpSocket*, QByteArray> m_buffers;
    QHash<QString, PendingCode> m_codes;
};

// ---------------------------------------------------------------- helpers

template <typename T> T waitResult(QFuture<T> future, int ms = 10000)
{
    EXPECT_TRUE(QTest::qWaitFor([&future]() { return future.isFinished(); }, ms)) << "future did not finish";
    if (!future.isFinished())
        return T(Error::internal(QStringLiteral("test timeout")));
    return future.result();
}

// Captures everything the auth and config loggers write, at every level.
class LogCapture
{
public:
    LogCapture()
    {
        m_sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(m_stream);
        m_sink->set_level(spdlog::level::trace);
        for (const char* name : {"core.auth", "core.config", "qt"}) {
            auto l = logging::logger(name);
            m_levels.push_back({l, l->level()});
            l->sinks().push_back(m_sink);
            l->set_level(spdlog::level::trace);
        }
    }
    ~LogCapture()
    {
        for (auto& [l, level] : m_levels) {
            auto& sinks = l->sinks();
            sinks.erase(std::remove(sinks.begin(), sinks.end(), m_sink), sinks.end());
            l->set_level(level);
        }
    }
    QString text() const { return QString::fromStdString(m_stream.str()); }

private:
    std::ostringstream m_stream;
    std::shared_ptr<spdlog::sinks::ostream_sink_mt> m_sink;
    std::vector<std::pair<std::shared_ptr<spdlog::logger>, spdlog::level::level_enum>> m_levels;
};

// A browser: follows the authorize URL (the fake IdP redirects to the loopback listener) and
// keeps what the listener answered.
struct FakeBrowser
{
    QNetworkAccessManager* network = nullptr;
    int opened = 0;
    QUrl lastUrl;
    int lastStatus = 0;
    QString lastPage;
    std::function<QUrl(QUrl)> tamper; // alter the URL before following it

    std::function<void(const QUrl&)> opener()
    {
        return [this](const QUrl& url) {
            ++opened;
            lastUrl = url;
            QNetworkRequest request(tamper ? tamper(url) : url);
            QNetworkReply* reply = network->get(request);
            QObject::connect(reply, &QNetworkReply::finished, reply, [this, reply]() {
                lastStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                lastPage = QString::fromUtf8(reply->readAll());
                reply->deleteLater();
            });
        };
    }
};

class DatabricksAuthTest : public ::testing::Test
{
protected:
    void SetUp() override { ASSERT_TRUE(m_idp.listen()); }

    std::unique_ptr<ClientCredentialsAuth> m2m()
    {
        return std::make_unique<ClientCredentialsAuth>(m_idp.host(), m_idp.clientId, m_idp.clientSecret,
                                                       &m_network);
    }

    BrowserLoginOptions browserOptions() const
    {
        BrowserLoginOptions o;
        o.firstPort = 18020; // away from a real `databricks auth login` on 8020
        o.lastPort = 18040;
        o.loginTimeout = 10s;
        return o;
    }

    std::unique_ptr<BrowserLoginAuth> browserAuth(BrowserLoginOptions options)
    {
        return std::make_unique<BrowserLoginAuth>(m_idp.host(), options, &m_network, &m_secrets,
                                                  m_browser.opener());
    }
    std::unique_ptr<BrowserLoginAuth> browserAuth() { return browserAuth(browserOptions()); }

    QString key() const
    {
        return BrowserLoginAuth::refreshTokenKey(m_idp.host(), QStringLiteral("databricks-cli"));
    }

    QNetworkAccessManager m_network;
    FakeOidcServer m_idp;
    MemorySecretStore m_secrets;
    FakeBrowser m_browser{&m_network};
};

} // namespace

// ---------------------------------------------------------------- OAuth M2M

TEST_F(DatabricksAuthTest, M2MIssuesATokenWithBasicCredentialsAndTheClientCredentialsForm)
{
    auto auth = m2m();
    const auto header = waitResult(auth->authorization());
    ASSERT_TRUE(header.ok()) << header.error().toString().toStdString();
    EXPECT_TRUE(header.value().startsWith(QStringLiteral("Bearer eyJ-access-")));

    ASSERT_EQ(m_idp.countTokenRequests(), 1);
    const Recorded r = m_idp.tokenRequests().first();
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.headers.value("authorization"),
              "Basic " + (m_idp.clientId + QLatin1Char(':') + m_idp.clientSecret).toUtf8().toBase64());
    EXPECT_EQ(r.headers.value("content-type"), "application/x-www-form-urlencoded");
    EXPECT_EQ(r.body, "grant_type=client_credentials&scope=all-apis");
    EXPECT_EQ(auth->authType(), QStringLiteral("oauth-m2m"));
    EXPECT_TRUE(auth->canRefresh());
    EXPECT_EQ(auth->describe().indexOf(m_idp.clientSecret), -1);
}

TEST_F(DatabricksAuthTest, M2MReusesTheTokenAndRefreshesFiveMinutesBeforeExpiry)
{
    QDateTime now = QDateTime::currentDateTimeUtc();
    auto auth = m2m();
    auth->setClock([&now]() { return now; });

    const auto first = waitResult(auth->authorization());
    ASSERT_TRUE(first.ok());
    for (int i = 0; i < 3; ++i) {
        auto again = auth->authorization();
        EXPECT_TRUE(again.isFinished()) << "a valid token is answered at once";
        EXPECT_EQ(again.result().value(), first.value());
    }
    EXPECT_EQ(m_idp.countTokenRequests(), 1);

    now = now.addSecs(3600 - 301); // 5 min 1 s before expiry: still good
    EXPECT_EQ(waitResult(auth->authorization()).value(), first.value());
    EXPECT_EQ(m_idp.countTokenRequests(), 1);

    now = now.addSecs(1); // exactly expiry − 5 min: refresh
    const auto second = waitResult(auth->authorization());
    ASSERT_TRUE(second.ok());
    EXPECT_NE(second.value(), first.value());
    EXPECT_EQ(m_idp.countTokenRequests(), 2);
    EXPECT_EQ(auth->fetchCount(), 2);
}

TEST_F(DatabricksAuthTest, M2MShortLivedTokensAreNotRefreshedOnEveryCall)
{
    m_idp.lifetimeSeconds = 120; // lead is capped at half the lifetime
    QDateTime now = QDateTime::currentDateTimeUtc();
    auto auth = m2m();
    auth->setClock([&now]() { return now; });
    ASSERT_TRUE(waitResult(auth->authorization()).ok());
    now = now.addSecs(59);
    ASSERT_TRUE(waitResult(auth->authorization()).ok());
    EXPECT_EQ(m_idp.countTokenRequests(), 1);
    now = now.addSecs(1);
    ASSERT_TRUE(waitResult(auth->authorization()).ok());
    EXPECT_EQ(m_idp.countTokenRequests(), 2);
}

TEST_F(DatabricksAuthTest, M2MConcurrentRequestsShareOneTokenRequest)
{
    m_idp.tokenDelayMs = 300;
    auto auth = m2m();
    QList<QFuture<Result<QString>>> futures;
    for (int i = 0; i < 25; ++i)
        futures.append(auth->authorization());
    EXPECT_TRUE(auth->isRefreshing());
    QString header;
    for (auto& f : futures) {
        const auto r = waitResult(f);
        ASSERT_TRUE(r.ok()) << r.error().toString().toStdString();
        if (header.isEmpty())
            header = r.value();
        EXPECT_EQ(r.value(), header);
    }
    EXPECT_EQ(m_idp.countTokenRequests(), 1);

    // The same during a refresh of an expiring token.
    QDateTime now = QDateTime::currentDateTimeUtc().addSecs(3600);
    auth->setClock([&now]() { return now; });
    futures.clear();
    for (int i = 0; i < 10; ++i)
        futures.append(auth->authorization());
    for (auto& f : futures)
        EXPECT_TRUE(waitResult(f).ok());
    EXPECT_EQ(m_idp.countTokenRequests(), 2);
}

TEST_F(DatabricksAuthTest, M2MInvalidateAfterRejectionCausesExactlyOneRefresh)
{
    auto auth = m2m();
    const QString t1 = waitResult(auth->authorization()).value();
    ASSERT_FALSE(t1.isEmpty());

    // Five requests sent with t1 come back 401 together; each invalidates and asks again.
    m_idp.tokenDelayMs = 100;
    QList<QFuture<Result<QString>>> retries;
    for (int i = 0; i < 5; ++i) {
        auth->invalidate(t1);
        retries.append(auth->authorization());
    }
    QString t2;
    for (auto& f : retries) {
        const auto r = waitResult(f);
        ASSERT_TRUE(r.ok());
        if (t2.isEmpty())
            t2 = r.value();
        EXPECT_EQ(r.value(), t2);
    }
    EXPECT_NE(t2, t1);
    EXPECT_EQ(m_idp.countTokenRequests(), 2);

    // A late 401 for the old token must not throw away the new one.
    auth->invalidate(t1);
    EXPECT_EQ(waitResult(auth->authorization()).value(), t2);
    EXPECT_EQ(m_idp.countTokenRequests(), 2);

    // Unconditional invalidate: one more refresh.
    auth->invalidate();
    EXPECT_NE(waitResult(auth->authorization()).value(), t2);
    EXPECT_EQ(m_idp.countTokenRequests(), 3);
}

TEST_F(DatabricksAuthTest, M2MWrongSecretGivesAnAuthErrorWithRemediation)
{
    auto auth = std::make_unique<ClientCredentialsAuth>(m_idp.host(), m_idp.clientId,
                                                        QStringLiteral("wrong-secret-xyz"), &m_network);
    const auto r = waitResult(auth->authorization());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::Auth);
    EXPECT_EQ(r.error().httpStatus, 401);
    EXPECT_EQ(r.error().code, QStringLiteral("invalid_client"));
    EXPECT_TRUE(r.error().detail.contains(QStringLiteral("Client authentication failed")));
    EXPECT_TRUE(r.error().remediation.contains(QStringLiteral("client_secret")));
    EXPECT_EQ(r.error().toString().indexOf(QStringLiteral("wrong-secret-xyz")), -1);
}

TEST_F(DatabricksAuthTest, M2MOAuthErrorBodiesInEveryShape)
{
    auto auth = m2m();
    const auto expectError = [&](Scripted answer, ErrorKind kind, const QString& code) {
        m_idp.tokenScript.push_back(answer);
        auth->invalidate();
        const auto r = waitResult(auth->authorization());
        ASSERT_FALSE(r.ok()) << answer.body.toStdString();
        EXPECT_EQ(r.error().kind, kind) << r.error().toString().toStdString();
        EXPECT_EQ(r.error().httpStatus, answer.status);
        EXPECT_EQ(r.error().code, code) << r.error().toString().toStdString();
        EXPECT_FALSE(r.error().userMessage.isEmpty());
        EXPECT_FALSE(r.error().remediation.isEmpty());
    };
    expectError({400,
                 "application/json",
                 R"({"error":"invalid_scope","error_description":"scope not allowed"})",
                 {},
                 false},
                ErrorKind::Auth, QStringLiteral("invalid_scope"));
    expectError(
        {401, "application/json", R"({"errorCode":"invalid_client","errorSummary":"bad"})", {}, false},
        ErrorKind::Auth, QStringLiteral("invalid_client"));
    expectError(
        {403, "application/json", R"({"error_code":403,"message":"Invalid access token."})", {}, false},
        ErrorKind::Auth, QStringLiteral("403"));
    // Non-JSON bodies: proxies, gateways, login pages.
    expectError({502, "text/html", "<html><body>Bad gateway</body></html>", {}, false}, ErrorKind::Http,
                QStringLiteral("token_endpoint_unavailable"));
    expectError({401, "text/plain", "Unauthorized", {}, false}, ErrorKind::Auth,
                QStringLiteral("oauth_error"));
    expectError({503, "application/json", "{not json", {}, false}, ErrorKind::Http,
                QStringLiteral("token_endpoint_unavailable"));
    expectError({404, "text/html", "<h1>Not found</h1>", {}, false}, ErrorKind::Http,
                QStringLiteral("token_endpoint_not_found"));
    expectError({200, "text/html", "<html><title>Sign in</title></html>", {}, false}, ErrorKind::Parse,
                QStringLiteral("unexpected_token_response"));
    expectError({200, "application/json", R"({"access_token":"x"})", {}, false}, ErrorKind::Parse,
                QStringLiteral("unexpected_token_response"));
    expectError({200, "application/json", R"({"expires_in":3600})", {}, false}, ErrorKind::Parse,
                QStringLiteral("unexpected_token_response"));
    expectError(
        {200, "application/json", R"({"access_token":"x","token_type":"mac","expires_in":3600})", {}, false},
        ErrorKind::Parse, QStringLiteral("unsupported_token_type"));

    // Errors are not cached: the next call asks again and succeeds.
    const auto ok = waitResult(auth->authorization());
    EXPECT_TRUE(ok.ok());
}

TEST_F(DatabricksAuthTest, M2MNonJsonErrorDetailNamesTheStatusAndContentType)
{
    auto auth = m2m();
    m_idp.tokenScript.push_back(
        {502, "text/html", "<html>upstream access_token=leaked-value down</html>", {}, false});
    const auto r = waitResult(auth->authorization());
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.error().detail.contains(QStringLiteral("HTTP 502"))) << r.error().detail.toStdString();
    EXPECT_TRUE(r.error().detail.contains(QStringLiteral("text/html")));
    EXPECT_EQ(r.error().detail.indexOf(QStringLiteral("leaked-value")), -1) << "snippets are redacted";
}

TEST_F(DatabricksAuthTest, M2MDoesNotFollowRedirectsWithItsCredentials)
{
    auto auth = m2m();
    m_idp.tokenScript.push_back(
        {302, "text/plain", "", "Location: " + m_idp.host().toUtf8() + "/login?next=token\r\n", false});
    const auto r = waitResult(auth->authorization());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::Auth);
    EXPECT_EQ(r.error().code, QStringLiteral("redirected"));
    QTest::qWait(100);
    for (const Recorded& req : m_idp.requests)
        EXPECT_NE(req.path(), QStringLiteral("/login"));
}

TEST_F(DatabricksAuthTest, M2MTimesOutAndTriesAgainNextTime)
{
    auto auth = m2m();
    auth->setRequestTimeout(300ms);
    m_idp.tokenScript.push_back({200, {}, {}, {}, true}); // hang
    QElapsedTimer timer;
    timer.start();
    const auto r = waitResult(auth->authorization());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::Timeout);
    EXPECT_LT(timer.elapsed(), 3000);
    EXPECT_TRUE(waitResult(auth->authorization()).ok());
    EXPECT_EQ(m_idp.countTokenRequests(), 2);
}

TEST_F(DatabricksAuthTest, M2MUnreachableHostIsANetworkError)
{
    QTcpServer probe;
    ASSERT_TRUE(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    ClientCredentialsAuth auth(QStringLiteral("http://127.0.0.1:%1").arg(port), QStringLiteral("id"),
                               QStringLiteral("secret"), &m_network);
    const auto r = waitResult(auth.authorization());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::Network);
    EXPECT_FALSE(r.error().remediation.isEmpty());
}

TEST_F(DatabricksAuthTest, DestroyingAProviderFinishesItsPendingRequestsAsCancelled)
{
    m_idp.tokenDelayMs = 500;
    auto auth = m2m();
    auto pending = auth->authorization();
    ASSERT_FALSE(pending.isFinished());
    auth.reset();
    ASSERT_TRUE(pending.isFinished());
    ASSERT_FALSE(pending.result().ok());
    EXPECT_EQ(pending.result().error().kind, ErrorKind::Cancelled);
    QTest::qWait(600); // the delayed answer arrives to nobody
}

TEST(OAuthTokenClient, FormEncodingKeepsPlusSlashAndEquals)
{
    const QByteArray body =
        OAuthTokenClient::encodeForm({{QStringLiteral("client_secret"), QStringLiteral("a+b/c=d e&f")},
                                      {QStringLiteral("k"), QStringLiteral("v")}});
    EXPECT_EQ(body, "client_secret=a%2Bb%2Fc%3Dd%20e%26f&k=v");
}

// ---------------------------------------------------------------- PAT

TEST_F(DatabricksAuthTest, PatIsAStaticBearerThatCannotRefresh)
{
    PatAuth pat(QStringLiteral("dapi0123456789abcdef0123456789abcdef"));
    auto f = pat.authorization();
    ASSERT_TRUE(f.isFinished());
    EXPECT_EQ(f.result().value(), QStringLiteral("Bearer dapi0123456789abcdef0123456789abcdef"));
    EXPECT_FALSE(pat.canRefresh());
    pat.invalidate(f.result().value());
    EXPECT_EQ(pat.authorization().result().value(), f.result().value());
    EXPECT_EQ(pat.describe().indexOf(QStringLiteral("dapi")), -1);

    PatAuth empty(QString{});
    EXPECT_EQ(empty.authorization().result().error().kind, ErrorKind::Auth);
}

// ---------------------------------------------------------------- browser sign-in (PKCE)

TEST_F(DatabricksAuthTest, BrowserSignInWithPkceEndToEnd)
{
    BrowserLoginOptions options = browserOptions();
    options.firstPort = 18110; // own range: the end checks that the port is free again
    options.lastPort = 18119;
    auto auth = browserAuth(options);
    const auto header = waitResult(auth->authorization());
    ASSERT_TRUE(header.ok()) << header.error().toString().toStdString();
    EXPECT_TRUE(header.value().startsWith(QStringLiteral("Bearer eyJ-access-")));
    EXPECT_EQ(m_browser.opened, 1);

    // The authorize URL (§2.3 step 2).
    const QUrl url = m_browser.lastUrl;
    EXPECT_EQ(url.path(), QStringLiteral("/oidc/v1/authorize"));
    const QUrlQuery q(url);
    const auto item = [&q](const char* k) { return q.queryItemValue(QLatin1String(k), QUrl::FullyDecoded); };
    EXPECT_EQ(item("response_type"), QStringLiteral("code"));
    EXPECT_EQ(item("client_id"), QStringLiteral("databricks-cli"));
    EXPECT_EQ(item("scope"), QStringLiteral("all-apis offline_access"));
    EXPECT_EQ(item("code_challenge_method"), QStringLiteral("S256"));
    EXPECT_EQ(item("code_challenge").size(), 43);
    EXPECT_GE(item("state").size(), 32);
    const QUrl redirect(item("redirect_uri"));
    EXPECT_EQ(redirect.scheme(), QStringLiteral("http"));
    EXPECT_EQ(redirect.host(), QStringLiteral("localhost"));
    EXPECT_GE(redirect.port(), 18110);
    EXPECT_LE(redirect.port(), 18119);

    // The code exchange (§2.3 step 4): verifier matches the challenge (the IdP checked it), no secret.
    ASSERT_EQ(m_idp.countTokenRequests(QStringLiteral("authorization_code")), 1);
    const Recorded exchange = m_idp.tokenRequests().last();
    const QUrlQuery form = exchange.form();
    const QString verifier = form.queryItemValue(QStringLiteral("code_verifier"), QUrl::FullyDecoded);
    EXPECT_GE(verifier.size(), 43);
    EXPECT_LE(verifier.size(), 128);
    EXPECT_EQ(Pkce::challengeFor(verifier), item("code_challenge"));
    EXPECT_EQ(form.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded), item("redirect_uri"));
    EXPECT_FALSE(exchange.headers.contains("authorization"));

    // The page the browser showed, and the refresh token in the secret store only.
    ASSERT_TRUE(QTest::qWaitFor([this]() { return m_browser.lastStatus != 0; }, 5000));
    EXPECT_EQ(m_browser.lastStatus, 200);
    EXPECT_TRUE(m_browser.lastPage.contains(QStringLiteral("You can close this window")))
        << m_browser.lastPage.toStdString();
    ASSERT_TRUE(QTest::qWaitFor([this]() { return m_secrets.contains(key()); }, 2000));
    EXPECT_TRUE(m_secrets.value(key()).startsWith(QStringLiteral("rt-secret-")));
    EXPECT_TRUE(auth->hasRefreshToken());
    EXPECT_FALSE(auth->isWaitingForBrowser());
    EXPECT_EQ(auth->authType(), QStringLiteral("external-browser"));

    // The listener is gone: nothing listens on the redirect port any more.
    QTcpSocket probe;
    probe.connectToHost(QHostAddress::LocalHost, quint16(redirect.port()));
    EXPECT_FALSE(probe.waitForConnected(500));
}

TEST_F(DatabricksAuthTest, BrowserSignInRejectsAStateMismatch)
{
    m_browser.tamper = [](QUrl url) {
        QUrlQuery q(url);
        q.removeQueryItem(QStringLiteral("state"));
        q.addQueryItem(QStringLiteral("state"), QStringLiteral("forged-state-from-elsewhere-0000000000"));
        url.setQuery(q);
        return url;
    };
    auto auth = browserAuth();
    const auto r = waitResult(auth->authorization());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::Auth);
    EXPECT_EQ(r.error().code, QStringLiteral("state_mismatch"));
    EXPECT_FALSE(r.error().remediation.isEmpty());
    EXPECT_EQ(m_idp.countTokenRequests(), 0) << "the code of a forged redirect is never exchanged";
    ASSERT_TRUE(QTest::qWaitFor([this]() { return m_browser.lastStatus != 0; }, 5000));
    EXPECT_EQ(m_browser.lastStatus, 400);
    EXPECT_TRUE(m_secrets.keys().isEmpty());
}

TEST_F(DatabricksAuthTest, BrowserSignInDeclinedInTheBrowser)
{
    m_idp.authorizeError = QStringLiteral("access_denied");
    auto auth = browserAuth();
    const auto r = waitResult(auth->authorization());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::Auth);
    EXPECT_EQ(r.error().code, QStringLiteral("access_denied"));
    EXPECT_EQ(m_idp.countTokenRequests(), 0);
}

TEST_F(DatabricksAuthTest, BrowserSignInUsesTheRefreshTokenGrantAfterwards)
{
    auto auth = browserAuth();
    const QString t1 = waitResult(auth->authorization()).value();
    ASSERT_FALSE(t1.isEmpty());
    ASSERT_TRUE(QTest::qWaitFor([this]() { return m_secrets.contains(key()); }, 2000));
    const QString rt1 = m_secrets.value(key());

    auth->invalidate(t1); // a 401 on t1
    const auto r = waitResult(auth->authorization());
    ASSERT_TRUE(r.ok()) << r.error().toString().toStdString();
    EXPECT_NE(r.value(), t1);
    EXPECT_EQ(m_browser.opened, 1) << "no second browser window";
    ASSERT_EQ(m_idp.countTokenRequests(QStringLiteral("refresh_token")), 1);
    const QUrlQuery form = m_idp.tokenRequests().last().form();
    EXPECT_EQ(form.queryItemValue(QStringLiteral("refresh_token"), QUrl::FullyDecoded), rt1);
    EXPECT_EQ(form.queryItemValue(QStringLiteral("client_id")), QStringLiteral("databricks-cli"));

    // The rotated refresh token replaced the old one in the store.
    ASSERT_TRUE(QTest::qWaitFor([&]() { return m_secrets.value(key()) != rt1; }, 2000));
    EXPECT_TRUE(m_secrets.value(key()).startsWith(QStringLiteral("rt-secret-")));
}

TEST_F(DatabricksAuthTest, BrowserSignInRefreshesBeforeExpiryWithoutTheBrowser)
{
    QDateTime now = QDateTime::currentDateTimeUtc();
    auto auth = browserAuth();
    auth->setClock([&now]() { return now; });
    ASSERT_TRUE(waitResult(auth->authorization()).ok());
    now = now.addSecs(3600 - 299);
    ASSERT_TRUE(waitResult(auth->authorization()).ok());
    EXPECT_EQ(m_idp.countTokenRequests(QStringLiteral("refresh_token")), 1);
    EXPECT_EQ(m_browser.opened, 1);
}

TEST_F(DatabricksAuthTest, SavedSignInIsUsedAtStartWithoutABrowser)
{
    m_secrets.writeSecret(key(), m_idp.issueRefreshToken(QStringLiteral("databricks-cli")));
    auto auth = browserAuth();
    const auto r = waitResult(auth->authorization());
    ASSERT_TRUE(r.ok()) << r.error().toString().toStdString();
    EXPECT_EQ(m_browser.opened, 0);
    EXPECT_EQ(m_idp.countTokenRequests(QStringLiteral("refresh_token")), 1);
}

TEST_F(DatabricksAuthTest, RevokedSavedSignInIsDeletedAndTheBrowserOpens)
{
    m_secrets.writeSecret(key(), QStringLiteral("rt-secret-revoked-long-ago"));
    auto auth = browserAuth();
    const auto r = waitResult(auth->authorization());
    ASSERT_TRUE(r.ok()) << r.error().toString().toStdString();
    EXPECT_EQ(m_browser.opened, 1);
    EXPECT_EQ(m_idp.countTokenRequests(QStringLiteral("refresh_token")), 1);
    EXPECT_EQ(m_idp.countTokenRequests(QStringLiteral("authorization_code")), 1);
    ASSERT_TRUE(QTest::qWaitFor(
        [this]() {
            return m_secrets.value(key()).startsWith(QStringLiteral("rt-secret-")) &&
                   m_secrets.value(key()) != QStringLiteral("rt-secret-revoked-long-ago");
        },
        2000));
}

TEST_F(DatabricksAuthTest, MissingKeychainDoesNotStopTheSignIn)
{
    Error noKeychain;
    noKeychain.kind = ErrorKind::Storage;
    noKeychain.code = QStringLiteral("keychain_unavailable");
    noKeychain.userMessage =
        QStringLiteral("No system keychain is available; you will need to sign in again next time.");
    m_secrets.setFailure(noKeychain);

    auto auth = browserAuth();
    QSignalSpy failed(auth.get(), &BrowserLoginAuth::persistenceFailed);
    const auto r = waitResult(auth->authorization());
    ASSERT_TRUE(r.ok()) << r.error().toString().toStdString();
    ASSERT_TRUE(QTest::qWaitFor([&failed]() { return failed.count() >= 1; }, 2000));
    ASSERT_TRUE(auth->lastPersistenceError().has_value());
    EXPECT_EQ(auth->lastPersistenceError()->code, QStringLiteral("keychain_unavailable"));

    // Still refreshable in this run from memory.
    auth->invalidate();
    EXPECT_TRUE(waitResult(auth->authorization()).ok());
    EXPECT_EQ(m_browser.opened, 1);
}

TEST_F(DatabricksAuthTest, BrowserSignInTimesOutAndCanBeCancelled)
{
    BrowserLoginOptions options = browserOptions();
    options.loginTimeout = 300ms;
    BrowserLoginAuth slow(m_idp.host(), options, &m_network, &m_secrets, [](const QUrl&) {});
    const auto r = waitResult(slow.authorization());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::Timeout);
    EXPECT_FALSE(slow.isWaitingForBrowser());

    options.loginTimeout = 60s;
    BrowserLoginAuth cancelled(m_idp.host(), options, &m_network, &m_secrets, [](const QUrl&) {});
    auto pending = cancelled.authorization();
    ASSERT_TRUE(QTest::qWaitFor([&cancelled]() { return cancelled.isWaitingForBrowser(); }, 2000));
    EXPECT_NE(cancelled.redirectPort(), 0);
    cancelled.cancelSignIn();
    const auto c = waitResult(pending);
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().kind, ErrorKind::Cancelled);
}

TEST_F(DatabricksAuthTest, BusyRedirectPortsAreSkippedOrReported)
{
    // A range of its own: ctest runs the other sign-in tests in parallel processes.
    QTcpServer squatter;
    ASSERT_TRUE(squatter.listen(QHostAddress::LocalHost, 18100));
    BrowserLoginOptions options = browserOptions();
    options.firstPort = 18100;
    options.lastPort = 18102;
    auto auth = browserAuth(options);
    ASSERT_TRUE(waitResult(auth->authorization()).ok());
    const QUrl redirect(
        QUrlQuery(m_browser.lastUrl).queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
    EXPECT_EQ(redirect.port(), 18101);

    options.lastPort = 18100; // only the busy one
    BrowserLoginAuth blocked(m_idp.host(), options, &m_network, nullptr,
                             m_browser.opener()); // no saved sign-in
    const auto r = waitResult(blocked.authorization());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, QStringLiteral("redirect_ports_busy"));
}

TEST_F(DatabricksAuthTest, SignOutForgetsTheSavedSignIn)
{
    auto auth = browserAuth();
    ASSERT_TRUE(waitResult(auth->authorization()).ok());
    ASSERT_TRUE(QTest::qWaitFor([this]() { return m_secrets.contains(key()); }, 2000));
    EXPECT_TRUE(waitResult(auth->signOut()).ok());
    EXPECT_FALSE(m_secrets.contains(key()));
    EXPECT_FALSE(auth->hasRefreshToken());
    // Signing in again is explicit and opens the browser.
    EXPECT_TRUE(waitResult(auth->signIn()).ok());
    EXPECT_EQ(m_browser.opened, 2);
}

TEST_F(DatabricksAuthTest, BrowserSignInWithoutABrowserExplainsTheAlternatives)
{
    BrowserLoginAuth headless(m_idp.host(), browserOptions(), &m_network, nullptr, nullptr);
    const auto r = waitResult(headless.authorization());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, QStringLiteral("browser_unavailable"));
    EXPECT_FALSE(r.error().remediation.isEmpty());
}

// ---------------------------------------------------------------- factory

TEST_F(DatabricksAuthTest, FactoryBuildsTheProviderOfTheAuthType)
{
    DatabricksConfig c;
    c.host.value = m_idp.host();
    AuthDependencies deps{&m_network, &m_secrets, m_browser.opener(), 5s};

    c.authType.value = auth_type::pat();
    c.token.value = QStringLiteral("dapi0123456789abcdef0123456789abcdef");
    auto p = createAuthProvider(c, deps);
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p.value()->authType(), QStringLiteral("pat"));

    c.authType.value = auth_type::oauthM2M();
    c.clientId.value = m_idp.clientId;
    c.clientSecret.value = m_idp.clientSecret;
    p = createAuthProvider(c, deps);
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p.value()->authType(), QStringLiteral("oauth-m2m"));
    EXPECT_TRUE(waitResult(p.value()->authorization()).ok());

    c.authType.value = auth_type::externalBrowser();
    c.clientId = {};
    c.clientSecret = {};
    p = createAuthProvider(c, deps);
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p.value()->authType(), QStringLiteral("external-browser"));

    c.authType.value = auth_type::databricksCli();
    p = createAuthProvider(c, deps);
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p.value()->authType(), QStringLiteral("databricks-cli"));

    c.authType.value = QStringLiteral("azure-cli");
    p = createAuthProvider(c, deps);
    ASSERT_FALSE(p.ok());
    EXPECT_EQ(p.error().code, QStringLiteral("unsupported_auth_type"));
    EXPECT_FALSE(p.error().remediation.isEmpty());
}

// ---------------------------------------------------------------- databricks-cli

namespace {

// A stand-in for the `databricks` executable: a shell script with the given body.
QString fakeCli(const QTemporaryDir& dir, const QByteArray& body)
{
    const QString path = dir.filePath(QStringLiteral("databricks"));
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("#!/bin/sh\n" + body);
    file.close();
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return path;
}

} // namespace

TEST_F(DatabricksAuthTest, DatabricksCliSignInUsesTheTokenTheCliPrintsAndAsksAgainWhenRejected)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString calls = dir.filePath(QStringLiteral("calls"));
    const QString cli = fakeCli(dir, QStringLiteral("echo \"$@\" >> '%1'\n"
                                                    "echo '{\"access_token\":\"cli-token-'$(wc -l < '%1')'\",\"token_type\":\"Bearer\","
                                                    "\"expiry\":\"2099-01-01T00:00:00.000Z\"}'\n")
                                         .arg(calls)
                                         .toUtf8());
    DatabricksCliAuth auth(QStringLiteral("https://dbc-1.cloud.databricks.com"), cli);
    const auto first = waitResult(auth.authorization());
    ASSERT_TRUE(first.ok()) << first.error().toString().toStdString();
    EXPECT_EQ(first.value(), QStringLiteral("Bearer cli-token-1"));
    EXPECT_TRUE(waitResult(auth.authorization()).ok());
    EXPECT_EQ(auth.fetchCount(), 1) << "a valid token is reused";
    QFile log(calls);
    ASSERT_TRUE(log.open(QIODevice::ReadOnly));
    EXPECT_EQ(log.readAll().trimmed(), QByteArray("auth token --host https://dbc-1.cloud.databricks.com"));

    auth.invalidate(first.value());
    const auto second = waitResult(auth.authorization());
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(second.value(), QStringLiteral("Bearer cli-token-2"));
}

TEST_F(DatabricksAuthTest, DatabricksCliFailuresSayHowToSignInAndNeverCarryAToken)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString cli = fakeCli(dir, "echo 'Error: cache: databricks OAuth is not configured for this host' >&2\nexit 1\n");
    DatabricksCliAuth notSignedIn(QStringLiteral("https://dbc-1.cloud.databricks.com"), cli);
    const auto refused = waitResult(notSignedIn.authorization());
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().kind, ErrorKind::Auth);
    EXPECT_TRUE(refused.error().remediation.contains(QStringLiteral("databricks auth login --host https://dbc-1.cloud.databricks.com")));
    EXPECT_TRUE(refused.error().detail.contains(QStringLiteral("not configured")));

    DatabricksCliAuth missing(QStringLiteral("https://dbc-1.cloud.databricks.com"), dir.filePath(QStringLiteral("no-such-cli")));
    const auto absent = waitResult(missing.authorization());
    ASSERT_FALSE(absent.ok());
    EXPECT_TRUE(absent.error().userMessage.contains(QStringLiteral("could not be started")));
    EXPECT_TRUE(absent.error().remediation.contains(QStringLiteral("DATABRICKS_CLI_PATH")));

    const QString garbled = fakeCli(dir, "echo '{\"access_token\": 42, \"secret\": \"dapi-leak\"}'\n");
    DatabricksCliAuth odd(QStringLiteral("https://dbc-1.cloud.databricks.com"), garbled);
    const auto bad = waitResult(odd.authorization());
    ASSERT_FALSE(bad.ok());
    EXPECT_FALSE(bad.error().toString().contains(QStringLiteral("dapi-leak")));
}

// ---------------------------------------------------------------- logs

TEST_F(DatabricksAuthTest, NoTokenSecretCodeOrVerifierEverReachesTheLog)
{
    LogCapture capture;
    {
        // M2M: success, refresh, and a failure whose body echoes the secret.
        auto auth = m2m();
        ASSERT_TRUE(waitResult(auth->authorization()).ok());
        auth->invalidate();
        ASSERT_TRUE(waitResult(auth->authorization()).ok());
        m_idp.tokenScript.push_back({400,
                                     "application/json",
                                     R"({"error":"invalid_request","error_description":"client_secret=)" +
                                         m_idp.clientSecret.toUtf8() + R"( is not valid"})",
                                     {},
                                     false});
        auth->invalidate();
        EXPECT_FALSE(waitResult(auth->authorization()).ok());

        // Browser sign-in, refresh grant, state mismatch.
        auto browser = browserAuth();
        ASSERT_TRUE(waitResult(browser->authorization()).ok());
        browser->invalidate();
        ASSERT_TRUE(waitResult(browser->authorization()).ok());
        m_browser.tamper = [](QUrl url) {
            QUrlQuery q(url);
            q.removeQueryItem(QStringLiteral("state"));
            q.addQueryItem(QStringLiteral("state"), QStringLiteral("forged"));
            url.setQuery(q);
            return url;
        };
        EXPECT_FALSE(waitResult(browser->signIn()).ok());
        QTest::qWait(100);
    }

    QStringList secrets = m_idp.issuedSecrets;
    secrets.append(m_idp.clientSecret);
    for (const Recorded& r : m_idp.tokenRequests()) {
        const QString verifier = r.form().queryItemValue(QStringLiteral("code_verifier"), QUrl::FullyDecoded);
        if (!verifier.isEmpty())
            secrets.append(verifier);
    }
    ASSERT_GE(secrets.size(), 8);
    const QString log = capture.text();
    ASSERT_TRUE(log.contains(QStringLiteral("OAuth token issued"))) << "the capture saw the auth logger";
    ASSERT_TRUE(log.contains(QStringLiteral("opening the browser")));
    for (const QString& secret : secrets)
        EXPECT_EQ(log.indexOf(secret), -1) << "secret in log: " << secret.toStdString() << "\n"
                                           << log.toStdString();
    // Nor the Basic credentials.
    EXPECT_EQ(log.indexOf(QString::fromLatin1(
                  (m_idp.clientId + QLatin1Char(':') + m_idp.clientSecret).toUtf8().toBase64())),
              -1);
}

// ---------------------------------------------------------------- against the Databricks emulator

namespace {

class EmulatorAuthTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        QString error;
        m_postgres = testsupport::PostgresServer::shared(&error);
        ASSERT_NE(m_postgres, nullptr) << "private PostgreSQL cluster: " << error.toStdString();
        m_database = m_postgres->createUniqueDatabase(QStringLiteral("auth"));
        ASSERT_FALSE(m_database.isEmpty()) << m_postgres->errorString().toStdString();
        m_connection = QStringLiteral("conn_") + m_database;
        ASSERT_TRUE(m_postgres->openConnection(m_connection, m_database))
            << m_postgres->errorString().toStdString();
        m_emulator = std::make_unique<emulator::DatabricksEmulator>(m_connection);
        ASSERT_TRUE(m_emulator->listen());
        emulator::Principal sp;
        sp.name = QStringLiteral("segments-sp");
        m_emulator->addServicePrincipal(m_clientId, m_clientSecret, sp);
        m_host = m_emulator->baseUrl().toString(QUrl::StripTrailingSlash);
    }

    void TearDown() override
    {
        m_emulator.reset();
        if (!m_connection.isEmpty()) {
            QSqlDatabase::database(m_connection, false).close();
            QSqlDatabase::removeDatabase(m_connection);
        }
        if (m_postgres && !m_database.isEmpty())
            m_postgres->dropDatabase(m_database);
    }

    // GET /api/2.0/preview/scim/v2/Me with the header: the principal's userName, or "HTTP <n>".
    QString whoAmI(const QString& authorization)
    {
        QNetworkRequest request(QUrl(m_host + QStringLiteral("/api/2.0/preview/scim/v2/Me")));
        request.setRawHeader("Authorization", authorization.toUtf8());
        QNetworkReply* reply = m_network.get(request);
        EXPECT_TRUE(QTest::qWaitFor([reply]() { return reply->isFinished(); }, 10000));
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
        reply->deleteLater();
        if (status != 200)
            return QStringLiteral("HTTP %1").arg(status);
        return body.value(QStringLiteral("userName")).toString();
    }

    int tokenPosts() const
    {
        int n = 0;
        for (const emulator::RequestRecord& r : m_emulator->requests())
            if (r.path == QStringLiteral("/oidc/v1/token"))
                ++n;
        return n;
    }

    BrowserLoginOptions browserOptions() const
    {
        BrowserLoginOptions o;
        o.firstPort = 18050;
        o.lastPort = 18070;
        o.loginTimeout = 10s;
        return o;
    }

    testsupport::PostgresServer* m_postgres = nullptr;
    QString m_database;
    QString m_connection;
    std::unique_ptr<emulator::DatabricksEmulator> m_emulator;
    QString m_host;
    const QString m_clientId = QStringLiteral("6f1c0000-emulated-sp");
    const QString m_clientSecret = QStringLiteral("dose") + FakeOidcServer::random();
    QNetworkAccessManager m_network;
    MemorySecretStore m_secrets;
    FakeBrowser m_browser{&m_network};
};

} // namespace

TEST_F(EmulatorAuthTest, ServicePrincipalTokenIsAcceptedByTheWorkspace)
{
    ClientCredentialsAuth auth(m_host, m_clientId, m_clientSecret, &m_network);
    const auto header = waitResult(auth.authorization());
    ASSERT_TRUE(header.ok()) << header.error().toString().toStdString();
    EXPECT_EQ(whoAmI(header.value()), QStringLiteral("segments-sp"));
    EXPECT_EQ(waitResult(auth.authorization()).value(), header.value());
    EXPECT_EQ(tokenPosts(), 1);

    ClientCredentialsAuth wrong(m_host, m_clientId, QStringLiteral("not-the-secret"), &m_network);
    const auto refused = waitResult(wrong.authorization());
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().kind, ErrorKind::Auth);
    EXPECT_EQ(refused.error().code, QStringLiteral("invalid_client"));
}

TEST_F(EmulatorAuthTest, ConcurrentRequestsDuringASlowTokenEndpointShareOneRequest)
{
    emulator::Fault slow;
    slow.kind = emulator::Fault::Kind::Delay;
    slow.pathContains = QStringLiteral("/oidc/v1/token");
    slow.delayMs = 400;
    slow.remaining = -1;
    m_emulator->injectFault(slow);

    ClientCredentialsAuth auth(m_host, m_clientId, m_clientSecret, &m_network);
    QList<QFuture<Result<QString>>> futures;
    for (int i = 0; i < 12; ++i)
        futures.append(auth.authorization());
    for (auto& f : futures)
        ASSERT_TRUE(waitResult(f).ok());
    EXPECT_EQ(tokenPosts(), 1);

    const QString t1 = futures.first().result().value();
    for (int i = 0; i < 4; ++i)
        auth.invalidate(t1);
    const auto t2 = waitResult(auth.authorization());
    ASSERT_TRUE(t2.ok());
    EXPECT_NE(t2.value(), t1);
    EXPECT_EQ(tokenPosts(), 2);
    EXPECT_EQ(whoAmI(t2.value()), QStringLiteral("segments-sp"));
}

TEST_F(EmulatorAuthTest, BrowserSignInEndToEndThenRefreshTokenRotation)
{
    BrowserLoginAuth auth(m_host, browserOptions(), &m_network, &m_secrets, m_browser.opener());
    const auto header = waitResult(auth.authorization());
    ASSERT_TRUE(header.ok()) << header.error().toString().toStdString();
    EXPECT_EQ(whoAmI(header.value()), QStringLiteral("user@example.com"));
    ASSERT_TRUE(QTest::qWaitFor([this]() { return m_browser.lastStatus != 0; }, 5000));
    EXPECT_TRUE(m_browser.lastPage.contains(QStringLiteral("You can close this window")));

    const QString key = BrowserLoginAuth::refreshTokenKey(m_host, QStringLiteral("databricks-cli"));
    ASSERT_TRUE(QTest::qWaitFor([&]() { return m_secrets.contains(key); }, 2000));
    const QString rt1 = m_secrets.value(key);

    auth.invalidate(header.value());
    const auto refreshed = waitResult(auth.authorization());
    ASSERT_TRUE(refreshed.ok()) << refreshed.error().toString().toStdString();
    EXPECT_EQ(whoAmI(refreshed.value()), QStringLiteral("user@example.com"));
    EXPECT_EQ(m_browser.opened, 1);
    ASSERT_TRUE(QTest::qWaitFor([&]() { return m_secrets.value(key) != rt1; }, 2000))
        << "rotated token stored";

    // A later run with the spent refresh token: the emulator refuses it, the store is cleaned
    // and the browser opens again.
    MemorySecretStore stale;
    stale.writeSecret(key, rt1);
    BrowserLoginAuth later(m_host, browserOptions(), &m_network, &stale, m_browser.opener());
    const auto again = waitResult(later.authorization());
    ASSERT_TRUE(again.ok()) << again.error().toString().toStdString();
    EXPECT_EQ(m_browser.opened, 2);
    ASSERT_TRUE(QTest::qWaitFor([&]() { return stale.contains(key) && stale.value(key) != rt1; }, 2000));
}

TEST_F(EmulatorAuthTest, BrowserSignInStateMismatchIsRejected)
{
    m_browser.tamper = [](QUrl url) {
        QUrlQuery q(url);
        q.removeQueryItem(QStringLiteral("state"));
        q.addQueryItem(QStringLiteral("state"), QStringLiteral("attacker-state"));
        url.setQuery(q);
        return url;
    };
    BrowserLoginAuth auth(m_host, browserOptions(), &m_network, &m_secrets, m_browser.opener());
    const auto r = waitResult(auth.authorization());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, QStringLiteral("state_mismatch"));
    EXPECT_EQ(tokenPosts(), 0);
}

#include "databricks_auth_test.moc"
