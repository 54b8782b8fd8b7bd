#pragma once

#include "common/result.h"
#include "domain/catalogue.h"
#include "domain/segment.h"
#include "domain/pipeline_report.h"
#include "sql/definition_sql_builder.h"
#include "sql/sql_dialect.h"
#include "sql/sql_params.h"

namespace core {

// One statement of the pipeline: what it is for, its SQL, and which figure its outcome feeds.
struct PipelineStatement
{
    QString step; // "claim new batches", "quarantine invalid rows", ...
    BoundSql sql;
    PipelineCounter counter = PipelineCounter::None;
};

// The impressions pipeline of product.md, described once and rendered per dialect (SQLite for
// the local workspace, Databricks SQL for Unity Catalog, PostgreSQL for a server or Lakebase),
// every value bound:
//
//   reference values  the catalogue's ages, countries, regions, devices and event types in
//                     ref_values, so cleaning validates in SQL (added, never removed)
//   silver            claim the bronze batches not claimed yet (pipeline_batches); normalise
//                     their rows (trimmed ids, ISO 8601 time → UTC time and day, age → bucket,
//                     ISO codes upper case, enums lower case, cost as a whole number); rows that
//                     fail get the first reason in silver_quarantine (keyed by batch and line, so
//                     never twice); valid rows whose event_id is not in silver yet go to silver,
//                     the first by ingest time, batch and line winning; the batches are done
//   audience          audience_profiles (each person's latest attributes, devices and interests
//                     as |a|b| lists, first and last day) and audience_activity, rebuilt from silver
//   gold              gold_segment_daily_metrics recomputed for every live segment: its members
//                     (the definition over audience_profiles) × its advertiser's silver events
//
// Re-running is harmless at every point: claimed batches are processed until a refresh marks
// them done, quarantine and silver skip what they hold, audience and gold are recomputed.
// Where the dialects differ (pattern tests, time parsing, staging, the deduplicating insert,
// list aggregation) the private primitives below spell it; golden files pin the three texts
// (tests/unit/golden/pipeline_*.sql).
class PipelineSql
{
public:
    explicit PipelineSql(SqlTarget target);

    // PostgreSQL: takes the transaction-scoped advisory lock that makes the refreshes of one database
    // run one after another (two computers refreshing at once: the second waits, then finds the
    // batches done). Run first in the refresh's transaction. None for the other dialects.
    QList<PipelineStatement> lockRefresh() const;
    // INSERTs of the catalogue's values missing from ref_values, in chunks.
    QList<PipelineStatement> referenceValues(const Catalogue& catalogue) const;
    // silverCleaning() + silverAdding(). SQLite keeps the cleaned rows of the claimed batches in a
    // table of the in-memory database attached as sqliteWorkSchema() by the caller around the
    // transaction (detaching it frees them at once; dropping the table costs seconds). PostgreSQL
    // keeps them in a temporary table dropped at commit: run both in one transaction.
    QList<PipelineStatement> silver() const;
    // Claims the new batches, cleans their rows and quarantines the invalid ones:
    // claimBatches() + stageClaimedRows() + afterStaging().
    QList<PipelineStatement> silverCleaning() const;
    QList<PipelineStatement> claimBatches() const;
    QList<PipelineStatement> stageClaimedRows() const;
    QList<PipelineStatement> afterStaging() const; // counts the staged rows, quarantines the invalid
    // SQLite, staging in code instead of stageClaimedRows() (backends/sqlite/sqlite_native_staging.h):
    // the claimed bronze rows as they are, in the order they arrived (17 columns: ingest_batch,
    // source_line, source_file, ingest_time, then the 13 event columns of bronze); the empty staging
    // table; and the INSERT of one staged row (17 positional values, its columns in that order).
    BoundSql sqliteRawClaimedRows() const;
    BoundSql referenceRows() const; // ref_values: dimension, value
    QList<PipelineStatement> sqliteStagingTable() const;
    BoundSql sqliteStagingInsert() const;
    // Adds the new valid rows to silver, counts the reasons and marks the batches done.
    QList<PipelineStatement> silverAdding() const;
    QList<PipelineStatement> audience() const;
    // The most recently quarantined rows: source_file, source_line, event_id, reason.
    BoundSql quarantined(int limit) const;
    // The last day with data (column as_of, NULL when there is none): behaviour windows end there.
    BoundSql dataAsOf() const;
    // 1 when silver holds no event yet (column empty), else 0.
    BoundSql silverIsEmpty() const;
    QList<PipelineStatement> clearGold() const;
    // Removes the daily metrics of one segment (before they are computed again).
    PipelineStatement clearGold(const QString& segmentId) const;
    // The daily metrics of one segment; asOf ends its behaviour windows; the resolver inlines
    // the segments it refers to. A definition that cannot be built is an Error (the caller skips it).
    Result<QList<PipelineStatement>> gold(const Segment& segment, QDate asOf,
                                          const DefinitionSqlBuilder::SegmentResolver& resolver) const;

    // --- the local workspace's incremental refresh (SQLite only) -----------------------------
    // When new events concern a few people, only their audience rows are computed again, and each
    // segment's daily metrics change by the difference they make: for those members before and
    // after the refresh, their new events; for new members, all their events; for members no
    // longer, all their events of before. Silver only grows (its new rows are those after the mark),
    // so nobody else's figures change. A segment whose behaviour windows moved with the last day
    // moves the same way over more people: also those with events on the days leaving a window
    // (leaversOf()). A segment whose statements changed otherwise (edited) is recomputed whole.
    // Temporary tables: touched, silver_mark, new_daily, new_people, leavers, people_before,
    // people_after, members_before, members_after.
    enum class Moment
    {
        Before,
        After
    };
    // temp.touched: the people with valid cleaned rows (between silverCleaning()
    // and silverAdding()); then SELECT of their number and of the audience's size.
    QList<PipelineStatement> touchedPeople() const;
    BoundSql touchedAndAudienceSize() const;
    // temp.silver_mark: silver's largest rowid before silverAdding().
    QList<PipelineStatement> markSilver() const;
    // temp.new_daily: the new events per advertiser, person and day, and whether that person had
    // events of that advertiser that day before (after silverAdding()).
    QList<PipelineStatement> newDaily() const;
    // What the choice of counting behaviour per person weighs (after newDaily()): silver's rows
    // before, the days of the new events, and their people-days with impressions, clicks, conversions.
    BoundSql newEventsShape() const;
    // The last day with data once the new events are in silver (column as_of), before the audience
    // is updated: the later of the audience's and the new events' last days.
    BoundSql dataAsOfAfterAdding() const;
    // The audience_profiles rows of the people with new events in silver: merged with those events
    // when all are on later days (SQLite's lists are sorted: sb_list_union), else computed again;
    // and the audience_activity rows moved by the new events (after newDaily()). SQLite only.
    QList<PipelineStatement> audienceOfTouched() const;
    // temp.people_<moment>: the audience_profiles rows of the touched people and of temp.leavers
    // (column touched: 1 for the first), before the audience is updated and after (then those of
    // before with the touched people's rows read again: nobody else's changed).
    QList<PipelineStatement> peopleAt(Moment moment) const;
    // Adds the segment's members among the touched people to temp.members_<moment>, and among
    // those in temp.leavers for it when withLeavers (from temp.people_<moment>). Behaviour windows
    // are theirs only: those of audience_activity (updated with the audience), or, for the rules
    // perPerson says, counted per person in silver (before the moment: up to temp.silver_mark).
    Result<QList<PipelineStatement>>
    membersOfTouched(const Segment& segment, QDate asOf, const DefinitionSqlBuilder::SegmentResolver& resolver,
                     Moment moment, bool withLeavers = false,
                     const std::function<bool(const BehaviourRule&)>& perPerson = {}) const;
    // A segment whose behaviour windows moved from the last day `before` to `after`: the people
    // whose events of the days leaving a window may change whether they belong, into temp.leavers
    // (everyone else's windows lose nothing, and those with new events are touched).
    Result<QList<PipelineStatement>> leaversOf(const Segment& segment, QDate before, QDate after,
                                               const DefinitionSqlBuilder::SegmentResolver& resolver) const;
    // Moves the segment's daily metrics by the difference of the people in temp.members_before and
    // temp.members_after (after − before).
    QList<PipelineStatement> goldDifference(const Segment& segment) const;
    QList<PipelineStatement> dropIncrementalTables() const;

    static QString sqliteWorkSchema();
    // The distinct behaviour rules of a definition, the segments it refers to included.
    static Status behaviourRules(const DefinitionNode& node, const DefinitionSqlBuilder::SegmentResolver& resolver,
                                 QList<BehaviourRule>& rules, QStringList stack = {});

    const SqlTarget& target() const { return m_target; }

private:
    SqlTarget m_target;

    bool sqlite() const { return m_target.dialect == SqlDialect::Sqlite; }
    bool postgres() const { return m_target.dialect == SqlDialect::Postgres; }
    QString table(const char* name) const { return m_target.table(QLatin1String(name)); }
    // Dialect primitives.
    QString now() const;
    QString onlyCharacters(const QString& expression, const QString& characterClass) const;
    QString integer(const QString& digits) const;
    QString utcTime(const QString& text) const;
    QString utcDay(const QString& time) const;
    QString normalised() const;
    QString sqliteNormalised() const;
    QString staged() const;
    QString batchesInBronze() const;
    QString listOfDistinct(const QString& column) const;
    QString latestKey(const QString& alias) const;
    QString metricsOf(const QString& members, const QString& segment, const QString& advertiser) const;
    static QString eventCounts();
    static QString validStaged();
    QString profilesOf(const QString& filter) const;
    // Whom a members query looks at.
    struct PeopleScope
    {
        QString profiles;                           // rows shaped like audience_profiles' (empty: that table)
        QString filter;                             // a condition on p.user_id (empty: everyone)
        std::optional<DefinitionSqlBuilder::FewPeople> fewPeople; // how their behaviour is counted
    };
    Result<QString> membersOf(const Segment& segment, QDate asOf,
                              const DefinitionSqlBuilder::SegmentResolver& resolver, SqlParams& params,
                              const PeopleScope& scope) const;
};

} // namespace core
