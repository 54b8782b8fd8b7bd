#include "forecast/series_gaps.h"

#include "forecast/time_series.h"

namespace core::forecast {

std::vector<double> SeriesGaps::interpolated(const std::vector<double>& values)
{
    std::vector<double> out = values;
    const qsizetype n = static_cast<qsizetype>(values.size());
    const qsizetype first = firstObserved(values);
    const qsizetype end = endOfObserved(values);
    if (first >= end)
        return out;
    for (qsizetype i = 0; i < first; ++i)
        out[i] = values[first];
    for (qsizetype i = end; i < n; ++i)
        out[i] = values[end - 1];
    qsizetype previous = first;
    for (qsizetype i = first + 1; i < end; ++i) {
        if (TimeSeries::isMissing(values[i]))
            continue;
        const qsizetype gap = i - previous;
        for (qsizetype j = previous + 1; j < i; ++j) {
            const double w = static_cast<double>(j - previous) / static_cast<double>(gap);
            out[j] = values[previous] + w * (values[i] - values[previous]);
        }
        previous = i;
    }
    return out;
}

qsizetype SeriesGaps::firstObserved(const std::vector<double>& values)
{
    const qsizetype n = static_cast<qsizetype>(values.size());
    for (qsizetype i = 0; i < n; ++i) {
        if (!TimeSeries::isMissing(values[i]))
            return i;
    }
    return n;
}

qsizetype SeriesGaps::endOfObserved(const std::vector<double>& values)
{
    for (qsizetype i = static_cast<qsizetype>(values.size()); i > 0; --i) {
        if (!TimeSeries::isMissing(values[i - 1]))
            return i;
    }
    return firstObserved(values); // none observed: an empty range
}

std::vector<double> SeriesGaps::observed(const std::vector<double>& values)
{
    std::vector<double> out;
    out.reserve(values.size());
    for (double v : values) {
        if (!TimeSeries::isMissing(v))
            out.push_back(v);
    }
    return out;
}

} // namespace core::forecast
