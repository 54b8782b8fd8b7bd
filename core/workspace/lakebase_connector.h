#pragma once

#include <memory>

#include <QFuture>
#include <QMetaObject>

#include "backends/postgres/pg_connection_settings.h"
#include "common/result.h"

namespace core {

class Backend;
class Catalogue;
class DatabaseClient;
class DatabricksConnection;
class LakebaseCredentials;

// What reaching one Lakebase database needs, kept alive as long as anything is connected with it:
// the Database API client and the database credential it renews (an OAuth token, valid 1 h and
// checked only when a connection logs in), and the libpq settings whose password it supplies.
struct LakebaseAccess
{
    LakebaseAccess();
    ~LakebaseAccess();
    LakebaseAccess(const LakebaseAccess&) = delete;
    LakebaseAccess& operator=(const LakebaseAccess&) = delete;

    std::unique_ptr<DatabaseClient> client;
    std::unique_ptr<LakebaseCredentials> credentials;
    PgConnectionSettings settings;
    QString instance;
    QString database;
    QString user;
    QString host;

    // "Lakebase segments-db · databricks_postgres (sam@example.com)" for status bars and messages.
    QString displayName() const;
};

// Opens a Lakebase database instance of a Databricks workspace as the PostgreSQL backend: looks
// the instance up (its host), asks who we are (the PostgreSQL role is the identity's name), and
// wires a credential that is renewed before it expires; every new connection logs in with a
// valid token, the open one keeps working. Runs on the connection's thread.
class LakebaseConnector
{
public:
    // The access to one database (nothing connects yet). Errors: an unknown or forbidden instance,
    // a stopped one, credentials that do not sign in.
    static QFuture<Result<std::shared_ptr<LakebaseAccess>>> prepare(DatabricksConnection& connection,
                                                                    const QString& instance, const QString& database);

    // Opens (connects and migrates, on a worker thread) the PostgreSQL backend with that access. The
    // backend keeps `access` and `keepAlive` (the Databricks connection the credentials use) alive
    // and reconnects after each renewal.
    // provisionCommand: what creates its tables, named in the checks' fixes.
    static QFuture<Result<std::shared_ptr<Backend>>> open(std::shared_ptr<LakebaseAccess> access,
                                                          std::shared_ptr<const Catalogue> catalogue,
                                                          std::shared_ptr<void> keepAlive, QString provisionCommand);
};

} // namespace core
