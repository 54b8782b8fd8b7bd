#pragma once

#include <QFuture>

#include "domain/saved_comparison.h"

namespace core {

// Saved comparisons of a workspace: the local workspace file or PostgreSQL (SessionSavedComparisonStore) or,
// on Databricks, a Unity Catalog table shared by everyone using the schema
// (DatabricksSavedComparisonStore). Every call returns at once; the future finishes once with
// the value or an Error:
//  - Validation: an empty, over-long or control-character name; a bad request (segment count,
//    repeated ids, a reversed range);
//  - Conflict (code comparison_name_taken): another saved comparison has the name, ignoring case;
//  - NotFound: an unknown comparison id, or a segment that does not exist or was deleted.
// A failed call changes nothing.
class SavedComparisonStore
{
public:
    virtual ~SavedComparisonStore() = default;

    // Where they are kept, for the user: "this workspace file", "Databricks main.ad_segments".
    virtual QString location() const = 0;

    // Every saved comparison, by name ignoring case.
    virtual QFuture<Result<QList<SavedComparison>>> list() = 0;
    virtual QFuture<Result<SavedComparison>> get(const QString& id) = 0;
    // Saves a new comparison (a new id; created and updated now).
    virtual QFuture<Result<SavedComparison>> create(const QString& name,
                                                    const ComparisonRequest& request) = 0;
    // Replaces the name, segments and range of saved comparison `comparison.id`.
    virtual QFuture<Result<SavedComparison>> update(const SavedComparison& comparison) = 0;
    virtual QFuture<Status> remove(const QString& id) = 0;
};

} // namespace core
