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

Result<ReachQueryBuilder::Flags> ReachQueryBuilder::flags(const Definition& definition, SqlParams& params,
                                                          QStringList& joins) const
{
    Flags out;
    const int steps = stepCount(definition);
    if (definition.root().kind == NodeKind::And) {
        QStringList product;
        for (int i = 0; i < steps; ++i) {
            auto p = m_predicates.predicate(definition.root().children[static_cast<std::size_t>(i)], QStringLiteral("p"), params, joins);
            if (!p)
                return p.error();
            out.columns.append(PerUserFlagsSql::flag(p.value(), QStringLiteral("f%1").arg(i)));
            product.append(QStringLiteral("f%1").arg(i));
        }
        out.member = product.isEmpty() ? QStringLiteral("1") : product.join(QLatin1Char('*'));
    } else {
        auto p = m_predicates.predicate(definition.root(), QStringLiteral("p"), params, joins);
        if (!p)
            return p.error();
        out.columns.append(PerUserFlagsSql::flag(p.value(), QStringLiteral("f_all")));
        out.member = QStringLiteral("f_all");
    }
    if (out.columns.isEmpty())
        out.columns.append(QStringLiteral("1 AS f_none"));
    return out;
}

Result<BoundSql> ReachQueryBuilder::build(const Definition& definition) const
{
    SqlParams params;
    QStringList joins;
    auto perUser = flags(definition, params, joins);
    if (!perUser)
        return perUser.error();
    const int steps = stepCount(definition);
    QStringList columns{QStringLiteral("COUNT(*) AS active_users"),
                        QStringLiteral("COALESCE(SUM(%1), 0) AS reach").arg(perUser.value().member)};
    QStringList cumulative;
    for (int i = 0; i < steps; ++i) {
        cumulative.append(QStringLiteral("f%1").arg(i));
        columns.append(QStringLiteral("COALESCE(SUM(f%1), 0) AS alone_%1").arg(i));
        columns.append(QStringLiteral("COALESCE(SUM(%1), 0) AS cumulative_%2").arg(cumulative.join(QLatin1Char('*'))).arg(i));
    }
    const QString windowStart = params.addDate(m_asOf.addDays(1 - m_windowDays).toString(Qt::ISODate));
    BoundSql out;
    out.sql = PerUserFlagsSql::build(m_target, perUser.value().columns, joins, windowStart, columns);
    out.params = params.take();
    return out;
}

Result<BoundSql> ReachQueryBuilder::buildMembers(const Definition& definition, const MemberRows& rows) const
{
    SqlParams params;
    QStringList joins;
    auto perUser = flags(definition, params, joins);
    if (!perUser)
        return perUser.error();
    const QString windowStart = params.addDate(m_asOf.addDays(1 - m_windowDays).toString(Qt::ISODate));
    BoundSql out;
    if (rows.table.isEmpty()) {
        out.sql = PerUserFlagsSql::members(m_target, perUser.value().columns, joins, windowStart, perUser.value().member,
                                           QStringLiteral("flags.user_id AS user_id"), QString(),
                                           QStringLiteral("flags.user_id"));
    } else {
        QStringList select;
        for (const QString& column : rows.columns)
            select.append(QStringLiteral("c.") + column);
        out.sql = PerUserFlagsSql::members(m_target, perUser.value().columns, joins, windowStart, perUser.value().member,
                                           select.join(QStringLiteral(", ")),
                                           QStringLiteral("JOIN %1 c ON c.user_id = flags.user_id").arg(rows.table),
                                           QStringLiteral("c.user_id"));
    }
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
