#pragma once

#include "backends/comparison_source.h"

namespace core {

class SqliteExecutor;

// A comparison's reads from the local workspace, each a task on its executor's thread.
class SqliteComparisonSource final : public ComparisonSource
{
public:
    // Both belong to the workspace (SqliteSegmentStore) and must outlive this source.
    SqliteComparisonSource(SqliteExecutor& executor, MetricsStore& metrics);

    SqlTarget sqlTarget() const override;
    QFuture<Result<QList<Segment>>> segments(const QStringList& ids) override;
    QFuture<Result<QDate>> dataAsOf() override;
    MetricsStore& metrics() override { return m_metrics; }
    QFuture<Result<QHash<QString, qint64>>> aggregateRow(const BoundSql& query, const QString& what) override;

private:
    SqliteExecutor& m_executor;
    MetricsStore& m_metrics;
};

} // namespace core
