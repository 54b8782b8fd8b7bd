#pragma once

#include "domain/dimension.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace core {

// "At least minCount events of eventType in the last days days."
struct BehaviourRule
{
    QString eventType = QStringLiteral("click");
    int minCount = 1;
    int days = 30;
    bool operator==(const BehaviourRule&) const = default;
};

enum class NodeKind {
    And,       // all children hold
    Or,        // at least one child holds
    Not,       // its single child does not hold
    Condition, // dimension in values (OR within the list)
    Behaviour, // behaviour window over events
    SegmentRef // the members of another segment
};

// One node of a segment definition tree. A plain value: copy freely.
struct DefinitionNode
{
    NodeKind kind = NodeKind::And;
    std::vector<DefinitionNode> children; // And, Or, Not
    Dimension dimension = Dimension::Age; // Condition
    QStringList values;                   // Condition
    BehaviourRule behaviour;              // Behaviour
    QString segmentId;                    // SegmentRef

    static DefinitionNode allOf(std::vector<DefinitionNode> children);
    static DefinitionNode anyOf(std::vector<DefinitionNode> children);
    static DefinitionNode negate(DefinitionNode child);
    static DefinitionNode condition(Dimension dimension, QStringList values);
    static DefinitionNode behaviourRule(BehaviourRule rule);
    static DefinitionNode segment(QString segmentId);

    bool isLogical() const { return kind == NodeKind::And || kind == NodeKind::Or || kind == NodeKind::Not; }
    bool operator==(const DefinitionNode&) const = default;
};

} // namespace core
