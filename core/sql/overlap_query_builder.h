#pragma once

#include "sql/definition_sql_builder.h"

namespace core {

// Builds the one-pass audience query of a comparison of 2–6 segments over the audience tables.
// Each user gets one 0/1 membership flag per segment (its definition, evaluated once) and, per
// advertiser of the segments, a flag for "seen by that advertiser in the range": on SQLite and
// PostgreSQL an index seek on silver_impressions per member of that advertiser's segments, on
// Databricks one pre-aggregated join each. The query sums them into:
//   active_users            users active in the reach window ending at asOf;
//   size_i                  segment i's reach (members among those active users);
//   shared_i_j (i < j)      active users in both i and j;
//   users_i                 distinct members of i seen by i's advertiser in the range — the
//                           way gold_segment_daily_metrics counts users, but over the whole range
//                           (daily rows would count a returning user once per day).
// One of `count` disjoint parts of the audience (SQLite: by rowid), read in parallel on as many
// connections; every column of the overlap row is a sum, so the parts' rows add up to the whole's.
struct AudiencePart
{
    int index = 0;
    int count = 1;
};

class OverlapQueryBuilder
{
public:
    static constexpr int kMinSegments = 2;
    static constexpr int kMaxSegments = 6;

    struct Segment
    {
        Definition definition;
        QString advertiserId;
    };

    OverlapQueryBuilder(SqlTarget target, QDate asOf, int windowDays,
                        DefinitionSqlBuilder::SegmentResolver resolver = {});

    using Part = AudiencePart;

    // A Validation error for fewer than 2 or more than 6 segments, or a reversed range; an
    // Internal one for parts on a dialect other than SQLite, or a part out of range.
    Result<BoundSql> build(const QList<Segment>& segments, QDate firstDay, QDate lastDay, Part part = {}) const;

    // SQLite: about how many people the audience has (its largest rowid: one B-tree descent),
    // for deciding whether reading it in parts is worth it.
    static BoundSql audienceSizeEstimate(const SqlTarget& target);

    static QString sizeColumn(int i);
    static QString sharedColumn(int i, int j); // i < j
    static QString usersColumn(int i);

private:
    SqlTarget m_target;
    QDate m_asOf;
    int m_windowDays;
    DefinitionSqlBuilder m_predicates;
};

} // namespace core
