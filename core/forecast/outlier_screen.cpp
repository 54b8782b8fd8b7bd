#include "forecast/outlier_screen.h"

#include <algorithm>
#include <cmath>

#include "forecast/series_gaps.h"
#include "forecast/time_series.h"

namespace core::forecast {

double OutlierScreen::median(std::vector<double>& values)
{
    if (values.empty())
        return std::nan("");
    const size_t mid = values.size() / 2;
    std::nth_element(values.begin(), values.begin() + static_cast<qsizetype>(mid), values.end());
    const double upper = values[mid];
    if (values.size() % 2 == 1)
        return upper;
    const double lower = *std::max_element(values.begin(), values.begin() + static_cast<qsizetype>(mid));
    return (lower + upper) / 2.0;
}

OutlierScreen::Screening OutlierScreen::screen(const std::vector<double>& values, int period,
                                               const Options& options)
{
    const qsizetype n = static_cast<qsizetype>(values.size());
    const std::vector<double> observed = SeriesGaps::observed(values);
    const int m = std::max(1, period);
    const qsizetype half = std::max(m, 3);
    if (static_cast<qsizetype>(observed.size()) < 4 * half)
        return {};
    const bool logScale = std::all_of(observed.begin(), observed.end(), [](double v) { return v > 0.0; });
    std::vector<double> x(values.size());
    std::transform(values.begin(), values.end(), x.begin(), [logScale](double v) {
        return TimeSeries::isMissing(v) ? v : (logScale ? std::log(v) : v);
    });

    // Two passes: a seasonal profile from the deviations from a running median, then the
    // running median of the seasonally adjusted values (which keeps a level shift a clean step).
    std::vector<double> profile(static_cast<size_t>(m), 0.0);
    std::vector<double> residual;
    for (int pass = 0; pass < 2; ++pass) {
        std::vector<double> adjusted(x);
        for (qsizetype t = 0; t < n; ++t)
            adjusted[t] -= profile[t % m];
        residual = deviationsFromRunningMedian(adjusted, half);
        if (pass == 1 || m == 1)
            break;
        std::vector<double> window;
        for (int j = 0; j < m; ++j) {
            window.clear();
            for (qsizetype t = j; t < n; t += m) {
                if (!TimeSeries::isMissing(residual[t]))
                    window.push_back(residual[t]);
            }
            profile[j] = window.empty() ? 0.0 : median(window);
        }
    }
    std::vector<double> magnitudes;
    for (double r : residual) {
        if (!TimeSeries::isMissing(r))
            magnitudes.push_back(std::abs(r));
    }
    const double scale = 1.4826 * median(magnitudes);
    if (!(scale > 0.0))
        return {};
    const double limit = options.threshold * scale;

    // Short runs of same-signed outlying values that the series settles back from.
    auto sign = [&](qsizetype t) {
        if (TimeSeries::isMissing(residual[t]) || std::abs(residual[t]) <= limit)
            return 0;
        return residual[t] > 0 ? 1 : -1;
    };
    Screening out;
    qsizetype t = 0;
    while (t < n) {
        const int s = sign(t);
        if (s == 0) {
            ++t;
            continue;
        }
        qsizetype end = t;
        while (end < n && (TimeSeries::isMissing(values[end]) || sign(end) == s))
            ++end;
        qsizetype runLength = 0;
        for (qsizetype k = t; k < end; ++k)
            runLength += TimeSeries::isMissing(values[k]) ? 0 : 1;
        qsizetype settled = 0;
        qsizetype k = end;
        for (; k < n && settled < options.settle && sign(k) == 0; ++k)
            settled += TimeSeries::isMissing(values[k]) ? 0 : 1;
        const bool atTheEnd = k == n && settled < options.settle; // the series has not had time to settle
        if (runLength <= options.maxRun && settled >= options.settle) {
            for (qsizetype k = t; k < end; ++k) {
                if (!TimeSeries::isMissing(values[k]))
                    out.outliers.push_back(k);
            }
        } else if (runLength <= options.maxRun && atTheEnd) {
            // Too recent to tell a burst from a new level: pull it back to the edge of the range.
            for (qsizetype k = t; k < end; ++k) {
                if (TimeSeries::isMissing(values[k]))
                    continue;
                const double edge = x[k] - residual[k] + s * limit;
                out.clipped.emplace_back(k, logScale ? std::exp(edge) : edge);
            }
        }
        t = end;
    }
    return out;
}

std::vector<double> OutlierScreen::Screening::applyTo(std::vector<double> values) const
{
    for (qsizetype i : outliers)
        values[static_cast<size_t>(i)] = TimeSeries::missing();
    for (const auto& [i, value] : clipped)
        values[static_cast<size_t>(i)] = value;
    return values;
}

std::vector<double> OutlierScreen::deviationsFromRunningMedian(const std::vector<double>& x, qsizetype half)
{
    const qsizetype n = static_cast<qsizetype>(x.size());
    std::vector<double> out(x.size(), TimeSeries::missing());
    std::vector<double> window;
    for (qsizetype t = 0; t < n; ++t) {
        if (TimeSeries::isMissing(x[t]))
            continue;
        window.clear();
        for (qsizetype k = std::max<qsizetype>(0, t - half); k <= std::min(n - 1, t + half); ++k) {
            if (!TimeSeries::isMissing(x[k]))
                window.push_back(x[k]);
        }
        out[t] = x[t] - median(window);
    }
    return out;
}

} // namespace core::forecast
