#include "charting/min_max_decimator.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "charting/decimated_points.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace core::charting {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct ColumnScan
{
    double min = kInf;
    double max = -kInf;
    bool hasNaN = false;

    bool hasValues() const { return min <= max; }
};

// Lowest and highest non-NaN value of y[0, n) and whether a NaN occurs. `v < m ? v : m` ignores
// a NaN v, which is also what MINPD/MAXPD do with the NaN in the first operand.
ColumnScan scanColumn(const double* y, std::size_t n)
{
    ColumnScan scan;
    std::size_t i = 0;
#if defined(__SSE2__)
    __m128d mn0 = _mm_set1_pd(kInf), mn1 = mn0;
    __m128d mx0 = _mm_set1_pd(-kInf), mx1 = mx0;
    __m128d nan0 = _mm_setzero_pd(), nan1 = nan0;
    for (; i + 4 <= n; i += 4) {
        const __m128d a = _mm_loadu_pd(y + i);
        const __m128d b = _mm_loadu_pd(y + i + 2);
        mn0 = _mm_min_pd(a, mn0);
        mn1 = _mm_min_pd(b, mn1);
        mx0 = _mm_max_pd(a, mx0);
        mx1 = _mm_max_pd(b, mx1);
        nan0 = _mm_or_pd(nan0, _mm_cmpunord_pd(a, a));
        nan1 = _mm_or_pd(nan1, _mm_cmpunord_pd(b, b));
    }
    const __m128d mn = _mm_min_pd(mn0, mn1);
    const __m128d mx = _mm_max_pd(mx0, mx1);
    scan.min = std::min(_mm_cvtsd_f64(mn), _mm_cvtsd_f64(_mm_unpackhi_pd(mn, mn)));
    scan.max = std::max(_mm_cvtsd_f64(mx), _mm_cvtsd_f64(_mm_unpackhi_pd(mx, mx)));
    scan.hasNaN = _mm_movemask_pd(_mm_or_pd(nan0, nan1)) != 0;
#endif
    for (; i < n; ++i) {
        const double v = y[i];
        scan.min = v < scan.min ? v : scan.min;
        scan.max = v > scan.max ? v : scan.max;
        scan.hasNaN |= std::isnan(v);
    }
    return scan;
}

class ColumnReducer
{
public:
    ColumnReducer(const TimeSeries& series, DecimatedPoints& out)
        : m_x(series.xs().data()), m_y(series.ys().data()), m_out(out)
    {
    }

    void keep(std::size_t i) { m_out.append(m_x[i], m_y[i]); }

    // Points [begin, end) of one pixel column.
    void reduce(std::size_t begin, std::size_t end)
    {
        const std::size_t n = end - begin;
        if (n <= 4) {
            for (std::size_t i = begin; i < end; ++i)
                keep(i);
            return;
        }
        const ColumnScan scan = scanColumn(m_y + begin, n);
        if (!scan.hasValues()) {
            m_out.appendGap(m_x[begin]);
            return;
        }
        std::array<std::size_t, 5> picks{};
        std::size_t count = 0;
        picks[count++] = firstWhere(begin, end, [](double v) { return !std::isnan(v); });
        picks[count++] = lastValid(begin, end);
        picks[count++] = firstWhere(begin, end, [&](double v) { return v == scan.min; });
        picks[count++] = firstWhere(begin, end, [&](double v) { return v == scan.max; });
        if (scan.hasNaN)
            picks[count++] = firstWhere(begin, end, [](double v) { return std::isnan(v); });
        std::sort(picks.begin(), picks.begin() + count);
        const auto last = std::unique(picks.begin(), picks.begin() + count);
        for (auto it = picks.begin(); it != last; ++it)
            keep(*it);
    }

private:
    template <typename Pred> std::size_t firstWhere(std::size_t begin, std::size_t end, Pred pred) const
    {
        for (std::size_t i = begin; i < end; ++i)
            if (pred(m_y[i]))
                return i;
        return begin; // not reached: callers only look for what the scan found
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
    DecimatedPoints& m_out;
};

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
    for (int c = 0; c < columns && begin < visible.end; ++c) {
        std::size_t end = visible.end;
        if (c + 1 < columns) {
            const double boundary = range.min + columnWidth * (c + 1);
            end = static_cast<std::size_t>(std::lower_bound(x + begin, x + visible.end, boundary) - x);
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
