#include "sql/access_sql.h"

#include "sql/principal_sql.h"

namespace core {

AccessSql::AccessSql(SqlTarget target) : m_target(std::move(target)) {}

QString AccessSql::grantCount() const
{
    // PostgreSQL's policies hide the rows of other advertisers: sb_access_rows() counts past them.
    if (m_target.dialect == SqlDialect::Postgres)
        return QStringLiteral("sb_access_rows()");
    return QStringLiteral("(SELECT COUNT(*) FROM %1)").arg(table("advertiser_access"));
}

BoundSql AccessSql::grants(const QString& advertiserId) const
{
    SqlParams p;
    QString sql = QStringLiteral("SELECT advertiser_id, principal, role, granted_by, granted_at FROM %1")
                      .arg(table("advertiser_access"));
    if (!advertiserId.isEmpty())
        sql += QStringLiteral(" WHERE advertiser_id = %1").arg(p.addString(advertiserId));
    sql += QStringLiteral(" ORDER BY advertiser_id, principal");
    return {sql, p.take()};
}

BoundSql AccessSql::myRoles(const QString& localUser) const
{
    SqlParams p;
    const QString me = PrincipalSql::actor(m_target.dialect, p, localUser);
    const QString sql = QStringLiteral("SELECT %3 AS grants, m.advertiser_id, m.role FROM "
                                       "(SELECT 1 AS one) o LEFT JOIN %1 m ON m.principal = %2 ORDER BY m.advertiser_id")
                            .arg(table("advertiser_access"), me, grantCount());
    return {sql, p.take()};
}

BoundSql AccessSql::roleOn(const QString& advertiserId, const QString& localUser) const
{
    SqlParams p;
    const QString id = p.addString(advertiserId);
    const QString me = PrincipalSql::actor(m_target.dialect, p, localUser);
    const QString idAgain = p.addString(advertiserId);
    const QString sql =
        QStringLiteral("SELECT %6 AS grants, (SELECT a.role FROM %1 a WHERE a.advertiser_id = %2 "
                       "AND a.principal = %3) AS role, (SELECT v.name FROM %4 v WHERE v.advertiser_id = %5) AS advertiser_name")
            .arg(table("advertiser_access"), id, me, table("advertisers"), idAgain, grantCount());
    return {sql, p.take()};
}

BoundSql AccessSql::claimFirstOwner(const QString& advertiserId, const QString& grantedAt, const QString& localUser) const
{
    SqlParams p;
    const QString id = p.addString(advertiserId);
    const QString me = PrincipalSql::actor(m_target.dialect, p, localUser);
    const QString by = PrincipalSql::actor(m_target.dialect, p, localUser);
    const QString at = p.addString(grantedAt);
    const QString sql = QStringLiteral("INSERT INTO %1 (advertiser_id, principal, role, granted_by, granted_at) "
                                       "SELECT %2, %3, 'owner', %4, %5 WHERE NOT EXISTS (SELECT 1 FROM %1)")
                            .arg(table("advertiser_access"), id, me, by, at);
    return {sql, p.take()};
}

BoundSql AccessSql::claimNewAdvertiser(const QString& advertiserId, const QString& grantedAt, const QString& localUser) const
{
    SqlParams p;
    const QString id = p.addString(advertiserId);
    const QString me = PrincipalSql::actor(m_target.dialect, p, localUser);
    const QString by = PrincipalSql::actor(m_target.dialect, p, localUser);
    const QString at = p.addString(grantedAt);
    const QString idAgain = p.addString(advertiserId);
    const QString sql = QStringLiteral("INSERT INTO %1 (advertiser_id, principal, role, granted_by, granted_at) "
                                       "SELECT %2, %3, 'owner', %4, %5 WHERE EXISTS (SELECT 1 FROM %1) AND NOT EXISTS "
                                       "(SELECT 1 FROM %1 x WHERE x.advertiser_id = %6)")
                            .arg(table("advertiser_access"), id, me, by, at, idAgain);
    return {sql, p.take()};
}

BoundSql AccessSql::upsert(const QString& advertiserId, const QString& principal, AdvertiserRole role,
                           const QString& grantedAt, const QString& localUser) const
{
    SqlParams p;
    const QString id = p.addString(advertiserId);
    const QString who = p.addString(principal);
    const QString what = p.addString(advertiserRoleKey(role));
    const QString by = PrincipalSql::actor(m_target.dialect, p, localUser);
    const QString at = p.addString(grantedAt);
    if (m_target.dialect == SqlDialect::Databricks) {
        const QString sql =
            QStringLiteral("MERGE INTO %1 AS t USING (SELECT %2 AS advertiser_id, %3 AS principal, %4 AS role, %5 AS "
                           "granted_by, %6 AS granted_at) AS s ON t.advertiser_id = s.advertiser_id AND t.principal = "
                           "s.principal WHEN MATCHED THEN UPDATE SET role = s.role, granted_by = s.granted_by, granted_at "
                           "= s.granted_at WHEN NOT MATCHED THEN INSERT (advertiser_id, principal, role, granted_by, "
                           "granted_at) VALUES (s.advertiser_id, s.principal, s.role, s.granted_by, s.granted_at)")
                .arg(table("advertiser_access"), id, who, what, by, at);
        return {sql, p.take()};
    }
    const QString sql = QStringLiteral("INSERT INTO %1 (advertiser_id, principal, role, granted_by, granted_at) VALUES "
                                       "(%2, %3, %4, %5, %6) ON CONFLICT (advertiser_id, principal) DO UPDATE SET role = "
                                       "excluded.role, granted_by = excluded.granted_by, granted_at = excluded.granted_at")
                            .arg(table("advertiser_access"), id, who, what, by, at);
    return {sql, p.take()};
}

BoundSql AccessSql::remove(const QString& advertiserId, const QString& principal) const
{
    SqlParams p;
    const QString sql = QStringLiteral("DELETE FROM %1 WHERE advertiser_id = %2 AND principal = %3")
                            .arg(table("advertiser_access"), p.addString(advertiserId), p.addString(principal));
    return {sql, p.take()};
}

} // namespace core
