#pragma once

#include "domain/advertiser_access.h"
#include "sql/sql_dialect.h"
#include "sql/sql_params.h"

namespace core {

// The SQL of advertiser_access (roles per advertiser) for every dialect, every value bound. The
// principal a statement is about ("my roles", who grants) is the backend's own current_user on
// the shared dialects (PrincipalSql), the OS user bound on SQLite. Golden files pin the text
// (tests/unit/golden/access_*.sql).
class AccessSql
{
public:
    explicit AccessSql(SqlTarget target);

    // Columns advertiser_id, principal, role, granted_by, granted_at; one advertiser, or all
    // (empty id), ordered by advertiser and principal.
    BoundSql grants(const QString& advertiserId) const;
    // Columns grants (rows in the table that the caller can count), advertiser_id, role: the
    // caller's own rows (the first column on every row; one row of NULLs when it has none).
    BoundSql myRoles(const QString& localUser) const;
    // One row: grants (the number of access rows), role (the caller's on the advertiser, or
    // NULL), advertiser_name.
    BoundSql roleOn(const QString& advertiserId, const QString& localUser) const;
    // Makes the caller owner of the advertiser when the workspace has no access row yet (the
    // first grant of an unmanaged workspace); nothing otherwise.
    BoundSql claimFirstOwner(const QString& advertiserId, const QString& grantedAt, const QString& localUser) const;
    // Makes the caller owner of an advertiser that has no access row, in a managed workspace (the
    // creator of a new advertiser); nothing otherwise.
    BoundSql claimNewAdvertiser(const QString& advertiserId, const QString& grantedAt, const QString& localUser) const;
    // Adds or changes one principal's role; granted_by is the caller.
    BoundSql upsert(const QString& advertiserId, const QString& principal, AdvertiserRole role,
                    const QString& grantedAt, const QString& localUser) const;
    BoundSql remove(const QString& advertiserId, const QString& principal) const;

    const SqlTarget& target() const { return m_target; }

private:
    SqlTarget m_target;
    QString table(const char* name) const { return m_target.table(QLatin1String(name)); }
    // The number of access rows in the workspace, whatever the caller may see.
    QString grantCount() const;
};

} // namespace core
