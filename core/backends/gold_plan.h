#pragma once

#include <QDate>
#include <QList>

#include "domain/pipeline_report.h"
#include "domain/segment.h"
#include "sql/pipeline_sql.h"

namespace core {

// What a gold refresh of the shared-database backends (Databricks, PostgreSQL) runs: the last
// day of data, and the statements (clear, then each live segment's daily metrics). Segments whose
// definition cannot be built are skipped, logged and counted. (The local workspace plans per
// segment, to keep current metrics: LocalPipeline.)
struct GoldPlan
{
    QDate asOf; // invalid when there is no data yet
    QList<PipelineStatement> statements;
    int segments = 0;
    int skipped = 0;

    // The plan for `segments` (the live ones, as listed; references among them are inlined) with
    // behaviour windows ending on asOf; only the clearing when asOf is invalid.
    static GoldPlan of(const PipelineSql& sql, const QList<Segment>& segments, QDate asOf);
    // The report's segment figures: refreshed and skipped.
    void countIn(PipelineReport& report) const;
};

} // namespace core
