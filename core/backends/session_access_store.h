#pragma once

#include "backends/access_store.h"
#include "backends/session_executor.h"
#include "sql/access_sql.h"

namespace core {

// What the session stores (segments, experiments) check before a write: who writes, as the backend
// records it, and whether their role on the advertiser allows it. The backend enforces the same
// rules itself (PostgreSQL row-level security); checking first turns a refusal into a message that
// names the role needed instead of a bare policy violation. The local workspace (SQLite) has one
// user who owns everything: the writer is the OS user handed in, and every write is allowed.
class SessionAccessCheck
{
public:
    // The principal a write records: CURRENT_USER on PostgreSQL, localUser on SQLite.
    static Result<QString> writer(SqlSession& db, const QString& localUser);
    // Success when the caller's role on the advertiser allows the action; else Permission
    // "You are a viewer of Acme; editing segments needs the editor role — ask an owner."
    static Status require(SqlSession& db, const SqlTarget& target, const QString& advertiserId,
                          AccessRules::Action action, const QString& localUser);
    // The caller's role on the advertiser and the advertiser's name (its id when unreadable).
    static Result<std::pair<AdvertiserRole, QString>> roleOn(SqlSession& db, const SqlTarget& target,
                                                             const QString& advertiserId, const QString& localUser);
};

// The access store of the session backends. On PostgreSQL the policies of migration 0006 enforce
// every rule; this store checks first for clear messages. On SQLite the rows are kept but the one
// local user owns everything (myRoles() is always unmanaged).
class SessionAccessStore final : public AccessStore
{
public:
    // localUser: the OS user, the principal of the local workspace (ignored on PostgreSQL).
    SessionAccessStore(SessionExecutor& executor, SqlTarget target, QString localUser);

    QFuture<Result<QString>> currentPrincipal() override;
    QFuture<Result<AccessRoles>> myRoles() override;
    QFuture<Result<QList<AccessGrant>>> grants(const QString& advertiserId) override;
    QFuture<Status> grant(const QString& advertiserId, const QString& principal, AdvertiserRole role) override;
    QFuture<Status> revoke(const QString& advertiserId, const QString& principal) override;

    // The OS user (USER / USERNAME), the one principal of a local workspace.
    static QString osUser();

private:
    SessionExecutor& m_executor;
    AccessSql m_sql;
    QString m_localUser;
};

} // namespace core
