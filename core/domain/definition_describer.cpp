#include "domain/definition_describer.h"

namespace core {

DefinitionDescriber::DefinitionDescriber(std::shared_ptr<const Catalogue> catalogue, SegmentNamer namer)
    : m_catalogue(std::move(catalogue)), m_namer(std::move(namer))
{}

namespace {

QString joinOr(const QStringList& items)
{
    if (items.size() <= 1)
        return items.join(QString());
    QStringList head = items.mid(0, items.size() - 1);
    return head.join(QStringLiteral(", ")) + QStringLiteral(" or ") + items.last();
}

QString verbFor(const QString& eventType)
{
    if (eventType == QLatin1String("impression"))
        return QStringLiteral("Saw an ad");
    if (eventType == QLatin1String("click"))
        return QStringLiteral("Clicked");
    if (eventType == QLatin1String("conversion"))
        return QStringLiteral("Converted");
    return QStringLiteral("Had “%1” events").arg(eventType);
}

} // namespace

QString DefinitionDescriber::describe(const DefinitionNode& node) const
{
    switch (node.kind) {
    case NodeKind::Condition: {
        QStringList labels;
        for (const auto& v : node.values)
            labels.append(m_catalogue->label(node.dimension, v));
        return QStringLiteral("%1 is %2").arg(dimensionLabel(node.dimension), joinOr(labels));
    }
    case NodeKind::Behaviour: {
        const auto& b = node.behaviour;
        return QStringLiteral("%1 at least %2 %3 in the last %4 days")
            .arg(verbFor(b.eventType))
            .arg(b.minCount)
            .arg(b.minCount == 1 ? QStringLiteral("time") : QStringLiteral("times"))
            .arg(b.days);
    }
    case NodeKind::SegmentRef: {
        const QString name = m_namer ? m_namer(node.segmentId) : QString();
        return QStringLiteral("In segment “%1”").arg(name.isEmpty() ? node.segmentId : name);
    }
    case NodeKind::Not:
        if (node.children.size() == 1 && node.children.front().kind == NodeKind::Or) {
            QStringList parts;
            for (const auto& c : node.children.front().children)
                parts.append(describe(c));
            return QStringLiteral("Excluding: ") + parts.join(QStringLiteral("; "));
        }
        return node.children.empty() ? QStringLiteral("Not (nothing)")
                                     : QStringLiteral("Not (%1)").arg(describe(node.children.front()));
    case NodeKind::And:
    case NodeKind::Or: {
        if (node.children.empty())
            return node.kind == NodeKind::And ? QStringLiteral("Everyone") : QStringLiteral("No one");
        if (node.children.size() == 1)
            return describe(node.children.front());
        QStringList parts;
        for (const auto& c : node.children)
            parts.append(QStringLiteral("(%1)").arg(describe(c)));
        return parts.join(node.kind == NodeKind::And ? QStringLiteral(" and ") : QStringLiteral(" or "));
    }
    }
    return {};
}

} // namespace core
