#pragma once

// An AccessStore in memory for the window's tests: grants kept in a list, the signed-in
// principal's roles derived from them, refusals as the shared backends answer them.

#include <QPromise>

#include "backends/access_store.h"

namespace uitest {

class MemoryAccessStore final : public core::AccessStore
{
public:
    explicit MemoryAccessStore(QString principal) : m_principal(std::move(principal)) {}

    QList<core::AccessGrant> grantsList;
    QHash<QString, QString> advertiserNames;

    QFuture<core::Result<QString>> currentPrincipal() override { return ready<QString>(m_principal); }

    QFuture<core::Result<core::AccessRoles>> myRoles() override
    {
        core::AccessRoles roles;
        roles.principal = m_principal;
        roles.managed = !grantsList.isEmpty();
        for (const auto& g : grantsList)
            if (g.principal == m_principal)
                roles.byAdvertiser.insert(g.advertiserId, g.role);
        return ready<core::AccessRoles>(roles);
    }

    QFuture<core::Result<QList<core::AccessGrant>>> grants(const QString& advertiserId) override
    {
        QList<core::AccessGrant> out;
        for (const auto& g : grantsList)
            if (advertiserId.isEmpty() || g.advertiserId == advertiserId)
                out.append(g);
        return ready<QList<core::AccessGrant>>(out);
    }

    QFuture<core::Status> grant(const QString& advertiserId, const QString& principal, core::AdvertiserRole role) override
    {
        if (auto s = mayGrant(advertiserId); !s)
            return ready<core::Done>(s.error());
        for (auto& g : grantsList)
            if (g.advertiserId == advertiserId && g.principal == principal) {
                g.role = role;
                return ready<core::Done>(core::success());
            }
        grantsList.append({advertiserId, principal, role, m_principal, QDateTime::currentDateTimeUtc()});
        return ready<core::Done>(core::success());
    }

    QFuture<core::Status> revoke(const QString& advertiserId, const QString& principal) override
    {
        if (auto s = mayGrant(advertiserId); !s)
            return ready<core::Done>(s.error());
        if (auto s = core::AccessRules::keepsAnOwner(grantsList, principal, core::AdvertiserRole::None); !s)
            return ready<core::Done>(s.error());
        grantsList.removeIf([&](const core::AccessGrant& g) { return g.advertiserId == advertiserId && g.principal == principal; });
        return ready<core::Done>(core::success());
    }

private:
    QString m_principal;

    core::Status mayGrant(const QString& advertiserId)
    {
        auto roles = myRoles().result().value();
        if (!roles.can(advertiserId, core::AdvertiserRole::Owner))
            return core::AccessRules::refused(roles.roleOf(advertiserId), core::AccessRules::Action::ManageAccess,
                                              advertiserNames.value(advertiserId, advertiserId));
        return core::success();
    }

    template <typename T> static QFuture<core::Result<T>> ready(core::Result<T> value)
    {
        QPromise<core::Result<T>> promise;
        promise.start();
        promise.addResult(std::move(value));
        promise.finish();
        return promise.future();
    }
};

} // namespace uitest
