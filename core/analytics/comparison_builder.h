#pragma once

#include <memory>

#include <QFuture>

#include "analytics/comparison.h"
#include "domain/catalogue.h"

namespace core {

class SqliteExecutor;

// Assembles a Comparison from the local workspace on its worker thread: the segments, their
// daily metrics over the range (KPIs with intervals), one audience query for reach, shared
// users and distinct users over the range (OverlapQueryBuilder), the definition diff and the
// Holm-corrected pairwise tests. The future finishes once, with
// the comparison or an Error: Validation for a bad request, NotFound for an unknown segment,
// Validation (code segment_deleted) for a deleted one, Storage when the database fails.
class ComparisonBuilder
{
public:
    // The executor is the workspace's (SqliteSegmentStore::executor()); it must outlive the builder.
    ComparisonBuilder(SqliteExecutor& executor, std::shared_ptr<const Catalogue> catalogue);

    QFuture<Result<Comparison>> build(const ComparisonRequest& request) const;

private:
    SqliteExecutor& m_executor;
    std::shared_ptr<const Catalogue> m_catalogue;
};

} // namespace core
