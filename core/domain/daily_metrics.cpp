#include "domain/daily_metrics.h"

#include <QMap>

namespace core {

double DailyMetrics::ctr() const
{
    return impressions > 0 ? static_cast<double>(clicks) / static_cast<double>(impressions) : 0.0;
}

double DailyMetrics::cvr() const
{
    return clicks > 0 ? static_cast<double>(conversions) / static_cast<double>(clicks) : 0.0;
}

double DailyMetrics::cpm() const
{
    return impressions > 0 ? spend() * 1000.0 / static_cast<double>(impressions) : 0.0;
}

QList<DailyMetrics> DailyMetrics::withZeroDays(const QList<DailyMetrics>& series, QDate from, QDate to)
{
    QMap<QDate, DailyMetrics> byDay;
    for (const auto& m : series)
        byDay.insert(m.day, m);
    if (!from.isValid() && !byDay.isEmpty())
        from = byDay.firstKey();
    if (!to.isValid() && !byDay.isEmpty())
        to = byDay.lastKey();
    for (QDate d = from; d.isValid() && to.isValid() && d <= to; d = d.addDays(1)) {
        if (!byDay.contains(d)) {
            DailyMetrics zero;
            zero.day = d;
            byDay.insert(d, zero);
        }
    }
    return byDay.values();
}

} // namespace core
