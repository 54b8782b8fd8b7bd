#pragma once

#include <functional>
#include <memory>

#include "domain/catalogue.h"
#include "domain/definition.h"

namespace core {

// One value of one segment's field, and whether every compared segment has it too.
struct DefinitionDiffValue
{
    QString value; // catalogue value, segment id, or a behaviour key "click:3:30"
    QString label; // "United States", the segment's name, "Clicked at least 3 times in the last 30 days"
    bool shared = false; // every compared segment has this value in this field
    bool operator==(const DefinitionDiffValue&) const = default;
};

// One segment's side of a field.
struct DefinitionDiffCell
{
    QList<DefinitionDiffValue> values; // in the segment's order; empty when the field is unconstrained
    QString text; // labels joined ("United States, Canada"), or "Any" / "None" when empty
    bool operator==(const DefinitionDiffCell&) const = default;
};

// A field of the form across the compared segments.
struct DefinitionDiffRow
{
    QString field; // "include.age", ..., "include.device", "behaviour", "include.segments",
                   // "exclude.<dimension>", "exclude.segments", "other"
    QString label; // "Age", "Behaviour", "In segment", "Excluding country", "Other conditions"
    QList<DefinitionDiffCell> cells; // one per segment, in comparison order
    bool differs = false;            // the segments do not all have the same values
    bool operator==(const DefinitionDiffRow&) const = default;
};

// The definitions of 2–6 segments side by side, field by field (the form's fields: one list per
// dimension, behaviour rules, included segments, exclusions), for highlighting what differs.
// A definition the form cannot show (SimpleDefinition::fromDefinition fails) is compared as a
// whole in an "Other conditions" row. Only fields some segment constrains get a row.
struct DefinitionDiff
{
    QList<DefinitionDiffRow> rows;

    bool identical() const;
    bool operator==(const DefinitionDiff&) const = default;
};

class DefinitionDiffer
{
public:
    using SegmentNamer = std::function<QString(const QString& segmentId)>;

    explicit DefinitionDiffer(std::shared_ptr<const Catalogue> catalogue, SegmentNamer namer = {});

    DefinitionDiff diff(const QList<Definition>& definitions) const;

private:
    std::shared_ptr<const Catalogue> m_catalogue;
    SegmentNamer m_namer;
};

} // namespace core
