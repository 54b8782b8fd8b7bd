#include "sql/overlap_query_builder.h"

#include "sql/per_user_flags_sql.h"

namespace core {

OverlapQueryBuilder::OverlapQueryBuilder(SqlTarget target, QDate asOf, int windowDays,
                                         DefinitionSqlBuilder::SegmentResolver resolver)
    : m_target(target), m_asOf(asOf), m_windowDays(windowDays),
      m_predicates(target, asOf, std::move(resolver))
{
}

QString OverlapQueryBuilder::sizeColumn(int i)
{
    return QStringLiteral("size_%1").arg(i);
}

QString OverlapQueryBuilder::sharedColumn(int i, int j)
{
    return QStringLiteral("shared_%1_%2").arg(i).arg(j);
}

QString OverlapQueryBuilder::usersColumn(int i)
{
    return QStringLiteral("users_%1").arg(i);
}

Result<BoundSql> OverlapQueryBuilder::build(const QList<Segment>& segments, QDate firstDay,
                                            QDate lastDay) const
{
    const int n = static_cast<int>(segments.size());
    if (n < kMinSegments || n > kMaxSegments)
        return Error::validation(QStringLiteral("overlap_segment_count"),
                                 QStringLiteral("Choose between %1 and %2 segments to compare (%3 chosen).")
                                     .arg(kMinSegments)
                                     .arg(kMaxSegments)
                                     .arg(n));
    if (!firstDay.isValid() || !lastDay.isValid() || firstDay > lastDay)
        return Error::validation(QStringLiteral("overlap_range_invalid"),
                                 QStringLiteral("Choose a first and a last day, in order."));
    SqlParams params;
    QStringList joins;
    const QDate windowStart = m_asOf.addDays(1 - m_windowDays);
    QStringList flags{PerUserFlagsSql::flag(
        QStringLiteral("p.last_seen >= %1").arg(params.addDate(windowStart.toString(Qt::ISODate))),
        QStringLiteral("w"))};
    for (int i = 0; i < n; ++i) {
        auto p = m_predicates.predicate(segments[i].definition.root(), QStringLiteral("p"), params, joins);
        if (!p)
            return p.error();
        flags.append(PerUserFlagsSql::flag(p.value(), QStringLiteral("m%1").arg(i)));
    }
    // One "seen in the range" flag per advertiser; GROUP BY (not DISTINCT) lets SQLite index the join.
    QStringList advertisers;
    for (const auto& s : segments) {
        if (advertisers.contains(s.advertiserId))
            continue;
        const QString alias = QStringLiteral("s%1").arg(advertisers.size());
        // Placeholders are numbered in statement order (argument evaluation order is unspecified).
        const QString advertiser = params.addString(s.advertiserId);
        const QString first = params.addDate(firstDay.toString(Qt::ISODate));
        const QString last = params.addDate(lastDay.toString(Qt::ISODate));
        joins.append(
            QStringLiteral(
                "LEFT JOIN (SELECT e.user_id FROM %1 e WHERE e.advertiser_id = %2 AND e.event_date >= %3 "
                "AND e.event_date <= %4 GROUP BY e.user_id) %5 ON %5.user_id = p.user_id")
                .arg(m_target.table(QStringLiteral("silver_impressions")), advertiser, first, last, alias));
        flags.append(PerUserFlagsSql::flag(alias + QStringLiteral(".user_id IS NOT NULL"),
                                           QStringLiteral("r%1").arg(advertisers.size())));
        advertisers.append(s.advertiserId);
    }

    QStringList columns{QStringLiteral("COALESCE(SUM(w), 0) AS active_users")};
    for (int i = 0; i < n; ++i)
        columns.append(QStringLiteral("COALESCE(SUM(w*m%1), 0) AS %2").arg(i).arg(sizeColumn(i)));
    for (int i = 0; i < n; ++i) {
        for (int j = i + 1; j < n; ++j)
            columns.append(
                QStringLiteral("COALESCE(SUM(w*m%1*m%2), 0) AS %3").arg(i).arg(j).arg(sharedColumn(i, j)));
    }
    for (int i = 0; i < n; ++i)
        columns.append(QStringLiteral("COALESCE(SUM(m%1*r%2), 0) AS %3")
                           .arg(i)
                           .arg(advertisers.indexOf(segments[i].advertiserId))
                           .arg(usersColumn(i)));
    // Whoever was seen in the range was last seen on or after its first day.
    const QString since = params.addDate(std::min(windowStart, firstDay).toString(Qt::ISODate));
    BoundSql out;
    out.sql = PerUserFlagsSql::build(m_target, flags, joins, since, columns);
    out.params = params.take();
    return out;
}

} // namespace core
