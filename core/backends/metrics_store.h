#pragma once

#include <QFuture>
#include <QList>
#include <QString>

#include "common/result.h"
#include "domain/daily_metrics.h"

namespace core {

// Reads a segment's daily metrics (gold_segment_daily_metrics) from a backend: the local
// workspace and PostgreSQL (SessionMetricsStore) or Databricks (DatabricksMetricsStore). The call returns at
// once; the future finishes exactly once, on the backend's thread, with the value or an Error:
//   - the metrics of every day in [from, to] that has any (null from/to: open-ended), ordered by
//     day; days without events are absent (DailyMetrics::withZeroDays fills them);
//   - NotFound when there is no segment with that id (a deleted segment still has metrics);
//   - Validation when from is after to.
// The figures are as of the last `segctl metrics refresh` (or the scheduled Databricks job).
class MetricsStore
{
public:
    virtual ~MetricsStore() = default;

    virtual QFuture<Result<QList<DailyMetrics>>> dailyMetrics(const QString& segmentId, QDate from = {},
                                                              QDate to = {}) = 0;

    // The daily metrics of every live (not deleted) segment of an advertiser (empty id: of every
    // advertiser) in one statement, grouped by segment and ordered by segment id; a segment
    // without metrics in [from, to] is there with no days. An unknown advertiser has no segments
    // (an empty list). Validation when from is after to.
    virtual QFuture<Result<QList<SegmentDailyMetrics>>> dailyMetricsOfAll(const QString& advertiserId = {},
                                                                          QDate from = {}, QDate to = {}) = 0;
};

} // namespace core
