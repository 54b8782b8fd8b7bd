#include "domain/definition_node.h"

namespace core {

DefinitionNode DefinitionNode::allOf(std::vector<DefinitionNode> children)
{
    DefinitionNode n;
    n.kind = NodeKind::And;
    n.children = std::move(children);
    return n;
}

DefinitionNode DefinitionNode::anyOf(std::vector<DefinitionNode> children)
{
    DefinitionNode n;
    n.kind = NodeKind::Or;
    n.children = std::move(children);
    return n;
}

DefinitionNode DefinitionNode::negate(DefinitionNode child)
{
    DefinitionNode n;
    n.kind = NodeKind::Not;
    n.children.push_back(std::move(child));
    return n;
}

DefinitionNode DefinitionNode::condition(Dimension dimension, QStringList values)
{
    DefinitionNode n;
    n.kind = NodeKind::Condition;
    n.dimension = dimension;
    n.values = std::move(values);
    return n;
}

DefinitionNode DefinitionNode::behaviourRule(BehaviourRule rule)
{
    DefinitionNode n;
    n.kind = NodeKind::Behaviour;
    n.behaviour = std::move(rule);
    return n;
}

DefinitionNode DefinitionNode::segment(QString segmentId)
{
    DefinitionNode n;
    n.kind = NodeKind::SegmentRef;
    n.segmentId = std::move(segmentId);
    return n;
}

} // namespace core
