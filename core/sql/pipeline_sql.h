#pragma once

#include "common/result.h"
#include "domain/catalogue.h"
#include "domain/segment.h"
#include "pipeline/pipeline_report.h"
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
// the local workspace, Databricks SQL for Unity Catalog), every value bound:
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
// list aggregation) the private primitives below spell it; golden files pin both texts
// (tests/unit/golden/pipeline_*.sql).
class PipelineSql
{
public:
    explicit PipelineSql(SqlTarget target);

    // INSERTs of the catalogue's values missing from ref_values, in chunks.
    QList<PipelineStatement> referenceValues(const Catalogue& catalogue) const;
    QList<PipelineStatement> silver() const;
    QList<PipelineStatement> audience() const;
    // The most recently quarantined rows: source_file, source_line, event_id, reason.
    BoundSql quarantined(int limit) const;
    // The last day with data (column as_of, NULL when there is none): behaviour windows end there.
    BoundSql dataAsOf() const;
    QList<PipelineStatement> clearGold() const;
    // Removes the daily metrics of one segment (before they are computed again).
    PipelineStatement clearGold(const QString& segmentId) const;
    // The daily metrics of one segment; asOf ends its behaviour windows; the resolver inlines
    // the segments it refers to. A definition that cannot be built is an Error (the caller skips it).
    Result<QList<PipelineStatement>> gold(const Segment& segment, QDate asOf,
                                          const DefinitionSqlBuilder::SegmentResolver& resolver) const;

    const SqlTarget& target() const { return m_target; }

private:
    SqlTarget m_target;

    bool sqlite() const { return m_target.dialect == SqlDialect::Sqlite; }
    QString table(const char* name) const { return m_target.table(QLatin1String(name)); }
    // Dialect primitives.
    QString now() const;
    QString onlyCharacters(const QString& expression, const QString& characterClass) const;
    QString integer(const QString& digits) const;
    QString utcTime(const QString& text) const;
    QString utcDay(const QString& time) const;
    QString normalised() const;
    QString staged() const;
    QString listOfDistinct(const QString& column) const;
    QString latestKey(const QString& alias) const;
    QString metricsOf(const QString& members, const QString& segment, const QString& advertiser) const;
};

} // namespace core
