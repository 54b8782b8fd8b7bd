#include "analytics/metric_rollup.h"

#include <QHash>

namespace core {

namespace {

// Adds a day's counts to a period's totals (the totals keep the period's first day; unique users
// become user-days).
void addDay(DailyMetrics& totals, const DailyMetrics& day)
{
    totals.impressions += day.impressions;
    totals.clicks += day.clicks;
    totals.conversions += day.conversions;
    totals.uniqueUsers += day.uniqueUsers;
    totals.spendMicros += day.spendMicros;
}

} // namespace

QString granularityKey(Granularity granularity)
{
    switch (granularity) {
    case Granularity::Day:
        return QStringLiteral("day");
    case Granularity::Week:
        return QStringLiteral("week");
    case Granularity::Month:
        return QStringLiteral("month");
    }
    return {};
}

std::optional<Granularity> granularityFromKey(const QString& key)
{
    for (Granularity g : {Granularity::Day, Granularity::Week, Granularity::Month}) {
        if (granularityKey(g) == key)
            return g;
    }
    return std::nullopt;
}

QDate MetricRollup::periodStart(QDate day, Granularity granularity)
{
    switch (granularity) {
    case Granularity::Day:
        return day;
    case Granularity::Week:
        return day.addDays(1 - day.dayOfWeek());
    case Granularity::Month:
        return QDate(day.year(), day.month(), 1);
    }
    return day;
}

QDate MetricRollup::periodEnd(QDate day, Granularity granularity)
{
    switch (granularity) {
    case Granularity::Day:
        return day;
    case Granularity::Week:
        return day.addDays(7 - day.dayOfWeek());
    case Granularity::Month:
        return QDate(day.year(), day.month(), day.daysInMonth());
    }
    return day;
}

QString MetricRollup::periodLabel(QDate start, Granularity granularity)
{
    switch (granularity) {
    case Granularity::Day:
        return start.toString(Qt::ISODate);
    case Granularity::Week: {
        int weekYear = 0;
        const int week = start.weekNumber(&weekYear);
        return QStringLiteral("%1-W%2").arg(weekYear).arg(week, 2, 10, QLatin1Char('0'));
    }
    case Granularity::Month:
        return start.toString(QStringLiteral("yyyy-MM"));
    }
    return {};
}

QList<MetricPeriod> MetricRollup::rollup(const QList<DailyMetrics>& rows, const DateRange& range,
                                         Granularity granularity)
{
    QList<MetricPeriod> periods;
    if (!range.isValid())
        return periods;
    QHash<QDate, qsizetype> indexOfStart;
    for (QDate day = range.first; day <= range.last;) {
        const QDate start = periodStart(day, granularity);
        const QDate end = periodEnd(day, granularity);
        MetricPeriod p;
        p.start = std::max(start, range.first);
        p.end = std::min(end, range.last);
        p.label = periodLabel(start, granularity);
        p.partial = p.start != start || p.end != end;
        p.totals.day = p.start;
        indexOfStart.insert(start, periods.size());
        periods.append(p);
        day = end.addDays(1);
    }
    for (const auto& row : rows) {
        if (!range.contains(row.day))
            continue;
        MetricPeriod& p = periods[indexOfStart.value(periodStart(row.day, granularity))];
        addDay(p.totals, row);
    }
    return periods;
}

} // namespace core
