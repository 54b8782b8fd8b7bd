#include "offline/outbox_experiment_replay.h"

#include <QPointer>

namespace core {

bool isThisExperimentResult(const OutboxChange& change, const Experiment& current)
{
    if (!change.experiment || current.version != change.baseVersion + 1)
        return false;
    if (change.kind == OutboxChangeKind::Stop)
        return current.status == ExperimentStatus::Stopped;
    // The stored row is authoritative (only the winning write changes it): its content tells. The
    // author is not compared (shared backends record their own principal).
    const Experiment& mine = change.experiment->payload;
    return current.name == mine.name.trimmed() && current.key == mine.key.trimmed() && current.seed == mine.seed &&
           current.segmentId == mine.segmentId && current.arms == mine.arms &&
           current.holdoutBasisPoints() == mine.holdoutBasisPoints() && current.startDate == mine.startDate &&
           current.endDate == mine.endDate && current.primaryMetric == mine.primaryMetric && current.status == mine.status;
}

OutboxExperimentReplay::OutboxExperimentReplay(ExperimentStore& backend, Outbox& outbox, QString workspace)
    : m_backend(backend), m_outbox(outbox), m_workspace(std::move(workspace)), m_context(std::make_unique<QObject>())
{
}

OutboxExperimentReplay::~OutboxExperimentReplay() = default;

void OutboxExperimentReplay::cache(const Experiment& experiment)
{
    m_outbox.cacheExperiments(m_workspace, {experiment});
}

QFuture<ReplayStep> OutboxExperimentReplay::sendNow(const OutboxChange& change)
{
    if (Status marked = m_outbox.markSending(change.id); !marked)
        return readyFuture(ReplayStep{ReplayOutcome::Unreachable, marked.error()});
    const WriteOrigin origin = outboxOrigin(&m_outbox, change, change.id);
    Experiment mine = change.experiment->payload;
    mine.version = change.baseVersion;
    QFuture<Result<Experiment>> sent;
    switch (change.kind) {
    case OutboxChangeKind::Create: mine.version = 0; sent = m_backend.create(mine, origin); break;
    case OutboxChangeKind::Stop: sent = m_backend.stop(change.subjectId(), change.baseVersion, origin); break;
    default: sent = m_backend.update(mine, origin); break;
    }
    return sent
        .then(m_context.get(),
              [this, change](Result<Experiment> r) {
                  return settleSent<Experiment>(
                      m_outbox, m_context.get(), change, r, [this](const Experiment& e) { cache(e); },
                      [this, id = change.subjectId()] { return m_backend.get(id); });
              })
        .unwrap();
}

QFuture<ReplayStep> OutboxExperimentReplay::checkLanded(const OutboxChange& change, const Experiment& current)
{
    if (isThisExperimentResult(change, current)) {
        cache(current);
        return readyFuture(alreadyAppliedStep(m_outbox, change, current.version, ""));
    }
    return m_backend.history(change.subjectId())
        .then(m_context.get(), [this, change, current](Result<QList<ExperimentVersion>> history) {
            if (!history) {
                if (isUnreachable(history.error()))
                    m_outbox.markWaiting(change.id, history.error().userMessage);
                return ReplayStep{ReplayOutcome::Unreachable, history.error()};
            }
            for (const ExperimentVersion& v : history.value()) {
                if (!change.key.isEmpty() && v.changeKey == change.key)
                    return alreadyAppliedStep(m_outbox, change, v.experiment.version, ", found by its key");
            }
            return conflictStep(m_outbox, change, current,
                                QStringLiteral("Experiment “%1” was changed by %2 (now version %3) since this change "
                                               "started from version %4.")
                                    .arg(current.name, current.updatedBy)
                                    .arg(current.version)
                                    .arg(change.baseVersion));
        });
}

QFuture<ReplayStep> OutboxExperimentReplay::readAndDecide(const OutboxChange& change)
{
    return m_backend.get(change.subjectId())
        .then(m_context.get(),
              [this, change](Result<Experiment> current) {
                  const bool creating = change.kind == OutboxChangeKind::Create;
                  if (!current) {
                      if (auto failed = readFailedStep(m_outbox, change, current.error(), creating))
                          return readyFuture(*failed);
                      return sendNow(change);
                  }
                  const Experiment& now = current.value();
                  if (!creating && now.version == change.baseVersion)
                      return sendNow(change);
                  if (now.version > change.baseVersion)
                      return checkLanded(change, now);
                  return readyFuture(conflictStep(m_outbox, change, now,
                                                  QStringLiteral("The experiment is at version %1, older than this "
                                                                 "change's base %2.")
                                                      .arg(now.version)
                                                      .arg(change.baseVersion)));
              })
        .unwrap();
}

} // namespace core
