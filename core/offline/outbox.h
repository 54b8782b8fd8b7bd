#pragma once

#include "common/result.h"
#include "domain/daily_metrics.h"
#include "domain/experiment.h"
#include "domain/segment.h"

#include <QDateTime>
#include <QObject>
#include <QSet>
#include <QString>

#include <memory>
#include <optional>

namespace core {

// Segments are created, updated, deleted and restored; experiments created, updated and stopped.
enum class OutboxChangeKind { Create, Update, Delete, Restore, Stop };
QString outboxChangeKindKey(OutboxChangeKind kind); // "create", "update", "delete", "restore", "stop"
std::optional<OutboxChangeKind> outboxChangeKindFromKey(const QString& key);

// Where a change waiting in the outbox stands.
enum class OutboxChangeState {
    Waiting,  // not sent yet (or sent without an answer, then found not applied)
    Sending,  // sent; the answer has not come back (after a crash: ask the backend what became of it)
    Conflict, // the segment moved on since the change's base version: the user chooses
    Refused,  // the backend refused it (validation, permission): the user fixes or discards it
};
QString outboxChangeStateKey(OutboxChangeState state);
std::optional<OutboxChangeState> outboxChangeStateFromKey(const QString& key);

// The experiment side of an experiment change: what it sends, and the experiment as seen.
struct OutboxExperimentChange
{
    Experiment payload;             // create/update: the edited experiment; stop: the experiment as seen
    std::optional<Experiment> base; // the experiment at the change's base version, when known
    std::optional<Experiment> theirs; // the backend's experiment when a conflict was found
};

// One change of a segment or an experiment made while a shared workspace could not be reached (or
// in flight to it), waiting to be sent. Changes of both kinds share one order: an experiment on a
// segment created offline is sent after the segment.
struct OutboxChange
{
    qint64 id = 0;      // order of the changes; what `segctl outbox discard` takes
    QString key;        // idempotency key (UUID), the same on every attempt
    QString workspace;  // WorkspaceChoice::describe() of the shared workspace it belongs to
    OutboxChangeKind kind = OutboxChangeKind::Update;
    QString segmentId;  // the segment changed; for an experiment change, the experiment's segment
    int baseVersion = 0; // the version the change started from (0 for a create)
    bool chained = false; // made on top of an earlier waiting change of the same segment or experiment
    Segment payload;      // segment create/update: the edited segment; delete/restore: the segment as seen
    std::optional<Segment> base; // the segment at baseVersion, when known (for the merge)
    // Set exactly for an experiment change (then payload, base and theirs are unused).
    std::optional<OutboxExperimentChange> experiment;
    QString user;
    QDateTime queuedAt;
    OutboxChangeState state = OutboxChangeState::Waiting;
    QString statementId; // a Databricks statement sent for it whose answer is not in yet
    QString lastError;   // why it is in Conflict or Refused, or why the last attempt failed
    std::optional<Segment> theirs; // the backend's segment when a conflict was found

    bool isExperiment() const { return experiment.has_value(); }
    // What the change is about: the segment's id, or the experiment's. Changes of one subject are
    // sent in order, and wait behind an unsettled one.
    QString subjectId() const { return experiment ? experiment->payload.id : segmentId; }
    // What the change makes of the segment: the payload with the version and stamps it will get.
    Segment expected() const;
    // The same for an experiment change.
    Experiment expectedExperiment() const;
    // "update “Spring buyers” (from v3)", "stop experiment “Banner test” (from v2)".
    QString describe() const;
};

// A shared workspace's segment list (and advertisers) as last read, for offline reading.
struct CachedSegments
{
    QList<Segment> segments;
    QList<Advertiser> advertisers;
    QDateTime asOf; // when the backend last answered a listing; invalid when nothing is cached
};

// A segment's daily metrics as last read whole from a shared workspace, for offline reading.
struct CachedMetrics
{
    QList<DailyMetrics> days;
    QDateTime asOf; // when they were read
};

// The durable local outbox and read cache (segment list, advertisers, daily metrics) of the shared
// workspaces: an SQLite file beside the settings (outbox.sqlite next to activation.sqlite), WAL
// with synchronous=FULL so a change reported "saved on this computer" survives a power cut. One row per change, in order.
// Used from one thread; changed() tells the status bar the count may have moved.
class Outbox final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Outbox)

public:
    static QString defaultPath(); // <dataDir>/outbox.sqlite
    static Result<std::unique_ptr<Outbox>> open(const QString& path);
    ~Outbox() override;

    QString path() const { return m_path; }

    // Stores the change (a new key when it has none, queuedAt now, chained when a change of the
    // same segment is already waiting) and returns it with its id.
    Result<OutboxChange> enqueue(OutboxChange change);
    // A change about to be sent straight away (the backend answered a moment ago), written down
    // as Sending before it goes: if the app dies before the answer, the next start finds it and
    // asks the backend what became of it (OutboxReplayer). While this process has it in flight it
    // is not listed or counted as waiting (pending(), count()) and queued() is not emitted. Ends
    // with remove() (answered: applied, or refused and reported) or park() (no answer).
    Result<OutboxChange> journal(OutboxChange change);
    // A journalled change whose send got no answer: it now waits for the replay like any queued
    // change (queued() is emitted: the window says it is saved on this computer).
    Status park(qint64 id, const QString& why);
    bool isInFlight(qint64 id) const { return m_inFlight.contains(id); }
    // The changes not yet applied, oldest first; every workspace's when `workspace` is empty.
    // Changes this process is sending straight away (journal()) are left out.
    Result<QList<OutboxChange>> pending(const QString& workspace = {}) const;
    Result<std::optional<OutboxChange>> find(qint64 id) const;
    Result<int> count(const QString& workspace = {}) const;

    // Sent (again); statementId: the Databricks statement of it whose answer is awaited, kept so
    // that after a crash the replay asks Databricks about it before anything else.
    Status markSending(qint64 id, const QString& statementId = {});
    Status markWaiting(qint64 id, const QString& why);
    Status markConflict(qint64 id, const Segment& theirs, const QString& why);
    Status markConflict(qint64 id, const Experiment& theirs, const QString& why);
    Status markRefused(qint64 id, const QString& why);
    // The change is done with (applied, found applied, or discarded by the user). Its chained
    // followers now start from `resultVersion` (when > 0).
    Status remove(qint64 id, int resultVersion = 0);
    // Replaces what the change sends and the version it starts from (keep mine / merge).
    Status rebase(qint64 id, const Segment& payload, int baseVersion);
    Status rebase(qint64 id, const Experiment& payload, int baseVersion);

    Status cacheSegments(const QString& workspace, const QList<Segment>& segments, bool complete);
    Status cacheAdvertisers(const QString& workspace, const QList<Advertiser>& advertisers);
    Result<CachedSegments> cached(const QString& workspace) const;
    // The whole daily series of segments (one write), each replacing what was kept of it.
    Status cacheMetrics(const QString& workspace, const QList<SegmentDailyMetrics>& series);
    Result<std::optional<CachedMetrics>> cachedMetrics(const QString& workspace, const QString& segmentId) const;
    // Experiments as last read, each replacing what was kept of it. completeScope: the listing
    // was whole for that scope — "*" (every experiment of the workspace), "advertiser:<id>" or
    // "segment:<id>" — so it also replaces what was kept in that scope, and dates the scope.
    Status cacheExperiments(const QString& workspace, const QList<Experiment>& experiments,
                            const QString& completeScope = {});
    Result<QList<Experiment>> cachedExperiments(const QString& workspace) const;
    // When the experiments of `scope` were last listed whole (invalid: never).
    Result<QDateTime> experimentsListedAt(const QString& workspace, const QString& scope) const;

signals:
    void changed();
    // enqueue() stored a change (the window says "Saved on this computer — will sync").
    void queued(qint64 id);

private:
    Outbox(QString path, QString connection);
    Status migrate();
    Result<OutboxChange> insert(OutboxChange change, OutboxChangeState state);
    Status markConflictWith(qint64 id, const QString& theirs, const QString& why);
    Status rebaseWith(qint64 id, const QString& payload, int baseVersion);

    QString m_path;
    QString m_connection;
    QSet<qint64> m_inFlight; // journalled by this process, answer not in yet
};

} // namespace core
