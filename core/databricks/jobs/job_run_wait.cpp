#include "databricks/jobs/job_run_wait.h"

#include <functional>
#include <memory>

#include <QElapsedTimer>
#include <QPointer>
#include <QPromise>
#include <QTimer>

namespace core {

QFuture<Result<JobRun>> waitForJobRun(JobsClient* jobs, QObject* owner, qint64 runId, std::chrono::milliseconds poll,
                                      std::chrono::milliseconds deadline, const QString& jobLabel)
{
    struct Wait
    {
        QPromise<Result<JobRun>> promise;
        QElapsedTimer clock;
        std::function<void()> next;
    };
    auto wait = std::make_shared<Wait>();
    wait->promise.start();
    wait->clock.start();
    auto future = wait->promise.future();
    QPointer<QObject> context = owner;
    wait->next = [wait, context, jobs, runId, poll, deadline, jobLabel]() {
        jobs->run(runId).then(context.data(), [wait, context, runId, poll, deadline, jobLabel](Result<JobRun> run) {
            auto finish = [wait](Result<JobRun> r) {
                wait->promise.addResult(std::move(r));
                wait->promise.finish();
                wait->next = nullptr; // breaks the cycle through the captured pointer
            };
            if (!run || run.value().finished())
                return finish(std::move(run));
            if (wait->clock.elapsed() >= deadline.count()) {
                Error e = Error::internal(
                    QStringLiteral("run %1 still %2").arg(runId).arg(run.value().lifeCycleState));
                e.kind = ErrorKind::Timeout;
                e.userMessage = QStringLiteral("Run %1 of the %2 has not finished yet (%3).")
                                    .arg(runId)
                                    .arg(jobLabel, run.value().lifeCycleState);
                e.remediation =
                    QStringLiteral("It goes on in Databricks; look at it in the Jobs page later.");
                return finish(e);
            }
            QTimer::singleShot(poll, context.data(), [wait] {
                if (wait->next)
                    wait->next();
            });
        });
    };
    wait->next();
    return future;
}

} // namespace core
