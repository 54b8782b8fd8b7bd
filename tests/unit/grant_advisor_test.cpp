// GrantAdvisor: the wording of the GRANT fixes and the reading of Databricks' refusals.
#include <gtest/gtest.h>

#include "databricks/diagnostics/grant_advisor.h"

namespace {

using core::GrantAdvisor;

TEST(GrantAdvisor, GrantNamesPrivilegeSecurableObjectAndPrincipalWithBackticks)
{
    EXPECT_EQ(GrantAdvisor::grant(
                  QStringLiteral("MODIFY"), QStringLiteral("TABLE"),
                  {QStringLiteral("main"), QStringLiteral("ad_segments"), QStringLiteral("gold_segments")},
                  QStringLiteral("segments-sp")),
              QStringLiteral("GRANT MODIFY ON TABLE `main`.`ad_segments`.`gold_segments` TO `segments-sp`"));
    EXPECT_EQ(GrantAdvisor::grant(QStringLiteral("use catalog"), QStringLiteral("Catalog"),
                                  {QStringLiteral("main")}, QStringLiteral("alice@example.com")),
              QStringLiteral("GRANT USE CATALOG ON CATALOG `main` TO `alice@example.com`"));
    EXPECT_EQ(GrantAdvisor::grant(QStringLiteral("USE SCHEMA"), QStringLiteral("database"),
                                  {QStringLiteral("main"), QStringLiteral("ad_segments")},
                                  QStringLiteral("p")),
              QStringLiteral("GRANT USE SCHEMA ON SCHEMA `main`.`ad_segments` TO `p`"));
}

TEST(GrantAdvisor, BackticksInsideNamesAreDoubled)
{
    EXPECT_EQ(GrantAdvisor::quoteIdentifier(QStringLiteral("we`ird")), QStringLiteral("`we``ird`"));
    EXPECT_EQ(GrantAdvisor::grant(QStringLiteral("SELECT"), QStringLiteral("TABLE"),
                                  {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")},
                                  QStringLiteral("x` TO `everyone")),
              QStringLiteral("GRANT SELECT ON TABLE `a`.`b`.`c` TO `x`` TO ``everyone`"));
}

TEST(GrantAdvisor, ReadsTheInsufficientPermissionsWording)
{
    const auto m = GrantAdvisor::parse(QStringLiteral(
        "[INSUFFICIENT_PERMISSIONS] Insufficient privileges: User does not have MODIFY on Table "
        "'main.ad_segments.gold_segments'. SQLSTATE: 42501"));
    ASSERT_TRUE(m);
    EXPECT_EQ(m->privilege, QStringLiteral("MODIFY"));
    EXPECT_EQ(m->securableType, QStringLiteral("TABLE"));
    EXPECT_EQ(m->name, (QStringList{QStringLiteral("main"), QStringLiteral("ad_segments"),
                                    QStringLiteral("gold_segments")}));
}

TEST(GrantAdvisor, ReadsTwoWordPrivilegesAndOtherWordings)
{
    auto m =
        GrantAdvisor::parse(QStringLiteral("User does not have USE SCHEMA on Schema 'main.ad_segments'."));
    ASSERT_TRUE(m);
    EXPECT_EQ(m->privilege, QStringLiteral("USE SCHEMA"));
    EXPECT_EQ(GrantAdvisor::grant(*m, QStringLiteral("p")),
              QStringLiteral("GRANT USE SCHEMA ON SCHEMA `main`.`ad_segments` TO `p`"));

    m = GrantAdvisor::parse(
        QStringLiteral("PERMISSION_DENIED: User does not have USE CATALOG on Catalog 'main'."));
    ASSERT_TRUE(m);
    EXPECT_EQ(GrantAdvisor::grant(*m, QStringLiteral("p")),
              QStringLiteral("GRANT USE CATALOG ON CATALOG `main` TO `p`"));

    m = GrantAdvisor::parse(QStringLiteral("User does not have CREATE TABLE on Schema `main`.`ad_segments`"));
    ASSERT_TRUE(m);
    EXPECT_EQ(GrantAdvisor::grant(*m, QStringLiteral("p")),
              QStringLiteral("GRANT CREATE TABLE ON SCHEMA `main`.`ad_segments` TO `p`"));
}

TEST(GrantAdvisor, WarehouseRefusalIsNotAGrant)
{
    const QString message =
        QStringLiteral("User does not have permission to use warehouse 0123456789abcdef.");
    EXPECT_FALSE(GrantAdvisor::parse(message));
    core::Error e;
    e.kind = core::ErrorKind::Permission;
    e.httpStatus = 403;
    e.code = QStringLiteral("PERMISSION_DENIED");
    e.detail = QStringLiteral("HTTP 403 while trying to run: ") + message;
    EXPECT_TRUE(GrantAdvisor::isWarehouseRefusal(e));
    const QString fix = GrantAdvisor::warehouseCanUseFix(
        QStringLiteral("0123456789abcdef"), QStringLiteral("Analytics"), QStringLiteral("6f1c-app-id"), true);
    EXPECT_TRUE(fix.contains(QStringLiteral("SQL Warehouses ▸ Analytics (0123456789abcdef) ▸ Permissions")))
        << fix.toStdString();
    EXPECT_TRUE(fix.contains(QStringLiteral("`6f1c-app-id`")));
    EXPECT_TRUE(fix.contains(QStringLiteral("\"service_principal_name\": \"6f1c-app-id\"")))
        << fix.toStdString();
    EXPECT_TRUE(fix.contains(QStringLiteral("CAN_USE")));
}

TEST(GrantAdvisor, FixForAnErrorUsesItsMessageElseTheFallback)
{
    core::Error e;
    e.kind = core::ErrorKind::Permission;
    e.code = QStringLiteral("42501");
    e.userMessage =
        QStringLiteral("Databricks refused to save the segment: [INSUFFICIENT_PERMISSIONS] Insufficient "
                       "privileges: User does not have SELECT on Table 'main.ad_segments.gold_segments'.");
    EXPECT_EQ(
        GrantAdvisor::fixFor(e, QStringLiteral("bob@example.com")),
        QStringLiteral("GRANT SELECT ON TABLE `main`.`ad_segments`.`gold_segments` TO `bob@example.com`"));
    e.userMessage = QStringLiteral("Access denied.");
    EXPECT_EQ(GrantAdvisor::fixFor(e, QStringLiteral("bob@example.com"), QStringLiteral("fallback")),
              QStringLiteral("fallback"));
    EXPECT_TRUE(GrantAdvisor::fixFor(e, QStringLiteral("bob@example.com")).isEmpty());
}

} // namespace
