#include "charting/min_max_decimator.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <optional>

#include "charting/decimated_points.h"
#include "charting/value_scan.h"

namespace core::charting {

namespace {

// What a column keeps besides its ends: where its lowest and highest value and its first NaN are.
struct Extremes
{
    double min = std::numeric_limits<double>::infinity();
    double max = -std::numeric_limits<double>::infinity();
    std::size_t minAt = 0;
    std::size_t maxAt = 0;
    std::optional<std::size_t> firstNaN;

    bool hasValues() const { return min <= max; }
};

class ColumnReducer
{
public:
    ColumnReducer(const TimeSeries& series, DecimatedPoints& out)
        : m_x(series.xs().data()), m_y(series.ys().data()), m_blocks(series.blocks()), m_out(out)
    {
    }

    void keep(std::size_t i) { m_out.append(m_x[i], m_y[i]); }

    // Points [begin, end) of one pixel column.
    void reduce(std::size_t begin, std::size_t end)
    {
        if (end - begin <= 4) {
            for (std::size_t i = begin; i < end; ++i)
                keep(i);
            return;
        }
        const Extremes e = extremes(begin, end);
        if (!e.hasValues()) {
            m_out.appendGap(m_x[begin]);
            return;
        }
        std::array<std::size_t, 5> picks{firstValid(begin, end), lastValid(begin, end), e.minAt, e.maxAt};
        std::size_t count = 4;
        if (e.firstNaN)
            picks[count++] = *e.firstNaN;
        std::sort(picks.begin(), picks.begin() + count);
        const auto last = std::unique(picks.begin(), picks.begin() + count);
        for (auto it = picks.begin(); it != last; ++it)
            keep(*it);
    }

private:
    // Points before the first and after the last whole block of the column are read one by one;
    // whole blocks are read from their summaries (a column needs three or more blocks for that).
    Extremes extremes(std::size_t begin, std::size_t end) const
    {
        constexpr std::size_t b = TimeSeries::kBlockSize;
        Extremes e;
        const std::size_t firstBlock = (begin + b - 1) / b;
        const std::size_t endBlock = std::min(end / b, m_blocks.size());
        if (endBlock < firstBlock + 2) {
            scan(begin, end, e);
            return e;
        }
        scan(begin, firstBlock * b, e);
        for (std::size_t k = firstBlock; k < endBlock; ++k) {
            const BlockSummary& s = m_blocks[k];
            if (s.min < e.min) {
                e.min = s.min;
                e.minAt = k * b + s.minAt;
            }
            if (s.max > e.max) {
                e.max = s.max;
                e.maxAt = k * b + s.maxAt;
            }
            if (!e.firstNaN && s.firstNaNAt != BlockSummary::kNone)
                e.firstNaN = k * b + s.firstNaNAt;
        }
        scan(endBlock * b, end, e);
        return e;
    }

    // Folds y[begin, end) into `e`; indices are found only for values that improve on it.
    void scan(std::size_t begin, std::size_t end, Extremes& e) const
    {
        if (end <= begin)
            return;
        const double* y = m_y + begin;
        const std::size_t n = end - begin;
        const ValueScan s = scanValues(y, n);
        if (s.min < e.min) {
            e.min = s.min;
            e.minAt = begin + firstIndexOf(y, n, s.min);
        }
        if (s.max > e.max) {
            e.max = s.max;
            e.maxAt = begin + firstIndexOf(y, n, s.max);
        }
        if (s.hasNaN && !e.firstNaN)
            e.firstNaN = begin + firstNaNIndex(y, n);
    }

    std::size_t firstValid(std::size_t begin, std::size_t end) const
    {
        for (std::size_t i = begin; i < end; ++i)
            if (!std::isnan(m_y[i]))
                return i;
        return begin; // not reached: the column has values
    }
    std::size_t lastValid(std::size_t begin, std::size_t end) const
    {
        for (std::size_t i = end; i > begin; --i)
            if (!std::isnan(m_y[i - 1]))
                return i - 1;
        return begin;
    }

    const double* m_x;
    const double* m_y;
    std::span<const BlockSummary> m_blocks;
    DecimatedPoints& m_out;
};

// The first i in [from, limit) with x[i] >= boundary, searched around from + hint (the previous
// column's size): evenly spaced data hits it at once, so a column costs a couple of reads of x
// instead of a full binary search's cache misses.
std::size_t columnEnd(const double* x, std::size_t from, std::size_t limit, double boundary, std::size_t hint)
{
    std::size_t guess = std::min(from + hint, limit);
    std::size_t lo = from;
    std::size_t hi = limit;
    std::size_t step = 1;
    if (guess < limit && x[guess] < boundary) { // the end lies to the right of the guess
        lo = guess + 1;
        while (lo + step < limit && x[lo + step - 1] < boundary) {
            lo += step;
            step *= 2;
        }
        hi = std::min(limit, lo + step);
    } else { // at or left of the guess
        hi = guess;
        while (hi > from + step && x[hi - step] >= boundary) {
            hi -= step;
            step *= 2;
        }
        lo = hi > from + step ? hi - step : from;
    }
    return static_cast<std::size_t>(std::lower_bound(x + lo, x + hi, boundary) - x);
}

} // namespace

QList<QPointF> decimateMinMax(const TimeSeries& series, const XRange& range, int columns)
{
    DecimatedPoints out;
    if (series.isEmpty() || !range.isValid())
        return out.take();
    columns = std::max(1, columns);
    const IndexRange visible = series.indicesWithin(range);
    out.reserve(static_cast<qsizetype>(std::min<std::size_t>(visible.size(), 5 * std::size_t(columns)) + 2));

    ColumnReducer reducer(series, out);
    if (visible.begin > 0)
        reducer.keep(visible.begin - 1);

    const double* x = series.xs().data();
    const double columnWidth = range.width() / columns;
    std::size_t begin = visible.begin;
    std::size_t hint = visible.size() / static_cast<std::size_t>(columns);
    for (int c = 0; c < columns && begin < visible.end; ++c) {
        std::size_t end = visible.end;
        if (c + 1 < columns) {
            const double boundary = range.min + columnWidth * (c + 1);
            end = columnEnd(x, begin, visible.end, boundary, hint);
            hint = std::max<std::size_t>(1, end - begin);
        }
        if (end > begin)
            reducer.reduce(begin, end);
        begin = end;
    }

    if (visible.end < series.size())
        reducer.keep(visible.end);
    return out.take();
}

} // namespace core::charting
