#pragma once

#include <QList>
#include <QString>

namespace core {

// One problem found by validation, attached to the field it concerns.
struct ValidationIssue
{
    QString field;   // "name", "description", "advertiser", "status", "definition",
                     // or a tree path such as "definition.root.children[1].values[2]"
    QString code;    // stable machine code, e.g. "name_required", "value_unknown"
    QString message; // a sentence a marketer understands
    bool operator==(const ValidationIssue&) const = default;
};

using ValidationIssues = QList<ValidationIssue>;

// "name: Give the segment a name.; definition: ..." for one-line error reports.
QString summarize(const ValidationIssues& issues);

} // namespace core
