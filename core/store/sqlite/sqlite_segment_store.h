#pragma once

#include "domain/catalogue.h"
#include "store/segment_change_rules.h"
#include "store/metrics_store.h"
#include "store/segment_store.h"

#include <memory>

namespace core {

class ComparisonSource;
class ImpressionsPipeline;
class SavedComparisonStore;
class SqliteExecutor;

// The local workspace: one SQLite file (Qt SQL), all work on one worker thread.
class SqliteSegmentStore final : public SegmentStore
{
public:
    // Opens the file, creating and migrating it as needed. Blocks for the open and the
    // migration only (call it before the window shows, or on a worker).
    static Result<std::unique_ptr<SqliteSegmentStore>> open(const QString& path,
                                                           std::shared_ptr<const Catalogue> catalogue);
    ~SqliteSegmentStore() override;

    QString backendKind() const override;
    QString displayName() const override;
    const QString& path() const;

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

    // The executor that owns the connection; the local pipeline and demo generator run on it.
    SqliteExecutor& executor();
    // The daily metrics of this workspace's segments.
    MetricsStore& metrics();
    // What comparisons of this workspace's segments read.
    ComparisonSource& comparisons();
    // The comparisons saved in this workspace file.
    SavedComparisonStore& savedComparisons();
    // Events import and the metrics refresh of this workspace (LocalImpressionsPipeline).
    ImpressionsPipeline& pipeline();

private:
    SqliteSegmentStore(std::unique_ptr<SqliteExecutor> executor, std::shared_ptr<const Catalogue> catalogue);

    std::unique_ptr<SqliteExecutor> m_executor;
    std::unique_ptr<MetricsStore> m_metrics;
    std::unique_ptr<ComparisonSource> m_comparisons;
    std::unique_ptr<SavedComparisonStore> m_savedComparisons;
    std::unique_ptr<ImpressionsPipeline> m_pipeline;
    std::shared_ptr<const Catalogue> m_catalogue;
    SegmentChangeRules m_rules;
};

} // namespace core
