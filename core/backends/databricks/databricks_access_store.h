#pragma once

#include "backends/access_store.h"
#include "databricks/statement/statement_client.h"
#include "sql/access_sql.h"

#include <QObject>

#include <memory>

namespace core {

// Roles per advertiser in `<catalog>.<schema>.advertiser_access`. Reads of other advertisers'
// rows are kept out by the Unity Catalog row filters `provision` sets on the segment, metrics and
// experiment tables (ProvisioningSql::rowFilters); writes are checked here first, so the stores
// can answer a refused write with the role it needs. The principal is current_user() as the
// warehouse reports it (asked once). Lives on the thread of its StatementClient.
class DatabricksAccessStore final : public AccessStore
{
public:
    DatabricksAccessStore(StatementClient* statements, QString catalog, QString schema);
    ~DatabricksAccessStore() override;

    QFuture<Result<QString>> currentPrincipal() override;
    QFuture<Result<AccessRoles>> myRoles() override;
    QFuture<Result<QList<AccessGrant>>> grants(const QString& advertiserId) override;
    QFuture<Status> grant(const QString& advertiserId, const QString& principal, AdvertiserRole role) override;
    QFuture<Status> revoke(const QString& advertiserId, const QString& principal) override;

    // The principal a write on the advertiser records, once its role was found to allow the
    // action; else Permission naming the role needed.
    QFuture<Result<QString>> writerFor(const QString& advertiserId, AccessRules::Action action);

private:
    StatementClient* m_statements;
    QString m_catalog;
    QString m_schema;
    AccessSql m_sql;
    QString m_principal; // cached after the first answer
    std::unique_ptr<QObject> m_context;

    QFuture<Result<StatementResult>> run(const BoundSql& sql, const QString& what);
    QFuture<Result<std::pair<AdvertiserRole, QString>>> roleOn(const QString& advertiserId);
};

} // namespace core
