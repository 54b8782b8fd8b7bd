#pragma once

#include "common/result.h"
#include "domain/catalogue.h"

#include <QDateTime>
#include <QSqlDatabase>

#include <functional>

namespace core {

struct PipelineReport
{
    qint64 bronzeRowsProcessed = 0; // new bronze rows looked at
    qint64 silverRowsAdded = 0;
    qint64 duplicatesSkipped = 0;
    qint64 quarantined = 0;
    qint64 audienceUsers = 0;
    int segmentsRefreshed = 0;
};

// The impressions pipeline of the local workspace, in SQLite: bronze → silver (dedupe by
// event_id, validate and normalise, quarantine with reasons; incremental by a watermark)
// → audience tables and gold_segment_daily_metrics (recomputed, so re-running never
// double-counts). Runs in one transaction on the workspace thread.
class LocalPipeline
{
public:
    using Progress = std::function<void(int percent, const QString& step)>;

    LocalPipeline(QSqlDatabase& db, std::shared_ptr<const Catalogue> catalogue);

    Result<PipelineReport> refresh(const Progress& progress = {});

private:
    QSqlDatabase& m_db;
    std::shared_ptr<const Catalogue> m_catalogue;

    Status loadReferenceValues();
    Result<PipelineReport> refreshSilver(PipelineReport report);
    Status rebuildAudience();
    Result<int> refreshGold();
};

} // namespace core
