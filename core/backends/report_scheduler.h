#pragma once

#include <chrono>

#include <QFuture>

#include "common/result.h"
#include "databricks/jobs/jobs_client.h"
#include "domain/report_job_spec.h"

namespace core {

// Segment reports that the backend schedules itself, with nothing running on a user's computer:
// on Databricks a Jobs API job that writes the report's CSV into a Unity Catalog volume
// (ReportJobs). The local workspace and PostgreSQL/Lakebase have none (Backend::reportScheduler()
// is null there): their reports run from a systemd user timer of the computer (report::ReportTimer).
class ReportScheduler
{
public:
    virtual ~ReportScheduler() = default;

    // Creates the report's job, or changes the one it has.
    virtual QFuture<Result<ReportJob>> schedule(const ReportJobSpec& spec) = 0;
    // Starts a run now (NotFound when the report has no job); the run's id.
    virtual QFuture<Result<qint64>> runNow(const QString& report) = 0;
    virtual QFuture<Result<JobRun>> waitForRun(qint64 runId, std::chrono::milliseconds poll,
                                               std::chrono::milliseconds deadline) = 0;
    // Removes the report's job with what it needs; a report without one is not an error.
    virtual QFuture<Status> remove(const QString& report) = 0;
};

} // namespace core
