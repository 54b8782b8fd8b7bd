#include "sql/reach_query_builder.h"

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
            flags.append(QStringLiteral("CASE WHEN %1 THEN 1 ELSE 0 END AS f%2").arg(p.value()).arg(i));
            product.append(QStringLiteral("f%1").arg(i));
        }
        all = product.isEmpty() ? QStringLiteral("1") : product.join(QLatin1Char('*'));
    } else {
        auto p = m_predicates.predicate(definition.root(), QStringLiteral("p"), params, joins);
        if (!p)
            return p.error();
        flags.append(QStringLiteral("CASE WHEN %1 THEN 1 ELSE 0 END AS f_all").arg(p.value()));
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
    const QString joined = joins.isEmpty() ? QString() : QLatin1Char(' ') + joins.join(QLatin1Char(' '));
    const QString perUser = QStringLiteral("SELECT %1 FROM %2 p%3 WHERE p.last_seen >= %4")
                                .arg(flags.join(QStringLiteral(", ")), m_target.table(QStringLiteral("audience_profiles")),
                                     joined, windowStart);
    if (m_target.dialect == SqlDialect::Databricks) {
        out.sql = QStringLiteral("SELECT %1 FROM (%2) flags").arg(columns.join(QStringLiteral(", ")), perUser);
    } else {
        // SQLite and PostgreSQL would inline a plain subquery and evaluate every condition once per
        // column that uses it; a materialised CTE evaluates each once per person.
        out.sql = QStringLiteral("WITH flags AS MATERIALIZED (%1) SELECT %2 FROM flags").arg(perUser, columns.join(QStringLiteral(", ")));
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
