#pragma once

// What the two ad-platform emulators (GoogleDataManagerEmulator, MetaMarketingEmulator) share:
// a loopback HTTP server (QAbstractHttpServer, like the Databricks emulator), every request
// recorded with its body (so tests can grep what left the app), OAuth access tokens it issues
// with a lifetime and can expire, and injectable faults. Test infrastructure: it links no core,
// so the app's clients are checked against the documented API shapes, not against shared code.

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QUrl>
#include <QUrlQuery>

#include <memory>

class QAbstractHttpServer;
class QHttpServerRequest;
class QTcpSocket;

namespace adplatform {

struct HttpResponse
{
    int status = 200;
    QByteArray contentType = QByteArrayLiteral("application/json");
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    static HttpResponse json(int status, const QJsonObject& object);
};

struct RecordedRequest
{
    QString method;  // "GET", "POST", "DELETE"
    QString path;    // without the query
    QUrlQuery query;
    QByteArray body;
    QHash<QString, QString> headers; // lower-case names
    int answeredStatus = 0;          // 0: the connection was dropped without an answer
};

// One fault to inject into the requests that match (method and a path fragment; empty = any).
// The first `skip` matching requests pass, then the next `remaining` (-1: all) get the fault.
struct Fault
{
    enum class Kind {
        RateLimit,      // Google: 429 RESOURCE_EXHAUSTED with Retry-After; Meta: error code 80003
        ExpiredToken,   // Google: 401 UNAUTHENTICATED; Meta: OAuthException code 190 (subcode 463)
        RejectBatch,    // Google: 400 INVALID_ARGUMENT; Meta: error code 100 — nothing applied
        ServerError,    // 503 (Google UNAVAILABLE; Meta code 2, is_transient)
        DropConnection, // the TCP connection is closed without an answer
    };
    Kind kind = Kind::RateLimit;
    QString method;
    QString pathContains;
    int skip = 0;
    int remaining = 1;
    int retryAfterSeconds = 1;
    // DropConnection: the request is applied before the connection drops (the client cannot know).
    bool applyFirst = false;
};

class AdPlatformEmulator : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdPlatformEmulator)

public:
    ~AdPlatformEmulator() override;

    // Listens on 127.0.0.1 (port 0: any free one).
    bool listen(quint16 port = 0);
    QUrl baseUrl() const; // http://127.0.0.1:<port>

    void addFault(const Fault& fault);
    void clearFaults();

    // Every request received, in order (bodies included).
    QList<RecordedRequest> requests() const { return m_requests; }
    int requestCount(const QString& method, const QString& pathContains) const;
    void clearRequests() { m_requests.clear(); }
    // All bodies, queries and headers received, concatenated (for "never sent in clear" checks).
    QByteArray everythingReceived() const;

    // Access tokens it issues live this long (default 3600 s).
    void setAccessTokenLifetimeSeconds(int seconds) { m_tokenLifetime = seconds; }
    // Every token issued so far is expired from now on (the next API call is refused).
    void expireAccessTokens();
    int tokensIssued() const { return m_tokensIssued; }
    // A token given to the app out of band (Meta system-user or long-lived token), valid until
    // expireAccessTokens().
    void acceptAccessToken(const QString& token);
    // Tokens used on API calls that were refused as invalid or expired.
    int tokensRefused() const { return m_tokensRefused; }

protected:
    explicit AdPlatformEmulator(QObject* parent);

    // The answer to a request no fault took.
    virtual HttpResponse route(const RecordedRequest& request) = 0;
    // The platform's shape of an injected fault.
    virtual HttpResponse faultResponse(const Fault& fault) = 0;
    // Whether the request is one a "batch" fault (RejectBatch) may hit; default: any.
    virtual bool isBatchRequest(const RecordedRequest&) const { return true; }

    QString issueToken(const QString& prefix);
    // True when `token` was issued here and is not expired.
    bool tokenValid(const QString& token) const;
    // The bearer token of the request's Authorization header ("Bearer x" / "OAuth x"), or empty.
    static QString bearerToken(const RecordedRequest& request);
    static QString randomDigits(int n);
    void countRefusedToken() { ++m_tokensRefused; }
    // True when the token is known here, expired or not (Meta exchanges such tokens: see there).
    bool tokenKnown(const QString& token) const { return m_tokens.contains(token); }

private:
    void onRequest(const QHttpServerRequest& request, QTcpSocket* socket);
    void write(QTcpSocket* socket, const HttpResponse& response);

    QAbstractHttpServer* m_server = nullptr;
    quint16 m_port = 0;
    QList<RecordedRequest> m_requests;
    struct ActiveFault
    {
        Fault fault;
        int seen = 0;
    };
    QList<ActiveFault> m_faults;
    QHash<QString, QDateTime> m_tokens; // token → expiry
    int m_tokenLifetime = 3600;
    int m_tokensIssued = 0;
    int m_tokensRefused = 0;
};

} // namespace adplatform
