#pragma once

#include <chrono>

#include <QFuture>
#include <QObject>

#include "common/result.h"
#include "databricks/jobs/jobs_client.h"

namespace core {

// Polls runs/get every `poll` until the run finished (its JobRun, whatever its result) or
// `deadline` passed: a Timeout error "Run N of the <jobLabel> has not finished yet". Continuations
// run in `context`'s thread and stop with it.
QFuture<Result<JobRun>> waitForJobRun(JobsClient* jobs, QObject* context, qint64 runId, std::chrono::milliseconds poll,
                                      std::chrono::milliseconds deadline, const QString& jobLabel);

} // namespace core
