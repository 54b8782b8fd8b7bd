#pragma once

#include <QFuture>

#include "analytics/saved_comparison.h"

namespace core {

class SqliteExecutor;

// Saved comparisons of the local workspace (table saved_comparisons), on the workspace thread.
// Every call returns at once; the future finishes once with the value or an Error:
//  - Validation: an empty, over-long or control-character name; a bad request (segment count,
//    repeated ids, a reversed range);
//  - Conflict (code comparison_name_taken): another saved comparison has the name, ignoring case;
//  - NotFound: an unknown comparison id, or a segment that does not exist or was deleted.
// A failed call changes nothing.
class SqliteSavedComparisonStore
{
public:
    // The executor is the workspace's (SqliteSegmentStore::executor()); it must outlive the store.
    explicit SqliteSavedComparisonStore(SqliteExecutor& executor);

    // Every saved comparison, by name ignoring case.
    QFuture<Result<QList<SavedComparison>>> list();
    QFuture<Result<SavedComparison>> get(const QString& id);
    // Saves a new comparison (a new id; created and updated now).
    QFuture<Result<SavedComparison>> create(const QString& name, const ComparisonRequest& request);
    // Replaces the name, segments and range of saved comparison `comparison.id`.
    QFuture<Result<SavedComparison>> update(const SavedComparison& comparison);
    QFuture<Status> remove(const QString& id);

private:
    SqliteExecutor& m_executor;
};

} // namespace core
