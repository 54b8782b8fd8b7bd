#pragma once

#include <QDate>

#include "common/result.h"
#include "domain/experiment.h"
#include "domain/segment.h"
#include "sql/definition_sql_builder.h"
#include "sql/sql_dialect.h"
#include "sql/sql_params.h"

namespace core {

// The SQL of experiments for every dialect, every value bound: the rows of gold_experiments and
// gold_experiment_versions, and the assignment of a segment's members to arms computed in SQL
// with the same hash as ExperimentAssignment (GrowthBook hash v2), so assignments and results
// run where the data is. Golden files pin the text (tests/unit/golden/experiment_*.sql).
//
// The hash per dialect:
//   SQLite     sb_growthbook_bucket(seed, user_id): an application-defined function on the
//              workspace connection (SqliteFunctions), the C++ ExperimentAssignment::bucket
//              itself — SQLite has no XOR operator and no loop over characters, and a recursive
//              CTE per person would cost ~40 rows each (too slow for a million members).
//   PostgreSQL sb_growthbook_bucket(seed, user_id): a PL/pgSQL function created by migration
//              0005 (FNV-1a over the characters' code points with # as XOR, BIGINT mod 2³²).
//   Databricks an inline expression: aggregate(transform(sequence(1, length(s)), i ->
//              ascii(substring(s, i, 1))), 2166136261, (h, c) -> ((h ^ c) * 16777619) % 2³²)
//              twice, then mod 10000 — higher-order functions over BIGINT, nothing to install.
// All three hash characters by their code point: identical to GrowthBook's UTF-16 code units for
// ASCII ids (SQLite, using the C++ code, is exact for any id). Arms are whole bucket ranges
// (ExperimentAssignment::bucketBounds), so SQL compares integers only.
//
// Members are the people a segment's reach counts: in audience_profiles, last seen in the
// windowDays ending at asOf, matching the definition (DefinitionSqlBuilder, as ReachQueryBuilder).
class ExperimentSql
{
public:
    static const QString kColumns; // the column list every SELECT of experiments returns

    explicit ExperimentSql(SqlTarget target);

    BoundSql selectById(const QString& id) const;
    // The experiment holding this key (exactly as given), if any.
    BoundSql selectByKey(const QString& key) const;
    BoundSql list(const QString& advertiserId, const QString& segmentId) const;
    BoundSql history(const QString& id) const;

    // Plain statements for the backends that write in transactions (SQLite, PostgreSQL): the
    // primary key and the unique index on experiment_key are checked by the database itself.
    BoundSql insert(const Experiment& experiment) const;
    BoundSql updateWhereVersion(const Experiment& experiment, int baseVersion) const;
    // changeKey: the idempotency key of the change (NULL when empty), unique where set.
    BoundSql insertVersionRow(const Experiment& experiment, const QString& change, const QString& changeKey = {}) const;

    // Databricks (no transactions, no unique keys): a MERGE that inserts the experiment unless its
    // id or its key exists (0 affected rows then); an update guarded by the base version (0 rows
    // when stale); an idempotent version record without a key, and its confirmation by the write
    // that won (the whole row again, with the change's key).
    BoundSql insertIfKeyFree(const Experiment& experiment) const;
    BoundSql updateIfVersion(const Experiment& experiment, int baseVersion) const;
    BoundSql insertVersion(const Experiment& experiment, const QString& change) const;
    BoundSql confirmVersion(const Experiment& experiment, const QString& change, const QString& changeKey) const;

    // The SQL bucket (0–9999) of user ids: a SELECT of `user_id, bucket` over the rows of
    // usersSql (a SELECT whose first column is user_id), seeded by `seed` — the piece the
    // agreement tests check against ExperimentAssignment::bucket.
    QString buckets(const QString& usersSql, const QString& seed, SqlParams& params) const;
    // `user_id, arm` (0.., −1 held out) of the rows of usersSql under the split.
    QString arms(const QString& usersSql, const ExperimentSplit& split, SqlParams& params) const;
    // The members of a segment (one column, user_id) as a SELECT.
    Result<QString> members(const Segment& segment, QDate asOf, int windowDays,
                            const DefinitionSqlBuilder::SegmentResolver& resolver, SqlParams& params) const;

    // Rows user_id, arm: every member of the experiment's segment and its arm, by user_id.
    Result<BoundSql> assignments(const Experiment& experiment, const Segment& segment, QDate asOf, int windowDays,
                                 const DefinitionSqlBuilder::SegmentResolver& resolver) const;
    // Whether results() computes the per-person sums of squares (the variance of conversions and
    // spend per person): only the per-person metrics need them, and they cost a sort of every
    // member-day by member.
    static bool needsSquares(ExperimentMetric metric);

    // The results of the experiment in one statement, its members assigned once: rows day, arm,
    // users, impressions, clicks, conversions, spend_micros, conversions_squared, spend_squared —
    // with day NULL the members per arm (users, the rest 0), else one row per day of
    // [firstDay, lastDay] and arm (−1: holdout) whose members had events that day: the day's
    // events of the segment's advertiser (users 0) and, with squares, the day's growth of Σ over
    // members of (their running total)², c² − (c − x)² for a member with x more (0 without).
    // SQLite: each member looks up their events in silver's (member, advertiser, day, type, cost)
    // index, and the sums per (day, arm) come from sb_sums_by through json_each (SqliteFunctions)
    // instead of GROUP BY, which sorts every input row: with both, a million members' results
    // take about 1.5 s of CPU (tests/bench/experiments_bench.cpp).
    Result<BoundSql> results(const Experiment& experiment, const Segment& segment, QDate asOf, int windowDays,
                             const DefinitionSqlBuilder::SegmentResolver& resolver, QDate firstDay, QDate lastDay,
                             bool squares) const;
    // The last day with audience data (as SegmentSql::dataAsOf).
    BoundSql dataAsOf() const;

    const SqlTarget& target() const { return m_target; }

private:
    SqlTarget m_target;

    QString table(const char* name) const { return m_target.table(QLatin1String(name)); }
    QString doubleType() const;
    BoundSql mergeVersion(const Experiment& experiment, const QString& change, const QString& changeKey, bool replace) const;
    // "WITH name AS MATERIALIZED (" where the dialect evaluates a CTE once only when told to.
    QString materialized() const;
    // FNV-1a of a text column (Databricks only).
    static QString databricksFnv(const QString& text);
    Result<QString> assigned(const Experiment& experiment, const Segment& segment, QDate asOf, int windowDays,
                             const DefinitionSqlBuilder::SegmentResolver& resolver, SqlParams& params) const;

};

} // namespace core
