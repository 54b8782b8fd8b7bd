#pragma once

#include <functional>
#include <memory>

#include "analytics/definition_diff.h"
#include "domain/catalogue.h"
#include "domain/segment.h"

namespace core {

// One field of a segment in two of its versions, as text for people.
struct VersionDiffRow
{
    QString field;  // "name", "description", "status", then DefinitionDiffRow's fields ("include.age", ...)
    QString label;  // "Name", "Description", "Status", "Age", "Behaviour", ...
    QString before; // the older version's value ("Any" / "None" / "" when unset)
    QString after;
    bool differs = false;
    bool operator==(const VersionDiffRow&) const = default;
};

// Two versions of one segment compared field by field: name, description, status and every
// criterion of the definition (DefinitionDiff's fields). A plain value.
struct SegmentVersionDiff
{
    int fromVersion = 0;
    int toVersion = 0;
    QList<VersionDiffRow> rows; // name, description, status first, then the definition's fields

    bool identical() const;
    QList<VersionDiffRow> changes() const; // the rows that differ
    bool operator==(const SegmentVersionDiff&) const = default;
};

// Compares two SegmentVersions with DefinitionDiffer for the definition.
class SegmentVersionDiffer
{
public:
    explicit SegmentVersionDiffer(std::shared_ptr<const Catalogue> catalogue,
                                  DefinitionDiffer::SegmentNamer namer = {});

    // from: the older side (shown as "before"), to: the newer one; any two versions may be given.
    SegmentVersionDiff diff(const SegmentVersion& from, const SegmentVersion& to) const;

private:
    DefinitionDiffer m_definitions;
};

} // namespace core
