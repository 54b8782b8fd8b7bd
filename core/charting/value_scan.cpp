#include "charting/value_scan.h"

#include <algorithm>
#include <cmath>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace core::charting {

ValueScan scanValues(const double* y, std::size_t n)
{
    ValueScan scan;
    std::size_t i = 0;
#if defined(__SSE2__)
    // MINPD/MAXPD return the second operand when the first is NaN: NaNs are skipped.
    __m128d mn0 = _mm_set1_pd(scan.min), mn1 = mn0;
    __m128d mx0 = _mm_set1_pd(scan.max), mx1 = mx0;
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

std::size_t firstIndexOf(const double* y, std::size_t n, double value)
{
    return static_cast<std::size_t>(std::find(y, y + n, value) - y);
}

std::size_t firstNaNIndex(const double* y, std::size_t n)
{
    return static_cast<std::size_t>(std::find_if(y, y + n, [](double v) { return std::isnan(v); }) - y);
}

} // namespace core::charting
