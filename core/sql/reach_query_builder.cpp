#include "sql/reach_query_builder.h"

#include "sql/per_user_flags_sql.h"

namespace core {

ReachQueryBuilder::ReachQueryBuilder(SqlTarget target, QDate asOf, int windowDays,
                                     DefinitionSqlBuilder::SegmentResolver resolver)
    : m_target(target), m_asOf(asOf), m_windowDays(windowDays), m_predicates(target, asOf, std::move(resolver))
{}

int ReachQueryBuilder::stepCount(const Definition& definition)
{
    return definition.root().kind == NodeKind::And ? static_cast<int>(definition.root().children.size()) : 0;
}

Result<BoundSql> ReachQueryBuilder::build(const Definition& definition) const
{
    SqlParams params;
    QStringList joins;
    QStringList flags;
    QString all;
    const int steps = stepCount(definition);
    if (definition.root().kind == NodeKind::And) {
        QStringList product;
        for (int i = 0; i < steps; ++i) {
            auto p = m_predicates.predicate(definition.root().children[static_cast<std::size_t>(i)], QStringLiteral("p"), params, joins);
            if (!p)
                return p.error();
            flags.append(PerUserFlagsSql::flag(p.value(), QStringLiteral("f%1").arg(i)));
            product.append(QStringLiteral("f%1").arg(i));
        }
        all = product.isEmpty() ? QStringLiteral("1") : product.join(QLatin1Char('*'));
    } else {
        auto p = m_predicates.predicate(definition.root(), QStringLiteral("p"), params, joins);
        if (!p)
            return p.error();
        flags.append(PerUserFlagsSql::flag(p.value(), QStringLiteral("f_all")));
        all = QStringLiteral("f_all");
    }
    if (flags.isEmpty())
        flags.append(QStringLiteral("1 AS f_none"));

    QStringList columns{QStringLiteral("COUNT(*) AS active_users"),
                        QStringLiteral("COALESCE(SUM(%1), 0) AS reach").arg(all)};
    QStringList cumulative;
    for (int i = 0; i < steps; ++i) {
        cumulative.append(QStringLiteral("f%1").arg(i));
        columns.append(QStringLiteral("COALESCE(SUM(f%1), 0) AS alone_%1").arg(i));
        columns.append(QStringLiteral("COALESCE(SUM(%1), 0) AS cumulative_%2").arg(cumulative.join(QLatin1Char('*'))).arg(i));
    }
    const QString windowStart = params.addDate(m_asOf.addDays(1 - m_windowDays).toString(Qt::ISODate));
    BoundSql out;
    out.sql = PerUserFlagsSql::build(m_target, flags, joins, windowStart, columns);
    out.params = params.take();
    return out;
}

ReachEstimate ReachQueryBuilder::read(const Definition& definition,
                                      const std::function<qint64(const QString& column)>& value) const
{
    ReachEstimate e;
    e.asOf = m_asOf;
    e.windowDays = m_windowDays;
    e.activeUsers = value(QStringLiteral("active_users"));
    e.reach = value(QStringLiteral("reach"));
    const int steps = stepCount(definition);
    for (int i = 0; i < steps; ++i) {
        WaterfallStep s;
        s.conditionIndex = i;
        s.alone = value(QStringLiteral("alone_%1").arg(i));
        s.cumulative = value(QStringLiteral("cumulative_%1").arg(i));
        e.waterfall.append(s);
    }
    return e;
}

} // namespace core
