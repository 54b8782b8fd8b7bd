#include "sql/definition_sql_builder.h"

namespace core {

DefinitionSqlBuilder::DefinitionSqlBuilder(SqlTarget target, QDate asOf, SegmentResolver resolver)
    : m_target(std::move(target)), m_asOf(asOf), m_resolver(std::move(resolver))
{}

Result<QString> DefinitionSqlBuilder::predicate(const DefinitionNode& node, const QString& alias,
                                                SqlParams& params) const
{
    QStringList stack;
    return build(node, alias, params, stack);
}

Result<QString> DefinitionSqlBuilder::build(const DefinitionNode& node, const QString& alias, SqlParams& params,
                                            QStringList& segmentStack) const
{
    switch (node.kind) {
    case NodeKind::And:
    case NodeKind::Or: {
        if (node.children.empty())
            return node.kind == NodeKind::And ? QStringLiteral("1 = 1") : QStringLiteral("1 = 0");
        QStringList parts;
        for (const auto& c : node.children) {
            auto part = build(c, alias, params, segmentStack);
            if (!part)
                return part;
            parts.append(QLatin1Char('(') + part.value() + QLatin1Char(')'));
        }
        return parts.join(node.kind == NodeKind::And ? QStringLiteral(" AND ") : QStringLiteral(" OR "));
    }
    case NodeKind::Not: {
        if (node.children.size() != 1)
            return Error::validation(QStringLiteral("not_arity"), QStringLiteral("An exclusion must wrap exactly one condition."));
        auto inner = build(node.children.front(), alias, params, segmentStack);
        if (!inner)
            return inner;
        return QStringLiteral("NOT (%1)").arg(inner.value());
    }
    case NodeKind::Condition: return condition(node, alias, params);
    case NodeKind::Behaviour: return behaviour(node.behaviour, alias, params);
    case NodeKind::SegmentRef: {
        if (segmentStack.contains(node.segmentId))
            return Error::validation(QStringLiteral("segment_cycle"),
                                     QStringLiteral("The segments refer to each other in a loop."),
                                     segmentStack.join(QStringLiteral(" → ")) + QStringLiteral(" → ") + node.segmentId);
        const auto definition = m_resolver ? m_resolver(node.segmentId) : std::nullopt;
        if (!definition)
            return Error::validation(QStringLiteral("segment_ref_unknown"),
                                     QStringLiteral("A referenced segment no longer exists (id %1).").arg(node.segmentId));
        segmentStack.append(node.segmentId);
        auto inner = build(definition->root(), alias, params, segmentStack);
        segmentStack.removeLast();
        return inner;
    }
    }
    return Error::internal(QStringLiteral("unknown node kind"));
}

QString DefinitionSqlBuilder::condition(const DefinitionNode& node, const QString& alias, SqlParams& params) const
{
    if (node.values.isEmpty())
        return QStringLiteral("1 = 0");
    QStringList placeholders;
    for (const auto& v : node.values)
        placeholders.append(params.addString(v));
    const QString inList = placeholders.join(QStringLiteral(", "));
    switch (node.dimension) {
    case Dimension::Age: return QStringLiteral("%1.age_bucket IN (%2)").arg(alias, inList);
    case Dimension::Gender: return QStringLiteral("%1.gender IN (%2)").arg(alias, inList);
    case Dimension::Country: return QStringLiteral("%1.country IN (%2)").arg(alias, inList);
    case Dimension::Region: // many people have no region: NULL must not turn NOT (...) into unknown
        return QStringLiteral("COALESCE(%1.region, '') IN (%2)").arg(alias, inList);
    case Dimension::Device:
        return QStringLiteral("EXISTS (SELECT 1 FROM %1 d WHERE d.user_id = %2.user_id AND d.device IN (%3))")
            .arg(m_target.table(QStringLiteral("audience_devices")), alias, inList);
    case Dimension::Interest: {
        // A category matches its own id and everything below it ("sports" matches "sports.soccer").
        QStringList prefixes;
        for (const auto& v : node.values) {
            QString escaped = v;
            escaped.replace(QLatin1Char('!'), QStringLiteral("!!"))
                .replace(QLatin1Char('%'), QStringLiteral("!%"))
                .replace(QLatin1Char('_'), QStringLiteral("!_"));
            prefixes.append(QStringLiteral("i.interest LIKE %1 ESCAPE '!'").arg(params.addString(escaped + QStringLiteral(".%"))));
        }
        return QStringLiteral("EXISTS (SELECT 1 FROM %1 i WHERE i.user_id = %2.user_id AND (i.interest IN (%3) OR %4))")
            .arg(m_target.table(QStringLiteral("audience_interests")), alias, inList,
                 prefixes.join(QStringLiteral(" OR ")));
    }
    }
    return QStringLiteral("1 = 0");
}

QString DefinitionSqlBuilder::behaviour(const BehaviourRule& rule, const QString& alias, SqlParams& params) const
{
    // Placeholders are taken in text order (argument evaluation order is unspecified).
    const QString event = params.addString(rule.eventType);
    const QString firstDay = params.addDate(m_asOf.addDays(1 - rule.days).toString(Qt::ISODate));
    const QString lastDay = params.addDate(m_asOf.toString(Qt::ISODate));
    const QString minCount = params.addInt(rule.minCount);
    return QStringLiteral("(SELECT COALESCE(SUM(a.events), 0) FROM %1 a WHERE a.user_id = %2.user_id "
                          "AND a.event_type = %3 AND a.day >= %4 AND a.day <= %5) >= %6")
        .arg(m_target.table(QStringLiteral("audience_activity")), alias, event, firstDay, lastDay, minCount);
}

} // namespace core
