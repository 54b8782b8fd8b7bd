#pragma once

#include "common/result.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

namespace core {

// A principal's role on one advertiser: viewer (reads), editor (also creates, edits, deletes,
// activates), owner (also grants). None: the advertiser is not visible at all.
enum class AdvertiserRole { None, Viewer, Editor, Owner };

// "viewer", "editor", "owner" ("" for None).
QString advertiserRoleKey(AdvertiserRole role);
// The role of a key; nullopt-like None for anything else.
AdvertiserRole advertiserRoleFromKey(const QString& key);

// One row of advertiser_access: who has which role on which advertiser, and who granted it.
struct AccessGrant
{
    QString advertiserId;
    QString principal;
    AdvertiserRole role = AdvertiserRole::None;
    QString grantedBy;
    QDateTime grantedAt;
    bool operator==(const AccessGrant&) const = default;
};

// The signed-in principal's roles. A workspace with no access rows at all is unmanaged: as before
// roles existed, everyone who can connect owns every advertiser (the local workspace is always so:
// its one user, the OS user, owns everything). The first grant makes the workspace managed and its
// granter the owner of that advertiser; from then on only listed principals see an advertiser.
struct AccessRoles
{
    QString principal;
    bool managed = false;
    QHash<QString, AdvertiserRole> byAdvertiser;

    AdvertiserRole roleOf(const QString& advertiserId) const
    {
        return managed ? byAdvertiser.value(advertiserId, AdvertiserRole::None) : AdvertiserRole::Owner;
    }
    bool can(const QString& advertiserId, AdvertiserRole needed) const { return roleOf(advertiserId) >= needed; }
};

// What a role may do, in words the window and the error messages use.
class AccessRules
{
public:
    // "editing segments needs the editor role" style actions.
    enum class Action { EditSegments, EditExperiments, ManageAccess };
    static AdvertiserRole needed(Action action);
    // Empty when allowed; else why not: "You are a viewer of Acme; editing segments needs the
    // editor role — ask an owner."
    static QString whyNot(AdvertiserRole role, Action action, const QString& advertiserName);
    // The Permission error the stores answer a refused write with (code "role_needed").
    static Error refused(AdvertiserRole role, Action action, const QString& advertiserName);
    // Refuses (Validation "last_owner") a change leaving the advertiser's grants without an owner.
    static Status keepsAnOwner(const QList<AccessGrant>& grants, const QString& principal, AdvertiserRole newRole);
};

} // namespace core
