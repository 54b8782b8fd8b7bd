#pragma once

#include "domain/definition.h"

#include <QHash>

#include <map>
#include <optional>

namespace core {

// The form's shape of a definition: one list per dimension (OR within a list, AND across
// dimensions), behaviour rules that must all hold, segments to include, and exclusions
// (anyone matching any exclusion is removed). It is one shape of the general tree.
struct SimpleDefinition
{
    std::map<Dimension, QStringList> include;
    std::map<Dimension, QStringList> exclude;
    std::vector<BehaviourRule> behaviours;
    QStringList includeSegments;
    QStringList excludeSegments;

    // Builds the tree: and(include conditions..., behaviours..., segments..., not(or(exclusions...))).
    // Empty lists are kept (the validator reports them). When fieldOfPath is given it receives,
    // for each generated node path ("root.children[2]"), the form field it came from
    // ("include.country", "behaviour[0]", "include.segments", "exclude.region", ...).
    Definition toDefinition(QHash<QString, QString>* fieldOfPath = nullptr) const;

    // Recognises the shape above; nullopt for trees the form cannot show.
    static std::optional<SimpleDefinition> fromDefinition(const Definition& definition);

    bool operator==(const SimpleDefinition&) const = default;
};

} // namespace core
