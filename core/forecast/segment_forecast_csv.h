#pragma once

#include <QByteArray>
#include <QList>

#include "common/result.h"
#include "forecast/segment_forecast_summary.h"

namespace core::forecast {

// The rows of "Forecast all segments" as CSV (CsvWriter: RFC 4180, CRLF, formula guard, UTF-8
// BOM for Excel), one row per segment:
//   segment_id, segment, advertiser_id, advertiser, metric, model, first_day, last_day,
//   horizon_days, forecast_total, lower_80, upper_80, lower_95, upper_95, previous_total,
//   change, mase_ratio, coverage_95, note
// change and coverage_95 are fractions (0.125); a figure that does not apply is an empty cell.
class SegmentForecastCsv
{
public:
    static QByteArray toCsv(const QList<SegmentForecastSummary>& rows, const QString& metric);
    // Written atomically (writeFileAtomically): the file is complete or untouched.
    static Status write(const QList<SegmentForecastSummary>& rows, const QString& metric,
                        const QString& path);
};

} // namespace core::forecast
