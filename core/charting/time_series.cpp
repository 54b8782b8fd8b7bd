#include "charting/time_series.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "charting/value_scan.h"

namespace core::charting {

namespace {

std::vector<BlockSummary> summarise(const std::vector<double>& y)
{
    constexpr std::size_t b = TimeSeries::kBlockSize;
    std::vector<BlockSummary> blocks;
    blocks.reserve(y.size() / b);
    for (std::size_t start = 0; start + b <= y.size(); start += b) {
        const double* block = y.data() + start;
        const ValueScan scan = scanValues(block, b);
        const auto offset = [](std::size_t i) { return static_cast<std::uint8_t>(i); };
        blocks.push_back({scan.min, scan.max, offset(scan.hasValues() ? firstIndexOf(block, b, scan.min) : 0),
                          offset(scan.hasValues() ? firstIndexOf(block, b, scan.max) : 0),
                          scan.hasNaN ? offset(firstNaNIndex(block, b)) : BlockSummary::kNone});
    }
    return blocks;
}

} // namespace

TimeSeries::TimeSeries() : m_data(std::make_shared<const Data>()) {}

Result<TimeSeries> TimeSeries::create(std::vector<double> x, std::vector<double> y)
{
    if (x.size() != y.size())
        return Error::validation(QStringLiteral("series_size_mismatch"),
                                 QStringLiteral("A chart series needs one y value for every x value."),
                                 QStringLiteral("%1 x values, %2 y values").arg(x.size()).arg(y.size()));
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (!std::isfinite(x[i]))
            return Error::validation(QStringLiteral("series_x_not_finite"),
                                     QStringLiteral("A chart series has a point without a valid position."),
                                     QStringLiteral("x[%1] is %2").arg(i).arg(x[i]));
        if (i > 0 && x[i] < x[i - 1])
            return Error::validation(QStringLiteral("series_x_not_sorted"),
                                     QStringLiteral("The points of a chart series must be in time order."),
                                     QStringLiteral("x[%1] = %2 comes before x[%3] = %4")
                                         .arg(i)
                                         .arg(x[i], 0, 'f', 0)
                                         .arg(i - 1)
                                         .arg(x[i - 1], 0, 'f', 0));
        if (std::isinf(y[i]))
            return Error::validation(QStringLiteral("series_y_infinite"),
                                     QStringLiteral("A chart series has an infinite value."),
                                     QStringLiteral("y[%1] is %2").arg(i).arg(y[i]));
    }
    std::vector<BlockSummary> blocks = summarise(y);
    return TimeSeries(std::make_shared<const Data>(Data{std::move(x), std::move(y), std::move(blocks)}));
}

std::optional<XRange> TimeSeries::extent() const
{
    if (isEmpty())
        return std::nullopt;
    return XRange{m_data->x.front(), m_data->x.back()};
}

IndexRange TimeSeries::indicesWithin(const XRange& range) const
{
    const auto& xv = m_data->x;
    const auto first = std::lower_bound(xv.begin(), xv.end(), range.min);
    const auto last = std::upper_bound(first, xv.end(), range.max);
    return {static_cast<std::size_t>(first - xv.begin()), static_cast<std::size_t>(last - xv.begin())};
}

std::optional<std::size_t> TimeSeries::nearestIndex(double x) const
{
    const auto& xv = m_data->x;
    if (xv.empty())
        return std::nullopt;
    const auto after = std::lower_bound(xv.begin(), xv.end(), x);
    if (after == xv.begin())
        return 0;
    if (after == xv.end())
        return xv.size() - 1;
    const auto before = after - 1;
    const std::size_t i = static_cast<std::size_t>(before - xv.begin());
    return (x - *before <= *after - x) ? i : i + 1;
}

} // namespace core::charting
