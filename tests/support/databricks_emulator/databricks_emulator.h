#pragma once

// A Databricks workspace on loopback for tests and demos: the REST endpoints the app uses,
// with the documented response shapes (../shared/docs/reference/databricks-api.md), real SQL
// execution on a PostgreSQL database, asynchronous statement states, chunked and
// external-link results, and injectable faults.
//
// Endpoints:
//   POST /oidc/v1/token                        client_credentials (Basic auth), authorization_code
//                                              (PKCE S256), refresh_token
//   GET  /oidc/v1/authorize                    answers with a 302 to redirect_uri?code=..&state=..
//                                              (auto-approves; tests drive the browser step)
//   GET  /oidc/.well-known/oauth-authorization-server
//   GET  /api/2.0/preview/scim/v2/Me           current user/principal ({"userName": ..., "id": ...})
//   GET  /api/2.0/sql/warehouses, GET /api/2.0/sql/warehouses/{id}, POST .../{id}/start, .../stop
//   POST /api/2.0/sql/statements               (with or without trailing slash)
//   GET  /api/2.0/sql/statements/{id}
//   GET  /api/2.0/sql/statements/{id}/result/chunks/{n}
//   POST /api/2.0/sql/statements/{id}/cancel
//   GET  /external/{token}                     presigned-style external-link downloads (no auth)
//   PUT|GET|DELETE /api/2.0/fs/files/Volumes/{catalog}/{schema}/{volume}/{path}   Files API (volumes
//                                              from CREATE VOLUME; COPY INTO reads them)
//   POST /api/2.0/workspace/import|mkdirs|delete, GET /api/2.0/workspace/get-status
//   /api/2.1/jobs/create|list|get|reset|update|run-now|delete, GET /api/2.1/jobs/runs/get
//                                              (emulated_jobs.h; 2.2 accepted too)
//   GET  /api/2.0/database/instances/{name}, POST /api/2.0/database/credentials (Lakebase
//   Provisioned), POST /api/2.0/postgres/credentials (Autoscaling)   (emulated_database.h)
//
// Behaviour the contract leaves open, as emulated here (README.md in this directory has the full
// list, the SQL translation rules and what is not emulated):
//   - Unknown warehouse id on submit: HTTP 404 RESOURCE_DOES_NOT_EXIST. A principal without
//     canUseWarehouse: HTTP 403 PERMISSION_DENIED (not a FAILED statement); it also does not see
//     the warehouse in the list.
//   - Unknown request fields, a bad wait_timeout / on_wait_timeout / disposition / format, or a
//     parameter value that is not a string: HTTP 400 INVALID_PARAMETER_VALUE; a body that is not a
//     JSON object: HTTP 400 MALFORMED_REQUEST. ARROW_STREAM: HTTP 501 NOT_IMPLEMENTED.
//   - wait_timeout "0s" always answers PENDING and runs the statement on the first poll; with a
//     wait the statement runs at once unless polls are scripted (setRunningPolls, StaysPending, a
//     starting warehouse), then it answers PENDING (CONTINUE) or CANCELED (CANCEL) without waiting.
//     SQL runs when the statement reaches its terminal state, so a statement cancelled while
//     PENDING/RUNNING never writes.
//   - Empty SELECT results: total_chunk_count 0, no chunks, "result":{}. DDL: the [REC] shape
//     (manifest without format, column_count 0, "result":{}).
//   - TIMESTAMP values use the session time zone (setSessionTimeZone, default UTC) and always
//     carry an explicit offset ("+00:00", never "Z"); TIMESTAMP_NTZ has none.
//   - Expired or unknown bearer tokens: 403 {"error_code":403,"message":"Invalid access token."}.

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <memory>

namespace emulator {

// A principal and what it may do. Grants are checked on the tables a statement touches.
struct Principal
{
    QString name;                 // "alice@example.com" or "segments-sp"
    bool canUseWarehouse = true;
    bool canSelect = true;        // SELECT on the schema's tables
    bool canModify = true;        // MODIFY (INSERT/UPDATE/MERGE/DELETE) on the schema's tables
    bool canCreate = true;        // CREATE TABLE in the schema
    // Additions: USE CATALOG / USE SCHEMA, checked before SELECT/MODIFY/CREATE TABLE on every
    // table a statement touches. Table ownership is not modelled: the flags are all there is.
    bool canUseCatalog = true;
    bool canUseSchema = true;
};

// One fault to inject. Matchers select which requests it hits; `remaining` counts down
// (-1 = every matching request).
struct Fault
{
    enum class Kind {
        HttpStatus,        // answer `httpStatus` with a Databricks error body (errorCode, message)
        RetryAfter,        // 429 with a Retry-After header of `retryAfterSeconds`
        Delay,             // hold the response for `delayMs` then answer normally
        Hang,              // never answer (client timeout)
        StatementFailed,   // HTTP 200, state FAILED with errorCode/message (message may carry SQLSTATE)
        StaysPending,      // statement stays PENDING for `pendingPolls` polls, then runs
        MalformedJson,     // 200 with a body that is not JSON
        TruncatedJson,     // 200 with the first half of the real body
        ExpiredToken,      // 403 {"error_code":403,"message":"Invalid access token."} (token expired)
        ExpiredExternalLink, // external link downloads answer 403 (expired signature) once
        CloseConnection,   // drop the TCP connection without answering
    };
    Kind kind = Kind::HttpStatus;
    QString method;        // "GET"/"POST", empty = any
    QString pathContains;  // e.g. "/sql/statements", empty = any
    QString sqlContains;   // for statement submissions: only statements whose text contains this
    int remaining = 1;
    int httpStatus = 503;
    QString errorCode = QStringLiteral("TEMPORARILY_UNAVAILABLE");
    QString message = QStringLiteral("The service is temporarily unavailable.");
    int retryAfterSeconds = 1;
    int delayMs = 0;
    int pendingPolls = 2;
    // Addition: for HttpStatus, RetryAfter, ExpiredToken, Hang, MalformedJson and CloseConnection,
    // true = the request is executed first and only the answer is lost or replaced (the write
    // lands, the client does not learn it: a retried INSERT duplicates rows). Delay and
    // TruncatedJson always execute the request.
    bool processRequest = false;
};

struct RequestRecord
{
    QString method;
    QString path;
    QByteArray body;
    QHash<QString, QString> headers; // lower-case names
};

class DatabricksEmulator final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DatabricksEmulator)

public:
    // postgresConnectionName: a QSqlDatabase (QPSQL) connection, already open, that the emulator
    // uses as its warehouse. Catalog `catalog`, schema `schema` map to a PostgreSQL schema.
    explicit DatabricksEmulator(QString postgresConnectionName, QObject* parent = nullptr);
    ~DatabricksEmulator() override;

    // Listens on 127.0.0.1 (port 0 = any free port); returns false on failure.
    bool listen(quint16 port = 0);
    QUrl baseUrl() const; // http://127.0.0.1:<port>

    // Credentials: PATs and service principals map to principals. (Additions:) adding a credential
    // (re)sets that principal's grants from `principal`; principal() inserts a principal with all
    // grants if the name is unknown, and its reference stays valid until the next add*/set* call
    // that registers a principal.
    void addPersonalAccessToken(const QString& token, const Principal& principal);
    void addServicePrincipal(const QString& clientId, const QString& clientSecret, const Principal& principal);
    void setAccessTokenLifetimeSeconds(int seconds); // OAuth tokens it issues (default 3600)
    Principal& principal(const QString& name);       // to change grants during a test

    // Warehouses: id → state. New statements on a STOPPED warehouse auto-start it and stay
    // PENDING for `startupPolls` polls.
    void addWarehouse(const QString& id, const QString& name, const QString& state = QStringLiteral("RUNNING"));
    void setWarehouseStartupPolls(int polls);

    // Results: inline rows per chunk before the result is split into chunks (default 1000), and
    // whether EXTERNAL_LINKS requests are honoured (default yes).
    void setRowsPerChunk(int rows);
    // A statement first answers PENDING/RUNNING this many polls (default 0: immediate).
    // Precisely: the submit answers PENDING, then each of the next `polls` GETs answers RUNNING,
    // and the GET after that runs the SQL and answers the terminal state.
    void setRunningPolls(int polls);

    // --- Additions -------------------------------------------------------------------------
    void setExternalLinksEnabled(bool enabled);   // false: EXTERNAL_LINKS → 400 INVALID_PARAMETER_VALUE
    void setExternalLinkLifetimeSeconds(int seconds); // `expiration` of issued links (default 899)
    void setExternalLinksPerResponse(int links);  // links per result/chunk answer (default 1; [REC] saw 2)
    // Headers every external link carries in `http_headers` and every download must send
    // (default none); a download without them answers 403.
    void setExternalLinkHeaders(const QHash<QString, QString>& headers);
    void setResultLifetimeSeconds(int seconds);   // SUCCEEDED → CLOSED after this (default 3600)
    void setInlineByteLimit(qint64 bytes);        // INLINE results above this FAIL (default 25 MiB)
    void setSessionTimeZone(const QByteArray& ianaId); // TIMESTAMP rendering + SQL session (default UTC)
    // Catalogs that exist (default: "main"). Statements naming another catalog FAIL with
    // NO_SUCH_CATALOG_EXCEPTION. CREATE CATALOG adds one.
    void addCatalog(const QString& name);
    // OAuth user-to-machine: the principal /oidc/v1/authorize logs in (default
    // "user@example.com", all grants) and the public client ids it accepts ("databricks-cli").
    void setInteractiveUser(const Principal& principal);
    void addOAuthPublicClient(const QString& clientId);
    // Tokens expiring within this many seconds are refused with 403 "Token is expiring within
    // 30 seconds. (token expired)" like Azure Databricks (default 0: only expired tokens fail).
    void setTokenExpiryMarginSeconds(int seconds);
    QString warehouseState(const QString& id) const;
    // External-link downloads that carried an Authorization header (each was answered 400).
    int externalDownloadsWithAuthorization() const;

    // Files API and Jobs API state, for assertions: a volume file's bytes (empty when missing),
    // the volume files there are, a workspace file's bytes, jobs and runs of a job.
    QByteArray volumeFile(const QString& path) const;
    QStringList volumeFiles() const;
    QByteArray workspaceFile(const QString& path) const;
    int jobCount() const;
    int jobRunCount(qint64 jobId) const;

    // Lakebase (emulated_database.h). Instances: name → read_write_dns and state (AVAILABLE,
    // STOPPED, STARTING, ...; a stopped one has no read_write_dns); every principal may use one
    // unless denied here (then GET and credentials answer 403 PERMISSION_DENIED). Credentials
    // live `seconds` (default 3600). Revoked: every further credential call answers 403
    // PERMISSION_DENIED. Issued tokens are recorded, in order, for assertions (and never logged).
    void addDatabaseInstance(const QString& name, const QString& readWriteDns,
                             const QString& state = QStringLiteral("AVAILABLE"));
    void setDatabaseInstanceAllowed(const QString& instance, const QString& principal, bool allowed);
    void addDatabaseEndpoint(const QString& endpoint, const QString& host); // Autoscaling
    void setDatabaseCredentialLifetimeSeconds(int seconds);
    void setDatabaseCredentialsRevoked(bool revoked);
    QStringList issuedDatabaseTokens() const;
    QStringList databaseCredentialRequestIds() const; // request_id of each issued credential

    void injectFault(const Fault& fault);
    void clearFaults();

    // Everything received, for assertions (e.g. no Authorization header on external links,
    // SQL text of each statement, parameters bound rather than spliced).
    const QList<RequestRecord>& requests() const;
    QStringList executedStatements() const; // statement texts of submitted statements, in order
    void clearRecords();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

// SQL translation used by the emulator, exposed for its own unit tests: Databricks SQL in,
// PostgreSQL SQL out (backtick identifiers, three-part names, Delta DDL clauses, STRING type,
// named parameters kept as :name for Qt's binding).
// Statements that become several (CREATE OR REPLACE TABLE) are joined with ";\n". Returns an
// empty string when there is nothing to run (USE, SET, GRANT, table properties) or the
// statement cannot be translated (databricks_sql_translator.h reports why).
QString translateDatabricksSqlToPostgres(const QString& databricksSql, const QString& catalog, const QString& schema);

} // namespace emulator
