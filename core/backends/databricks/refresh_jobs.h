#pragma once

#include <chrono>
#include <memory>
#include <optional>

#include <QDateTime>
#include <QObject>

#include "databricks/jobs/jobs_client.h"
#include "databricks/jobs/refresh_schedule.h"

namespace core {

class DatabricksImpressionsPipeline;
class StatementClient;
class WorkspaceFiles;

// A scheduled refresh job as the app made it.
struct RefreshJob
{
    qint64 id = 0;
    QString name;
    QString schema; // "main.ad_segments": the catalog and schema it refreshes
    std::optional<RefreshSchedule>
        schedule; // nullopt: changed outside the app to a schedule it does not read
    QString creator;
    QDateTime created;
    QString scriptPath;
    QString warehouseId;
};

// The daily Databricks job that refreshes silver, the audience and gold of one catalog.schema:
// one SQL file task (RefreshScript, at scriptPath(), a workspace file) on the connection's
// warehouse, scheduled by RefreshSchedule, max one concurrent run, queued. The script and its
// values (pipeline_job_values) are written from the current segments whenever a job is created,
// changed or run from here, so a segment saved since reaches the schedule at the next of these.
// Jobs are told apart by their tags (segment_builder = metrics_refresh, schema = catalog.schema).
// Lives on the thread of its clients; futures finish there.
class RefreshJobs
{
public:
    RefreshJobs(JobsClient* jobs, WorkspaceFiles* files, StatementClient* statements,
                DatabricksImpressionsPipeline* pipeline, QString catalog, QString schema,
                QString warehouseId);
    ~RefreshJobs();

    QString schemaName() const { return m_catalog + QLatin1Char('.') + m_schema; }
    QString scriptPath() const;

    // The app's refresh jobs in the workspace, for every schema, by id.
    QFuture<Result<QList<RefreshJob>>> list();
    // Conflict when this schema has one already.
    QFuture<Result<RefreshJob>> create(const RefreshSchedule& schedule);
    // A new schedule for a job of this schema (Validation for another schema's job).
    QFuture<Result<RefreshJob>> update(qint64 jobId, const RefreshSchedule& schedule);
    // Writes the script from the current segments, then starts a run; the run's id.
    QFuture<Result<qint64>> runNow(qint64 jobId);
    // Polls the run until it finished (or the deadline passes: Timeout).
    QFuture<Result<JobRun>> waitForRun(qint64 runId, std::chrono::milliseconds poll,
                                       std::chrono::milliseconds deadline);
    // Deletes a job of this schema, then its script.
    QFuture<Status> remove(qint64 jobId);

    // The job settings for a schedule (name, tags, the SQL file task, schedule, queue).
    QJsonObject settings(const RefreshSchedule& schedule) const;
    static std::optional<RefreshJob> fromJson(const QJsonObject& job);

private:
    JobsClient* m_jobs;
    WorkspaceFiles* m_files;
    StatementClient* m_statements;
    DatabricksImpressionsPipeline* m_pipeline;
    QString m_catalog;
    QString m_schema;
    QString m_warehouseId;
    std::unique_ptr<QObject> m_context; // continuations run in its thread and die with the service

    QFuture<Status> writeScript();
    QFuture<Result<RefreshJob>> ownJob(qint64 jobId);
    // Checks the job is this schema's, then rewrites its script.
    QFuture<Status> ownJobWithFreshScript(qint64 jobId);
};

} // namespace core
