#include "domain/simple_definition.h"

namespace core {

Definition SimpleDefinition::toDefinition(QHash<QString, QString>* fieldOfPath) const
{
    std::vector<DefinitionNode> children;
    auto note = [&](const QString& path, const QString& field) {
        if (fieldOfPath)
            fieldOfPath->insert(path, field);
    };
    auto childPath = [](qsizetype i) { return QStringLiteral("root.children[%1]").arg(i); };

    for (const auto& [dimension, values] : include) {
        note(childPath(static_cast<qsizetype>(children.size())), QStringLiteral("include.") + dimensionKey(dimension));
        children.push_back(DefinitionNode::condition(dimension, values));
    }
    for (std::size_t i = 0; i < behaviours.size(); ++i) {
        note(childPath(static_cast<qsizetype>(children.size())), QStringLiteral("behaviour[%1]").arg(i));
        children.push_back(DefinitionNode::behaviourRule(behaviours[i]));
    }
    if (!includeSegments.isEmpty()) {
        // Including several segments means "a member of any of them".
        std::vector<DefinitionNode> refs;
        for (const auto& id : includeSegments)
            refs.push_back(DefinitionNode::segment(id));
        note(childPath(static_cast<qsizetype>(children.size())), QStringLiteral("include.segments"));
        children.push_back(DefinitionNode::anyOf(std::move(refs)));
    }
    std::vector<DefinitionNode> excluded;
    const QString notPath = childPath(static_cast<qsizetype>(children.size())) + QStringLiteral(".children[0]");
    for (const auto& [dimension, values] : exclude) {
        note(QStringLiteral("%1.children[%2]").arg(notPath).arg(excluded.size()),
             QStringLiteral("exclude.") + dimensionKey(dimension));
        excluded.push_back(DefinitionNode::condition(dimension, values));
    }
    for (const auto& id : excludeSegments) {
        note(QStringLiteral("%1.children[%2]").arg(notPath).arg(excluded.size()), QStringLiteral("exclude.segments"));
        excluded.push_back(DefinitionNode::segment(id));
    }
    if (!excluded.empty())
        children.push_back(DefinitionNode::negate(DefinitionNode::anyOf(std::move(excluded))));
    return Definition(DefinitionNode::allOf(std::move(children)));
}

std::optional<SimpleDefinition> SimpleDefinition::fromDefinition(const Definition& definition)
{
    const DefinitionNode& root = definition.root();
    if (root.kind != NodeKind::And)
        return std::nullopt;
    SimpleDefinition s;
    bool seenExclusion = false;
    bool seenSegments = false;
    for (const auto& child : root.children) {
        switch (child.kind) {
        case NodeKind::Condition:
            if (s.include.count(child.dimension))
                return std::nullopt;
            s.include[child.dimension] = child.values;
            break;
        case NodeKind::Behaviour:
            s.behaviours.push_back(child.behaviour);
            break;
        case NodeKind::Or:
            if (seenSegments)
                return std::nullopt;
            seenSegments = true;
            for (const auto& ref : child.children) {
                if (ref.kind != NodeKind::SegmentRef)
                    return std::nullopt;
                s.includeSegments.append(ref.segmentId);
            }
            break;
        case NodeKind::Not: {
            if (seenExclusion || child.children.size() != 1 || child.children.front().kind != NodeKind::Or)
                return std::nullopt;
            seenExclusion = true;
            for (const auto& ex : child.children.front().children) {
                if (ex.kind == NodeKind::Condition && !s.exclude.count(ex.dimension))
                    s.exclude[ex.dimension] = ex.values;
                else if (ex.kind == NodeKind::SegmentRef)
                    s.excludeSegments.append(ex.segmentId);
                else
                    return std::nullopt;
            }
            break;
        }
        default:
            return std::nullopt;
        }
    }
    return s;
}

} // namespace core
