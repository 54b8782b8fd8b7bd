#pragma once

#include <array>
#include <optional>

#include <QString>

#include "domain/daily_metrics.h"

namespace core {

// The delivery metrics a segment is measured by. CTR, CVR and CPM derive from the counts.
enum class Metric
{
    Impressions,
    Clicks,
    Conversions,
    UniqueUsers,
    Spend,
    Ctr,
    Cvr,
    Cpm
};

inline constexpr std::array<Metric, 8> kAllMetrics{Metric::Impressions, Metric::Clicks, Metric::Conversions,
                                                   Metric::UniqueUsers, Metric::Spend,  Metric::Ctr,
                                                   Metric::Cvr,         Metric::Cpm};

// Stable key: "impressions", "clicks", "conversions", "unique_users", "spend", "ctr", "cvr", "cpm".
QString metricKey(Metric metric);
std::optional<Metric> metricFromKey(const QString& key);
// For people: "Impressions", ..., "Click rate (CTR)", "Conversion rate (CVR)", "Cost per 1,000 impressions
// (CPM)".
QString metricLabel(Metric metric);
// True for CTR and CVR (fractions, shown as percentages).
bool isRateMetric(Metric metric);

// The metric's value over summed rows covering `days` calendar days: counts as they are, spend
// and CPM in currency units, CTR and CVR as fractions (0 without a denominator), unique users
// as the average per day (user-days / days; the day's own count for one day).
double metricValue(const DailyMetrics& totals, Metric metric, qint64 days = 1);

} // namespace core
