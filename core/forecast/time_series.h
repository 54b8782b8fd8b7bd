#pragma once

#include <cmath>
#include <limits>
#include <vector>

#include <QDate>
#include <QString>

namespace core::forecast {

// A regularly spaced series: one value per day (daily series, starting at a date) or per
// period (numbered series, starting at a period number). A missing observation is NaN at its
// own position, so later values are never shifted onto the wrong day.
class TimeSeries
{
public:
    TimeSeries() = default;
    static TimeSeries daily(QDate firstDay, std::vector<double> values);
    static TimeSeries numbered(qint64 firstPeriod, std::vector<double> values);

    static constexpr double missing() { return std::numeric_limits<double>::quiet_NaN(); }
    static bool isMissing(double v) { return std::isnan(v); }

    bool isDaily() const { return m_firstDay.isValid(); }
    QDate firstDay() const { return m_firstDay; }
    qint64 firstPeriod() const { return m_firstPeriod; }
    const std::vector<double>& values() const { return m_values; }
    qsizetype size() const { return static_cast<qsizetype>(m_values.size()); }
    double at(qsizetype i) const { return m_values[static_cast<size_t>(i)]; }

    qsizetype observedCount() const;
    qsizetype missingCount() const { return size() - observedCount(); }

    // The date or period number of position i; positions past the end continue the axis
    // (that is where forecasts go). "2026-01-31" or "17".
    QString labelAt(qsizetype i) const;
    QDate dateAt(qsizetype i) const { return m_firstDay.addDays(i); }
    qint64 periodAt(qsizetype i) const { return m_firstPeriod + i; }

    // The first `count` positions (same start), e.g. the training part of a backtest.
    TimeSeries head(qsizetype count) const;
    // Positions [from, from + count) with the axis shifted accordingly.
    TimeSeries slice(qsizetype from, qsizetype count) const;

private:
    QDate m_firstDay;
    qint64 m_firstPeriod = 1;
    std::vector<double> m_values;
};

} // namespace core::forecast
