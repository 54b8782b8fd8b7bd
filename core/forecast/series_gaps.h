#pragma once

#include <vector>

#include <QtGlobal>

namespace core::forecast {

// Missing values (NaN) inside a series. The ETS recursion steps over a missing day without an
// innovation (the state carries its forecast forward); only starting values need a complete
// series, and they get one by linear interpolation.
class SeriesGaps
{
public:
    // Linear interpolation between the nearest observed neighbours; leading and trailing gaps
    // take the nearest observed value. All missing: returned unchanged.
    static std::vector<double> interpolated(const std::vector<double>& values);

    // Index of the first / one past the last observed value; first == last when none is.
    static qsizetype firstObserved(const std::vector<double>& values);
    static qsizetype endOfObserved(const std::vector<double>& values);

    // The observed values, in order.
    static std::vector<double> observed(const std::vector<double>& values);
};

} // namespace core::forecast
