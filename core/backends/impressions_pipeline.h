#pragma once

#include <functional>

#include <QFuture>

#include "common/result.h"
#include "domain/event_rows.h"
#include "domain/pipeline_report.h"

namespace core {

// The impressions pipeline of one backend (the local workspace, Databricks, PostgreSQL): events files
// into bronze, and the refresh of silver, the audience and the daily metrics (PipelineSql).
// Calls return at once; each future finishes exactly once with the value or an Error.
class ImpressionsPipeline
{
public:
    virtual ~ImpressionsPipeline() = default;

    // Loads the records of an events CSV file (EventsCsv) into bronze as one new batch; records
    // that cannot be placed are rejected with their line numbers. Nothing is cleaned yet.
    virtual QFuture<Result<ImportReport>> importEvents(const QString& path, const ImportOptions& options) = 0;
    // Cleans the batches not cleaned yet into silver and recomputes audience and daily metrics.
    // Re-running with nothing new changes no figure.
    virtual QFuture<Result<PipelineReport>> refresh() = 0;
    // The most recently quarantined rows, newest first.
    virtual QFuture<Result<QList<QuarantinedRow>>> quarantined(int limit) = 0;
};

// Reads an events file for importEvents(): an Io error naming the file when it cannot be read.
Result<QByteArray> readEventsFile(const QString& path);
// Reads an events file (EventsCsv) and hands each loadable record to `take`, filling the
// report's source file, a new batch id, the rows read and the rejected lines. Reports the
// progress to options.progress and stops at options.cancel (importCancelled()). An unreadable
// file, a bad header, broken CSV, a cancel or an error from `take` ends it: keep nothing of it then.
Status readEvents(const QString& path, const ImportOptions& options, ImportReport& report,
                  const std::function<Status(const BronzeRecord&)>& take);
// True once options.cancel is set.
bool importCancelRequested(const ImportOptions& options);
// The error of an import the user cancelled: nothing of `fileName` was imported.
Error importCancelled(const QString& fileName);
// The error of a strict import that rejected lines, naming the first ones.
Error rejectedLinesError(const ImportReport& report);

} // namespace core
