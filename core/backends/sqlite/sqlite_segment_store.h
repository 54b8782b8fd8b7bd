#pragma once

#include "domain/catalogue.h"
#include "domain/segment_change_rules.h"
#include "backends/segment_store.h"

#include <memory>

namespace core {

class SqliteExecutor;

// The segments of the local workspace (SqliteBackend), on the workspace's worker thread.
class SqliteSegmentStore final : public SegmentStore
{
public:
    // The executor belongs to the workspace (SqliteBackend) and must outlive the store.
    SqliteSegmentStore(SqliteExecutor& executor, std::shared_ptr<const Catalogue> catalogue);
    ~SqliteSegmentStore() override;
    SqliteSegmentStore(const SqliteSegmentStore&) = delete;
    SqliteSegmentStore& operator=(const SqliteSegmentStore&) = delete;

    QString backendKind() const override;
    QString displayName() const override;

    QFuture<Result<QList<Advertiser>>> listAdvertisers() override;
    QFuture<Status> saveAdvertiser(const Advertiser& advertiser) override;
    QFuture<Result<QList<Segment>>> listSegments(const SegmentQuery& query) override;
    QFuture<Result<Segment>> getSegment(const QString& id) override;
    QFuture<Result<Segment>> createSegment(const Segment& draft, const QString& user) override;
    QFuture<Result<Segment>> updateSegment(const Segment& edited, const QString& user) override;
    QFuture<Result<Segment>> deleteSegment(const QString& id, int baseVersion, const QString& user) override;
    QFuture<Result<Segment>> restoreSegment(const QString& id, const QString& user) override;
    QFuture<Result<QList<SegmentVersion>>> segmentHistory(const QString& id) override;
    QFuture<Result<ImportOutcome>> importSegment(const Segment& segment) override;
    QFuture<Result<ReachEstimate>> estimateReach(const Definition& definition, const QString& advertiserId) override;
    QFuture<Result<QHash<QString, qint64>>> reachOfSegments(const QStringList& ids) override;

private:
    SqliteExecutor& m_executor;
    std::shared_ptr<const Catalogue> m_catalogue;
    SegmentChangeRules m_rules;
};

} // namespace core
