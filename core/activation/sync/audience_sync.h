#pragma once

#include "activation/sync/audience_destination.h"
#include "activation/sync/audience_sync_plan.h"
#include "activation/sync/audience_sync_state.h"
#include "common/result.h"

#include <QFuture>
#include <QObject>

#include <memory>
#include <optional>

namespace core {

// A sync asked for: the destination, the segment it mirrors, its rows now (from the
// normaliser: hashed values in the platform's column order), and the platform audience's name
// should it have to be created.
struct AudienceSyncRequest
{
    QString destinationName;
    QString segmentId;
    QString audienceName; // empty: the destination's, else "Segment <id>"
    QList<AudienceRow> rows;
    bool dryRun = false;  // compute and report the plan; send nothing, create nothing, record nothing
};

// One batch as the sync reports it.
struct AudienceBatchReport
{
    int sequence = 0;
    AudienceOperation operation = AudienceOperation::Add;
    int rows = 0;
    int accepted = 0;
    int rejected = 0;
    QString state;        // acknowledged, partial, rejected, failed, cancelled
    QString message;      // the error or the platform's reasons, one line
};

struct AudienceSyncProgress
{
    int rowsDone = 0;
    int rowsTotal = 0;
    int batchesDone = 0;
    int batchesTotal = 0;
};

// How a sync went. succeeded() only when every batch was acknowledged without a rejected row.
struct AudienceSyncReport
{
    DestinationConfig destination;
    AudienceSyncPlan plan;
    bool dryRun = false;
    qint64 runId = 0;
    SyncRunState state = SyncRunState::Running;
    QString audienceId;
    bool audienceCreated = false; // found or made by this run
    int added = 0;
    int removed = 0;
    int rejected = 0;
    int failedBatches = 0;
    QList<AudienceBatchReport> batches;
    std::optional<Error> error; // what stopped the run, or the first rejected batch

    bool succeeded() const { return !dryRun && state == SyncRunState::Succeeded; }
};

// Keeps a destination's platform audience equal to a segment's rows:
//  1. plans the difference against the destination's sent set (AudienceSyncPlan);
//  2. records a run, and on first use finds or creates the platform audience;
//  3. sends the removes, then the adds, in batches of the platform's size (Meta: one upload
//     session per operation, batch_seq 1..n over the batches the session received — a refused
//     batch's number is taken by the next —, last_batch_flag on the operation's last batch,
//     estimated_num_total its row count);
//  4. records every batch the platform acknowledged in the journal in the same transaction as
//     the sent-set change, so the sent set only ever holds what the platform acknowledged: a sync
//     that stops (error, cancel, a killed process) is resumed by the next one, which sends what
//     is still missing;
//  5. finishes the run Succeeded, Partial (rows rejected), Failed (a batch rejected, or an error
//     that stopped it) or Cancelled — never Succeeded when anything was not acknowledged.
// A rejected batch (the platform refused its content) is reported and the other batches go on;
// an error that would hit every batch (sign-in, permission, network, throttling past the
// retries, a missing audience, storage) stops the run.
// Lives on the thread of the destination; one run at a time.
class AudienceSync final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AudienceSync)

public:
    AudienceSync(AudienceSyncState* state, AudienceDestination* destination, QObject* parent = nullptr);
    ~AudienceSync() override;

    // Rows per request, at most the destination's maximum (the default).
    void setBatchRows(int rows);
    int batchRows() const;

    // The plan alone (what --dry-run prints). Errors: unknown destination, another platform,
    // a destination that mirrors another segment (Conflict), storage.
    Result<AudienceSyncPlan> plan(const AudienceSyncRequest& request) const;

    // Runs the sync. The Result is an Error only when no run could start (as plan()); a run that
    // started always gives a report, with its state.
    QFuture<Result<AudienceSyncReport>> run(AudienceSyncRequest request);
    // Stops after the batch in flight is abandoned; the run ends Cancelled.
    void cancel();
    bool isRunning() const { return m_run != nullptr; }

signals:
    // The plan of the run, once computed and before anything is sent (a dry run's too).
    void planned(const core::AudienceSyncPlan& plan);
    void progress(const core::AudienceSyncProgress& progress);
    void batchFinished(const core::AudienceBatchReport& batch);

private:
    struct Run;
    Result<DestinationConfig> checkedDestination(const AudienceSyncRequest& request) const;
    void start();
    void sendNext();
    void onBatch(Result<AudienceBatchResult> result);
    void finish(SyncRunState state, std::optional<Error> error);

    AudienceSyncState* m_state;
    AudienceDestination* m_destination;
    int m_batchRows = 0;
    std::unique_ptr<Run> m_run;
};

} // namespace core

Q_DECLARE_METATYPE(core::AudienceSyncProgress)
Q_DECLARE_METATYPE(core::AudienceBatchReport)
