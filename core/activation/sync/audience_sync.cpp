#include "activation/sync/audience_sync.h"

#include "activation/sync/audience_destination.h"
#include "activation/sync/destination_promise.h"
#include "logging/logging.h"

#include <spdlog/spdlog.h>

#include <QRandomGenerator>
#include <QtConcurrent/QtConcurrentRun>
#include <QSet>

namespace core {

namespace {

auto log() { return logging::logger("core.activation"); }

// Errors that would hit every further batch stop the run; a batch whose content the platform
// refused (Remote, Validation) does not.
bool stopsTheRun(const Error& e)
{
    return e.kind != ErrorKind::Remote && e.kind != ErrorKind::Validation;
}

// A Meta session id: positive and below 2^53, so it survives JSON numbers unchanged.
qint64 newSessionId()
{
    return QRandomGenerator::global()->bounded(qint64(1) << 40, qint64(1) << 53);
}

Error cancelledError()
{
    Error e;
    e.kind = ErrorKind::Cancelled;
    e.code = QStringLiteral("cancelled");
    e.userMessage = QStringLiteral("The sync was cancelled; what was acknowledged is kept and the next sync sends the rest.");
    return e;
}

} // namespace

struct PendingBatch
{
    AudienceOperation operation = AudienceOperation::Add;
    QList<AudienceRow> rows;     // adds
    QList<QByteArray> digests;   // removes: read from the sent set when sent
    AudienceUploadSession session;
};

struct AudienceSync::Run
{
    SharedPromise<Result<AudienceSyncReport>> promise;
    AudienceSyncRequest request;
    AudienceSyncReport report;
    QList<PendingBatch> queue;
    int next = 0;
    int sequence = 0;
    QList<SentRow> inFlight; // the rows of the batch in flight, with their digests
    AudienceUploadSession inFlightSession;
    // Batches each operation's session received: a batch the platform refused is not part of
    // the session, so the next one takes its batch_seq.
    int sessionBatches[2] = {0, 0};
    bool cancelled = false;
    AudienceSyncProgress progress;
};

AudienceSync::AudienceSync(AudienceSyncState* state, AudienceDestination* destination, QObject* parent)
    : QObject(parent), m_state(state), m_destination(destination),
      m_batchRows(destination ? destination->maxBatchRows() : 0)
{
    qRegisterMetaType<core::AudienceSyncProgress>();
    qRegisterMetaType<core::AudienceBatchReport>();
}

AudienceSync::~AudienceSync()
{
    if (m_run) {
        m_run->report.state = SyncRunState::Cancelled;
        if (m_run->report.runId)
            m_state->finishRun(m_run->report.runId, SyncRunState::Cancelled, cancelledError().userMessage);
        m_run->promise.finish(m_run->report);
    }
}

void AudienceSync::setBatchRows(int rows)
{
    const int max = m_destination ? m_destination->maxBatchRows() : rows;
    m_batchRows = std::clamp(rows, 1, max);
}

int AudienceSync::batchRows() const
{
    return m_batchRows;
}

Result<DestinationConfig> AudienceSync::checkedDestination(const AudienceSyncRequest& request) const
{
    if (!m_state || !m_destination)
        return Error::internal(QStringLiteral("AudienceSync without a state or a destination"));
    auto config = m_state->destination(request.destinationName);
    if (!config)
        return config.error();
    if (config.value().platform != m_destination->platform())
        return Error::internal(QStringLiteral("destination %1 is on %2, the client on %3")
                                   .arg(config.value().name, audiencePlatformKey(config.value().platform),
                                        audiencePlatformKey(m_destination->platform())));
    const QString& mirrored = config.value().segmentId;
    if (!mirrored.isEmpty() && !request.segmentId.isEmpty() && mirrored != request.segmentId) {
        Error e = Error::conflict(QStringLiteral("destination_segment"),
                                  QStringLiteral("The destination “%1” keeps the audience of segment %2, not of %3.")
                                      .arg(config.value().name, mirrored, request.segmentId),
                                  QStringLiteral("Add another destination for this segment (a destination is one "
                                                 "platform audience)."));
        return e;
    }
    return config;
}

Result<AudienceSyncPlan> AudienceSync::plan(const AudienceSyncRequest& request) const
{
    auto config = checkedDestination(request);
    if (!config)
        return config.error();
    auto sent = m_state->sentDigests(config.value().id);
    if (!sent)
        return sent.error();
    return AudienceSyncPlan::compute(request.rows, std::move(sent.value()), m_destination->rowFilter(), m_batchRows);
}

QFuture<Result<AudienceSyncReport>> AudienceSync::run(AudienceSyncRequest request)
{
    if (m_run)
        return QtFuture::makeReadyFuture(Result<AudienceSyncReport>(Error::conflict(
            QStringLiteral("sync_running"), QStringLiteral("A sync of this destination is already running."))));
    auto config = checkedDestination(request);
    if (!config)
        return QtFuture::makeReadyFuture(Result<AudienceSyncReport>(config.error()));
    auto sent = m_state->sentDigests(config.value().id);
    if (!sent)
        return QtFuture::makeReadyFuture(Result<AudienceSyncReport>(sent.error()));

    m_run = std::make_unique<Run>();
    m_run->request = std::move(request);
    m_run->report.destination = config.value();
    m_run->report.dryRun = m_run->request.dryRun;
    m_run->report.audienceId = config.value().audienceId;
    auto future = m_run->promise.future();
    // The plan of a million rows takes a while: it is computed on the worker threads, so the
    // thread of the sync (the GUI's) stays free. It only touches copies and the row filter.
    const QList<AudienceRow> rows = std::exchange(m_run->request.rows, {});
    const AudienceDestination::RowFilter filter = m_destination->rowFilter();
    const int batchRows = m_batchRows;
    QtConcurrent::run([rows, sent = std::move(sent.value()), filter, batchRows]() mutable {
        return AudienceSyncPlan::compute(rows, std::move(sent), filter, batchRows);
    }).then(this, [this](AudienceSyncPlan plan) {
        if (!m_run)
            return;
        m_run->report.plan = std::move(plan);
        emit planned(m_run->report.plan);
        if (!m_run)
            return; // a receiver destroyed or cancelled the run
        if (m_run->cancelled)
            return finish(SyncRunState::Cancelled, cancelledError());
        start();
    });
    return future;
}

void AudienceSync::start()
{
    Run& run = *m_run;
    AudienceSyncReport& report = run.report;
    const AudienceSyncPlan& plan = report.plan;
    if (report.dryRun) {
        auto done = std::move(m_run);
        done->promise.finish(done->report);
        return;
    }
    auto runId = m_state->beginRun(report.destination.id, run.request.segmentId, int(plan.adds.size()),
                                   int(plan.removes.size()));
    if (!runId) {
        auto done = std::move(m_run);
        done->promise.finish(runId.error());
        return;
    }
    report.runId = runId.value();
    if (report.destination.segmentId.isEmpty() && !run.request.segmentId.isEmpty()) {
        if (Status ok = m_state->setSegment(report.destination.id, run.request.segmentId); !ok)
            return finish(SyncRunState::Failed, ok.error());
        report.destination.segmentId = run.request.segmentId;
    }
    log()->info("sync of destination {} (run {}): {} to add, {} to remove, {} unchanged, {} skipped",
                report.destination.name.toStdString(), report.runId, plan.adds.size(), plan.removes.size(),
                plan.alreadySent, plan.skipped);

    // The queue: removes first (a changed row's old version goes before its new one is added, so
    // the platform never matches the removal against the new row), then adds.
    const int size = std::max(1, plan.batchRows);
    const auto enqueue = [&](AudienceOperation operation, qsizetype total, auto&& fill) {
        const qint64 session = newSessionId();
        const int batches = int((total + size - 1) / size);
        for (int b = 0; b < batches; ++b) {
            PendingBatch batch;
            batch.operation = operation;
            fill(batch, b * size, std::min<qsizetype>(size, total - qsizetype(b) * size));
            batch.session = {session, b + 1, b + 1 == batches, int(total)};
            run.queue.append(std::move(batch));
        }
    };
    enqueue(AudienceOperation::Remove, plan.removes.size(),
            [&](PendingBatch& b, qsizetype from, qsizetype n) { b.digests = plan.removes.mid(from, n); });
    enqueue(AudienceOperation::Add, plan.adds.size(),
            [&](PendingBatch& b, qsizetype from, qsizetype n) { b.rows = plan.adds.mid(from, n); });
    run.progress.rowsTotal = int(plan.adds.size() + plan.removes.size());
    run.progress.batchesTotal = int(run.queue.size());

    if (!report.audienceId.isEmpty())
        return sendNext();
    QString name = run.request.audienceName;
    if (name.isEmpty())
        name = report.destination.audienceName;
    if (name.isEmpty())
        name = QStringLiteral("Segment %1").arg(run.request.segmentId);
    m_destination->ensureAudience(name).then(this, [this](Result<QString> id) {
        if (!m_run)
            return;
        if (!id)
            return finish(id.error().kind == ErrorKind::Cancelled ? SyncRunState::Cancelled : SyncRunState::Failed,
                          id.error());
        if (Status ok = m_state->setAudience(m_run->report.destination.id, id.value()); !ok)
            return finish(SyncRunState::Failed, ok.error());
        m_run->report.audienceId = id.value();
        m_run->report.destination.audienceId = id.value();
        m_run->report.audienceCreated = true;
        if (m_run->cancelled)
            return finish(SyncRunState::Cancelled, cancelledError());
        sendNext();
    });
}

void AudienceSync::sendNext()
{
    Run& run = *m_run;
    if (run.cancelled)
        return finish(SyncRunState::Cancelled, cancelledError());
    if (run.next >= run.queue.size()) {
        const AudienceSyncReport& r = run.report;
        const SyncRunState state = r.failedBatches > 0 ? SyncRunState::Failed
                                   : r.rejected > 0    ? SyncRunState::Partial
                                                       : SyncRunState::Succeeded;
        return finish(state, r.error);
    }
    const PendingBatch& pending = run.queue.at(run.next++);
    ++run.sequence;
    AudienceBatch batch;
    batch.audienceId = run.report.audienceId;
    batch.session = pending.session;
    batch.session.batchSequence = run.sessionBatches[int(pending.operation)] + 1;
    run.inFlightSession = batch.session;
    run.inFlight.clear();
    if (pending.operation == AudienceOperation::Remove) {
        auto rows = m_state->sentRows(run.report.destination.id, pending.digests);
        if (!rows)
            return finish(SyncRunState::Failed, rows.error());
        run.inFlight = rows.value();
        for (const SentRow& row : run.inFlight)
            batch.rows.append(AudienceRow{QString(), row.values});
    } else {
        batch.rows = pending.rows;
        run.inFlight.reserve(pending.rows.size());
        for (const AudienceRow& row : pending.rows)
            run.inFlight.append({row.digest(), row.values});
    }
    if (batch.rows.isEmpty()) // the rows to remove are gone from the sent set already
        return sendNext();
    auto future = pending.operation == AudienceOperation::Add ? m_destination->addRows(batch)
                                                              : m_destination->removeRows(batch);
    future.then(this, [this](Result<AudienceBatchResult> result) {
        if (m_run)
            onBatch(std::move(result));
    });
}

void AudienceSync::onBatch(Result<AudienceBatchResult> result)
{
    Run& run = *m_run;
    const PendingBatch& pending = run.queue.at(run.next - 1);
    AudienceSyncReport& report = run.report;
    SyncBatchRecord record;
    record.sequence = run.sequence;
    record.operation = pending.operation;
    record.rows = int(run.inFlight.size());
    const bool meta = report.destination.platform == AudiencePlatform::Meta;
    record.sessionId = meta ? run.inFlightSession.id : 0;
    record.batchSequence = meta ? run.inFlightSession.batchSequence : 0;
    record.at = QDateTime::currentDateTimeUtc();
    AudienceBatchReport batchReport;
    batchReport.sequence = record.sequence;
    batchReport.operation = record.operation;
    batchReport.rows = record.rows;

    if (!result) {
        const Error& e = result.error();
        const bool cancelled = e.kind == ErrorKind::Cancelled;
        record.state = cancelled ? QStringLiteral("cancelled") : stopsTheRun(e) ? QStringLiteral("failed")
                                                                                : QStringLiteral("rejected");
        record.message = e.userMessage;
        batchReport.state = record.state;
        batchReport.message = e.userMessage;
        batchReport.rejected = cancelled ? 0 : record.rows;
        if (Status ok = m_state->recordFailedBatch(report.runId, record); !ok)
            log()->warn("the failed batch could not be journalled: {}", ok.error().toString().toStdString());
        report.batches.append(batchReport);
        emit batchFinished(batchReport);
        log()->warn("sync run {}: batch {} ({} {} rows) {}: {}", report.runId, record.sequence,
                    audienceOperationKey(record.operation).toStdString(), record.rows, record.state.toStdString(),
                    e.toString().toStdString());
        if (cancelled || run.cancelled)
            return finish(SyncRunState::Cancelled, cancelledError());
        ++report.failedBatches;
        if (!report.error)
            report.error = e;
        if (stopsTheRun(e))
            return finish(SyncRunState::Failed, e);
        ++run.progress.batchesDone;
        run.progress.rowsDone += record.rows;
        emit progress(run.progress);
        return sendNext();
    }

    const AudienceBatchResult& r = result.value();
    ++run.sessionBatches[int(pending.operation)];
    const QSet<int> rejected(r.rejectedRows.cbegin(), r.rejectedRows.cend());
    QList<SentRow> acknowledged;
    acknowledged.reserve(run.inFlight.size());
    for (int i = 0; i < run.inFlight.size(); ++i) {
        if (!rejected.contains(i))
            acknowledged.append(run.inFlight.at(i));
    }
    record.accepted = r.accepted;
    record.rejected = r.rejected;
    record.state = r.rejected > 0 ? QStringLiteral("partial") : QStringLiteral("acknowledged");
    record.requestId = r.requestId;
    record.message = r.problems.join(QStringLiteral("; "));
    if (Status ok = m_state->recordBatch(report.runId, report.destination.id, record, acknowledged); !ok)
        return finish(SyncRunState::Failed, ok.error());
    if (pending.operation == AudienceOperation::Add)
        report.added += int(acknowledged.size());
    else
        report.removed += int(acknowledged.size());
    report.rejected += r.rejected;
    batchReport.accepted = r.accepted;
    batchReport.rejected = r.rejected;
    batchReport.state = record.state;
    batchReport.message = r.rejected > 0 ? QStringLiteral("%1 of %2 rows rejected: %3")
                                               .arg(r.rejected)
                                               .arg(record.rows)
                                               .arg(record.message)
                                         : QString();
    report.batches.append(batchReport);
    ++run.progress.batchesDone;
    run.progress.rowsDone += record.rows;
    emit batchFinished(batchReport);
    emit progress(run.progress);
    sendNext();
}

void AudienceSync::finish(SyncRunState state, std::optional<Error> error)
{
    auto run = std::move(m_run);
    AudienceSyncReport& report = run->report;
    report.state = state;
    if (error && !report.error)
        report.error = error;
    QString message;
    if (report.error)
        message = report.error->userMessage;
    else if (state == SyncRunState::Partial)
        message = QStringLiteral("%1 rows rejected by the platform").arg(report.rejected);
    if (report.runId) {
        if (Status ok = m_state->finishRun(report.runId, state, message); !ok)
            log()->warn("the end of sync run {} could not be recorded: {}", report.runId,
                        ok.error().toString().toStdString());
    }
    log()->info("sync run {} of {}: {} — {} added, {} removed, {} rejected, {} batches failed", report.runId,
                report.destination.name.toStdString(), syncRunStateKey(state).toStdString(), report.added,
                report.removed, report.rejected, report.failedBatches);
    run->promise.finish(report);
}

void AudienceSync::cancel()
{
    if (!m_run || m_run->cancelled)
        return;
    m_run->cancelled = true;
    m_destination->cancelAll();
}

} // namespace core
