#include "domain/advertiser_access.h"

namespace core {

QString advertiserRoleKey(AdvertiserRole role)
{
    switch (role) {
    case AdvertiserRole::Viewer: return QStringLiteral("viewer");
    case AdvertiserRole::Editor: return QStringLiteral("editor");
    case AdvertiserRole::Owner: return QStringLiteral("owner");
    case AdvertiserRole::None: break;
    }
    return {};
}

AdvertiserRole advertiserRoleFromKey(const QString& key)
{
    const QString k = key.trimmed().toLower();
    if (k == QLatin1String("viewer"))
        return AdvertiserRole::Viewer;
    if (k == QLatin1String("editor"))
        return AdvertiserRole::Editor;
    if (k == QLatin1String("owner"))
        return AdvertiserRole::Owner;
    return AdvertiserRole::None;
}

AdvertiserRole AccessRules::needed(Action action)
{
    return action == Action::ManageAccess ? AdvertiserRole::Owner : AdvertiserRole::Editor;
}

QString AccessRules::whyNot(AdvertiserRole role, Action action, const QString& advertiserName)
{
    const AdvertiserRole need = needed(action);
    if (role >= need)
        return {};
    QString doing;
    switch (action) {
    case Action::EditSegments: doing = QStringLiteral("editing segments"); break;
    case Action::EditExperiments: doing = QStringLiteral("changing experiments"); break;
    case Action::ManageAccess: doing = QStringLiteral("granting access"); break;
    }
    const QString who = role == AdvertiserRole::None
                            ? QStringLiteral("You have no role on %1").arg(advertiserName)
                            : QStringLiteral("You are %1 %2 of %3")
                                  .arg(role == AdvertiserRole::Viewer ? QStringLiteral("a") : QStringLiteral("an"),
                                       advertiserRoleKey(role), advertiserName);
    return QStringLiteral("%1; %2 needs the %3 role — ask an owner.").arg(who, doing, advertiserRoleKey(need));
}

Error AccessRules::refused(AdvertiserRole role, Action action, const QString& advertiserName)
{
    return Error{ErrorKind::Permission, 0, QStringLiteral("role_needed"), whyNot(role, action, advertiserName), {},
                 QStringLiteral("An owner of the advertiser can grant the role (segctl access grant, or Access… in the window).")};
}

Status AccessRules::keepsAnOwner(const QList<AccessGrant>& grants, const QString& principal, AdvertiserRole newRole)
{
    if (newRole == AdvertiserRole::Owner)
        return success();
    int others = 0;
    bool isOwner = false;
    for (const auto& g : grants) {
        if (g.role != AdvertiserRole::Owner)
            continue;
        if (g.principal == principal)
            isOwner = true;
        else
            ++others;
    }
    if (isOwner && others == 0)
        return Error::validation(QStringLiteral("last_owner"), QStringLiteral("%1 is the advertiser's last owner.").arg(principal),
                                 QStringLiteral("Make someone else owner first."));
    return success();
}

} // namespace core
