#pragma once

#include <QFuture>
#include <QJsonObject>
#include <QList>
#include <QPointer>

#include "common/result.h"

namespace core {

class ApiClient;

// One run of a job, as runs/get reports it.
struct JobRun
{
    qint64 runId = 0;
    qint64 jobId = 0;
    QString lifeCycleState; // PENDING, RUNNING, TERMINATING, TERMINATED, SKIPPED, INTERNAL_ERROR ...
    QString resultState;    // SUCCESS, FAILED, ... (when finished)
    QString message;

    bool finished() const;
    bool succeeded() const { return finished() && resultState == QLatin1String("SUCCESS"); }
};

// The Jobs API 2.1 (reference §7) as futures: create, list (every page), get, reset, run-now,
// runs/get, delete. Job settings and jobs are JSON objects as documented; an unknown job id
// becomes a NotFound error.
class JobsClient
{
public:
    explicit JobsClient(ApiClient* api);

    QFuture<Result<qint64>> create(const QJsonObject& settings);
    QFuture<Result<QList<QJsonObject>>> list();
    QFuture<Result<QJsonObject>> get(qint64 jobId);
    QFuture<Status> reset(qint64 jobId, const QJsonObject& settings);
    QFuture<Result<qint64>> runNow(qint64 jobId);
    QFuture<Result<JobRun>> run(qint64 runId);
    QFuture<Status> remove(qint64 jobId);

private:
    QPointer<ApiClient> m_api;

    QFuture<Result<QJsonObject>> call(const QString& action, const QJsonObject& body, const QString& what,
                                      bool idempotent, qint64 jobId);
    QFuture<Result<QJsonObject>> fetch(const QString& action, const QString& query, const QString& what,
                                       qint64 jobId);
};

} // namespace core
