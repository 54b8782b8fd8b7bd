#include "backends/session_access_store.h"

#include "domain/segment_change_rules.h"
#include "domain/segment_json.h"
#include "sql/principal_sql.h"

namespace core {

namespace {

Result<QList<AccessGrant>> readGrants(SqlSession& db, const AccessSql& sql, const QString& advertiserId)
{
    auto rows = db.query(sql.grants(advertiserId), QStringLiteral("read who has access"));
    if (!rows)
        return rows.error();
    QList<AccessGrant> out;
    for (qsizetype i = 0; i < rows.value().size(); ++i) {
        const SqlRows& r = rows.value();
        out.append(AccessGrant{r.value(i, QStringLiteral("advertiser_id")).toString(),
                               r.value(i, QStringLiteral("principal")).toString(),
                               advertiserRoleFromKey(r.value(i, QStringLiteral("role")).toString()),
                               r.value(i, QStringLiteral("granted_by")).toString(),
                               SegmentJson::parseTime(r.value(i, QStringLiteral("granted_at")).toString())});
    }
    return out;
}

Status validGrant(const QString& advertiserId, const QString& principal)
{
    if (advertiserId.trimmed().isEmpty())
        return Error::validation(QStringLiteral("advertiser_missing"), QStringLiteral("Name the advertiser to grant access to."));
    if (principal.trimmed().isEmpty())
        return Error::validation(QStringLiteral("principal_missing"),
                                 QStringLiteral("Name the principal (user, service principal or database role) to grant."));
    return success();
}

} // namespace

Result<QString> SessionAccessCheck::writer(SqlSession& db, const QString& localUser)
{
    if (!PrincipalSql::fromBackend(db.dialect()))
        return localUser;
    auto rows = db.query(PrincipalSql::currentPrincipal(db.dialect()), QStringLiteral("read who is signed in"));
    if (!rows)
        return rows.error();
    if (rows.value().isEmpty())
        return Error::internal(QStringLiteral("current_user answered no row"));
    return rows.value().value(0, QStringLiteral("principal")).toString();
}

Result<std::pair<AdvertiserRole, QString>> SessionAccessCheck::roleOn(SqlSession& db, const SqlTarget& target,
                                                                      const QString& advertiserId,
                                                                      const QString& localUser)
{
    if (!PrincipalSql::fromBackend(target.dialect))
        return std::make_pair(AdvertiserRole::Owner, advertiserId);
    auto rows = db.query(AccessSql(target).roleOn(advertiserId, localUser), QStringLiteral("read your role"));
    if (!rows)
        return rows.error();
    if (rows.value().isEmpty())
        return Error::internal(QStringLiteral("the role query answered no row"));
    const SqlRows& r = rows.value();
    const QString name = r.value(0, QStringLiteral("advertiser_name")).toString();
    const bool managed = r.value(0, QStringLiteral("grants")).toLongLong() > 0;
    const AdvertiserRole role =
        managed ? advertiserRoleFromKey(r.value(0, QStringLiteral("role")).toString()) : AdvertiserRole::Owner;
    return std::make_pair(role, name.isEmpty() ? advertiserId : name);
}

Status SessionAccessCheck::require(SqlSession& db, const SqlTarget& target, const QString& advertiserId,
                                   AccessRules::Action action, const QString& localUser)
{
    auto role = roleOn(db, target, advertiserId, localUser);
    if (!role)
        return role.error();
    if (role.value().first < AccessRules::needed(action))
        return AccessRules::refused(role.value().first, action, role.value().second);
    return success();
}

SessionAccessStore::SessionAccessStore(SessionExecutor& executor, SqlTarget target, QString localUser)
    : m_executor(executor), m_sql(std::move(target)), m_localUser(std::move(localUser))
{}

QString SessionAccessStore::osUser()
{
    return qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME", QStringLiteral("local-user")));
}

QFuture<Result<QString>> SessionAccessStore::currentPrincipal()
{
    return m_executor.run<QString>([this](SqlSession& db) { return SessionAccessCheck::writer(db, m_localUser); });
}

QFuture<Result<AccessRoles>> SessionAccessStore::myRoles()
{
    return m_executor.run<AccessRoles>([this](SqlSession& db) -> Result<AccessRoles> {
        auto me = SessionAccessCheck::writer(db, m_localUser);
        if (!me)
            return me.error();
        AccessRoles roles;
        roles.principal = me.value();
        if (!PrincipalSql::fromBackend(db.dialect()))
            return roles; // the local user owns everything
        auto rows = db.query(m_sql.myRoles(m_localUser), QStringLiteral("read your roles"));
        if (!rows)
            return rows.error();
        for (qsizetype i = 0; i < rows.value().size(); ++i) {
            const SqlRows& r = rows.value();
            roles.managed = roles.managed || r.value(i, QStringLiteral("grants")).toLongLong() > 0;
            const QString advertiser = r.value(i, QStringLiteral("advertiser_id")).toString();
            if (!advertiser.isEmpty())
                roles.byAdvertiser.insert(advertiser, advertiserRoleFromKey(r.value(i, QStringLiteral("role")).toString()));
        }
        return roles;
    });
}

QFuture<Result<QList<AccessGrant>>> SessionAccessStore::grants(const QString& advertiserId)
{
    return m_executor.run<QList<AccessGrant>>([this, advertiserId](SqlSession& db) { return readGrants(db, m_sql, advertiserId); });
}

QFuture<Status> SessionAccessStore::grant(const QString& advertiserId, const QString& principal, AdvertiserRole role)
{
    return m_executor.run<Done>([this, advertiserId, principal, role](SqlSession& db) -> Status {
        if (auto s = validGrant(advertiserId, principal); !s)
            return s;
        if (role == AdvertiserRole::None)
            return Error::validation(QStringLiteral("role_invalid"), QStringLiteral("The role must be viewer, editor or owner."));
        const QString action = QStringLiteral("grant access");
        SqlTransaction tx(db);
        if (auto s = tx.begin(action); !s)
            return s;
        if (auto s = SessionAccessCheck::require(db, m_sql.target(), advertiserId, AccessRules::Action::ManageAccess, m_localUser); !s)
            return s;
        const QString now = SegmentJson::formatTime(SegmentChangeRules::now());
        if (auto s = db.execute(m_sql.claimFirstOwner(advertiserId, now, m_localUser), action); !s)
            return s.error();
        auto current = readGrants(db, m_sql, advertiserId);
        if (!current)
            return current.error();
        if (auto s = AccessRules::keepsAnOwner(current.value(), principal.trimmed(), role); !s)
            return s;
        if (auto s = db.execute(m_sql.upsert(advertiserId, principal.trimmed(), role, now, m_localUser), action); !s)
            return s.error();
        return tx.commit(action);
    });
}

QFuture<Status> SessionAccessStore::revoke(const QString& advertiserId, const QString& principal)
{
    return m_executor.run<Done>([this, advertiserId, principal](SqlSession& db) -> Status {
        if (auto s = validGrant(advertiserId, principal); !s)
            return s;
        const QString action = QStringLiteral("revoke access");
        SqlTransaction tx(db);
        if (auto s = tx.begin(action); !s)
            return s;
        if (auto s = SessionAccessCheck::require(db, m_sql.target(), advertiserId, AccessRules::Action::ManageAccess, m_localUser); !s)
            return s;
        auto current = readGrants(db, m_sql, advertiserId);
        if (!current)
            return current.error();
        if (auto s = AccessRules::keepsAnOwner(current.value(), principal.trimmed(), AdvertiserRole::None); !s)
            return s;
        auto removed = db.execute(m_sql.remove(advertiserId, principal.trimmed()), action);
        if (!removed)
            return removed.error();
        if (removed.value() == 0)
            return Error::notFound(QStringLiteral("%1 has no role on this advertiser.").arg(principal.trimmed()));
        return tx.commit(action);
    });
}

} // namespace core
