#pragma once

#include <chrono>

#include <QFuture>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include "common/result.h"
#include "databricks/database/database_credential.h"
#include "databricks/database/database_instance.h"

namespace core {

class ApiClient;

// The Lakebase (managed PostgreSQL) REST calls through ApiClient (reference §8):
//   Provisioned:  GET  /api/2.0/database/instances/{name}      → the instance (read_write_dns)
//                 POST /api/2.0/database/credentials           {"instance_names","request_id"}
//   Autoscaling:  POST /api/2.0/postgres/credentials           {"endpoint","ttl"}
// Both credential calls answer a DatabaseCredential. Errors as the other clients: an unknown
// instance is NotFound naming it, a refused one Permission, a rejected sign-in Auth; a 200 whose
// body lacks the token or a readable expiry is a Parse error. Tokens are never logged.
// Lives on the thread of its ApiClient; futures finish there.
class DatabaseClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DatabaseClient)

public:
    explicit DatabaseClient(ApiClient* api, QObject* parent = nullptr);
    ~DatabaseClient() override;

    QFuture<Result<DatabaseInstance>> instance(const QString& name);
    // A password for the given Provisioned instances; every call sends a fresh request_id (a
    // UUID), which the REST layer's retries of that call repeat.
    QFuture<Result<DatabaseCredential>> generateCredential(const QStringList& instanceNames);
    // A password for an Autoscaling endpoint ("projects/p/branches/b/endpoints/e"); ttl between
    // 5 minutes and 1 hour.
    QFuture<Result<DatabaseCredential>>
    generateEndpointCredential(const QString& endpoint, std::chrono::seconds ttl = std::chrono::hours(1));

private:
    QPointer<ApiClient> m_api;
};

} // namespace core
