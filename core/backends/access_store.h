#pragma once

#include "common/result.h"
#include "domain/advertiser_access.h"

#include <QFuture>
#include <QList>

namespace core {

// Roles per advertiser (advertiser_access) and who the backend says is signed in. Every backend
// implements it: on Databricks and PostgreSQL/Lakebase the backend itself enforces the roles (Unity
// Catalog row filters, row-level security) and this store only reads and changes the grants; the
// local workspace has one user, the OS user, who owns every advertiser.
class AccessStore
{
public:
    virtual ~AccessStore() = default;

    // The signed-in principal as the backend records it in created_by/updated_by (current_user).
    virtual QFuture<Result<QString>> currentPrincipal() = 0;
    // The signed-in principal's role on every advertiser (see AccessRoles for an unmanaged workspace).
    virtual QFuture<Result<AccessRoles>> myRoles() = 0;
    // Who has which role on an advertiser (all advertisers the caller may see for an empty id).
    virtual QFuture<Result<QList<AccessGrant>>> grants(const QString& advertiserId) = 0;
    // Gives principal the role on the advertiser (replacing any other). Owners only; in an
    // unmanaged workspace the granter first becomes the advertiser's owner.
    virtual QFuture<Status> grant(const QString& advertiserId, const QString& principal, AdvertiserRole role) = 0;
    // Takes the principal's role away. Owners only; the last owner cannot be removed.
    virtual QFuture<Status> revoke(const QString& advertiserId, const QString& principal) = 0;
};

} // namespace core
