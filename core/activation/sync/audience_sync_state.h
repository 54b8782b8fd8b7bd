#pragma once

#include "activation/audience_delta.h"
#include "activation/sync/destination_config.h"
#include "common/result.h"
#include "domain/audit_entry.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <vector>

namespace core {

// How a sync run ended. Only Succeeded is a success: a run with rejected rows is Partial, one
// stopped by an error Failed, one cancelled Cancelled; Running is left behind by a process
// that died, and the next run of the destination turns it into Interrupted.
enum class SyncRunState { Running, Succeeded, Partial, Failed, Cancelled, Interrupted };
QString syncRunStateKey(SyncRunState state); // "running", "succeeded", "partial", ...
std::optional<SyncRunState> parseSyncRunState(const QString& key);

enum class AudienceOperation { Add, Remove };
QString audienceOperationKey(AudienceOperation operation); // "add" / "remove"

// One sync of one destination, as its history shows it.
struct SyncRun
{
    qint64 id = 0;
    qint64 destinationId = 0;
    QString segmentId;
    QDateTime startedAt;  // UTC
    QDateTime finishedAt; // UTC; invalid while running
    SyncRunState state = SyncRunState::Running;
    int plannedAdds = 0;
    int plannedRemoves = 0;
    int added = 0;        // rows the platform acknowledged as added
    int removed = 0;
    int rejected = 0;     // rows the platform named invalid
    int failedBatches = 0;
    QString message;      // the first error, one line, without values
};

// One batch of a run, written in the same transaction as the sent-set change it causes.
struct SyncBatchRecord
{
    int sequence = 0;               // 1.. within the run
    AudienceOperation operation = AudienceOperation::Add;
    int rows = 0;
    int accepted = 0;
    int rejected = 0;
    QString state;                  // "acknowledged", "partial", "rejected", "failed"
    qint64 sessionId = 0;           // Meta
    int batchSequence = 0;          // Meta
    QString requestId;
    QString message;
    QDateTime at;                   // UTC
};

// A row the platform holds for a destination: the digest (AudienceRow::digest) and the values
// it was sent with, which a later removal sends again.
struct SentRow
{
    QByteArray digest;
    QStringList values;
};

// The activation state: destinations, the rows each one's platform audience holds (the sent
// set: only what the platform acknowledged), sync runs and their batch journal — one local
// SQLite file beside the settings (<data dir>/activation.sqlite; tests pass a temporary path).
// Holds hashed values and ids, never a credential or a plain identifier. Every statement binds
// its values. Synchronous and single-threaded: use it from one thread (the sync's); writes are
// a batch's rows in one transaction.
class AudienceSyncState
{
public:
    ~AudienceSyncState();
    AudienceSyncState(const AudienceSyncState&) = delete;
    AudienceSyncState& operator=(const AudienceSyncState&) = delete;

    // Opens (creating the file and its tables when missing).
    static Result<std::unique_ptr<AudienceSyncState>> open(const QString& path);
    static QString defaultPath(); // AppPaths::dataDir()/activation.sqlite

    const QString& path() const { return m_path; }

    // Destinations. add: Conflict "destination_exists" when the name is taken (case-insensitive).
    Result<DestinationConfig> addDestination(DestinationConfig config);
    Result<QList<DestinationConfig>> destinations() const;
    Result<DestinationConfig> destination(const QString& name) const; // NotFound naming the known ones
    // Removes the destination with its sent set and history.
    Status removeDestination(const QString& name);
    Status setAudience(qint64 destinationId, const QString& audienceId);
    Status setSegment(qint64 destinationId, const QString& segmentId);

    // The sent set.
    Result<std::vector<RowDigest>> sentDigests(qint64 destinationId) const; // in no order
    Result<QList<SentRow>> sentRows(qint64 destinationId, const QList<QByteArray>& digests) const;
    Result<int> sentCount(qint64 destinationId) const;

    // Runs. begin: turns runs of the destination still Running into Interrupted first.
    Result<qint64> beginRun(qint64 destinationId, const QString& segmentId, int plannedAdds, int plannedRemoves);
    // One batch the platform answered: its journal entry, the rows it acknowledged into (Add) or
    // out of (Remove) the sent set, and the run's counters — in one transaction.
    Status recordBatch(qint64 runId, qint64 destinationId, const SyncBatchRecord& batch,
                       const QList<SentRow>& acknowledged);
    // A batch that failed: its journal entry and the run's failed-batch count.
    Status recordFailedBatch(qint64 runId, const SyncBatchRecord& batch);
    // Ends the run and, in the same transaction, records it in the state's audit trail (object kind
    // "activation_sync", the run's segment as the object, "sync_<state>" as the action, the run id as
    // the version, the run's destination and counts as JSON; who: the OS user, as the local workspace).
    Status finishRun(qint64 runId, SyncRunState state, const QString& message);
    // The audit trail of sync runs, newest first, filtered by the query's object (the segment id);
    // entries carry no advertiser (the state does not know it), so an advertiser filter matches none.
    Result<QList<AuditEntry>> auditLog(const AuditQuery& query) const;
    Result<QList<SyncRun>> history(qint64 destinationId, int limit = 50) const; // newest first
    Result<QList<SyncBatchRecord>> journal(qint64 runId) const;

private:
    AudienceSyncState(QString path, QString connection);
    Status migrate();

    QString m_path;
    QString m_connection;
};

} // namespace core
