#pragma once

#include "domain/validation_issue.h"
#include "common/field_issues.h"

namespace ui {

// Sends each validation issue to the form field it concerns. Plain fields ("name",
// "description", "status", "advertiser", "definition") keep their name; tree paths
// ("definition.root.children[2].values[1]") are mapped through the fieldOfPath table that
// SimpleDefinition::toDefinition fills, using the longest matching node path, and the value
// index is kept. Issues no field claims go to "definition".
class IssueRouter
{
public:
    static IssuesByField route(const core::ValidationIssues& issues,
                               const QHash<QString, QString>& fieldOfPath);
};

} // namespace ui
