#pragma once

#include <optional>

#include "domain/daily_metrics.h"
#include "domain/date_range.h"
#include "analytics/proportion_estimate.h"
#include "analytics/ratio_estimate.h"

namespace core {

// A segment's KPI cards over a date range: totals, and CTR, CVR and CPM with 95 % intervals
// (CTR and CVR: Wilson score intervals; CPM: delta method over days — see ProportionEstimate
// and RatioEstimate).
struct KpiSummary
{
    DateRange range;
    qint64 impressions = 0;
    qint64 clicks = 0;
    qint64 conversions = 0;
    qint64 spendMicros = 0;
    qint64 userDays = 0;       // Σ of daily unique users (a user active on 3 days counts 3 times)
    qint64 peakDailyUsers = 0; // the most unique users on one day
    // Distinct users over the whole range. Daily rows cannot give it (they would count a
    // returning user once per day); the comparison fills it from the events.
    std::optional<qint64> uniqueUsers;
    int daysWithData = 0;
    ProportionEstimate ctr; // clicks / impressions
    ProportionEstimate cvr; // conversions / clicks
    RatioEstimate cpm;      // spend per 1,000 impressions, currency units

    double spend() const { return static_cast<double>(spendMicros) / 1e6; }

    // Sums the rows inside range (others are ignored) and derives the rates.
    static KpiSummary of(const QList<DailyMetrics>& rows, const DateRange& range);
    bool operator==(const KpiSummary&) const = default;
};

} // namespace core
