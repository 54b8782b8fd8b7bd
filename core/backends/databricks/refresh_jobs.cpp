#include "backends/databricks/refresh_jobs.h"

#include <spdlog/spdlog.h>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QPromise>
#include <QTimeZone>
#include <QTimer>

#include "databricks/statement/statement_sequence.h"
#include "backends/databricks/databricks_impressions_pipeline.h"
#include "databricks/jobs/job_run_wait.h"
#include "databricks/workspace/workspace_files.h"
#include "logging/logging.h"
#include "sql/refresh_script.h"

namespace core {

namespace {

const QString kTag = QStringLiteral("segment_builder");
const QString kTagValue = QStringLiteral("metrics_refresh");
const QString kTaskKey = QStringLiteral("refresh_metrics");

auto log()
{
    return logging::logger("core.databricks");
}

template <typename T> QFuture<Result<T>> ready(Result<T> value)
{
    return QtFuture::makeReadyFuture(std::move(value));
}

} // namespace

RefreshJobs::RefreshJobs(JobsClient* jobs, WorkspaceFiles* files, StatementClient* statements,
                         DatabricksImpressionsPipeline* pipeline, QString catalog, QString schema,
                         QString warehouseId)
    : m_jobs(jobs), m_files(files), m_statements(statements), m_pipeline(pipeline),
      m_catalog(std::move(catalog)), m_schema(std::move(schema)), m_warehouseId(std::move(warehouseId)),
      m_context(std::make_unique<QObject>())
{
    m_context->moveToThread(statements->thread());
}

RefreshJobs::~RefreshJobs() = default;

QString RefreshJobs::scriptPath() const
{
    return QStringLiteral("/Workspace/Shared/segment-builder/%1/refresh-metrics.sql").arg(schemaName());
}

QJsonObject RefreshJobs::settings(const RefreshSchedule& schedule) const
{
    const QJsonObject task{
        {QStringLiteral("task_key"), kTaskKey},
        {QStringLiteral("sql_task"),
         QJsonObject{{QStringLiteral("warehouse_id"), m_warehouseId},
                     {QStringLiteral("file"),
                      QJsonObject{{QStringLiteral("path"), scriptPath()},
                                  {QStringLiteral("source"), QStringLiteral("WORKSPACE")}}}}}};
    return QJsonObject{
        {QStringLiteral("name"),
         QStringLiteral("Segment Builder: refresh daily metrics of %1").arg(schemaName())},
        {QStringLiteral("tags"), QJsonObject{{kTag, kTagValue}, {QStringLiteral("schema"), schemaName()}}},
        {QStringLiteral("tasks"), QJsonArray{task}},
        {QStringLiteral("schedule"),
         QJsonObject{{QStringLiteral("quartz_cron_expression"), schedule.quartzCron()},
                     {QStringLiteral("timezone_id"), QString::fromUtf8(schedule.timeZone)},
                     {QStringLiteral("pause_status"), schedule.pauseStatus()}}},
        {QStringLiteral("max_concurrent_runs"), 1},
        {QStringLiteral("queue"), QJsonObject{{QStringLiteral("enabled"), true}}}};
}

std::optional<RefreshJob> RefreshJobs::fromJson(const QJsonObject& job)
{
    const QJsonObject settings = job.value(QStringLiteral("settings")).toObject();
    const QJsonObject tags = settings.value(QStringLiteral("tags")).toObject();
    if (tags.value(kTag).toString() != kTagValue)
        return std::nullopt;
    RefreshJob out;
    out.id = job.value(QStringLiteral("job_id")).toInteger();
    out.name = settings.value(QStringLiteral("name")).toString();
    out.schema = tags.value(QStringLiteral("schema")).toString();
    out.creator = job.value(QStringLiteral("creator_user_name")).toString();
    out.created = QDateTime::fromMSecsSinceEpoch(job.value(QStringLiteral("created_time")).toInteger(),
                                                 QTimeZone::utc());
    const QJsonObject schedule = settings.value(QStringLiteral("schedule")).toObject();
    if (auto s =
            RefreshSchedule::fromQuartz(schedule.value(QStringLiteral("quartz_cron_expression")).toString(),
                                        schedule.value(QStringLiteral("timezone_id")).toString(),
                                        schedule.value(QStringLiteral("pause_status")).toString()))
        out.schedule = s.value();
    const QJsonObject sql = settings.value(QStringLiteral("tasks"))
                                .toArray()
                                .first()
                                .toObject()
                                .value(QStringLiteral("sql_task"))
                                .toObject();
    out.scriptPath = sql.value(QStringLiteral("file")).toObject().value(QStringLiteral("path")).toString();
    out.warehouseId = sql.value(QStringLiteral("warehouse_id")).toString();
    return out;
}

QFuture<Result<QList<RefreshJob>>> RefreshJobs::list()
{
    return m_jobs->list().then(
        m_context.get(), [](Result<QList<QJsonObject>> jobs) -> Result<QList<RefreshJob>> {
            if (!jobs)
                return jobs.error();
            QList<RefreshJob> out;
            for (const auto& j : jobs.value()) {
                if (auto job = fromJson(j))
                    out.append(*job);
            }
            std::sort(out.begin(), out.end(),
                      [](const RefreshJob& a, const RefreshJob& b) { return a.id < b.id; });
            return out;
        });
}

// Writes the script and its values from the current segments (reference values first, as a
// refresh needs them).
QFuture<Status> RefreshJobs::writeScript()
{
    const QString what = QStringLiteral("write the refresh job's values");
    return m_pipeline->loadReferenceValues()
        .then(m_context.get(),
              [this](Status loaded) -> QFuture<Result<DatabricksImpressionsPipeline::GoldPlan>> {
                  if (!loaded)
                      return ready<DatabricksImpressionsPipeline::GoldPlan>(loaded.error());
                  return m_pipeline->planGold(QDate::currentDate());
              })
        .unwrap()
        .then(
            m_context.get(),
            [this, what](Result<DatabricksImpressionsPipeline::GoldPlan> plan) -> QFuture<Result<QString>> {
                if (!plan)
                    return ready<QString>(plan.error());
                const PipelineSql& sql = m_pipeline->sql();
                const RefreshScript script = RefreshScript::render(
                    sql.silver() + sql.audience() + plan.value().statements, plan.value().asOf, sql.target());
                QList<StatementRequest> requests;
                for (const auto& bound : script.storeValues(sql.target())) {
                    StatementRequest r;
                    r.sql = bound.sql;
                    r.params = bound.params;
                    r.catalog = m_catalog;
                    r.schema = m_schema;
                    r.what = what;
                    requests.append(r);
                }
                const QString text =
                    QStringLiteral(
                        "-- Segment Builder: daily refresh of silver, the audience and the daily metrics of "
                        "%1.\n"
                        "-- Written by the app from the segments of %2; it holds no values (they are in "
                        "pipeline_job_values).\n\n")
                        .arg(schemaName(), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)) +
                    script.text;
                return StatementSequence::run(m_statements, requests, m_context.get())
                    .then(m_context.get(), [text](Result<QList<StatementResult>> stored) -> Result<QString> {
                        if (!stored)
                            return stored.error();
                        return text;
                    });
            })
        .unwrap()
        .then(m_context.get(),
              [this](Result<QString> text) -> QFuture<Status> {
                  if (!text)
                      return QtFuture::makeReadyFuture(Status(text.error()));
                  return m_files->write(scriptPath(), text.value().toUtf8());
              })
        .unwrap();
}

QFuture<Result<RefreshJob>> RefreshJobs::ownJob(qint64 jobId)
{
    const QString mine = schemaName();
    return m_jobs->get(jobId).then(
        m_context.get(), [jobId, mine](Result<QJsonObject> j) -> Result<RefreshJob> {
            if (!j)
                return j.error();
            const auto job = fromJson(j.value());
            if (!job) {
                Error e = Error::validation(
                    QStringLiteral("job_not_refresh"),
                    QStringLiteral("Databricks job %1 is not a Segment Builder refresh job.").arg(jobId));
                e.remediation = QStringLiteral("List the refresh jobs to see their ids.");
                return e;
            }
            if (job->schema != mine) {
                Error e = Error::validation(
                    QStringLiteral("job_other_schema"),
                    QStringLiteral("Job %1 refreshes %2, not %3.").arg(jobId).arg(job->schema, mine));
                e.remediation =
                    QStringLiteral("Connect to %1 (catalog and schema) to change it.").arg(job->schema);
                return e;
            }
            return *job;
        });
}

QFuture<Status> RefreshJobs::ownJobWithFreshScript(qint64 jobId)
{
    return ownJob(jobId)
        .then(m_context.get(),
              [this](Result<RefreshJob> job) -> QFuture<Status> {
                  if (!job)
                      return QtFuture::makeReadyFuture(Status(job.error()));
                  return writeScript();
              })
        .unwrap();
}

QFuture<Result<RefreshJob>> RefreshJobs::create(const RefreshSchedule& schedule)
{
    const QString mine = schemaName();
    return list()
        .then(m_context.get(),
              [this, mine](Result<QList<RefreshJob>> jobs) -> QFuture<Status> {
                  if (!jobs)
                      return QtFuture::makeReadyFuture(Status(jobs.error()));
                  for (const auto& job : jobs.value()) {
                      if (job.schema == mine)
                          return QtFuture::makeReadyFuture(Status(Error::conflict(
                              QStringLiteral("job_exists"),
                              QStringLiteral("Job %1 already refreshes %2 (%3).")
                                  .arg(job.id)
                                  .arg(mine, job.schedule ? job.schedule->describe()
                                                          : QStringLiteral("unknown schedule")),
                              QStringLiteral("Change its schedule instead, or remove it first."))));
                  }
                  return writeScript();
              })
        .unwrap()
        .then(m_context.get(),
              [this, schedule](Status written) -> QFuture<Result<qint64>> {
                  if (!written)
                      return ready<qint64>(written.error());
                  return m_jobs->create(settings(schedule));
              })
        .unwrap()
        .then(m_context.get(),
              [this](Result<qint64> id) -> QFuture<Result<RefreshJob>> {
                  if (!id)
                      return ready<RefreshJob>(id.error());
                  log()->info("created refresh job {} for {}", id.value(), schemaName().toStdString());
                  return ownJob(id.value());
              })
        .unwrap();
}

QFuture<Result<RefreshJob>> RefreshJobs::update(qint64 jobId, const RefreshSchedule& schedule)
{
    return ownJobWithFreshScript(jobId)
        .then(m_context.get(),
              [this, jobId, schedule](Status written) -> QFuture<Status> {
                  if (!written)
                      return QtFuture::makeReadyFuture(written);
                  return m_jobs->reset(jobId, settings(schedule));
              })
        .unwrap()
        .then(m_context.get(),
              [this, jobId](Status reset) -> QFuture<Result<RefreshJob>> {
                  if (!reset)
                      return ready<RefreshJob>(reset.error());
                  return ownJob(jobId);
              })
        .unwrap();
}

QFuture<Result<qint64>> RefreshJobs::runNow(qint64 jobId)
{
    return ownJobWithFreshScript(jobId)
        .then(m_context.get(),
              [this, jobId](Status written) -> QFuture<Result<qint64>> {
                  if (!written)
                      return ready<qint64>(written.error());
                  return m_jobs->runNow(jobId);
              })
        .unwrap();
}

QFuture<Result<JobRun>> RefreshJobs::waitForRun(qint64 runId, std::chrono::milliseconds poll,
                                                std::chrono::milliseconds deadline)
{
    return waitForJobRun(m_jobs, m_context.get(), runId, poll, deadline, QStringLiteral("refresh job"));
}

QFuture<Status> RefreshJobs::remove(qint64 jobId)
{
    return ownJob(jobId)
        .then(m_context.get(),
              [this, jobId](Result<RefreshJob> job) -> QFuture<Status> {
                  if (!job)
                      return QtFuture::makeReadyFuture(Status(job.error()));
                  return m_jobs->remove(jobId);
              })
        .unwrap()
        .then(m_context.get(),
              [this, jobId](Status removed) -> QFuture<Status> {
                  if (!removed)
                      return QtFuture::makeReadyFuture(removed);
                  log()->info("removed refresh job {} of {}", jobId, schemaName().toStdString());
                  return m_files->remove(scriptPath());
              })
        .unwrap();
}

} // namespace core
