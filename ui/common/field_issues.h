#pragma once

#include <QHash>
#include <QSet>
#include <QStringList>

namespace ui {

// The validation messages that belong to one form field, and which of its values
// (by index in the field's list) they point at.
struct FieldIssues
{
    QStringList messages;
    QSet<int> valueIndexes;
    bool operator==(const FieldIssues&) const = default;
};

// Form field ("name", "include.country", "behaviour[0]", "exclude.segments", "definition") → issues.
using IssuesByField = QHash<QString, FieldIssues>;

} // namespace ui
