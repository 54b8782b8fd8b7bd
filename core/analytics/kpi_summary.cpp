#include "analytics/kpi_summary.h"

#include <algorithm>

namespace core {

KpiSummary KpiSummary::of(const QList<DailyMetrics>& rows, const DateRange& range)
{
    KpiSummary k;
    k.range = range;
    QList<RatioEstimate::Unit> cpmDays;
    for (const auto& row : rows) {
        if (!range.contains(row.day))
            continue;
        ++k.daysWithData;
        k.impressions += row.impressions;
        k.clicks += row.clicks;
        k.conversions += row.conversions;
        k.spendMicros += row.spendMicros;
        k.userDays += row.uniqueUsers;
        k.peakDailyUsers = std::max(k.peakDailyUsers, row.uniqueUsers);
        if (row.impressions > 0)
            cpmDays.append(
                {static_cast<double>(row.spendMicros) / 1e6, static_cast<double>(row.impressions)});
    }
    k.ctr = ProportionEstimate::wilson(k.clicks, k.impressions);
    k.cvr = ProportionEstimate::wilson(k.conversions, k.clicks);
    k.cpm = RatioEstimate::deltaMethod(cpmDays, 1000.0);
    return k;
}

} // namespace core
