#include "backends/databricks/report_jobs.h"

#include <QJsonArray>

#include <spdlog/spdlog.h>

#include "databricks/jobs/job_run_wait.h"
#include "databricks/statement/statement_client.h"
#include "databricks/statement/statement_sequence.h"
#include "databricks/workspace/workspace_files.h"
#include "logging/logging.h"

namespace core {

namespace {

const QString kTag = QStringLiteral("segment_builder");
const QString kTagValue = QStringLiteral("segment_report");
const QString kTaskKey = QStringLiteral("write_report_csv");

template <typename T> QFuture<Result<T>> ready(Result<T> value)
{
    return QtFuture::makeReadyFuture(std::move(value));
}

QFuture<Status> readyStatus(Status s)
{
    return QtFuture::makeReadyFuture(std::move(s));
}

} // namespace

ReportJobs::ReportJobs(JobsClient* jobs, WorkspaceFiles* files, StatementClient* statements, QString catalog,
                       QString schema, QString warehouseId)
    : m_jobs(jobs), m_files(files), m_statements(statements), m_catalog(std::move(catalog)),
      m_schema(std::move(schema)), m_warehouseId(std::move(warehouseId)),
      m_sql(SqlTarget{SqlDialect::Databricks, QStringLiteral("`%1`.`%2`.").arg(m_catalog, m_schema)}),
      m_context(std::make_unique<QObject>())
{
    m_context->moveToThread(statements->thread());
}

ReportJobs::~ReportJobs() = default;

QString ReportJobs::scriptPath(const QString& report) const
{
    return QStringLiteral("/Workspace/Shared/segment-builder/%1/reports/%2.sql").arg(schemaName(), report);
}

QJsonObject ReportJobs::settings(const ReportJobSpec& spec) const
{
    const QJsonObject task{
        {QStringLiteral("task_key"), kTaskKey},
        {QStringLiteral("sql_task"),
         QJsonObject{{QStringLiteral("warehouse_id"), m_warehouseId},
                     {QStringLiteral("file"), QJsonObject{{QStringLiteral("path"), scriptPath(spec.name)},
                                                          {QStringLiteral("source"), QStringLiteral("WORKSPACE")}}}}}};
    return QJsonObject{
        {QStringLiteral("name"), QStringLiteral("Segment Builder: report %1 of %2").arg(spec.name, schemaName())},
        {QStringLiteral("tags"), QJsonObject{{kTag, kTagValue},
                                             {QStringLiteral("report"), spec.name},
                                             {QStringLiteral("schema"), schemaName()}}},
        {QStringLiteral("tasks"), QJsonArray{task}},
        {QStringLiteral("schedule"), QJsonObject{{QStringLiteral("quartz_cron_expression"), spec.quartzCron()},
                                                 {QStringLiteral("timezone_id"), QString::fromUtf8(spec.timeZone)},
                                                 {QStringLiteral("pause_status"), QStringLiteral("UNPAUSED")}}},
        {QStringLiteral("max_concurrent_runs"), 1},
        {QStringLiteral("queue"), QJsonObject{{QStringLiteral("enabled"), true}}}};
}

std::optional<ReportJob> ReportJobs::fromJson(const QJsonObject& job)
{
    const QJsonObject settings = job.value(QStringLiteral("settings")).toObject();
    const QJsonObject tags = settings.value(QStringLiteral("tags")).toObject();
    if (tags.value(kTag).toString() != kTagValue)
        return std::nullopt;
    ReportJob out;
    out.id = job.value(QStringLiteral("job_id")).toInteger();
    out.report = tags.value(QStringLiteral("report")).toString();
    out.schema = tags.value(QStringLiteral("schema")).toString();
    const QJsonObject schedule = settings.value(QStringLiteral("schedule")).toObject();
    out.cron = schedule.value(QStringLiteral("quartz_cron_expression")).toString();
    out.timeZone = schedule.value(QStringLiteral("timezone_id")).toString();
    out.scriptPath = settings.value(QStringLiteral("tasks"))
                         .toArray()
                         .first()
                         .toObject()
                         .value(QStringLiteral("sql_task"))
                         .toObject()
                         .value(QStringLiteral("file"))
                         .toObject()
                         .value(QStringLiteral("path"))
                         .toString();
    return out;
}

QFuture<Status> ReportJobs::run(const QList<BoundSql>& statements, const QString& what)
{
    QList<StatementRequest> requests;
    for (const BoundSql& bound : statements)
        requests.append(StatementRequest::of(bound, m_catalog, m_schema, what));
    return StatementSequence::run(m_statements, requests, m_context.get())
        .then(m_context.get(), [](Result<QList<StatementResult>> done) -> Status {
            if (!done)
                return done.error();
            return success();
        });
}

QFuture<Result<std::optional<ReportJob>>> ReportJobs::find(const QString& report)
{
    const QString mine = schemaName();
    return m_jobs->list().then(m_context.get(),
                               [report, mine](Result<QList<QJsonObject>> jobs) -> Result<std::optional<ReportJob>> {
                                   if (!jobs)
                                       return jobs.error();
                                   for (const QJsonObject& j : jobs.value()) {
                                       const auto job = fromJson(j);
                                       if (job && job->schema == mine && job->report == report)
                                           return std::optional<ReportJob>(*job);
                                   }
                                   return std::optional<ReportJob>();
                               });
}

QFuture<Result<ReportJob>> ReportJobs::schedule(const ReportJobSpec& spec)
{
    if (Status ok = spec.validate(); !ok)
        return ready<ReportJob>(ok.error());
    QList<BoundSql> statements{m_sql.createValuesTable()};
    statements += m_sql.storeValues(spec);
    return run(statements, QStringLiteral("store the report's values"))
        .then(m_context.get(),
              [this, spec](Status stored) -> QFuture<Status> {
                  if (!stored)
                      return readyStatus(stored);
                  return m_files->write(scriptPath(spec.name), m_sql.script(spec).toUtf8());
              })
        .unwrap()
        .then(m_context.get(),
              [this, spec](Status written) -> QFuture<Result<std::optional<ReportJob>>> {
                  if (!written)
                      return ready<std::optional<ReportJob>>(written.error());
                  return find(spec.name);
              })
        .unwrap()
        .then(m_context.get(),
              [this, spec](Result<std::optional<ReportJob>> existing) -> QFuture<Result<qint64>> {
                  if (!existing)
                      return ready<qint64>(existing.error());
                  if (!existing.value())
                      return m_jobs->create(settings(spec));
                  const qint64 id = existing.value()->id;
                  return m_jobs->reset(id, settings(spec)).then(m_context.get(), [id](Status reset) -> Result<qint64> {
                      if (!reset)
                          return reset.error();
                      return id;
                  });
              })
        .unwrap()
        .then(m_context.get(),
              [this, spec](Result<qint64> id) -> Result<ReportJob> {
                  if (!id)
                      return id.error();
                  logging::logger("core.databricks")
                      ->info("report {} scheduled as job {} ({})", spec.name.toStdString(), id.value(),
                             spec.describe().toStdString());
                  ReportJob job;
                  job.id = id.value();
                  job.report = spec.name;
                  job.schema = schemaName();
                  job.cron = spec.quartzCron();
                  job.timeZone = QString::fromUtf8(spec.timeZone);
                  job.scriptPath = scriptPath(spec.name);
                  return job;
              });
}

QFuture<Result<qint64>> ReportJobs::runNow(const QString& report)
{
    return find(report)
        .then(m_context.get(),
              [this, report](Result<std::optional<ReportJob>> job) -> QFuture<Result<qint64>> {
                  if (!job)
                      return ready<qint64>(job.error());
                  if (!job.value()) {
                      Error e = Error::notFound(QStringLiteral("The report “%1” has no Databricks job in %2.")
                                                    .arg(report, schemaName()));
                      e.remediation = QStringLiteral("Schedule it first: segctl reports schedule %1 --weekly DAY --time HH:MM.")
                                          .arg(report);
                      return ready<qint64>(e);
                  }
                  return m_jobs->runNow(job.value()->id);
              })
        .unwrap();
}

QFuture<Result<JobRun>> ReportJobs::waitForRun(qint64 runId, std::chrono::milliseconds poll,
                                               std::chrono::milliseconds deadline)
{
    return waitForJobRun(m_jobs, m_context.get(), runId, poll, deadline, QStringLiteral("report job"));
}

QFuture<Status> ReportJobs::remove(const QString& report)
{
    return find(report)
        .then(m_context.get(),
              [this](Result<std::optional<ReportJob>> job) -> QFuture<Status> {
                  if (!job)
                      return readyStatus(job.error());
                  if (!job.value())
                      return readyStatus(success());
                  return m_jobs->remove(job.value()->id);
              })
        .unwrap()
        .then(m_context.get(),
              [this, report](Status removed) -> QFuture<Status> {
                  if (!removed)
                      return readyStatus(removed);
                  return m_files->remove(scriptPath(report));
              })
        .unwrap()
        .then(m_context.get(),
              [this, report](Status removed) -> QFuture<Status> {
                  if (!removed)
                      return readyStatus(removed);
                  return run({m_sql.removeValues(report)}, QStringLiteral("remove the report's values"));
              })
        .unwrap();
}

} // namespace core
