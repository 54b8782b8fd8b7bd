#pragma once

#include <functional>

#include <QSqlDatabase>

#include "common/result.h"
#include "domain/catalogue.h"
#include "pipeline/pipeline_report.h"

namespace core {

struct PipelineStatement;

// Runs the impressions pipeline (PipelineSql rendered for SQLite) on the local workspace:
// reference values, bronze → silver, the audience, and gold_segment_daily_metrics, in one
// transaction on the workspace thread (a failure changes nothing). Re-running never
// double-counts: only batches not done yet are cleaned, audience and gold are recomputed.
// What nothing changed is not recomputed: the audience only when silver gained rows (or a
// migration asked for it, pipeline_state audience_rebuild_needed), a segment's daily metrics
// only when the audience was rebuilt or its statements differ from those that computed them
// (pipeline_state gold_inputs:<segment id> holds their fingerprint; gold keeps only segments
// with one).
class LocalPipeline
{
public:
    using Progress = std::function<void(int percent, const QString& step)>;

    LocalPipeline(QSqlDatabase& db, std::shared_ptr<const Catalogue> catalogue);

    Result<PipelineReport> refresh(const Progress& progress = {});

private:
    QSqlDatabase& m_db;
    std::shared_ptr<const Catalogue> m_catalogue;

    Status run(const QList<PipelineStatement>& statements, PipelineReport& report);
    Result<bool> audienceRebuildRequested();
    Status refreshGold(PipelineReport& report, bool audienceRebuilt);
};

} // namespace core
