#pragma once

#include "backends/saved_comparison_store.h"
#include "backends/session_executor.h"
#include "sql/sql_dialect.h"

namespace core {

// Saved comparisons of a backend that works through a SqlSession: the local workspace file, or a
// PostgreSQL/Lakebase database shared by everyone using it. Each create or update checks the
// name, the segments and the request in one transaction; the unique index on name_key closes the
// race between two computers saving the same name. Behaviour as SavedComparisonStore.
class SessionSavedComparisonStore final : public SavedComparisonStore
{
public:
    // The executor belongs to the backend and must outlive the store; location: what the user
    // is told ("the local workspace file …", "PostgreSQL …").
    SessionSavedComparisonStore(SessionExecutor& executor, SqlTarget target, QString location);

    QString location() const override { return m_location; }
    QFuture<Result<QList<SavedComparison>>> list() override;
    QFuture<Result<SavedComparison>> get(const QString& id) override;
    QFuture<Result<SavedComparison>> create(const QString& name, const ComparisonRequest& request) override;
    QFuture<Result<SavedComparison>> update(const SavedComparison& comparison) override;
    QFuture<Status> remove(const QString& id) override;

private:
    SessionExecutor& m_executor;
    SqlTarget m_target;
    QString m_location;
};

} // namespace core
