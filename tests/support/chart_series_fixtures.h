#pragma once

// Series for chart tests and benchmarks: daily values from a list, and long random walks.
#include <cmath>
#include <stdexcept>
#include <vector>

#include <QDate>
#include <QDateTime>
#include <QRandomGenerator>

#include "charting/time_series.h"

namespace chartfixtures {

inline double msAt(QDate day, int hour = 0)
{
    return static_cast<double>(day.startOfDay().addSecs(hour * 3600).toMSecsSinceEpoch());
}

inline core::charting::TimeSeries orThrow(core::Result<core::charting::TimeSeries> r)
{
    if (!r.ok())
        throw std::runtime_error(r.error().toString().toStdString());
    return std::move(r).value();
}

// One point per day from `first`, at local midnight.
inline core::charting::TimeSeries daily(QDate first, const std::vector<double>& values)
{
    std::vector<double> x;
    for (std::size_t i = 0; i < values.size(); ++i)
        x.push_back(msAt(first.addDays(static_cast<qint64>(i))));
    return orThrow(core::charting::TimeSeries::create(std::move(x), values));
}

// `days` daily values from `first`: f(dayIndex).
template <typename F> core::charting::TimeSeries dailyOf(QDate first, int days, F f)
{
    std::vector<double> values;
    for (int i = 0; i < days; ++i)
        values.push_back(f(i));
    return daily(first, values);
}

// n points `stepMs` apart from `startMs`, a random walk (seeded, so runs repeat).
inline core::charting::TimeSeries randomWalk(std::size_t n, quint32 seed, double startMs, double stepMs)
{
    QRandomGenerator rng(seed);
    std::vector<double> x(n), y(n);
    double v = 1000.0;
    for (std::size_t i = 0; i < n; ++i) {
        x[i] = startMs + stepMs * static_cast<double>(i);
        v += rng.generateDouble() - 0.5;
        y[i] = v;
    }
    return orThrow(core::charting::TimeSeries::create(std::move(x), std::move(y)));
}

} // namespace chartfixtures
