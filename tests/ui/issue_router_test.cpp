#include <gtest/gtest.h>

#include "domain/simple_definition.h"
#include "common/issue_router.h"

TEST(IssueRouter, SendsTreePathsToTheFormFieldAndKeepsTheValueIndex)
{
    core::SimpleDefinition simple;
    simple.include[core::Dimension::Age] = {QStringLiteral("18-24")};
    simple.include[core::Dimension::Country] = {QStringLiteral("US"), QStringLiteral("XX")};
    simple.behaviours.push_back({});
    simple.exclude[core::Dimension::Device] = {QStringLiteral("ctv")};
    QHash<QString, QString> fieldOfPath;
    simple.toDefinition(&fieldOfPath);

    const core::ValidationIssues issues{
        {QStringLiteral("name"), QStringLiteral("name_required"), QStringLiteral("Give the segment a name.")},
        {QStringLiteral("definition.root.children[1].values[1]"), QStringLiteral("value_unknown"),
         QStringLiteral("“XX” is not an ISO country code")},
        {QStringLiteral("definition.root.children[2].days"), QStringLiteral("behaviour_days_range"),
         QStringLiteral("window")},
        {QStringLiteral("definition.root.children[3].children[0].children[0].values[0]"),
         QStringLiteral("value_blank"), QStringLiteral("blank device")},
        {QStringLiteral("definition"), QStringLiteral("definition_empty"), QStringLiteral("empty")},
        {QStringLiteral("definition.root.children[9]"), QStringLiteral("odd"), QStringLiteral("unclaimed")},
    };
    const ui::IssuesByField routed = ui::IssueRouter::route(issues, fieldOfPath);

    EXPECT_EQ(routed.value(QStringLiteral("name")).messages,
              QStringList{QStringLiteral("Give the segment a name.")});
    EXPECT_EQ(routed.value(QStringLiteral("include.country")).messages.size(), 1);
    EXPECT_EQ(routed.value(QStringLiteral("include.country")).valueIndexes, QSet<int>{1});
    EXPECT_EQ(routed.value(QStringLiteral("behaviour[0]")).messages, QStringList{QStringLiteral("window")});
    EXPECT_EQ(routed.value(QStringLiteral("exclude.device")).valueIndexes, QSet<int>{0});
    EXPECT_EQ(routed.value(QStringLiteral("definition")).messages,
              (QStringList{QStringLiteral("empty"), QStringLiteral("unclaimed")}));
    EXPECT_FALSE(routed.contains(QStringLiteral("include.age")));
}
