#pragma once

#include <optional>

#include "databricks/statement/statement_client.h"
#include "domain/catalogue.h"
#include "sql/audit_sql.h"
#include "sql/segment_sql.h"
#include "domain/segment_change_rules.h"
#include "backends/segment_store.h"

#include <QObject>

#include <functional>
#include <memory>

namespace core {

class DatabricksAccessStore;

// Segments in Databricks Unity Catalog (`<catalog>.<schema>.gold_segments` and friends),
// through a SQL warehouse. Same contract as the local workspace (the contract suite runs
// against the emulator). A write is reported done only after its statement SUCCEEDED and the
// affected-row count was checked: an id clash or a stale version affects no row and becomes a
// Conflict. The version row is written before the segment row (both idempotent MERGEs), so
// a failure between the two leaves at most an unused history row, never an unrecorded change.
// Lives on the thread of its StatementClient; futures finish there.
class DatabricksSegmentStore final : public SegmentStore
{
public:
    DatabricksSegmentStore(StatementClient* statements, QString catalog, QString schema,
                           std::shared_ptr<const Catalogue> catalogue, QString displayHost);
    ~DatabricksSegmentStore() override;

    QString backendKind() const override;
    QString displayName() const override;

    QFuture<Result<QList<Advertiser>>> listAdvertisers() override;
    QFuture<Status> saveAdvertiser(const Advertiser& advertiser) override;
    QFuture<Result<QList<Segment>>> listSegments(const SegmentQuery& query) override;
    QFuture<Result<Segment>> getSegment(const QString& id) override;
    QFuture<Result<Segment>> createSegment(const Segment& draft, const WriteOrigin& origin) override;
    QFuture<Result<Segment>> updateSegment(const Segment& edited, const WriteOrigin& origin) override;
    QFuture<Result<Segment>> deleteSegment(const QString& id, int baseVersion, const WriteOrigin& origin) override;
    QFuture<Result<Segment>> restoreSegment(const QString& id, const WriteOrigin& origin) override;
    QFuture<Result<QList<SegmentVersion>>> segmentHistory(const QString& id) override;
    QFuture<Result<Segment>> restoreVersion(const QString& id, int version, int baseVersion, const WriteOrigin& origin) override;
    QFuture<Result<ImportOutcome>> importSegment(const Segment& segment) override;
    QFuture<Result<ReachEstimate>> estimateReach(const Definition& definition, const QString& advertiserId) override;
    QFuture<Result<QHash<QString, qint64>>> reachOfSegments(const QStringList& ids) override;

    // Writes check the caller's role and record the principal the warehouse names (current_user()),
    // through the store's own DatabricksAccessStore unless one shared by the backend is set here.
    void setAccess(DatabricksAccessStore* access);

    // The segments of a statement result with SegmentSql's segment columns.
    static Result<QList<Segment>> readSegments(const StatementResult& result);

private:
    // restoreVersion as `who` (who the backend says is signed in, allowed to edit, with the change key).
    QFuture<Result<Segment>> revertAs(const QString& id, int version, int baseVersion, const WriteOrigin& who);
    struct Context; // what the validator needs: the advertiser's live segments
    StatementClient* m_statements;
    QString m_catalog;
    QString m_schema;
    std::shared_ptr<const Catalogue> m_catalogue;
    QString m_displayHost;
    SegmentSql m_sql;
    AuditSql m_auditSql;
    SegmentChangeRules m_rules;
    std::unique_ptr<QObject> m_context; // continuations run in its thread and die with the store
    std::unique_ptr<DatabricksAccessStore> m_ownAccess;
    DatabricksAccessStore* m_access = nullptr;

    using Write = std::function<QFuture<Result<Segment>>(WriteOrigin)>;
    // Runs write as the principal the warehouse names (the origin's change key kept), once the
    // role on the advertiser allows it.
    QFuture<Result<Segment>> asWriter(const QString& advertiserId, const WriteOrigin& origin, Write write);
    QFuture<Result<Segment>> asWriterOf(const QString& segmentId, const WriteOrigin& origin, Write write);
    QFuture<Result<Segment>> createAs(const Segment& draft, const WriteOrigin& who);
    QFuture<Result<Segment>> updateAs(const Segment& edited, const WriteOrigin& who);
    QFuture<Result<Segment>> deleteAs(const QString& id, int baseVersion, const WriteOrigin& who);
    QFuture<Result<Segment>> restoreAs(const QString& id, const WriteOrigin& who);

    // accepted: told the statement's id once Databricks has it (writes report it to the outbox).
    QFuture<Result<StatementResult>> run(const BoundSql& sql, const QString& what,
                                         const std::function<void(const QString&)>& accepted = {});
    QFuture<Result<QList<Segment>>> segments(const BoundSql& sql, const QString& what);
    QFuture<Result<Segment>> fetch(const QString& id);
    // Writes a prepared change: the version row, then the segment row (guarded by before's
    // version; inserted when there is no before), then the version row again with its change key
    // (only the writer whose guarded write landed gets there, so a key in the history means its
    // change made that version), then the audit entry (AuditSql: MERGEd once per version).
    // origin.statementSent hears of each of these statements as Databricks accepts it.
    QFuture<Result<Segment>> write(const Segment& prepared, const std::optional<Segment>& before, const QString& change,
                                   const WriteOrigin& origin);
    // The audit entry of a write that landed.
    QFuture<Result<Segment>> audit(const Segment& written, const std::optional<Segment>& before, const QString& change);
    QFuture<Result<ReachEstimate>> reachWith(const Definition& definition, const QList<Segment>& known);
};

} // namespace core
