#pragma once

#include "domain/comparison_request.h"
#include "analytics/definition_diff.h"
#include "analytics/kpi_summary.h"
#include "analytics/metric_rollup.h"
#include "analytics/overlap_matrix.h"
#include "analytics/pairwise_significance.h"
#include "domain/segment.h"

namespace core {

// One segment of a comparison.
struct ComparedSegment
{
    Segment segment;
    qint64 reach = 0;          // users active in the reach window who match (the overlap's diagonal)
    KpiSummary kpis;           // over the comparison's range; uniqueUsers is the exact distinct count
    QList<DailyMetrics> daily; // its daily rows inside the range, for the charts
};

// 2–6 segments side by side: definitions, reach, KPIs with intervals, overlap, and pairwise
// significance of CTR and CVR. A plain value built by ComparisonBuilder.
struct Comparison
{
    ComparisonRequest request; // as asked (its range may be null: the default)
    DateRange range;           // the range used
    QDate asOf;                // last day with data (invalid when the workspace has none)
    int reachWindowDays = kDefaultReachWindowDays;
    QList<ComparedSegment> segments; // in request order
    DefinitionDiff definitionDiff;
    OverlapMatrix overlap;
    QList<PairwiseTest> tests; // pair by pair (0-1, 0-2, ...), CTR then CVR

    int count() const { return static_cast<int>(segments.size()); }
    QStringList names() const;
    // The overlaid chart series of segment i.
    QList<MetricPeriod> chart(int i, Granularity granularity) const;
    // The test of pair (i, j) on a rate, in either order; nullptr when absent.
    const PairwiseTest* test(int i, int j, Metric metric) const;
};

} // namespace core
