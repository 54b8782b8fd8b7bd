#include "databricks_emulator.h"

#include <functional>
#include <optional>

#include <QAbstractHttpServer>
#include <QCryptographicHash>
#include <QHostAddress>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QPointer>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTimeZone>
#include <QTimer>
#include <QUrlQuery>
#include <QUuid>
#include <QtEndian>

#include "copy_into.h"
#include "insert_overwrite_directory.h"
#include "emulated_database.h"
#include "emulated_files.h"
#include "emulated_jobs.h"
#include "emulator_http.h"
#include "postgres_warehouse.h"

Q_LOGGING_CATEGORY(lcEmulator, "sb.emulator", QtInfoMsg)

namespace emulator {

namespace {

constexpr qint64 kDefaultInlineByteLimit = 25LL * 1024 * 1024;

// Auth failures carry an integer error_code.
HttpResponse authError(int status, const QString& message)
{
    HttpResponse r = jsonResponse(
        status, QJsonObject{{QStringLiteral("error_code"), status}, {QStringLiteral("message"), message}});
    if (status == 401)
        r.headers.append(
            {QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer realm=\"DatabricksRealm\"")});
    return r;
}

HttpResponse oauthError(int status, const QString& error, const QString& description)
{
    return jsonResponse(status, QJsonObject{{QStringLiteral("error"), error},
                                            {QStringLiteral("error_description"), description}});
}

HttpResponse storageError(int status, const QString& code, const QString& message)
{
    HttpResponse r;
    r.status = status;
    r.contentType = QByteArrayLiteral("application/xml");
    r.body = QStringLiteral(
                 "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>%1</Code><Message>%2</Message>"
                 "<RequestId>%3</RequestId></Error>")
                 .arg(code, message, QUuid::createUuid().toString(QUuid::Id128).left(16).toUpper())
                 .toUtf8();
    return r;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return QByteArrayLiteral("OK");
    case 204:
        return QByteArrayLiteral("No Content");
    case 302:
        return QByteArrayLiteral("Found");
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 401:
        return QByteArrayLiteral("Unauthorized");
    case 403:
        return QByteArrayLiteral("Forbidden");
    case 404:
        return QByteArrayLiteral("Not Found");
    case 405:
        return QByteArrayLiteral("Method Not Allowed");
    case 409:
        return QByteArrayLiteral("Conflict");
    case 429:
        return QByteArrayLiteral("Too Many Requests");
    case 500:
        return QByteArrayLiteral("Internal Server Error");
    case 501:
        return QByteArrayLiteral("Not Implemented");
    case 502:
        return QByteArrayLiteral("Bad Gateway");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    case 504:
        return QByteArrayLiteral("Gateway Timeout");
    default:
        return QByteArrayLiteral("Status");
    }
}

void writeResponse(QTcpSocket* socket, const HttpResponse& r)
{
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return;
    QByteArray out = QByteArrayLiteral("HTTP/1.1 ") + QByteArray::number(r.status) + ' ' + reasonPhrase(r.status) +
                     QByteArrayLiteral("\r\n");
    if (!r.contentType.isEmpty())
        out += QByteArrayLiteral("Content-Type: ") + r.contentType + QByteArrayLiteral("\r\n");
    out += QByteArrayLiteral("Content-Length: ") + QByteArray::number(r.body.size()) + QByteArrayLiteral("\r\n");
    for (const auto& [name, value] : r.headers)
        out += name + QByteArrayLiteral(": ") + value + QByteArrayLiteral("\r\n");
    out += QByteArrayLiteral("\r\n");
    out += r.body;
    socket->write(out);
}

QString methodName(QHttpServerRequest::Method m)
{
    switch (m) {
    case QHttpServerRequest::Method::Get:
        return QStringLiteral("GET");
    case QHttpServerRequest::Method::Post:
        return QStringLiteral("POST");
    case QHttpServerRequest::Method::Put:
        return QStringLiteral("PUT");
    case QHttpServerRequest::Method::Delete:
        return QStringLiteral("DELETE");
    case QHttpServerRequest::Method::Patch:
        return QStringLiteral("PATCH");
    case QHttpServerRequest::Method::Head:
        return QStringLiteral("HEAD");
    case QHttpServerRequest::Method::Options:
        return QStringLiteral("OPTIONS");
    default:
        return QStringLiteral("UNKNOWN");
    }
}

QString randomHex(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    for (int i = 0; i < bytes; ++i)
        raw[i] = char(QRandomGenerator::global()->bounded(256));
    return QString::fromLatin1(raw.toHex());
}

QString randomToken(const QString& prefix, int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    for (int i = 0; i < bytes; ++i)
        raw[i] = char(QRandomGenerator::global()->bounded(256));
    return prefix +
           QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString isoUtc(const QDateTime& dt)
{
    return dt.toUTC().toString(Qt::ISODateWithMs);
}

qint64 approximateRowBytes(const QJsonArray& row)
{
    qint64 bytes = 2;
    for (const QJsonValue& v : row)
        bytes += v.isNull() ? 5 : v.toString().toUtf8().size() + 3;
    return bytes;
}

bool isTerminal(const QString& state)
{
    return state == QLatin1String("SUCCEEDED") || state == QLatin1String("FAILED") ||
           state == QLatin1String("CANCELED") || state == QLatin1String("CLOSED");
}

QString csvField(const QJsonValue& v)
{
    if (v.isNull())
        return QStringLiteral("null");
    QString s = v.toString();
    if (s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"')) || s.contains(QLatin1Char('\n')) ||
        s.contains(QLatin1Char('\r'))) {
        s.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        return QLatin1Char('"') + s + QLatin1Char('"');
    }
    return s;
}

class EmulatorHttpServer final : public QAbstractHttpServer
{
public:
    using Handler = std::function<void(const QHttpServerRequest&, QTcpSocket*)>;
    EmulatorHttpServer(Handler handler, QObject* parent)
        : QAbstractHttpServer(parent), m_handler(std::move(handler))
    {
    }

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override
    {
        m_handler(request, socket);
        return true;
    }
    void missingHandler(const QHttpServerRequest&, QTcpSocket*) override {}

private:
    Handler m_handler;
};

} // namespace

struct DatabricksEmulator::Private
{
    explicit Private(DatabricksEmulator* owner, QString connection)
        : q(owner), warehouseEngine(std::move(connection))
    {
        jobs = std::make_unique<EmulatedJobs>(
            [this](const QString& sql, const QString& principal, const QString& warehouseId) {
                return runAsJob(sql, principal, warehouseId);
            },
            [this](const QString& path) { return files.workspaceFile(path); });
    }

    struct Warehouse
    {
        QString id;
        QString name;
        QString state;
        int startingPollsLeft = 0;
    };
    struct ServicePrincipal
    {
        QString secret;
        QString principal;
    };
    struct IssuedToken
    {
        QString principal;
        QDateTime expiresAt;
    };
    struct RefreshGrant
    {
        QString principal;
        QString clientId;
        QString scope;
    };
    struct AuthorizationCode
    {
        QString principal;
        QString clientId;
        QString redirectUri;
        QString challenge;
        QString scope;
        QDateTime expiresAt;
    };
    struct Statement
    {
        QString id;
        QString warehouseId;
        QString principal;
        QString sql;
        QString catalog;
        QString schema;
        QList<StatementParameter> parameters;
        QString disposition = QStringLiteral("INLINE");
        QString format = QStringLiteral("JSON_ARRAY");
        qint64 rowLimit = -1;
        qint64 byteLimit = -1;
        QString state = QStringLiteral("PENDING");
        QStringList upcoming; // non-terminal states the next polls answer
        std::optional<Fault> forcedFailure;
        // outcome
        QString errorCode;
        QString errorMessage;
        QString sqlState;
        bool hasSchema = false;
        QList<ResultColumn> columns;
        QList<QJsonArray> rows;
        bool truncated = false;
        int rowsPerChunk = 1000;
        QDateTime finishedAt;
    };
    struct ExternalLink
    {
        QString statementId;
        int chunk = 0;
        QDateTime expiresAt;
        QString signature;
    };

    DatabricksEmulator* q;
    PostgresWarehouse warehouseEngine;
    QString setupError;
    EmulatorHttpServer* server = nullptr;
    quint16 port = 0;

    QHash<QString, Principal> principals;
    QHash<QString, QString> personalAccessTokens; // token → principal
    QHash<QString, ServicePrincipal> servicePrincipals;
    QHash<QString, IssuedToken> accessTokens;
    QHash<QString, RefreshGrant> refreshTokens;
    QHash<QString, AuthorizationCode> authorizationCodes;
    QSet<QString> publicClients{QStringLiteral("databricks-cli")};
    QString interactiveUser = QStringLiteral("user@example.com");
    int tokenLifetimeSeconds = 3600;
    int tokenExpiryMarginSeconds = 0;

    QStringList warehouseOrder;
    QHash<QString, Warehouse> warehouses;
    int warehouseStartupPolls = 2;

    int rowsPerChunk = 1000;
    int runningPolls = 0;
    bool externalLinksEnabled = true;
    int externalLinkLifetimeSeconds = 899;
    int externalLinksPerResponse = 1;
    QHash<QString, QString> externalLinkHeaders;
    int resultLifetimeSeconds = 3600;
    qint64 inlineByteLimit = kDefaultInlineByteLimit;
    QTimeZone sessionZone = QTimeZone::utc();
    QSet<QString> catalogs{QStringLiteral("main")};

    QList<Fault> faults;
    QList<RequestRecord> requests;
    QStringList executedStatements;
    int externalAuthViolations = 0;

    QHash<QString, Statement> statements;
    QHash<QString, ExternalLink> links;

    EmulatedFiles files;
    std::unique_ptr<EmulatedJobs> jobs;
    EmulatedDatabase database;
    QSet<QString> loadedFiles; // COPY INTO: "table|path" already loaded

    // --- plumbing ---------------------------------------------------------------------------
    void onRequest(const QHttpServerRequest& request, QTcpSocket* socket);
    HttpResponse route(const RequestRecord& rec, const QHttpServerRequest& request);
    std::optional<Fault> takeFault(const QList<Fault::Kind>& kinds, const RequestRecord& rec,
                                   const QString& sql);
    static QString submittedSql(const RequestRecord& rec);

    // --- auth -------------------------------------------------------------------------------
    std::optional<QString> authenticate(const RequestRecord& rec, HttpResponse* error);
    Principal& principalNamed(const QString& name);
    HttpResponse tokenEndpoint(const RequestRecord& rec);
    HttpResponse authorizeEndpoint(const QHttpServerRequest& request);
    HttpResponse discovery() const;
    HttpResponse me(const QString& principal);
    QJsonObject issueTokens(const QString& principal, const QString& scope, const QString& clientId,
                            bool refresh);

    // --- warehouses -------------------------------------------------------------------------
    QJsonObject warehouseJson(const Warehouse& w) const;
    void tickWarehouse(const QString& id);
    HttpResponse listWarehouses(const QString& principal, const QUrlQuery& query);
    HttpResponse warehouseAction(const QString& principal, const QString& id, const QString& action,
                                 const QString& method);

    // --- statements -------------------------------------------------------------------------
    HttpResponse submit(const QString& principal, const RequestRecord& rec);
    HttpResponse poll(const QString& id);
    HttpResponse chunk(const QString& id, int index);
    HttpResponse cancel(const QString& id);
    void run(Statement& st);
    // Runs SQL on the warehouse engine: COPY INTO from the emulated volumes, CREATE CATALOG and
    // CREATE VOLUME bookkeeping. Used by statements and by job runs.
    ExecutionOutcome execute(ExecutionRequest request);
    QString runAsJob(const QString& sql, const QString& principal, const QString& warehouseId);
    HttpResponse filesEndpoint(const QString& principal, const RequestRecord& rec, const QString& path,
                               const QUrlQuery& query);
    HttpResponse workspaceEndpoint(const RequestRecord& rec, const QString& action, const QUrlQuery& query);
    HttpResponse jobsEndpoint(const QString& principal, const RequestRecord& rec, const QString& action,
                              const QUrlQuery& query);
    void expireIfNeeded(Statement& st);
    QJsonObject statementJson(Statement& st);
    QJsonObject manifestJson(const Statement& st);
    QJsonObject resultData(Statement& st, int chunkIndex);
    QJsonObject externalLink(Statement& st, int chunkIndex);
    int chunkCount(const Statement& st) const;
    int chunkRowOffset(const Statement& st, int k) const { return k * st.rowsPerChunk; }
    int chunkRowCount(const Statement& st, int k) const
    {
        return std::max(0, std::min(st.rowsPerChunk, int(st.rows.size()) - k * st.rowsPerChunk));
    }
    QByteArray chunkBody(const Statement& st, int k) const;
    HttpResponse externalDownload(const RequestRecord& rec, const QString& token, const QUrlQuery& query);
    void applyGrant(const SqlTranslation& tr, Statement& st);
};

// ------------------------------------------------------------------------------------------------
// Plumbing

void DatabricksEmulator::Private::onRequest(const QHttpServerRequest& request, QTcpSocket* socket)
{
    RequestRecord rec;
    rec.method = methodName(request.method());
    rec.path = request.url().path();
    rec.body = request.body();
    for (const auto& [name, value] : request.headers())
        rec.headers.insert(QString::fromLatin1(name).toLower(), QString::fromUtf8(value));
    requests.append(rec);
    qCDebug(lcEmulator).noquote() << rec.method << request.url().toString();

    static const QList<Fault::Kind> transport{Fault::Kind::HttpStatus,    Fault::Kind::RetryAfter,
                                              Fault::Kind::Delay,         Fault::Kind::Hang,
                                              Fault::Kind::MalformedJson, Fault::Kind::TruncatedJson,
                                              Fault::Kind::ExpiredToken,  Fault::Kind::CloseConnection};
    const std::optional<Fault> fault = takeFault(transport, rec, submittedSql(rec));
    if (!fault) {
        writeResponse(socket, route(rec, request));
        return;
    }
    qCDebug(lcEmulator) << "injecting fault" << int(fault->kind) << "into" << rec.method << rec.path;
    switch (fault->kind) {
    case Fault::Kind::HttpStatus:
        if (fault->processRequest)
            route(rec, request);
        writeResponse(socket, apiError(fault->httpStatus, fault->errorCode, fault->message));
        return;
    case Fault::Kind::RetryAfter: {
        if (fault->processRequest)
            route(rec, request);
        const Fault defaults;
        HttpResponse r =
            apiError(429,
                     fault->errorCode == defaults.errorCode ? QStringLiteral("REQUEST_LIMIT_EXCEEDED")
                                                            : fault->errorCode,
                     fault->message == defaults.message
                         ? QStringLiteral("Too many requests. Please wait a moment and try again.")
                         : fault->message);
        r.headers.append({QByteArrayLiteral("Retry-After"), QByteArray::number(fault->retryAfterSeconds)});
        writeResponse(socket, r);
        return;
    }
    case Fault::Kind::ExpiredToken:
        if (fault->processRequest)
            route(rec, request);
        writeResponse(socket, authError(403, QStringLiteral("Invalid access token.")));
        return;
    case Fault::Kind::Delay: {
        const HttpResponse r = route(rec, request);
        QPointer<QTcpSocket> guard(socket);
        QTimer::singleShot(std::max(0, fault->delayMs), q, [guard, r] { writeResponse(guard.data(), r); });
        return;
    }
    case Fault::Kind::Hang:
        if (fault->processRequest)
            route(rec, request);
        return; // never answered; the connection stays open until the client gives up
    case Fault::Kind::MalformedJson: {
        if (fault->processRequest)
            route(rec, request);
        HttpResponse r;
        r.contentType = QByteArrayLiteral("text/html; charset=utf-8");
        r.body =
            QByteArrayLiteral("<!DOCTYPE html>\n<html><head><title>Databricks - Sign In</title></head>"
                              "<body><div id=\"login\">Please sign in to continue.</div></body></html>\n");
        writeResponse(socket, r);
        return;
    }
    case Fault::Kind::TruncatedJson: {
        HttpResponse r = route(rec, request);
        r.body = r.body.left(r.body.size() / 2);
        writeResponse(socket, r);
        return;
    }
    case Fault::Kind::CloseConnection:
        if (fault->processRequest)
            route(rec, request);
        socket->abort();
        return;
    default:
        writeResponse(socket, route(rec, request));
    }
}

QString DatabricksEmulator::Private::submittedSql(const RequestRecord& rec)
{
    if (rec.method != QLatin1String("POST"))
        return QString();
    QString path = rec.path;
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    if (path != QLatin1String("/api/2.0/sql/statements"))
        return QString();
    return QJsonDocument::fromJson(rec.body).object().value(QStringLiteral("statement")).toString();
}

std::optional<Fault> DatabricksEmulator::Private::takeFault(const QList<Fault::Kind>& kinds,
                                                            const RequestRecord& rec, const QString& sql)
{
    for (int i = 0; i < faults.size(); ++i) {
        Fault& f = faults[i];
        if (!kinds.contains(f.kind) || f.remaining == 0)
            continue;
        if (!f.method.isEmpty() && f.method.compare(rec.method, Qt::CaseInsensitive) != 0)
            continue;
        if (!f.pathContains.isEmpty() && !rec.path.contains(f.pathContains))
            continue;
        if (!f.sqlContains.isEmpty() && !sql.contains(f.sqlContains))
            continue;
        const Fault copy = f;
        if (f.remaining > 0 && --f.remaining == 0)
            faults.removeAt(i);
        return copy;
    }
    return std::nullopt;
}

HttpResponse DatabricksEmulator::Private::route(const RequestRecord& rec, const QHttpServerRequest& request)
{
    QString path = rec.path;
    while (path.size() > 1 && path.endsWith(QLatin1Char('/')))
        path.chop(1);
    const QString& m = rec.method;
    const bool get = m == QLatin1String("GET");
    const bool post = m == QLatin1String("POST");

    if (path == QLatin1String("/oidc/v1/token") && post)
        return tokenEndpoint(rec);
    if (path == QLatin1String("/oidc/v1/authorize") && get)
        return authorizeEndpoint(request);
    if (path == QLatin1String("/oidc/.well-known/oauth-authorization-server") && get)
        return discovery();
    if (path.startsWith(QLatin1String("/external/")) && get)
        return externalDownload(rec, path.mid(10), request.query());

    if (path.startsWith(QLatin1String("/api/"))) {
        HttpResponse error;
        const std::optional<QString> principal = authenticate(rec, &error);
        if (!principal)
            return error;
        if (path == QLatin1String("/api/2.0/preview/scim/v2/Me") && get)
            return me(*principal);
        if (path == QLatin1String("/api/2.0/sql/warehouses") && get)
            return listWarehouses(*principal, request.query());
        static const QRegularExpression warehouseRe(
            QStringLiteral("^/api/2\\.0/sql/warehouses/([^/]+)(?:/(start|stop))?$"));
        if (const auto wm = warehouseRe.match(path); wm.hasMatch())
            return warehouseAction(*principal, wm.captured(1), wm.captured(2), m);
        if (path == QLatin1String("/api/2.0/sql/statements") && post)
            return submit(*principal, rec);
        static const QRegularExpression statementRe(QStringLiteral("^/api/2\\.0/sql/statements/([^/]+)$"));
        if (const auto sm = statementRe.match(path); sm.hasMatch() && get)
            return poll(sm.captured(1));
        static const QRegularExpression chunkRe(
            QStringLiteral("^/api/2\\.0/sql/statements/([^/]+)/result/chunks/([0-9]+)$"));
        if (const auto cm = chunkRe.match(path); cm.hasMatch() && get)
            return chunk(cm.captured(1), cm.captured(2).toInt());
        static const QRegularExpression cancelRe(
            QStringLiteral("^/api/2\\.0/sql/statements/([^/]+)/cancel$"));
        if (const auto cm = cancelRe.match(path); cm.hasMatch() && post)
            return cancel(cm.captured(1));
        if (path.startsWith(QLatin1String("/api/2.0/fs/files/")))
            return filesEndpoint(*principal, rec, path.mid(17), request.query());
        if (path.startsWith(QLatin1String("/api/2.0/workspace/")))
            return workspaceEndpoint(rec, path.mid(19), request.query());
        static const QRegularExpression databaseInstanceRe(QStringLiteral("^/api/2\\.0/database/instances/([^/]+)$"));
        if (const auto dm = databaseInstanceRe.match(path); dm.hasMatch() && get)
            return database.instance(*principal, dm.captured(1));
        if (path == QLatin1String("/api/2.0/database/credentials") && post)
            return database.credentials(*principal, rec.body);
        if (path == QLatin1String("/api/2.0/postgres/credentials") && post)
            return database.endpointCredentials(*principal, rec.body);
        static const QRegularExpression jobsRe(QStringLiteral("^/api/2\\.[12]/jobs/(.+)$"));
        if (const auto jm = jobsRe.match(path); jm.hasMatch())
            return jobsEndpoint(*principal, rec, jm.captured(1), request.query());
    }
    return apiError(404, QStringLiteral("ENDPOINT_NOT_FOUND"),
                    QStringLiteral("No API found for '%1 %2'").arg(m, rec.path));
}

// ------------------------------------------------------------------------------------------------
// Authentication

Principal& DatabricksEmulator::Private::principalNamed(const QString& name)
{
    auto it = principals.find(name);
    if (it == principals.end()) {
        Principal p;
        p.name = name;
        it = principals.insert(name, p);
    }
    return it.value();
}

std::optional<QString> DatabricksEmulator::Private::authenticate(const RequestRecord& rec,
                                                                 HttpResponse* error)
{
    const QString header = rec.headers.value(QStringLiteral("authorization"));
    if (!header.startsWith(QLatin1String("Bearer "), Qt::CaseInsensitive) ||
        header.mid(7).trimmed().isEmpty()) {
        *error = authError(
            401, QStringLiteral("Credential was not sent or was of an unsupported type for this API."));
        return std::nullopt;
    }
    const QString token = header.mid(7).trimmed();
    if (personalAccessTokens.contains(token))
        return personalAccessTokens.value(token);
    const auto it = accessTokens.constFind(token);
    if (it != accessTokens.cend()) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (now >= it->expiresAt) {
            *error = authError(403, QStringLiteral("Invalid access token."));
            return std::nullopt;
        }
        if (tokenExpiryMarginSeconds > 0 && now.secsTo(it->expiresAt) <= tokenExpiryMarginSeconds) {
            *error = authError(403, QStringLiteral("Token is expiring within 30 seconds. (token expired)"));
            return std::nullopt;
        }
        return it->principal;
    }
    *error = authError(403, QStringLiteral("Invalid access token."));
    return std::nullopt;
}

QJsonObject DatabricksEmulator::Private::issueTokens(const QString& principal, const QString& scope,
                                                     const QString& clientId, bool refresh)
{
    const QString access = randomToken(QStringLiteral("eyJlbXVsYXRvciI6dHJ1ZX0."), 32);
    accessTokens.insert(access, {principal, QDateTime::currentDateTimeUtc().addSecs(tokenLifetimeSeconds)});
    QJsonObject body{{QStringLiteral("access_token"), access},
                     {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                     {QStringLiteral("expires_in"), tokenLifetimeSeconds},
                     {QStringLiteral("scope"), scope}};
    if (refresh) {
        const QString refreshToken = randomToken(QStringLiteral("doau"), 32);
        refreshTokens.insert(refreshToken, {principal, clientId, scope});
        body.insert(QStringLiteral("refresh_token"), refreshToken);
    }
    return body;
}

HttpResponse DatabricksEmulator::Private::tokenEndpoint(const RequestRecord& rec)
{
    if (!rec.headers.value(QStringLiteral("content-type"))
             .startsWith(QLatin1String("application/x-www-form-urlencoded")))
        return oauthError(400, QStringLiteral("invalid_request"),
                          QStringLiteral("Content-Type must be application/x-www-form-urlencoded"));
    QString form = QString::fromUtf8(rec.body);
    form.replace(QLatin1Char('+'), QStringLiteral("%20"));
    const QUrlQuery query(form);
    auto field = [&](const char* name) {
        return query.queryItemValue(QLatin1String(name), QUrl::FullyDecoded);
    };
    const QString grant = field("grant_type");
    QString scope = field("scope");

    if (grant == QLatin1String("client_credentials")) {
        QString clientId = field("client_id");
        QString secret = field("client_secret");
        const QString auth = rec.headers.value(QStringLiteral("authorization"));
        if (auth.startsWith(QLatin1String("Basic "), Qt::CaseInsensitive)) {
            const QString decoded =
                QString::fromUtf8(QByteArray::fromBase64(auth.mid(6).trimmed().toLatin1()));
            const int colon = decoded.indexOf(QLatin1Char(':'));
            clientId = decoded.left(colon);
            secret = colon >= 0 ? decoded.mid(colon + 1) : QString();
        }
        const auto sp = servicePrincipals.constFind(clientId);
        if (clientId.isEmpty() || sp == servicePrincipals.cend() || sp->secret != secret)
            return oauthError(401, QStringLiteral("invalid_client"),
                              QStringLiteral("Client authentication failed"));
        if (scope.isEmpty())
            scope = QStringLiteral("all-apis");
        return jsonResponse(200, issueTokens(sp->principal, scope, clientId, false));
    }
    if (grant == QLatin1String("authorization_code")) {
        const QString code = field("code");
        const auto it = authorizationCodes.constFind(code);
        if (it == authorizationCodes.cend() || it->expiresAt < QDateTime::currentDateTimeUtc())
            return oauthError(400, QStringLiteral("invalid_grant"),
                              QStringLiteral("Authorization code is invalid or expired"));
        const AuthorizationCode ac = *it;
        authorizationCodes.remove(code); // single use
        if (field("client_id") != ac.clientId)
            return oauthError(400, QStringLiteral("invalid_grant"),
                              QStringLiteral("client_id does not match the code"));
        if (field("redirect_uri") != ac.redirectUri)
            return oauthError(400, QStringLiteral("invalid_grant"),
                              QStringLiteral("redirect_uri does not match the code"));
        const QByteArray challenge =
            QCryptographicHash::hash(field("code_verifier").toUtf8(), QCryptographicHash::Sha256)
                .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        if (QString::fromLatin1(challenge) != ac.challenge)
            return oauthError(400, QStringLiteral("invalid_grant"),
                              QStringLiteral("PKCE verification failed"));
        const bool offline = ac.scope.split(QLatin1Char(' ')).contains(QStringLiteral("offline_access"));
        return jsonResponse(200, issueTokens(ac.principal, ac.scope, ac.clientId, offline));
    }
    if (grant == QLatin1String("refresh_token")) {
        const QString token = field("refresh_token");
        const auto it = refreshTokens.constFind(token);
        if (it == refreshTokens.cend() || field("client_id") != it->clientId)
            return oauthError(400, QStringLiteral("invalid_grant"),
                              QStringLiteral("Refresh token is invalid"));
        const RefreshGrant grantInfo = *it;
        refreshTokens.remove(token); // rotation: the old refresh token is spent
        return jsonResponse(200, issueTokens(grantInfo.principal, grantInfo.scope, grantInfo.clientId, true));
    }
    return oauthError(400, QStringLiteral("unsupported_grant_type"),
                      QStringLiteral("grant_type '%1' is not supported").arg(grant));
}

HttpResponse DatabricksEmulator::Private::authorizeEndpoint(const QHttpServerRequest& request)
{
    const QUrlQuery query = request.query();
    auto field = [&](const char* name) {
        return query.queryItemValue(QLatin1String(name), QUrl::FullyDecoded);
    };
    if (field("response_type") != QLatin1String("code"))
        return oauthError(400, QStringLiteral("unsupported_response_type"),
                          QStringLiteral("response_type must be code"));
    const QString clientId = field("client_id");
    if (!publicClients.contains(clientId))
        return oauthError(400, QStringLiteral("invalid_client"),
                          QStringLiteral("Unknown client_id '%1'").arg(clientId));
    const QUrl redirect(field("redirect_uri"));
    const QString host = redirect.host();
    if (!redirect.isValid() || redirect.scheme() != QLatin1String("http") ||
        !(host == QLatin1String("localhost") || host == QLatin1String("127.0.0.1") ||
          host == QLatin1String("::1")))
        return oauthError(400, QStringLiteral("invalid_request"),
                          QStringLiteral("redirect_uri must be a loopback http URL"));
    if (field("code_challenge_method") != QLatin1String("S256") || field("code_challenge").isEmpty())
        return oauthError(400, QStringLiteral("invalid_request"),
                          QStringLiteral("PKCE with S256 is required"));
    principalNamed(interactiveUser);
    const QString code = randomHex(16);
    authorizationCodes.insert(code,
                              {interactiveUser, clientId, field("redirect_uri"), field("code_challenge"),
                               field("scope"), QDateTime::currentDateTimeUtc().addSecs(300)});
    QUrl location = redirect;
    QUrlQuery back(redirect.query());
    back.addQueryItem(QStringLiteral("code"), code);
    back.addQueryItem(QStringLiteral("state"), field("state"));
    location.setQuery(back);
    HttpResponse r;
    r.status = 302;
    r.contentType = QByteArrayLiteral("text/plain");
    r.headers.append({QByteArrayLiteral("Location"), location.toEncoded()});
    return r;
}

HttpResponse DatabricksEmulator::Private::discovery() const
{
    const QString base = QStringLiteral("http://127.0.0.1:%1/oidc").arg(port);
    return jsonResponse(
        200,
        QJsonObject{
            {QStringLiteral("issuer"), base},
            {QStringLiteral("authorization_endpoint"), base + QStringLiteral("/v1/authorize")},
            {QStringLiteral("token_endpoint"), base + QStringLiteral("/v1/token")},
            {QStringLiteral("jwks_uri"), base + QStringLiteral("/jwks.json")},
            {QStringLiteral("response_types_supported"), QJsonArray{QStringLiteral("code")}},
            {QStringLiteral("grant_types_supported"),
             QJsonArray{QStringLiteral("client_credentials"), QStringLiteral("authorization_code"),
                        QStringLiteral("refresh_token")}},
            {QStringLiteral("code_challenge_methods_supported"), QJsonArray{QStringLiteral("S256")}},
            {QStringLiteral("token_endpoint_auth_methods_supported"),
             QJsonArray{QStringLiteral("client_secret_basic"), QStringLiteral("client_secret_post"),
                        QStringLiteral("none")}},
            {QStringLiteral("scopes_supported"),
             QJsonArray{QStringLiteral("all-apis"), QStringLiteral("sql"), QStringLiteral("offline_access"),
                        QStringLiteral("openid"), QStringLiteral("profile"), QStringLiteral("email")}}});
}

HttpResponse DatabricksEmulator::Private::me(const QString& principal)
{
    const QByteArray hash = QCryptographicHash::hash(principal.toUtf8(), QCryptographicHash::Sha1);
    const quint64 id = qFromBigEndian<quint64>(hash.constData()) % 9000000000000000ULL + 1000000000000000ULL;
    QJsonObject body{
        {QStringLiteral("schemas"), QJsonArray{QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:User")}},
        {QStringLiteral("id"), QString::number(id)},
        {QStringLiteral("userName"), principal},
        {QStringLiteral("displayName"), principal},
        {QStringLiteral("active"), true}};
    if (principal.contains(QLatin1Char('@')))
        body.insert(QStringLiteral("emails"),
                    QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("work")},
                                           {QStringLiteral("value"), principal},
                                           {QStringLiteral("primary"), true}}});
    return jsonResponse(200, body);
}

// ------------------------------------------------------------------------------------------------
// Warehouses

QJsonObject DatabricksEmulator::Private::warehouseJson(const Warehouse& w) const
{
    const bool running = w.state == QLatin1String("RUNNING");
    const QString httpPath = QStringLiteral("/sql/1.0/warehouses/") + w.id;
    QJsonObject o{
        {QStringLiteral("id"), w.id},
        {QStringLiteral("name"), w.name},
        {QStringLiteral("state"), w.state},
        {QStringLiteral("cluster_size"), QStringLiteral("Small")},
        {QStringLiteral("min_num_clusters"), 1},
        {QStringLiteral("max_num_clusters"), 1},
        {QStringLiteral("num_clusters"), running ? 1 : 0},
        {QStringLiteral("num_active_sessions"), 0},
        {QStringLiteral("auto_stop_mins"), 10},
        {QStringLiteral("enable_serverless_compute"), true},
        {QStringLiteral("warehouse_type"), QStringLiteral("PRO")},
        {QStringLiteral("creator_name"), QStringLiteral("admin@example.com")},
        {QStringLiteral("spot_instance_policy"), QStringLiteral("COST_OPTIMIZED")},
        {QStringLiteral("channel"),
         QJsonObject{{QStringLiteral("name"), QStringLiteral("CHANNEL_NAME_CURRENT")}}},
        {QStringLiteral("tags"), QJsonObject{}},
        {QStringLiteral("jdbc_url"),
         QStringLiteral(
             "jdbc:databricks://127.0.0.1:%1/default;transportMode=http;ssl=0;AuthMech=3;httpPath=%2;")
             .arg(port)
             .arg(httpPath)},
        {QStringLiteral("odbc_params"), QJsonObject{{QStringLiteral("hostname"), QStringLiteral("127.0.0.1")},
                                                    {QStringLiteral("path"), httpPath},
                                                    {QStringLiteral("port"), int(port)},
                                                    {QStringLiteral("protocol"), QStringLiteral("http")}}}};
    if (running || w.state == QLatin1String("STARTING"))
        o.insert(QStringLiteral("health"),
                 QJsonObject{{QStringLiteral("status"), QStringLiteral("HEALTHY")}});
    return o;
}

void DatabricksEmulator::Private::tickWarehouse(const QString& id)
{
    auto it = warehouses.find(id);
    if (it == warehouses.end() || it->state != QLatin1String("STARTING"))
        return;
    if (--it->startingPollsLeft <= 0) {
        it->startingPollsLeft = 0;
        it->state = QStringLiteral("RUNNING");
    }
}

HttpResponse DatabricksEmulator::Private::listWarehouses(const QString& principal, const QUrlQuery& query)
{
    QList<QJsonObject> visible;
    if (principalNamed(principal).canUseWarehouse)
        for (const QString& id : warehouseOrder)
            visible << warehouseJson(warehouses.value(id));
    const int pageSize = query.queryItemValue(QStringLiteral("page_size")).toInt();
    const int offset = query.queryItemValue(QStringLiteral("page_token")).toInt();
    const int count = pageSize > 0 ? pageSize : int(visible.size());
    QJsonArray page;
    for (int i = offset; i < visible.size() && i < offset + count; ++i)
        page.append(visible[i]);
    QJsonObject body{{QStringLiteral("warehouses"), page}};
    if (offset + count < visible.size())
        body.insert(QStringLiteral("next_page_token"), QString::number(offset + count));
    return jsonResponse(200, body);
}

HttpResponse DatabricksEmulator::Private::warehouseAction(const QString& principal, const QString& id,
                                                          const QString& action, const QString& method)
{
    auto it = warehouses.find(id);
    if (it == warehouses.end())
        return apiError(404, QStringLiteral("RESOURCE_DOES_NOT_EXIST"),
                        QStringLiteral("SQL warehouse %1 does not exist.").arg(id));
    if (!principalNamed(principal).canUseWarehouse)
        return apiError(403, QStringLiteral("PERMISSION_DENIED"),
                        QStringLiteral("User does not have permission to use warehouse %1.").arg(id));
    if (action.isEmpty() && method == QLatin1String("GET")) {
        tickWarehouse(id);
        return jsonResponse(200, warehouseJson(warehouses.value(id)));
    }
    if (method != QLatin1String("POST") || action.isEmpty())
        return apiError(404, QStringLiteral("ENDPOINT_NOT_FOUND"),
                        QStringLiteral("No API found for '%1 /api/2.0/sql/warehouses/%2'").arg(method, id));
    if (action == QLatin1String("start")) {
        if (it->state == QLatin1String("STOPPED") || it->state == QLatin1String("STOPPING")) {
            it->state = warehouseStartupPolls > 0 ? QStringLiteral("STARTING") : QStringLiteral("RUNNING");
            it->startingPollsLeft = warehouseStartupPolls;
        }
    } else {
        it->state = QStringLiteral("STOPPED");
        it->startingPollsLeft = 0;
    }
    return jsonResponse(200, QJsonObject{});
}

// ------------------------------------------------------------------------------------------------
// Statements

HttpResponse DatabricksEmulator::Private::submit(const QString& principal, const RequestRecord& rec)
{
    auto invalid = [](const QString& message) {
        return apiError(400, QStringLiteral("INVALID_PARAMETER_VALUE"), message);
    };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(rec.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return apiError(400, QStringLiteral("MALFORMED_REQUEST"),
                        QStringLiteral("Invalid JSON given in the body of the request - expected a map"));
    const QJsonObject o = doc.object();
    static const QStringList known{
        QStringLiteral("statement"),       QStringLiteral("warehouse_id"), QStringLiteral("catalog"),
        QStringLiteral("schema"),          QStringLiteral("parameters"),   QStringLiteral("wait_timeout"),
        QStringLiteral("on_wait_timeout"), QStringLiteral("disposition"),  QStringLiteral("format"),
        QStringLiteral("row_limit"),       QStringLiteral("byte_limit"),   QStringLiteral("query_tags")};
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!known.contains(it.key()))
            return invalid(QStringLiteral("Unknown field '%1' in ExecuteStatementRequest.").arg(it.key()));
    for (const char* name : {"statement", "warehouse_id", "catalog", "schema", "wait_timeout",
                             "on_wait_timeout", "disposition", "format"}) {
        const QJsonValue v = o.value(QLatin1String(name));
        if (!v.isUndefined() && !v.isString())
            return invalid(QStringLiteral("Field '%1' must be a string.").arg(QLatin1String(name)));
    }
    Statement st;
    st.sql = o.value(QStringLiteral("statement")).toString();
    st.warehouseId = o.value(QStringLiteral("warehouse_id")).toString();
    if (st.sql.trimmed().isEmpty())
        return invalid(QStringLiteral("Missing required field: statement"));
    if (st.warehouseId.isEmpty())
        return invalid(QStringLiteral("Missing required field: warehouse_id"));
    st.catalog = o.value(QStringLiteral("catalog")).toString();
    st.schema = o.value(QStringLiteral("schema")).toString();

    const QString waitText = o.value(QStringLiteral("wait_timeout")).toString(QStringLiteral("10s"));
    static const QRegularExpression waitRe(QStringLiteral("^([0-9]+)s$"));
    const auto wm = waitRe.match(waitText);
    const int wait = wm.hasMatch() ? wm.captured(1).toInt() : -1;
    if (wait != 0 && (wait < 5 || wait > 50))
        return invalid(
            QStringLiteral("wait_timeout must be 0s or between 5s and 50s, got '%1'.").arg(waitText));
    const QString onWait = o.value(QStringLiteral("on_wait_timeout")).toString(QStringLiteral("CONTINUE"));
    if (onWait != QLatin1String("CONTINUE") && onWait != QLatin1String("CANCEL"))
        return invalid(QStringLiteral("on_wait_timeout must be CONTINUE or CANCEL, got '%1'.").arg(onWait));
    st.disposition = o.value(QStringLiteral("disposition")).toString(QStringLiteral("INLINE"));
    st.format = o.value(QStringLiteral("format")).toString(QStringLiteral("JSON_ARRAY"));
    if (st.disposition != QLatin1String("INLINE") && st.disposition != QLatin1String("EXTERNAL_LINKS"))
        return invalid(
            QStringLiteral("disposition must be INLINE or EXTERNAL_LINKS, got '%1'.").arg(st.disposition));
    if (st.format != QLatin1String("JSON_ARRAY") && st.format != QLatin1String("ARROW_STREAM") &&
        st.format != QLatin1String("CSV"))
        return invalid(
            QStringLiteral("format must be JSON_ARRAY, ARROW_STREAM or CSV, got '%1'.").arg(st.format));
    if (st.format != QLatin1String("JSON_ARRAY") && st.disposition == QLatin1String("INLINE"))
        return invalid(QStringLiteral("format %1 requires disposition EXTERNAL_LINKS.").arg(st.format));
    if (st.format == QLatin1String("ARROW_STREAM"))
        return apiError(
            501, QStringLiteral("NOT_IMPLEMENTED"),
            QStringLiteral("The Databricks emulator does not produce ARROW_STREAM results; use JSON_ARRAY."));
    if (st.disposition == QLatin1String("EXTERNAL_LINKS") && !externalLinksEnabled)
        return invalid(QStringLiteral("EXTERNAL_LINKS disposition is not enabled for this workspace."));
    for (const char* name : {"row_limit", "byte_limit"}) {
        const QJsonValue v = o.value(QLatin1String(name));
        if (v.isUndefined())
            continue;
        bool ok = v.isDouble();
        qint64 value = ok ? qint64(v.toDouble()) : v.toString().toLongLong(&ok);
        if (!ok || value < 0)
            return invalid(
                QStringLiteral("Field '%1' must be a non-negative integer.").arg(QLatin1String(name)));
        (QLatin1String(name) == QLatin1String("row_limit") ? st.rowLimit : st.byteLimit) = value;
    }
    const QJsonValue params = o.value(QStringLiteral("parameters"));
    if (!params.isUndefined() && !params.isArray())
        return invalid(QStringLiteral("Field 'parameters' must be an array."));
    for (const QJsonValue& pv : params.toArray()) {
        if (!pv.isObject())
            return invalid(QStringLiteral("Each parameter must be an object {name, value, type}."));
        const QJsonObject po = pv.toObject();
        for (auto it = po.begin(); it != po.end(); ++it)
            if (it.key() != QLatin1String("name") && it.key() != QLatin1String("value") &&
                it.key() != QLatin1String("type"))
                return invalid(
                    QStringLiteral("Unknown field '%1' in StatementParameterListItem.").arg(it.key()));
        StatementParameter p;
        if (!po.value(QStringLiteral("name")).isString() ||
            po.value(QStringLiteral("name")).toString().isEmpty())
            return invalid(QStringLiteral("Every parameter needs a non-empty string 'name'."));
        p.name = po.value(QStringLiteral("name")).toString();
        const QJsonValue value = po.value(QStringLiteral("value"));
        if (value.isUndefined() || value.isNull())
            p.isNull = true;
        else if (value.isString())
            p.value = value.toString();
        else
            return invalid(QStringLiteral("Parameter '%1': value must be a string (or null/absent for NULL).")
                               .arg(p.name));
        const QJsonValue type = po.value(QStringLiteral("type"));
        if (!type.isUndefined() && !type.isString())
            return invalid(QStringLiteral("Parameter '%1': type must be a string.").arg(p.name));
        p.type = type.toString().trimmed().toUpper();
        if (p.type.startsWith(QLatin1String("ARRAY")) || p.type.startsWith(QLatin1String("MAP")) ||
            p.type.startsWith(QLatin1String("STRUCT")))
            return invalid(
                QStringLiteral("Parameter '%1': type %2 is not supported; ARRAY, MAP and STRUCT parameters "
                               "are not allowed.")
                    .arg(p.name, p.type));
        for (const StatementParameter& other : st.parameters)
            if (other.name == p.name)
                return invalid(QStringLiteral("Parameter '%1' is given twice.").arg(p.name));
        st.parameters << p;
    }

    auto wit = warehouses.find(st.warehouseId);
    if (wit == warehouses.end() || wit->state == QLatin1String("DELETED") ||
        wit->state == QLatin1String("DELETING"))
        return apiError(404, QStringLiteral("RESOURCE_DOES_NOT_EXIST"),
                        QStringLiteral("SQL warehouse %1 does not exist.").arg(st.warehouseId));
    if (!principalNamed(principal).canUseWarehouse)
        return apiError(
            403, QStringLiteral("PERMISSION_DENIED"),
            QStringLiteral("User does not have permission to use warehouse %1.").arg(st.warehouseId));

    st.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    st.principal = principal;
    executedStatements << st.sql;

    // Scripted non-terminal answers: warehouse start-up, StaysPending faults, running polls.
    if (wit->state == QLatin1String("STOPPED") || wit->state == QLatin1String("STOPPING")) {
        wit->state = warehouseStartupPolls > 0 ? QStringLiteral("STARTING") : QStringLiteral("RUNNING");
        wit->startingPollsLeft = warehouseStartupPolls;
    }
    if (wit->state == QLatin1String("STARTING"))
        for (int i = 0; i < wit->startingPollsLeft; ++i)
            st.upcoming << QStringLiteral("PENDING");
    if (const auto f = takeFault({Fault::Kind::StaysPending}, rec, st.sql))
        for (int i = 0; i < f->pendingPolls; ++i)
            st.upcoming << QStringLiteral("PENDING");
    for (int i = 0; i < runningPolls; ++i)
        st.upcoming << QStringLiteral("RUNNING");
    st.forcedFailure = takeFault({Fault::Kind::StatementFailed}, rec, st.sql);

    Statement& stored = statements.insert(st.id, st).value();
    if (wait == 0) {
        stored.state = QStringLiteral("PENDING");
    } else if (stored.upcoming.isEmpty()) {
        run(stored);
    } else if (onWait == QLatin1String("CANCEL")) {
        stored.state = QStringLiteral("CANCELED");
        stored.upcoming.clear();
        stored.finishedAt = QDateTime::currentDateTimeUtc();
    } else {
        stored.state = QStringLiteral("PENDING");
    }
    return jsonResponse(200, statementJson(stored));
}

void DatabricksEmulator::Private::applyGrant(const SqlTranslation& tr, Statement& st)
{
    Principal* target = nullptr;
    for (auto it = principals.begin(); it != principals.end(); ++it)
        if (it.key().compare(tr.grantee, Qt::CaseInsensitive) == 0)
            target = &it.value();
    if (!target) {
        st.state = QStringLiteral("FAILED");
        st.errorCode = QStringLiteral("BAD_REQUEST");
        st.errorMessage =
            QStringLiteral(
                "[PRINCIPAL_DOES_NOT_EXIST] Could not find principal with name %1. SQLSTATE: 42704")
                .arg(tr.grantee);
        st.sqlState = QStringLiteral("42704");
        return;
    }
    const bool value = tr.kind == StatementKind::Grant;
    for (const QString& privilege : tr.privileges) {
        const bool all = privilege == QLatin1String("ALL PRIVILEGES") || privilege == QLatin1String("ALL");
        if (all || privilege == QLatin1String("SELECT"))
            target->canSelect = value;
        if (all || privilege == QLatin1String("MODIFY"))
            target->canModify = value;
        if (all || privilege == QLatin1String("CREATE TABLE") || privilege == QLatin1String("CREATE"))
            target->canCreate = value;
        if (all || privilege == QLatin1String("USE CATALOG"))
            target->canUseCatalog = value;
        if (all || privilege == QLatin1String("USE SCHEMA") || privilege == QLatin1String("USAGE"))
            target->canUseSchema = value;
    }
}

void DatabricksEmulator::Private::run(Statement& st)
{
    st.upcoming.clear();
    st.finishedAt = QDateTime::currentDateTimeUtc();
    st.rowsPerChunk = std::max(1, rowsPerChunk);
    if (st.forcedFailure) {
        st.state = QStringLiteral("FAILED");
        st.errorCode = st.forcedFailure->errorCode;
        st.errorMessage = st.forcedFailure->message;
        static const QRegularExpression sqlStateRe(QStringLiteral("SQLSTATE: ([0-9A-Z]{5})"));
        st.sqlState = sqlStateRe.match(st.errorMessage).captured(1);
        return;
    }
    if (!setupError.isEmpty()) {
        st.state = QStringLiteral("FAILED");
        st.errorCode = QStringLiteral("INTERNAL_ERROR");
        st.errorMessage = QStringLiteral("[INTERNAL_ERROR] %1 SQLSTATE: XX000").arg(setupError);
        st.sqlState = QStringLiteral("XX000");
        return;
    }
    ExecutionRequest request;
    request.sql = st.sql;
    request.catalog = st.catalog;
    request.schema = st.schema;
    request.parameters = st.parameters;
    request.principal = principalNamed(st.principal);
    request.catalogs = catalogs;
    request.rowLimit = st.rowLimit;
    request.timeZone = sessionZone;
    ExecutionOutcome outcome = execute(request);
    if (!outcome.succeeded) {
        st.state = QStringLiteral("FAILED");
        st.errorCode = outcome.errorCode;
        st.errorMessage = outcome.message;
        st.sqlState = outcome.sqlState;
        return;
    }
    st.state = QStringLiteral("SUCCEEDED");
    if (outcome.translation.kind == StatementKind::Grant || outcome.translation.kind == StatementKind::Revoke)
        applyGrant(outcome.translation, st);
    if (st.state != QLatin1String("SUCCEEDED"))
        return;
    st.hasSchema = outcome.hasSchema;
    st.columns = outcome.columns;
    st.rows = outcome.rows;
    st.truncated = outcome.truncated;
    qint64 bytes = 0;
    for (int i = 0; i < st.rows.size(); ++i) {
        bytes += approximateRowBytes(st.rows[i]);
        if (st.byteLimit > 0 && bytes > st.byteLimit) {
            st.rows.erase(st.rows.begin() + i, st.rows.end());
            st.truncated = true;
            break;
        }
    }
    if (st.disposition == QLatin1String("INLINE") && bytes > inlineByteLimit && !st.truncated) {
        st.state = QStringLiteral("FAILED");
        st.errorCode = QStringLiteral("BAD_REQUEST");
        st.errorMessage =
            QStringLiteral("[INLINE_RESULT_TOO_LARGE] The result of about %1 bytes exceeds the %2-byte limit "
                           "of the INLINE disposition. Use disposition EXTERNAL_LINKS. SQLSTATE: 54000")
                .arg(bytes)
                .arg(inlineByteLimit);
        st.sqlState = QStringLiteral("54000");
        st.rows.clear();
        st.columns.clear();
    }
}

ExecutionOutcome DatabricksEmulator::Private::execute(ExecutionRequest request)
{
    auto failed = [](const QString& message, const QString& sqlState) {
        ExecutionOutcome o;
        o.errorCode = QStringLiteral("BAD_REQUEST");
        o.message = QStringLiteral("%1 SQLSTATE: %2").arg(message, sqlState);
        o.sqlState = sqlState;
        return o;
    };
    QString directoryForm;
    if (const auto directory = parseInsertOverwriteDirectory(request.sql, &directoryForm)) {
        if (!directoryForm.isEmpty())
            return failed(QStringLiteral("[UNSUPPORTED_FEATURE.EMULATOR] The emulator does not support %1.")
                              .arg(directoryForm),
                          QStringLiteral("0A000"));
        if (!files.hasVolumeFor(directory->path + QLatin1Char('/')))
            return failed(QStringLiteral("[UC_VOLUME_NOT_FOUND] Volume for %1 does not exist.").arg(directory->path),
                          QStringLiteral("42704"));
        if (!request.principal.canModify)
            return failed(QStringLiteral("[INSUFFICIENT_PERMISSIONS] Insufficient privileges: User does not have "
                                         "WRITE VOLUME on the volume of %1.")
                              .arg(directory->path),
                          QStringLiteral("42501"));
        ExecutionRequest query = request;
        query.sql = directory->query;
        const ExecutionOutcome rows = warehouseEngine.execute(query);
        if (!rows.succeeded)
            return rows;
        QStringList columns;
        for (const auto& c : rows.columns)
            columns.append(c.name);
        const QString part = QStringLiteral("part-00000-%1-c000.csv")
                                 .arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
        files.replaceDirectory(directory->path, {{part, csvOf(columns, rows.rows, directory->header())},
                                                 {QStringLiteral("_SUCCESS"), QByteArray()}});
        ExecutionOutcome written;
        written.succeeded = true;
        written.hasSchema = true;
        for (const char* name : {"num_affected_rows", "num_inserted_rows"})
            written.columns.append({QLatin1String(name), QStringLiteral("LONG"), QStringLiteral("BIGINT")});
        written.rows.append(QJsonArray{QString::number(rows.rows.size()), QString::number(rows.rows.size())});
        return written;
    }
    QString unsupportedForm;
    const std::optional<CopyInto> copy = parseCopyInto(request.sql, &unsupportedForm);
    QString loadKey;
    if (copy) {
        if (!unsupportedForm.isEmpty())
            return failed(QStringLiteral("[UNSUPPORTED_FEATURE.EMULATOR] The emulator does not support %1.")
                              .arg(unsupportedForm),
                          QStringLiteral("0A000"));
        const std::optional<QByteArray> file = files.volumeFile(copy->path);
        if (!file)
            return failed(QStringLiteral("[PATH_NOT_FOUND] Path does not exist: %1.").arg(copy->path),
                          QStringLiteral("42K03"));
        loadKey = QString(copy->target).remove(QLatin1Char('`')).toLower() + QLatin1Char('|') + copy->path;
        if (loadedFiles.contains(loadKey) && !copy->force()) {
            // Loaded before: COPY INTO skips the file (idempotent).
            ExecutionOutcome skipped;
            skipped.succeeded = true;
            skipped.hasSchema = true;
            for (const char* name : {"num_affected_rows", "num_inserted_rows", "num_skipped_corrupt_files"})
                skipped.columns.append({QLatin1String(name), QStringLiteral("LONG"), QStringLiteral("BIGINT")});
            skipped.rows.append(QJsonArray{QStringLiteral("0"), QStringLiteral("0"), QStringLiteral("0")});
            return skipped;
        }
        QString error;
        int rows = 0;
        request.sql = copyIntoAsInsert(*copy, *file, &error, &rows);
        if (request.sql.isEmpty())
            return failed(error, QStringLiteral("22000"));
    }
    ExecutionOutcome outcome = warehouseEngine.execute(request);
    if (!outcome.succeeded)
        return outcome;
    if (copy) {
        loadedFiles.insert(loadKey);
        outcome.columns.append({QStringLiteral("num_skipped_corrupt_files"), QStringLiteral("LONG"), QStringLiteral("BIGINT")});
        if (!outcome.rows.isEmpty())
            outcome.rows.first().append(QStringLiteral("0"));
    }
    if (outcome.translation.kind == StatementKind::CreateCatalog && !outcome.translation.catalogName.isEmpty())
        catalogs.insert(outcome.translation.catalogName);
    if (outcome.translation.kind == StatementKind::CreateVolume && !outcome.translation.volumeName.isEmpty())
        files.addVolume(outcome.translation.volumeName);
    return outcome;
}

QString DatabricksEmulator::Private::runAsJob(const QString& sql, const QString& principal, const QString& warehouseId)
{
    if (!warehouses.contains(warehouseId))
        return QStringLiteral("SQL warehouse %1 does not exist.").arg(warehouseId);
    executedStatements.append(sql);
    ExecutionRequest request;
    request.sql = sql;
    request.principal = principalNamed(principal);
    request.catalogs = catalogs;
    request.timeZone = sessionZone;
    const ExecutionOutcome outcome = execute(request);
    return outcome.succeeded ? QString() : outcome.message;
}

HttpResponse DatabricksEmulator::Private::filesEndpoint(const QString& principal, const RequestRecord& rec,
                                                        const QString& path, const QUrlQuery& query)
{
    const bool canWrite = principalNamed(principal).canModify;
    if (rec.method == QLatin1String("PUT"))
        return files.put(path, query, rec.body, canWrite);
    if (rec.method == QLatin1String("GET"))
        return files.get(path);
    if (rec.method == QLatin1String("DELETE"))
        return files.remove(path, canWrite);
    return apiError(405, QStringLiteral("METHOD_NOT_ALLOWED"), QStringLiteral("%1 is not supported here.").arg(rec.method));
}

HttpResponse DatabricksEmulator::Private::workspaceEndpoint(const RequestRecord& rec, const QString& action,
                                                            const QUrlQuery& query)
{
    const bool post = rec.method == QLatin1String("POST");
    if (action == QLatin1String("import") && post)
        return files.workspaceImport(rec.body);
    if (action == QLatin1String("mkdirs") && post)
        return files.workspaceMkdirs(rec.body);
    if (action == QLatin1String("delete") && post)
        return files.workspaceDelete(rec.body);
    if (action == QLatin1String("get-status") && rec.method == QLatin1String("GET"))
        return files.workspaceStatus(query);
    return apiError(404, QStringLiteral("ENDPOINT_NOT_FOUND"),
                    QStringLiteral("No API found for '%1 %2'").arg(rec.method, rec.path));
}

HttpResponse DatabricksEmulator::Private::jobsEndpoint(const QString& principal, const RequestRecord& rec,
                                                       const QString& action, const QUrlQuery& query)
{
    const bool post = rec.method == QLatin1String("POST");
    const bool get = rec.method == QLatin1String("GET");
    if (action == QLatin1String("create") && post)
        return jobs->create(principal, rec.body);
    if (action == QLatin1String("list") && get)
        return jobs->list(query);
    if (action == QLatin1String("get") && get)
        return jobs->get(query);
    if (action == QLatin1String("reset") && post)
        return jobs->reset(rec.body);
    if (action == QLatin1String("update") && post)
        return jobs->update(rec.body);
    if (action == QLatin1String("run-now") && post)
        return jobs->runNow(rec.body);
    if (action == QLatin1String("runs/get") && get)
        return jobs->runsGet(query);
    if (action == QLatin1String("delete") && post)
        return jobs->remove(rec.body);
    return apiError(404, QStringLiteral("ENDPOINT_NOT_FOUND"),
                    QStringLiteral("No API found for '%1 %2'").arg(rec.method, rec.path));
}

void DatabricksEmulator::Private::expireIfNeeded(Statement& st)
{
    if (st.state == QLatin1String("SUCCEEDED") && st.finishedAt.isValid() &&
        st.finishedAt.secsTo(QDateTime::currentDateTimeUtc()) >= resultLifetimeSeconds) {
        st.state = QStringLiteral("CLOSED");
        st.rows.clear();
        st.columns.clear();
    }
}

HttpResponse DatabricksEmulator::Private::poll(const QString& id)
{
    auto it = statements.find(id);
    if (it == statements.end())
        return apiError(404, QStringLiteral("NOT_FOUND"),
                        QStringLiteral("The statement %1 was not found.").arg(id));
    Statement& st = it.value();
    if (!isTerminal(st.state)) {
        tickWarehouse(st.warehouseId);
        if (!st.upcoming.isEmpty())
            st.state = st.upcoming.takeFirst();
        else
            run(st);
    }
    expireIfNeeded(st);
    return jsonResponse(200, statementJson(st));
}

HttpResponse DatabricksEmulator::Private::chunk(const QString& id, int index)
{
    auto it = statements.find(id);
    if (it == statements.end())
        return apiError(404, QStringLiteral("NOT_FOUND"),
                        QStringLiteral("The statement %1 was not found.").arg(id));
    Statement& st = it.value();
    expireIfNeeded(st);
    if (st.state == QLatin1String("CLOSED"))
        return apiError(
            404, QStringLiteral("NOT_FOUND"),
            QStringLiteral("The result of statement %1 is no longer available (CLOSED).").arg(id));
    if (st.state != QLatin1String("SUCCEEDED"))
        return apiError(400, QStringLiteral("INVALID_STATE"),
                        QStringLiteral("Statement %1 is %2; results are available only once it SUCCEEDED.")
                            .arg(id, st.state));
    if (index < 0 || index >= chunkCount(st))
        return apiError(
            400, QStringLiteral("INVALID_PARAMETER_VALUE"),
            QStringLiteral("chunk_index %1 is out of range [0, %2).").arg(index).arg(chunkCount(st)));
    return jsonResponse(200, resultData(st, index));
}

HttpResponse DatabricksEmulator::Private::cancel(const QString& id)
{
    auto it = statements.find(id);
    if (it == statements.end())
        return apiError(404, QStringLiteral("NOT_FOUND"),
                        QStringLiteral("The statement %1 was not found.").arg(id));
    if (!isTerminal(it->state)) {
        it->state = QStringLiteral("CANCELED");
        it->upcoming.clear();
        it->finishedAt = QDateTime::currentDateTimeUtc();
    }
    return jsonResponse(200, QJsonObject{});
}

int DatabricksEmulator::Private::chunkCount(const Statement& st) const
{
    if (!st.hasSchema || st.rows.isEmpty())
        return 0;
    return int((st.rows.size() + st.rowsPerChunk - 1) / st.rowsPerChunk);
}

QJsonObject DatabricksEmulator::Private::statementJson(Statement& st)
{
    QJsonObject status{{QStringLiteral("state"), st.state}};
    if (st.state == QLatin1String("FAILED")) {
        status.insert(QStringLiteral("error"), QJsonObject{{QStringLiteral("error_code"), st.errorCode},
                                                           {QStringLiteral("message"), st.errorMessage}});
        if (!st.sqlState.isEmpty())
            status.insert(QStringLiteral("sql_state"), st.sqlState);
    }
    QJsonObject o{{QStringLiteral("statement_id"), st.id}, {QStringLiteral("status"), status}};
    if (st.state == QLatin1String("SUCCEEDED")) {
        o.insert(QStringLiteral("manifest"), manifestJson(st));
        o.insert(QStringLiteral("result"), chunkCount(st) > 0 ? resultData(st, 0) : QJsonObject{});
    }
    return o;
}

QJsonObject DatabricksEmulator::Private::manifestJson(const Statement& st)
{
    if (!st.hasSchema)
        return QJsonObject{{QStringLiteral("schema"), QJsonObject{{QStringLiteral("column_count"), 0}}},
                           {QStringLiteral("total_chunk_count"), 0},
                           {QStringLiteral("total_row_count"), 0},
                           {QStringLiteral("truncated"), false}};
    const bool external = st.disposition == QLatin1String("EXTERNAL_LINKS");
    QJsonArray columns;
    for (int i = 0; i < st.columns.size(); ++i) {
        const ResultColumn& c = st.columns[i];
        QJsonObject col{{QStringLiteral("name"), c.name},
                        {QStringLiteral("type_text"), c.typeText},
                        {QStringLiteral("type_name"), c.typeName},
                        {QStringLiteral("position"), i}};
        if (c.typeName == QLatin1String("DECIMAL")) {
            col.insert(QStringLiteral("type_precision"), c.precision);
            col.insert(QStringLiteral("type_scale"), c.scale);
        }
        columns.append(col);
    }
    QJsonObject manifest{
        {QStringLiteral("format"), st.format},
        {QStringLiteral("schema"), QJsonObject{{QStringLiteral("column_count"), int(st.columns.size())},
                                               {QStringLiteral("columns"), columns}}},
        {QStringLiteral("total_chunk_count"), chunkCount(st)},
        {QStringLiteral("total_row_count"), int(st.rows.size())},
        {QStringLiteral("truncated"), st.truncated}};
    QJsonArray chunks;
    qint64 totalBytes = 0;
    for (int k = 0; k < chunkCount(st); ++k) {
        QJsonObject c{{QStringLiteral("chunk_index"), k},
                      {QStringLiteral("row_offset"), chunkRowOffset(st, k)},
                      {QStringLiteral("row_count"), chunkRowCount(st, k)}};
        if (external) {
            const qint64 bytes = chunkBody(st, k).size();
            totalBytes += bytes;
            c.insert(QStringLiteral("byte_count"), bytes);
        }
        chunks.append(c);
    }
    if (!chunks.isEmpty())
        manifest.insert(QStringLiteral("chunks"), chunks);
    if (external)
        manifest.insert(QStringLiteral("total_byte_count"), totalBytes);
    return manifest;
}

QByteArray DatabricksEmulator::Private::chunkBody(const Statement& st, int k) const
{
    const int offset = chunkRowOffset(st, k);
    const int count = chunkRowCount(st, k);
    if (st.format == QLatin1String("CSV")) {
        QStringList lines;
        if (k == 0) {
            QStringList header;
            for (const ResultColumn& c : st.columns)
                header << csvField(c.name);
            lines << header.join(QLatin1Char(','));
        }
        for (int r = offset; r < offset + count; ++r) {
            QStringList fields;
            for (const QJsonValue& v : st.rows[r])
                fields << csvField(v);
            lines << fields.join(QLatin1Char(','));
        }
        return (lines.join(QStringLiteral("\r\n")) + QStringLiteral("\r\n")).toUtf8();
    }
    QJsonArray data;
    for (int r = offset; r < offset + count; ++r)
        data.append(st.rows[r]);
    return QJsonDocument(data).toJson(QJsonDocument::Compact);
}

QJsonObject DatabricksEmulator::Private::externalLink(Statement& st, int k)
{
    ExternalLink link;
    link.statementId = st.id;
    link.chunk = k;
    link.expiresAt = QDateTime::currentDateTimeUtc().addSecs(externalLinkLifetimeSeconds);
    link.signature = randomHex(32);
    const QString token = randomHex(16);
    links.insert(token, link);
    const QString url =
        QStringLiteral("http://127.0.0.1:%1/external/%2?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=%3"
                       "&X-Amz-SignedHeaders=host&X-Amz-Signature=%4")
            .arg(port)
            .arg(token)
            .arg(externalLinkLifetimeSeconds)
            .arg(link.signature);
    QJsonObject o{{QStringLiteral("chunk_index"), k},
                  {QStringLiteral("row_offset"), chunkRowOffset(st, k)},
                  {QStringLiteral("row_count"), chunkRowCount(st, k)},
                  {QStringLiteral("byte_count"), chunkBody(st, k).size()},
                  {QStringLiteral("external_link"), url},
                  {QStringLiteral("expiration"), isoUtc(link.expiresAt)}};
    if (k + 1 < chunkCount(st)) {
        o.insert(QStringLiteral("next_chunk_index"), k + 1);
        o.insert(QStringLiteral("next_chunk_internal_link"),
                 QStringLiteral("/api/2.0/sql/statements/%1/result/chunks/%2").arg(st.id).arg(k + 1));
    }
    if (!externalLinkHeaders.isEmpty()) {
        QJsonObject headers;
        for (auto it = externalLinkHeaders.cbegin(); it != externalLinkHeaders.cend(); ++it)
            headers.insert(it.key(), it.value());
        o.insert(QStringLiteral("http_headers"), headers);
    }
    return o;
}

QJsonObject DatabricksEmulator::Private::resultData(Statement& st, int k)
{
    if (st.disposition == QLatin1String("EXTERNAL_LINKS")) {
        QJsonArray list;
        for (int i = k; i < chunkCount(st) && i < k + std::max(1, externalLinksPerResponse); ++i)
            list.append(externalLink(st, i));
        return QJsonObject{{QStringLiteral("external_links"), list}};
    }
    QJsonArray data;
    const int offset = chunkRowOffset(st, k);
    const int count = chunkRowCount(st, k);
    for (int r = offset; r < offset + count; ++r)
        data.append(st.rows[r]);
    QJsonObject o{{QStringLiteral("chunk_index"), k},
                  {QStringLiteral("row_offset"), offset},
                  {QStringLiteral("row_count"), count},
                  {QStringLiteral("data_array"), data}};
    if (k + 1 < chunkCount(st)) {
        o.insert(QStringLiteral("next_chunk_index"), k + 1);
        o.insert(QStringLiteral("next_chunk_internal_link"),
                 QStringLiteral("/api/2.0/sql/statements/%1/result/chunks/%2").arg(st.id).arg(k + 1));
    }
    return o;
}

HttpResponse DatabricksEmulator::Private::externalDownload(const RequestRecord& rec, const QString& token,
                                                           const QUrlQuery& query)
{
    if (rec.headers.contains(QStringLiteral("authorization"))) {
        ++externalAuthViolations;
        qCWarning(lcEmulator) << "external link downloaded WITH an Authorization header";
        return storageError(
            400, QStringLiteral("InvalidArgument"),
            QStringLiteral("Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, "
                           "Signature query string parameter or the Authorization header should be "
                           "specified"));
    }
    if (takeFault({Fault::Kind::ExpiredExternalLink}, rec, QString()))
        return storageError(403, QStringLiteral("AccessDenied"), QStringLiteral("Request has expired"));
    const auto it = links.constFind(token);
    if (it == links.cend() || query.queryItemValue(QStringLiteral("X-Amz-Signature")) != it->signature)
        return storageError(
            403, QStringLiteral("SignatureDoesNotMatch"),
            QStringLiteral("The request signature we calculated does not match the signature you provided."));
    if (QDateTime::currentDateTimeUtc() > it->expiresAt)
        return storageError(403, QStringLiteral("AccessDenied"), QStringLiteral("Request has expired"));
    for (auto h = externalLinkHeaders.cbegin(); h != externalLinkHeaders.cend(); ++h)
        if (rec.headers.value(h.key().toLower()) != h.value())
            return storageError(403, QStringLiteral("AccessDenied"),
                                QStringLiteral("Required header %1 is missing or wrong").arg(h.key()));
    auto st = statements.find(it->statementId);
    if (st == statements.end())
        return storageError(404, QStringLiteral("NoSuchKey"),
                            QStringLiteral("The specified key does not exist."));
    expireIfNeeded(st.value());
    if (st->state != QLatin1String("SUCCEEDED") || it->chunk >= chunkCount(st.value()))
        return storageError(404, QStringLiteral("NoSuchKey"),
                            QStringLiteral("The specified key does not exist."));
    HttpResponse r;
    r.contentType = st->format == QLatin1String("CSV") ? QByteArrayLiteral("text/csv")
                                                       : QByteArrayLiteral("application/octet-stream");
    r.body = chunkBody(st.value(), it->chunk);
    return r;
}

// ------------------------------------------------------------------------------------------------
// Public API

DatabricksEmulator::DatabricksEmulator(QString postgresConnectionName, QObject* parent)
    : QObject(parent), d(std::make_unique<Private>(this, std::move(postgresConnectionName)))
{
    if (!d->warehouseEngine.initialize(&d->setupError))
        qCWarning(lcEmulator).noquote() << d->setupError;
    else
        d->setupError.clear();
    d->server = new EmulatorHttpServer(
        [this](const QHttpServerRequest& request, QTcpSocket* socket) { d->onRequest(request, socket); },
        this);
}

DatabricksEmulator::~DatabricksEmulator() = default;

bool DatabricksEmulator::listen(quint16 port)
{
    d->port = d->server->listen(QHostAddress::LocalHost, port);
    return d->port != 0;
}

QUrl DatabricksEmulator::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(d->port));
}

void DatabricksEmulator::addPersonalAccessToken(const QString& token, const Principal& principal)
{
    d->principals.insert(principal.name, principal);
    d->personalAccessTokens.insert(token, principal.name);
}

void DatabricksEmulator::addServicePrincipal(const QString& clientId, const QString& clientSecret,
                                             const Principal& principal)
{
    d->principals.insert(principal.name, principal);
    d->servicePrincipals.insert(clientId, {clientSecret, principal.name});
}

void DatabricksEmulator::setAccessTokenLifetimeSeconds(int seconds)
{
    d->tokenLifetimeSeconds = seconds;
}

Principal& DatabricksEmulator::principal(const QString& name)
{
    return d->principalNamed(name);
}

void DatabricksEmulator::addWarehouse(const QString& id, const QString& name, const QString& state)
{
    if (!d->warehouses.contains(id))
        d->warehouseOrder << id;
    d->warehouses.insert(id, {id, name, state, 0});
}

void DatabricksEmulator::setWarehouseStartupPolls(int polls)
{
    d->warehouseStartupPolls = std::max(0, polls);
}

void DatabricksEmulator::setRowsPerChunk(int rows)
{
    d->rowsPerChunk = std::max(1, rows);
}

void DatabricksEmulator::setRunningPolls(int polls)
{
    d->runningPolls = std::max(0, polls);
}

void DatabricksEmulator::injectFault(const Fault& fault)
{
    d->faults.append(fault);
}

void DatabricksEmulator::clearFaults()
{
    d->faults.clear();
}

const QList<RequestRecord>& DatabricksEmulator::requests() const
{
    return d->requests;
}

QStringList DatabricksEmulator::executedStatements() const
{
    return d->executedStatements;
}

QByteArray DatabricksEmulator::volumeFile(const QString& path) const
{
    return d->files.volumeFile(path).value_or(QByteArray());
}

QStringList DatabricksEmulator::volumeFiles() const
{
    return d->files.volumeFiles();
}

QByteArray DatabricksEmulator::workspaceFile(const QString& path) const
{
    return d->files.workspaceFile(path).value_or(QByteArray());
}

int DatabricksEmulator::jobCount() const
{
    return d->jobs->jobCount();
}

int DatabricksEmulator::jobRunCount(qint64 jobId) const
{
    return d->jobs->runCount(jobId);
}

void DatabricksEmulator::clearRecords()
{
    d->requests.clear();
    d->executedStatements.clear();
    d->externalAuthViolations = 0;
}

void DatabricksEmulator::setExternalLinksEnabled(bool enabled)
{
    d->externalLinksEnabled = enabled;
}

void DatabricksEmulator::setExternalLinkLifetimeSeconds(int seconds)
{
    d->externalLinkLifetimeSeconds = seconds;
}

void DatabricksEmulator::setExternalLinksPerResponse(int links)
{
    d->externalLinksPerResponse = std::max(1, links);
}

void DatabricksEmulator::setExternalLinkHeaders(const QHash<QString, QString>& headers)
{
    d->externalLinkHeaders = headers;
}

void DatabricksEmulator::setResultLifetimeSeconds(int seconds)
{
    d->resultLifetimeSeconds = seconds;
}

void DatabricksEmulator::setInlineByteLimit(qint64 bytes)
{
    d->inlineByteLimit = bytes;
}

void DatabricksEmulator::setSessionTimeZone(const QByteArray& ianaId)
{
    const QTimeZone zone(ianaId);
    d->sessionZone = zone.isValid() ? zone : QTimeZone::utc();
}

void DatabricksEmulator::addCatalog(const QString& name)
{
    d->catalogs.insert(name.toLower());
}

void DatabricksEmulator::setInteractiveUser(const Principal& principal)
{
    d->principals.insert(principal.name, principal);
    d->interactiveUser = principal.name;
}

void DatabricksEmulator::addOAuthPublicClient(const QString& clientId)
{
    d->publicClients.insert(clientId);
}

void DatabricksEmulator::setTokenExpiryMarginSeconds(int seconds)
{
    d->tokenExpiryMarginSeconds = std::max(0, seconds);
}

QString DatabricksEmulator::warehouseState(const QString& id) const
{
    return d->warehouses.value(id).state;
}

void DatabricksEmulator::addDatabaseInstance(const QString& name, const QString& readWriteDns,
                                             const QString& state)
{
    EmulatedDatabase::Instance instance;
    instance.name = name;
    instance.readWriteDns = readWriteDns;
    instance.state = state;
    d->database.addInstance(std::move(instance));
}

void DatabricksEmulator::setDatabaseInstanceAllowed(const QString& instance, const QString& principal,
                                                    bool allowed)
{
    d->database.setAllowed(instance, principal, allowed);
}

void DatabricksEmulator::addDatabaseEndpoint(const QString& endpoint, const QString& host)
{
    d->database.addEndpoint(endpoint, host);
}

void DatabricksEmulator::setDatabaseCredentialLifetimeSeconds(int seconds)
{
    d->database.setCredentialLifetimeSeconds(std::max(1, seconds));
}

void DatabricksEmulator::setDatabaseCredentialsRevoked(bool revoked)
{
    d->database.setRevoked(revoked);
}

QStringList DatabricksEmulator::issuedDatabaseTokens() const
{
    QStringList tokens;
    for (const auto& c : d->database.issued())
        tokens.append(c.token);
    return tokens;
}

QStringList DatabricksEmulator::databaseCredentialRequestIds() const
{
    QStringList ids;
    for (const auto& c : d->database.issued())
        ids.append(c.requestId);
    return ids;
}

int DatabricksEmulator::externalDownloadsWithAuthorization() const
{
    return d->externalAuthViolations;
}

} // namespace emulator
