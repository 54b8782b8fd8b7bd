#pragma once

#include <memory>

#include <QFuture>

#include "analytics/comparison.h"
#include "domain/catalogue.h"

namespace core {

class ComparisonSource;

// Assembles a Comparison from a backend (ComparisonSource: the local workspace or Databricks):
// the segments and data-as-of date, then at once their daily metrics over the range (KPIs with
// intervals) and one audience query for reach, shared users and distinct users over the range
// (OverlapQueryBuilder, in the backend's dialect); then the definition diff and the
// Holm-corrected pairwise tests. The future finishes once, with the whole comparison or an
// Error (nothing partial): Validation for a bad request, NotFound for an unknown segment,
// Validation (code segment_deleted) for a deleted one, or the backend's error.
class ComparisonBuilder
{
public:
    // The source must outlive the future (the caller keeps its backend alive until it finishes).
    ComparisonBuilder(ComparisonSource& source, std::shared_ptr<const Catalogue> catalogue);

    QFuture<Result<Comparison>> build(const ComparisonRequest& request) const;

private:
    ComparisonSource& m_source;
    std::shared_ptr<const Catalogue> m_catalogue;
};

} // namespace core
