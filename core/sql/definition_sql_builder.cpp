#include "sql/definition_sql_builder.h"

namespace core {

DefinitionSqlBuilder::DefinitionSqlBuilder(SqlTarget target, QDate asOf, SegmentResolver resolver)
    : m_target(std::move(target)), m_asOf(asOf), m_resolver(std::move(resolver))
{}

Result<QString> DefinitionSqlBuilder::predicate(const DefinitionNode& node, const QString& alias,
                                                SqlParams& params, QStringList& joins) const
{
    QStringList stack;
    return build(node, alias, params, joins, stack);
}

Result<QString> DefinitionSqlBuilder::build(const DefinitionNode& node, const QString& alias, SqlParams& params,
                                            QStringList& joins, QStringList& segmentStack) const
{
    switch (node.kind) {
    case NodeKind::And:
    case NodeKind::Or: {
        if (node.children.empty())
            return node.kind == NodeKind::And ? QStringLiteral("1 = 1") : QStringLiteral("1 = 0");
        QStringList parts;
        for (const auto& c : node.children) {
            auto part = build(c, alias, params, joins, segmentStack);
            if (!part)
                return part;
            parts.append(QLatin1Char('(') + part.value() + QLatin1Char(')'));
        }
        return parts.join(node.kind == NodeKind::And ? QStringLiteral(" AND ") : QStringLiteral(" OR "));
    }
    case NodeKind::Not: {
        if (node.children.size() != 1)
            return Error::validation(QStringLiteral("not_arity"), QStringLiteral("An exclusion must wrap exactly one condition."));
        auto inner = build(node.children.front(), alias, params, joins, segmentStack);
        if (!inner)
            return inner;
        return QStringLiteral("NOT (%1)").arg(inner.value());
    }
    case NodeKind::Condition: return condition(node, alias, params);
    case NodeKind::Behaviour: return behaviour(node.behaviour, alias, params, joins);
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
        auto inner = build(definition->root(), alias, params, joins, segmentStack);
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
    auto inList = [&] { return params.addStringList(node.values); };
    switch (node.dimension) {
    case Dimension::Age: return QStringLiteral("%1.age_bucket IN (%2)").arg(alias, inList());
    case Dimension::Gender: return QStringLiteral("%1.gender IN (%2)").arg(alias, inList());
    case Dimension::Country: return QStringLiteral("%1.country IN (%2)").arg(alias, inList());
    case Dimension::Region: // many people have no region: NULL must not turn NOT (...) into unknown
        return QStringLiteral("COALESCE(%1.region, '') IN (%2)").arg(alias, inList());
    case Dimension::Device: {
        QStringList tests;
        for (const auto& v : node.values)
            tests.append(listContains(alias + QStringLiteral(".devices"), params.addString(QLatin1Char('|') + v + QLatin1Char('|'))));
        return tests.join(QStringLiteral(" OR "));
    }
    case Dimension::Interest: {
        // A category matches its own id and everything below it ("sports" matches "sports.soccer").
        QStringList tests;
        for (const auto& v : node.values) {
            tests.append(listContains(alias + QStringLiteral(".interests"), params.addString(QLatin1Char('|') + v + QLatin1Char('|'))));
            tests.append(listContains(alias + QStringLiteral(".interests"), params.addString(QLatin1Char('|') + v + QLatin1Char('.'))));
        }
        return tests.join(QStringLiteral(" OR "));
    }
    }
    return QStringLiteral("1 = 0");
}

QString DefinitionSqlBuilder::listContains(const QString& column, const QString& placeholder) const
{
    switch (m_target.dialect) {
    case SqlDialect::Postgres:
        return QStringLiteral("strpos(%1, %2) > 0").arg(column, placeholder);
    case SqlDialect::Sqlite: // SqliteFunctions: instr's test, by memmem (instr compares at every byte)
        return QStringLiteral("sb_contains(%1, %2)").arg(column, placeholder);
    case SqlDialect::Databricks:
        break;
    }
    return QStringLiteral("instr(%1, %2) > 0").arg(column, placeholder);
}

void DefinitionSqlBuilder::countBehaviourOf(FewPeople fewPeople)
{
    m_fewPeople = std::move(fewPeople);
}

QString DefinitionSqlBuilder::behaviour(const BehaviourRule& rule, const QString& alias, SqlParams& params,
                                        QStringList& joins) const
{
    if (m_fewPeople && m_fewPeople->perPerson && m_fewPeople->perPerson(rule)) {
        // audience_activity's events are silver's rows by type, day and person
        const QString event = params.addString(rule.eventType);
        const QString firstDay = params.addDate(m_asOf.addDays(1 - rule.days).toString(Qt::ISODate));
        const QString lastDay = params.addDate(m_asOf.toString(Qt::ISODate));
        return QStringLiteral("(SELECT COUNT(*) FROM %1 s WHERE s.user_id = %2.user_id AND s.event_type = %3 AND "
                              "s.event_date >= %4 AND s.event_date <= %5%6) >= %7")
            .arg(m_target.table(QStringLiteral("silver_impressions")), alias, event, firstDay, lastDay,
                 m_fewPeople->rowidLimit.isEmpty() ? QString()
                                                   : QStringLiteral(" AND s.rowid <= ") + m_fewPeople->rowidLimit,
                 params.addInt(rule.minCount));
    }
    // One pre-aggregated window per rule, joined once, instead of a subquery per person.
    const QString window = QStringLiteral("b%1").arg(joins.size());
    const QString event = params.addString(rule.eventType);
    const QString firstDay = params.addDate(m_asOf.addDays(1 - rule.days).toString(Qt::ISODate));
    const QString lastDay = params.addDate(m_asOf.toString(Qt::ISODate));
    const QString only = m_fewPeople && !m_fewPeople->people.isEmpty()
                             ? QStringLiteral(" AND a.user_id IN (%1)").arg(m_fewPeople->people)
                             : QString();
    joins.append(QStringLiteral("LEFT JOIN (SELECT a.user_id, SUM(a.events) AS events FROM %1 a WHERE a.event_type = %2 "
                                "AND a.day >= %3 AND a.day <= %4%7 GROUP BY a.user_id) %5 ON %5.user_id = %6.user_id")
                     .arg(m_target.table(QStringLiteral("audience_activity")), event, firstDay, lastDay, window, alias,
                          only));
    return QStringLiteral("COALESCE(%1.events, 0) >= %2").arg(window, params.addInt(rule.minCount));
}

} // namespace core
