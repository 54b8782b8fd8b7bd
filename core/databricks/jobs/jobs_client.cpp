#include "databricks/jobs/jobs_client.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPromise>

#include "databricks/http/api_client.h"

namespace core {

namespace {

const QString kJobs = QStringLiteral("/api/2.1/jobs/");

// The answer as a JSON object; an unknown job id (Databricks answers 400 "Job N does not exist.")
// as NotFound.
Result<QJsonObject> answer(Result<ApiResponse> r, qint64 jobId)
{
    if (!r) {
        Error e = r.error();
        if (jobId > 0 && (e.httpStatus == 400 || e.httpStatus == 404) &&
            e.detail.contains(QLatin1String("does not exist"))) {
            e.kind = ErrorKind::NotFound;
            e.httpStatus = 0; // an id the user gave, not a broken connection (the detail keeps the answer)
            e.userMessage = QStringLiteral("There is no Databricks job %1.").arg(jobId);
            e.remediation = QStringLiteral("List the refresh jobs to see their ids.");
        }
        return e;
    }
    const QJsonDocument doc = QJsonDocument::fromJson(r.value().body);
    if (!r.value().body.trimmed().isEmpty() && !doc.isObject())
        return Error::parse(
            QStringLiteral("Databricks answered the Jobs API with something that is not JSON."),
            QString::fromUtf8(r.value().body.left(200)));
    return doc.object();
}

Status noClient()
{
    return Error::internal(QStringLiteral("JobsClient used without an ApiClient"));
}

} // namespace

bool JobRun::finished() const
{
    return lifeCycleState == QLatin1String("TERMINATED") || lifeCycleState == QLatin1String("SKIPPED") ||
           lifeCycleState == QLatin1String("INTERNAL_ERROR");
}

JobsClient::JobsClient(ApiClient* api) : m_api(api) {}

QFuture<Result<QJsonObject>> JobsClient::call(const QString& action, const QJsonObject& body,
                                              const QString& what, bool idempotent, qint64 jobId)
{
    if (!m_api)
        return QtFuture::makeReadyFuture(Result<QJsonObject>(noClient().error()));
    return m_api->send(ApiRequest::post(kJobs + action, body, what, idempotent))
        .then([jobId](Result<ApiResponse> r) { return answer(std::move(r), jobId); });
}

QFuture<Result<QJsonObject>> JobsClient::fetch(const QString& action, const QString& query,
                                               const QString& what, qint64 jobId)
{
    if (!m_api)
        return QtFuture::makeReadyFuture(Result<QJsonObject>(noClient().error()));
    ApiRequest request = ApiRequest::get(kJobs + action, what);
    request.query = QUrlQuery(query);
    return m_api->send(request).then([jobId](Result<ApiResponse> r) { return answer(std::move(r), jobId); });
}

QFuture<Result<qint64>> JobsClient::create(const QJsonObject& settings)
{
    // Not repeated behind the caller's back: a second create would make a second job.
    return call(QStringLiteral("create"), settings, QStringLiteral("create the job"), false, 0)
        .then([](Result<QJsonObject> r) -> Result<qint64> {
            if (!r)
                return r.error();
            const qint64 id = r.value().value(QStringLiteral("job_id")).toInteger();
            if (id <= 0)
                return Error::parse(QStringLiteral("Databricks created the job but did not say its id."));
            return id;
        });
}

QFuture<Result<QList<QJsonObject>>> JobsClient::list()
{
    auto promise = std::make_shared<QPromise<Result<QList<QJsonObject>>>>();
    promise->start();
    auto jobs = std::make_shared<QList<QJsonObject>>();
    auto page = std::make_shared<std::function<void(const QString&)>>();
    *page = [this, promise, jobs, page](const QString& token) {
        QString query = QStringLiteral("limit=100&expand_tasks=true");
        if (!token.isEmpty())
            query += QStringLiteral("&page_token=") + QString::fromLatin1(QUrl::toPercentEncoding(token));
        fetch(QStringLiteral("list"), query, QStringLiteral("list the jobs"), 0)
            .then([promise, jobs, page](Result<QJsonObject> r) {
                if (!r) {
                    promise->addResult(r.error());
                    promise->finish();
                    *page = nullptr;
                    return;
                }
                for (const QJsonValue& v : r.value().value(QStringLiteral("jobs")).toArray())
                    jobs->append(v.toObject());
                const QString next = r.value().value(QStringLiteral("next_page_token")).toString();
                if (r.value().value(QStringLiteral("has_more")).toBool() && !next.isEmpty())
                    return (*page)(next);
                promise->addResult(*jobs);
                promise->finish();
                *page = nullptr; // breaks the cycle through the captured pointer
            });
    };
    (*page)(QString());
    return promise->future();
}

QFuture<Result<QJsonObject>> JobsClient::get(qint64 jobId)
{
    return fetch(QStringLiteral("get"), QStringLiteral("job_id=%1").arg(jobId),
                 QStringLiteral("read job %1").arg(jobId), jobId);
}

QFuture<Status> JobsClient::reset(qint64 jobId, const QJsonObject& settings)
{
    return call(QStringLiteral("reset"),
                QJsonObject{{QStringLiteral("job_id"), jobId}, {QStringLiteral("new_settings"), settings}},
                QStringLiteral("change job %1").arg(jobId), true, jobId)
        .then([](Result<QJsonObject> r) -> Status {
            if (!r)
                return r.error();
            return success();
        });
}

QFuture<Result<qint64>> JobsClient::runNow(qint64 jobId)
{
    return call(QStringLiteral("run-now"), QJsonObject{{QStringLiteral("job_id"), jobId}},
                QStringLiteral("run job %1").arg(jobId), false, jobId)
        .then([](Result<QJsonObject> r) -> Result<qint64> {
            if (!r)
                return r.error();
            return r.value().value(QStringLiteral("run_id")).toInteger();
        });
}

QFuture<Result<JobRun>> JobsClient::run(qint64 runId)
{
    return fetch(QStringLiteral("runs/get"), QStringLiteral("run_id=%1").arg(runId),
                 QStringLiteral("read run %1").arg(runId), 0)
        .then([](Result<QJsonObject> r) -> Result<JobRun> {
            if (!r)
                return r.error();
            const QJsonObject state = r.value().value(QStringLiteral("state")).toObject();
            JobRun run;
            run.runId = r.value().value(QStringLiteral("run_id")).toInteger();
            run.jobId = r.value().value(QStringLiteral("job_id")).toInteger();
            run.lifeCycleState = state.value(QStringLiteral("life_cycle_state")).toString();
            run.resultState = state.value(QStringLiteral("result_state")).toString();
            run.message = state.value(QStringLiteral("state_message")).toString();
            return run;
        });
}

QFuture<Status> JobsClient::remove(qint64 jobId)
{
    return call(QStringLiteral("delete"), QJsonObject{{QStringLiteral("job_id"), jobId}},
                QStringLiteral("delete job %1").arg(jobId), true, jobId)
        .then([](Result<QJsonObject> r) -> Status {
            if (!r)
                return r.error();
            return success();
        });
}

} // namespace core
