#pragma once

#include <QFuture>

#include "backends/saved_comparison_store.h"

namespace core {

class SqliteExecutor;

// Saved comparisons of the local workspace (table saved_comparisons), on the workspace thread.
class SqliteSavedComparisonStore final : public SavedComparisonStore
{
public:
    // The executor is the workspace's (SqliteSegmentStore::executor()); it must outlive the store.
    explicit SqliteSavedComparisonStore(SqliteExecutor& executor);

    QString location() const override;
    QFuture<Result<QList<SavedComparison>>> list() override;
    QFuture<Result<SavedComparison>> get(const QString& id) override;
    QFuture<Result<SavedComparison>> create(const QString& name, const ComparisonRequest& request) override;
    QFuture<Result<SavedComparison>> update(const SavedComparison& comparison) override;
    QFuture<Status> remove(const QString& id) override;

private:
    SqliteExecutor& m_executor;
};

} // namespace core
