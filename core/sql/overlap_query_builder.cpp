#include "sql/overlap_query_builder.h"

#include "sql/per_user_flags_sql.h"

namespace core {

OverlapQueryBuilder::OverlapQueryBuilder(SqlTarget target, QDate asOf, int windowDays,
                                         DefinitionSqlBuilder::SegmentResolver resolver)
    : m_target(target), m_asOf(asOf), m_windowDays(windowDays),
      m_predicates(target, asOf, std::move(resolver))
{
}

BoundSql OverlapQueryBuilder::audienceSizeEstimate(const SqlTarget& target)
{
    return {QStringLiteral("SELECT COALESCE(MAX(rowid), 0) FROM %1").arg(target.table(QStringLiteral("audience_profiles"))),
            {}};
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
                                            QDate lastDay, Part part) const
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
    if (part.count < 1 || part.index < 0 || part.index >= part.count ||
        (part.count > 1 && m_target.dialect != SqlDialect::Sqlite))
        return Error::internal(QStringLiteral("The audience cannot be read in part %1 of %2 on this backend.")
                                   .arg(part.index + 1)
                                   .arg(part.count));
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
    // One "seen by the advertiser in the range" flag per advertiser.
    QStringList advertisers;
    for (const auto& s : segments) {
        if (!advertisers.contains(s.advertiserId))
            advertisers.append(s.advertiserId);
    }
    // Whoever was seen in the range was last seen on or after its first day.
    const QDate since = std::min(windowStart, firstDay);
    QString sinceParam;
    QStringList laterFlags;
    if (m_target.dialect == SqlDialect::Databricks) {
        // One pre-aggregated join on silver per advertiser; GROUP BY (not DISTINCT) lets the
        // engine plan the join. Placeholders are numbered in statement order (argument
        // evaluation order is unspecified).
        for (int k = 0; k < advertisers.size(); ++k) {
            const QString alias = QStringLiteral("s%1").arg(k);
            const QString advertiser = params.addString(advertisers[k]);
            const QString first = params.addDate(firstDay.toString(Qt::ISODate));
            const QString last = params.addDate(lastDay.toString(Qt::ISODate));
            joins.append(
                QStringLiteral(
                    "LEFT JOIN (SELECT e.user_id FROM %1 e WHERE e.advertiser_id = %2 AND e.event_date >= %3 "
                    "AND e.event_date <= %4 GROUP BY e.user_id) %5 ON %5.user_id = p.user_id")
                    .arg(m_target.table(QStringLiteral("silver_impressions")), advertiser, first, last, alias));
            flags.append(PerUserFlagsSql::flag(alias + QStringLiteral(".user_id IS NOT NULL"),
                                               QStringLiteral("r%1").arg(k)));
        }
        sinceParam = params.addDate(since.toString(Qt::ISODate));
    } else {
        // Asked of the members of the advertiser's segments alone, each one index seek
        // (user, advertiser, day): a GROUP BY of the advertiser's whole range cost seconds at
        // 10 M events, for a flag that only members' rows use.
        sinceParam = params.addDate(since.toString(Qt::ISODate));
        for (int k = 0; k < advertisers.size(); ++k) {
            QStringList members;
            for (int i = 0; i < n; ++i) {
                if (segments[i].advertiserId == advertisers[k])
                    members.append(QStringLiteral("f.m%1 = 1").arg(i));
            }
            const QString advertiser = params.addString(advertisers[k]);
            const QString first = params.addDate(firstDay.toString(Qt::ISODate));
            const QString last = params.addDate(lastDay.toString(Qt::ISODate));
            laterFlags.append(PerUserFlagsSql::flag(
                QStringLiteral("(%1) AND EXISTS (SELECT 1 FROM %2 e WHERE e.user_id = f.user_id AND "
                               "e.advertiser_id = %3 AND e.event_date >= %4 AND e.event_date <= %5)")
                    .arg(members.join(QStringLiteral(" OR ")),
                         m_target.table(QStringLiteral("silver_impressions")), advertiser, first, last),
                QStringLiteral("r%1").arg(k)));
        }
    }

    // Only members add to the sums: elsewhere the rows are limited to them, and the active users
    // are counted apart (the last_seen index answers it without reading the people).
    const bool membersOnly = m_target.dialect != SqlDialect::Databricks;
    QStringList memberRows;
    for (int i = 0; i < n; ++i)
        memberRows.append(QStringLiteral("m%1 = 1").arg(i));
    // A part: the people whose rowid leaves that remainder.
    const auto partOf = [&](const QString& alias) {
        if (part.count == 1)
            return QString();
        const QString count = params.addInt(part.count);
        const QString index = params.addInt(part.index);
        return QStringLiteral(" AND %1.rowid % %2 = %3").arg(alias, count, index);
    };
    QStringList columns;
    if (membersOnly) {
        const QString activeSince = params.addDate(windowStart.toString(Qt::ISODate));
        columns.append(QStringLiteral("(SELECT COUNT(*) FROM %1 a WHERE a.last_seen >= %2%3) AS active_users")
                           .arg(m_target.table(QStringLiteral("audience_profiles")), activeSince,
                                partOf(QStringLiteral("a"))));
    } else {
        columns.append(QStringLiteral("COALESCE(SUM(w), 0) AS active_users"));
    }
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
    BoundSql out;
    const QString partOfPeople = partOf(QStringLiteral("p")).mid(5); // without " AND "
    out.sql = PerUserFlagsSql::build(m_target, flags, joins, sinceParam, columns, laterFlags,
                                     membersOnly ? memberRows.join(QStringLiteral(" OR ")) : QString(), partOfPeople);
    out.params = params.take();
    return out;
}

} // namespace core
