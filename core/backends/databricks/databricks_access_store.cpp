#include "backends/databricks/databricks_access_store.h"

#include "backends/databricks/write_not_applied.h"
#include "domain/segment_change_rules.h"
#include "domain/segment_json.h"
#include "sql/principal_sql.h"

#include <QPromise>

namespace core {

namespace {

template <typename T>
QFuture<Result<T>> ready(Result<T> value)
{
    QPromise<Result<T>> promise;
    promise.start();
    promise.addResult(std::move(value));
    promise.finish();
    return promise.future();
}

QList<AccessGrant> readGrants(const StatementResult& r)
{
    QList<AccessGrant> out;
    for (qsizetype i = 0; i < r.rows.size(); ++i)
        out.append(AccessGrant{r.value(i, QStringLiteral("advertiser_id")).toString(),
                               r.value(i, QStringLiteral("principal")).toString(),
                               advertiserRoleFromKey(r.value(i, QStringLiteral("role")).toString()),
                               r.value(i, QStringLiteral("granted_by")).toString(),
                               SegmentJson::parseTime(r.value(i, QStringLiteral("granted_at")).toString())});
    return out;
}

} // namespace

DatabricksAccessStore::DatabricksAccessStore(StatementClient* statements, QString catalog, QString schema)
    : m_statements(statements), m_catalog(std::move(catalog)), m_schema(std::move(schema)),
      m_sql(SqlTarget{SqlDialect::Databricks, QStringLiteral("`%1`.`%2`.").arg(m_catalog, m_schema)}),
      m_context(std::make_unique<QObject>())
{
    m_context->moveToThread(statements->thread());
}

DatabricksAccessStore::~DatabricksAccessStore() = default;

QFuture<Result<StatementResult>> DatabricksAccessStore::run(const BoundSql& sql, const QString& what)
{
    return m_statements->execute(StatementRequest::of(sql, m_catalog, m_schema, what));
}

QFuture<Result<QString>> DatabricksAccessStore::currentPrincipal()
{
    if (!m_principal.isEmpty())
        return ready<QString>(m_principal);
    return run(PrincipalSql::currentPrincipal(SqlDialect::Databricks), QStringLiteral("read who is signed in"))
        .then(m_context.get(), [this](Result<StatementResult> r) -> Result<QString> {
            if (!r)
                return r.error();
            if (r.value().rows.isEmpty())
                return Error::internal(QStringLiteral("current_user() answered no row"));
            m_principal = r.value().value(0, QStringLiteral("principal")).toString();
            return m_principal;
        });
}

QFuture<Result<std::pair<AdvertiserRole, QString>>> DatabricksAccessStore::roleOn(const QString& advertiserId)
{
    return run(m_sql.roleOn(advertiserId, {}), QStringLiteral("read your role"))
        .then(m_context.get(), [advertiserId](Result<StatementResult> r) -> Result<std::pair<AdvertiserRole, QString>> {
            if (!r)
                return r.error();
            if (r.value().rows.isEmpty())
                return Error::internal(QStringLiteral("the role query answered no row"));
            const bool managed = r.value().value(0, QStringLiteral("grants")).toLongLong() > 0;
            const QString name = r.value().value(0, QStringLiteral("advertiser_name")).toString();
            const AdvertiserRole role = managed ? advertiserRoleFromKey(r.value().value(0, QStringLiteral("role")).toString())
                                                : AdvertiserRole::Owner;
            return std::make_pair(role, name.isEmpty() ? advertiserId : name);
        });
}

QFuture<Result<QString>> DatabricksAccessStore::writerFor(const QString& advertiserId, AccessRules::Action action)
{
    return roleOn(advertiserId)
        .then(m_context.get(), [this, action](Result<std::pair<AdvertiserRole, QString>> role) {
            if (!role)
                return ready<QString>(role.error());
            if (role.value().first < AccessRules::needed(action))
                return ready<QString>(AccessRules::refused(role.value().first, action, role.value().second));
            return currentPrincipal();
        })
        .unwrap();
}

QFuture<Result<AccessRoles>> DatabricksAccessStore::myRoles()
{
    return currentPrincipal()
        .then(m_context.get(), [this](Result<QString> me) {
            if (!me)
                return ready<AccessRoles>(me.error());
            return run(m_sql.myRoles({}), QStringLiteral("read your roles"))
                .then(m_context.get(), [who = me.value()](Result<StatementResult> r) -> Result<AccessRoles> {
                    if (!r)
                        return r.error();
                    AccessRoles roles;
                    roles.principal = who;
                    for (qsizetype i = 0; i < r.value().rows.size(); ++i) {
                        roles.managed = roles.managed || r.value().value(i, QStringLiteral("grants")).toLongLong() > 0;
                        const QString advertiser = r.value().value(i, QStringLiteral("advertiser_id")).toString();
                        if (!advertiser.isEmpty())
                            roles.byAdvertiser.insert(advertiser,
                                                      advertiserRoleFromKey(r.value().value(i, QStringLiteral("role")).toString()));
                    }
                    return roles;
                });
        })
        .unwrap();
}

QFuture<Result<QList<AccessGrant>>> DatabricksAccessStore::grants(const QString& advertiserId)
{
    return run(m_sql.grants(advertiserId), QStringLiteral("read who has access"))
        .then(m_context.get(), [](Result<StatementResult> r) -> Result<QList<AccessGrant>> {
            if (!r)
                return r.error();
            return readGrants(r.value());
        });
}

QFuture<Status> DatabricksAccessStore::grant(const QString& advertiserId, const QString& principal, AdvertiserRole role)
{
    const QString who = principal.trimmed();
    if (advertiserId.trimmed().isEmpty() || who.isEmpty())
        return ready<Done>(Error::validation(QStringLiteral("grant_invalid"), QStringLiteral("Name the advertiser and the principal.")));
    if (role == AdvertiserRole::None)
        return ready<Done>(Error::validation(QStringLiteral("role_invalid"), QStringLiteral("The role must be viewer, editor or owner.")));
    const QString now = SegmentJson::formatTime(SegmentChangeRules::now());
    return writerFor(advertiserId, AccessRules::Action::ManageAccess)
        .then(m_context.get(), [this, advertiserId, now](Result<QString> me) {
            if (!me)
                return ready<StatementResult>(me.error());
            return run(m_sql.claimFirstOwner(advertiserId, now, {}), QStringLiteral("grant access"));
        })
        .unwrap()
        .then(m_context.get(), [this, advertiserId](Result<StatementResult> r) {
            if (!r)
                return ready<QList<AccessGrant>>(r.error());
            return grants(advertiserId);
        })
        .unwrap()
        .then(m_context.get(), [this, advertiserId, who, role, now](Result<QList<AccessGrant>> current) {
            if (!current)
                return ready<StatementResult>(current.error());
            if (auto s = AccessRules::keepsAnOwner(current.value(), who, role); !s)
                return ready<StatementResult>(s.error());
            return run(m_sql.upsert(advertiserId, who, role, now, {}), QStringLiteral("grant access"));
        })
        .unwrap()
        .then(m_context.get(), [](Result<StatementResult> r) -> Status {
            if (!r)
                return r.error();
            if (r.value().affectedRows() != 1)
                return writeNotApplied(QStringLiteral("grant access"), r.value().affectedRows());
            return success();
        });
}

QFuture<Status> DatabricksAccessStore::revoke(const QString& advertiserId, const QString& principal)
{
    const QString who = principal.trimmed();
    if (advertiserId.trimmed().isEmpty() || who.isEmpty())
        return ready<Done>(Error::validation(QStringLiteral("grant_invalid"), QStringLiteral("Name the advertiser and the principal.")));
    return writerFor(advertiserId, AccessRules::Action::ManageAccess)
        .then(m_context.get(), [this, advertiserId](Result<QString> me) {
            if (!me)
                return ready<QList<AccessGrant>>(me.error());
            return grants(advertiserId);
        })
        .unwrap()
        .then(m_context.get(), [this, advertiserId, who](Result<QList<AccessGrant>> current) {
            if (!current)
                return ready<StatementResult>(current.error());
            if (auto s = AccessRules::keepsAnOwner(current.value(), who, AdvertiserRole::None); !s)
                return ready<StatementResult>(s.error());
            return run(m_sql.remove(advertiserId, who), QStringLiteral("revoke access"));
        })
        .unwrap()
        .then(m_context.get(), [who](Result<StatementResult> r) -> Status {
            if (!r)
                return r.error();
            if (r.value().affectedRows() == 0)
                return Error::notFound(QStringLiteral("%1 has no role on this advertiser.").arg(who));
            return success();
        });
}

} // namespace core
