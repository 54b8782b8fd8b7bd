#include "forecast/time_series.h"

#include <algorithm>

namespace core::forecast {

TimeSeries TimeSeries::daily(QDate firstDay, std::vector<double> values)
{
    TimeSeries s;
    s.m_firstDay = firstDay;
    s.m_values = std::move(values);
    return s;
}

TimeSeries TimeSeries::numbered(qint64 firstPeriod, std::vector<double> values)
{
    TimeSeries s;
    s.m_firstPeriod = firstPeriod;
    s.m_values = std::move(values);
    return s;
}

qsizetype TimeSeries::observedCount() const
{
    return std::count_if(m_values.begin(), m_values.end(), [](double v) { return !isMissing(v); });
}

QString TimeSeries::labelAt(qsizetype i) const
{
    return isDaily() ? dateAt(i).toString(Qt::ISODate) : QString::number(periodAt(i));
}

TimeSeries TimeSeries::head(qsizetype count) const
{
    return slice(0, count);
}

TimeSeries TimeSeries::slice(qsizetype from, qsizetype count) const
{
    from = std::clamp<qsizetype>(from, 0, size());
    count = std::clamp<qsizetype>(count, 0, size() - from);
    TimeSeries s = *this;
    s.m_values.assign(m_values.begin() + from, m_values.begin() + from + count);
    if (isDaily())
        s.m_firstDay = m_firstDay.addDays(from);
    else
        s.m_firstPeriod = m_firstPeriod + from;
    return s;
}

} // namespace core::forecast
