// Roles per advertiser (core/domain/advertiser_access.h): what each role may do, the message a
// refused action gets, an unmanaged workspace, and the last owner.
#include <gtest/gtest.h>

#include "domain/advertiser_access.h"

using core::AccessRules;
using core::AdvertiserRole;

TEST(AccessRules, EachRoleMayDoWhatItsDescriptionSays)
{
    EXPECT_FALSE(AccessRules::whyNot(AdvertiserRole::Viewer, AccessRules::Action::EditSegments, QStringLiteral("Acme")).isEmpty());
    EXPECT_TRUE(AccessRules::whyNot(AdvertiserRole::Editor, AccessRules::Action::EditSegments, QStringLiteral("Acme")).isEmpty());
    EXPECT_TRUE(AccessRules::whyNot(AdvertiserRole::Editor, AccessRules::Action::EditExperiments, QStringLiteral("Acme")).isEmpty());
    EXPECT_FALSE(AccessRules::whyNot(AdvertiserRole::Editor, AccessRules::Action::ManageAccess, QStringLiteral("Acme")).isEmpty());
    EXPECT_TRUE(AccessRules::whyNot(AdvertiserRole::Owner, AccessRules::Action::ManageAccess, QStringLiteral("Acme")).isEmpty());
}

TEST(AccessRules, ARefusalNamesTheRoleHeldAndTheRoleNeeded)
{
    const core::Error e = AccessRules::refused(AdvertiserRole::Viewer, AccessRules::Action::EditSegments, QStringLiteral("Acme"));
    EXPECT_EQ(e.kind, core::ErrorKind::Permission);
    EXPECT_EQ(e.code, QStringLiteral("role_needed"));
    EXPECT_EQ(e.userMessage,
              QStringLiteral("You are a viewer of Acme; editing segments needs the editor role — ask an owner."));
    EXPECT_EQ(AccessRules::whyNot(AdvertiserRole::Editor, AccessRules::Action::ManageAccess, QStringLiteral("Acme")),
              QStringLiteral("You are an editor of Acme; granting access needs the owner role — ask an owner."));
    EXPECT_EQ(AccessRules::whyNot(AdvertiserRole::None, AccessRules::Action::EditSegments, QStringLiteral("Acme")),
              QStringLiteral("You have no role on Acme; editing segments needs the editor role — ask an owner."));
}

TEST(AccessRules, AnUnmanagedWorkspaceMakesEveryoneOwnerAndAManagedOneOnlyTheListed)
{
    core::AccessRoles roles;
    EXPECT_EQ(roles.roleOf(QStringLiteral("acme")), AdvertiserRole::Owner);
    roles.managed = true;
    roles.byAdvertiser.insert(QStringLiteral("acme"), AdvertiserRole::Viewer);
    EXPECT_EQ(roles.roleOf(QStringLiteral("acme")), AdvertiserRole::Viewer);
    EXPECT_EQ(roles.roleOf(QStringLiteral("globex")), AdvertiserRole::None);
    EXPECT_FALSE(roles.can(QStringLiteral("acme"), AdvertiserRole::Editor));
}

TEST(AccessRules, TheLastOwnerCannotBeDemotedOrRemoved)
{
    const QList<core::AccessGrant> grants{{QStringLiteral("acme"), QStringLiteral("ann"), AdvertiserRole::Owner, {}, {}},
                                          {QStringLiteral("acme"), QStringLiteral("bob"), AdvertiserRole::Viewer, {}, {}}};
    EXPECT_EQ(AccessRules::keepsAnOwner(grants, QStringLiteral("ann"), AdvertiserRole::None).error().code, QStringLiteral("last_owner"));
    EXPECT_FALSE(AccessRules::keepsAnOwner(grants, QStringLiteral("ann"), AdvertiserRole::Editor));
    EXPECT_TRUE(AccessRules::keepsAnOwner(grants, QStringLiteral("bob"), AdvertiserRole::None));
    EXPECT_TRUE(AccessRules::keepsAnOwner(grants, QStringLiteral("ann"), AdvertiserRole::Owner));
    EXPECT_EQ(core::advertiserRoleFromKey(QStringLiteral(" Editor ")), AdvertiserRole::Editor);
    EXPECT_EQ(core::advertiserRoleFromKey(QStringLiteral("admin")), AdvertiserRole::None);
}
