#include "analytics/metric.h"

#include <algorithm>

namespace core {

QString metricKey(Metric metric)
{
    switch (metric) {
    case Metric::Impressions:
        return QStringLiteral("impressions");
    case Metric::Clicks:
        return QStringLiteral("clicks");
    case Metric::Conversions:
        return QStringLiteral("conversions");
    case Metric::UniqueUsers:
        return QStringLiteral("unique_users");
    case Metric::Spend:
        return QStringLiteral("spend");
    case Metric::Ctr:
        return QStringLiteral("ctr");
    case Metric::Cvr:
        return QStringLiteral("cvr");
    case Metric::Cpm:
        return QStringLiteral("cpm");
    }
    return {};
}

std::optional<Metric> metricFromKey(const QString& key)
{
    for (Metric m : kAllMetrics) {
        if (metricKey(m) == key)
            return m;
    }
    return std::nullopt;
}

QString metricLabel(Metric metric)
{
    switch (metric) {
    case Metric::Impressions:
        return QStringLiteral("Impressions");
    case Metric::Clicks:
        return QStringLiteral("Clicks");
    case Metric::Conversions:
        return QStringLiteral("Conversions");
    case Metric::UniqueUsers:
        return QStringLiteral("Unique users");
    case Metric::Spend:
        return QStringLiteral("Spend");
    case Metric::Ctr:
        return QStringLiteral("Click rate (CTR)");
    case Metric::Cvr:
        return QStringLiteral("Conversion rate (CVR)");
    case Metric::Cpm:
        return QStringLiteral("Cost per 1,000 impressions (CPM)");
    }
    return {};
}

bool isRateMetric(Metric metric)
{
    return metric == Metric::Ctr || metric == Metric::Cvr;
}

double metricValue(const DailyMetrics& totals, Metric metric, qint64 days)
{
    switch (metric) {
    case Metric::Impressions:
        return static_cast<double>(totals.impressions);
    case Metric::Clicks:
        return static_cast<double>(totals.clicks);
    case Metric::Conversions:
        return static_cast<double>(totals.conversions);
    case Metric::UniqueUsers:
        return static_cast<double>(totals.uniqueUsers) / static_cast<double>(std::max<qint64>(days, 1));
    case Metric::Spend:
        return totals.spend();
    case Metric::Ctr:
        return totals.ctr();
    case Metric::Cvr:
        return totals.cvr();
    case Metric::Cpm:
        return totals.cpm();
    }
    return 0;
}

} // namespace core
