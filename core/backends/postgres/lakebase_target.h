#pragma once

#include <chrono>

#include <QMetaObject>
#include <QString>

#include "backends/postgres/pg_connection_settings.h"
#include "common/result.h"

namespace core {

class LakebaseCredentials;
class PgExecutor;
struct CurrentUser;
struct DatabaseInstance;

// Where a Lakebase (Databricks' managed PostgreSQL) database is reached, and the libpq settings
// for it (reference §8): the instance's read_write_dns on port 5432, TLS required (the password is
// an OAuth token), the identity's PostgreSQL role as user (a user's e-mail, a service principal's
// application id — CurrentUser::principal()), and the password asked from LakebaseCredentials at
// every (re)connect, so each new connection logs in with a valid token.
class LakebaseTarget final
{
public:
    static inline const QString kDefaultDatabase = QStringLiteral("databricks_postgres");
    static constexpr int kPort = 5432;

    // An empty database means kDefaultDatabase.
    LakebaseTarget(QString host, QString database, QString user);

    // Errors: an instance that is stopped, being deleted or has no read_write_dns yet (Remote,
    // "lakebase_instance_unavailable"); an identity without a principal (Validation).
    static Result<LakebaseTarget> fromInstance(const DatabaseInstance& instance, const QString& database,
                                               const CurrentUser& user);

    const QString& host() const { return m_host; }
    const QString& database() const { return m_database; }
    const QString& user() const { return m_user; }

    // "host=… port=5432 dbname=… user=… sslmode=require application_name=segment-builder", each
    // value quoted for libpq where needed (quoteValue). Never holds a password.
    QString conninfo() const;

    // conninfo() with the password callback wired to credentials->passwordBlocking(timeout). The
    // callback runs on PgExecutor's worker thread; `credentials` must outlive the executor.
    PgConnectionSettings settings(LakebaseCredentials* credentials,
                                  std::chrono::milliseconds passwordTimeout = std::chrono::seconds(30)) const;

    // After every renewal, closes the executor's connection once the queued tasks are done, so
    // the next task logs in with the new token (the open connection was not affected). Disconnect
    // the returned connection before destroying the executor.
    static QMetaObject::Connection reconnectOnRenewal(LakebaseCredentials* credentials, PgExecutor* executor);

    // A libpq conninfo value: as is when it is plain, else in single quotes with ' and \ escaped
    // by a backslash (an empty value is '').
    static QString quoteValue(const QString& value);

private:
    QString m_host;
    QString m_database;
    QString m_user;
};

} // namespace core
