#pragma once

#include <chrono>
#include <memory>
#include <optional>

#include <QObject>

#include "backends/report_scheduler.h"
#include "databricks/jobs/jobs_client.h"
#include "domain/report_job_spec.h"
#include "sql/report_job_sql.h"

namespace core {

class StatementClient;
class WorkspaceFiles;

// The Databricks side of scheduled segment reports (issue 15): one job per report and schema, a SQL
// file task (ReportJobSql::script, a workspace file) on the connection's warehouse that writes the
// report's daily figures as CSV into its volume folder, every week at the report's time in its
// time zone, max one concurrent run, queued. schedule() stores the report's values
// (report_job_values, bound statements), writes the file, then creates the job or resets the
// one the report has. Jobs are told apart by their tags (segment_builder = segment_report,
// report = name, schema = catalog.schema). Lives on the thread of its clients.
class ReportJobs final : public ReportScheduler
{
public:
    ReportJobs(JobsClient* jobs, WorkspaceFiles* files, StatementClient* statements, QString catalog,
               QString schema, QString warehouseId);
    ~ReportJobs() override;

    QString schemaName() const { return m_catalog + QLatin1Char('.') + m_schema; }
    QString scriptPath(const QString& report) const;

    QFuture<Result<ReportJob>> schedule(const ReportJobSpec& spec) override;
    // The report's job in this schema, if it has one.
    QFuture<Result<std::optional<ReportJob>>> find(const QString& report);
    // Starts a run of the report's job now (NotFound when it has none); the run's id.
    QFuture<Result<qint64>> runNow(const QString& report) override;
    QFuture<Result<JobRun>> waitForRun(qint64 runId, std::chrono::milliseconds poll,
                                       std::chrono::milliseconds deadline) override;
    // Deletes the report's job, its file and its values; a report without a job is not an error.
    QFuture<Status> remove(const QString& report) override;

    // The job settings of a report (name, tags, the SQL file task, schedule, queue).
    QJsonObject settings(const ReportJobSpec& spec) const;
    static std::optional<ReportJob> fromJson(const QJsonObject& job);

private:
    JobsClient* m_jobs;
    WorkspaceFiles* m_files;
    StatementClient* m_statements;
    QString m_catalog;
    QString m_schema;
    QString m_warehouseId;
    ReportJobSql m_sql;
    std::unique_ptr<QObject> m_context;

    QFuture<Status> run(const QList<BoundSql>& statements, const QString& what);
};

} // namespace core
