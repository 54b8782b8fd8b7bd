#pragma once

#include <memory>

#include "backends/segment_store.h"
#include "backends/session_executor.h"
#include "domain/catalogue.h"
#include "domain/segment_change_rules.h"
#include "sql/segment_sql.h"

namespace core {

// The segment store of the backends that work through a SqlSession on one worker thread: the
// local SQLite workspace and PostgreSQL/Lakebase. Written once, with SegmentSql's statements
// for the session's dialect. Every change runs in one transaction: the advertiser and name
// checks, the guarded row write, its version record and the reach cache; the database's own
// keys close what the checks cannot (the live-name unique index, when two computers create the
// same name at once, answers Conflict "name_taken"). Same contract as every store
// (tests/integration/store_contract_tests.h).
class SessionSegmentStore final : public SegmentStore
{
public:
    // The executor belongs to the backend and must outlive the store. kind: "local" or "postgres".
    SessionSegmentStore(SessionExecutor& executor, SqlTarget target, std::shared_ptr<const Catalogue> catalogue,
                        QString kind, QString displayName);
    ~SessionSegmentStore() override;
    SessionSegmentStore(const SessionSegmentStore&) = delete;
    SessionSegmentStore& operator=(const SessionSegmentStore&) = delete;

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

private:
    SessionExecutor& m_executor;
    SegmentSql m_sql;
    std::shared_ptr<const Catalogue> m_catalogue;
    SegmentChangeRules m_rules;
    QString m_kind;
    QString m_displayName;
};

} // namespace core
