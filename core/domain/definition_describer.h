#pragma once

#include "domain/catalogue.h"
#include "domain/definition.h"

#include <functional>

namespace core {

// Plain-language text for a definition or one of its nodes, for waterfalls, diffs and
// the command line: "Country is United States or Canada", "Clicked at least 3 times in
// the last 30 days", "Not (Device is Connected TV)".
class DefinitionDescriber
{
public:
    using SegmentNamer = std::function<QString(const QString& segmentId)>;

    explicit DefinitionDescriber(std::shared_ptr<const Catalogue> catalogue, SegmentNamer namer = {});

    QString describe(const DefinitionNode& node) const;
    QString describe(const Definition& definition) const { return describe(definition.root()); }

private:
    std::shared_ptr<const Catalogue> m_catalogue;
    SegmentNamer m_namer;
};

} // namespace core
