#include "forecast/ets_initialiser.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>

namespace core::forecast {

namespace {

// Least squares of y on the columns of x (row-major, rows x cols) by the normal equations;
// the systems here are tiny (at most 4 columns).
std::vector<double> leastSquares(const std::vector<double>& x, const std::vector<double>& y, size_t cols)
{
    const size_t rows = y.size();
    std::vector<double> a(cols * cols, 0.0);
    std::vector<double> b(cols, 0.0);
    for (size_t r = 0; r < rows; ++r) {
        for (size_t i = 0; i < cols; ++i) {
            b[i] += x[r * cols + i] * y[r];
            for (size_t j = 0; j < cols; ++j)
                a[i * cols + j] += x[r * cols + i] * x[r * cols + j];
        }
    }
    // Gaussian elimination with partial pivoting.
    for (size_t k = 0; k < cols; ++k) {
        size_t pivot = k;
        for (size_t i = k + 1; i < cols; ++i) {
            if (std::abs(a[i * cols + k]) > std::abs(a[pivot * cols + k]))
                pivot = i;
        }
        if (std::abs(a[pivot * cols + k]) < 1e-12)
            return std::vector<double>(cols, 0.0);
        if (pivot != k) {
            for (size_t j = 0; j < cols; ++j)
                std::swap(a[k * cols + j], a[pivot * cols + j]);
            std::swap(b[k], b[pivot]);
        }
        for (size_t i = k + 1; i < cols; ++i) {
            const double f = a[i * cols + k] / a[k * cols + k];
            for (size_t j = k; j < cols; ++j)
                a[i * cols + j] -= f * a[k * cols + j];
            b[i] -= f * b[k];
        }
    }
    std::vector<double> out(cols, 0.0);
    for (size_t k = cols; k-- > 0;) {
        double s = b[k];
        for (size_t j = k + 1; j < cols; ++j)
            s -= a[k * cols + j] * out[j];
        out[k] = s / a[k * cols + k];
    }
    return out;
}

void normalise(std::vector<double>& indices, bool multiplicative)
{
    const double m = static_cast<double>(indices.size());
    const double mean = std::accumulate(indices.begin(), indices.end(), 0.0) / m;
    for (double& s : indices) {
        if (multiplicative)
            s = mean > 0.0 ? std::max(s / mean, 1e-2) : 1.0;
        else
            s -= mean;
    }
    if (multiplicative) {
        const double sum = std::accumulate(indices.begin(), indices.end(), 0.0);
        for (double& s : indices)
            s *= m / sum;
    }
}

// Seasonal indices from y = a + b t + c sin(2 pi t/m) + d cos(2 pi t/m), for series shorter
// than three seasons.
std::vector<double> harmonicIndices(const std::vector<double>& y, int period, bool multiplicative)
{
    const size_t n = y.size();
    const double w = 2.0 * std::numbers::pi / period;
    std::vector<double> x;
    x.reserve(n * 4);
    for (size_t t = 0; t < n; ++t) {
        const double tt = static_cast<double>(t + 1);
        x.insert(x.end(), {1.0, tt, std::sin(w * tt), std::cos(w * tt)});
    }
    const std::vector<double> c = leastSquares(x, y, 4);
    const double meanLevel = c[0] + c[1] * (static_cast<double>(n) + 1.0) / 2.0;
    std::vector<double> out(static_cast<size_t>(period));
    for (int j = 0; j < period; ++j) {
        const double tt = j + 1;
        const double harmonic = c[2] * std::sin(w * tt) + c[3] * std::cos(w * tt);
        out[j] = multiplicative ? (meanLevel > 0.0 ? 1.0 + harmonic / meanLevel : 1.0) : harmonic;
    }
    normalise(out, multiplicative);
    return out;
}

} // namespace

std::vector<double> EtsInitialiser::centredMovingAverage(const std::vector<double>& values, int period)
{
    const qsizetype n = static_cast<qsizetype>(values.size());
    std::vector<double> out(values.size(), std::nan(""));
    const qsizetype half = period / 2;
    for (qsizetype t = half; t + half < n; ++t) {
        double sum = 0.0;
        if (period % 2 == 1) {
            for (qsizetype k = -half; k <= half; ++k)
                sum += values[t + k];
            out[t] = sum / period;
        } else {
            for (qsizetype k = -half + 1; k < half; ++k)
                sum += values[t + k];
            sum += 0.5 * (values[t - half] + values[t + half]);
            out[t] = sum / period;
        }
    }
    return out;
}

std::vector<double> EtsInitialiser::seasonalIndices(const std::vector<double>& values, int period,
                                                    bool multiplicative, int seasons)
{
    const size_t m = static_cast<size_t>(period);
    if (values.size() < 3 * m) {
        if (values.size() < 4)
            return std::vector<double>(m, multiplicative ? 1.0 : 0.0);
        return harmonicIndices(values, period, multiplicative);
    }
    const size_t count = seasons <= 0
                             ? values.size()
                             : std::min(values.size(), std::max<size_t>(3, static_cast<size_t>(seasons)) * m);
    const std::vector<double> y(values.begin(), values.begin() + static_cast<qsizetype>(count));
    const std::vector<double> trend = centredMovingAverage(y, period);
    std::vector<double> sums(m, 0.0);
    std::vector<int> counts(m, 0);
    for (size_t t = 0; t < y.size(); ++t) {
        if (std::isnan(trend[t]))
            continue;
        const double detrended = multiplicative ? (trend[t] != 0.0 ? y[t] / trend[t] : 1.0) : y[t] - trend[t];
        sums[t % m] += detrended;
        ++counts[t % m];
    }
    std::vector<double> out(m);
    for (size_t j = 0; j < m; ++j)
        out[j] = counts[j] > 0 ? sums[j] / counts[j] : (multiplicative ? 1.0 : 0.0);
    normalise(out, multiplicative);
    return out;
}

EtsState EtsInitialiser::initialState(const EtsSpec& spec, const std::vector<double>& values, int period,
                                      int seasons)
{
    EtsState state;
    const bool multiplicativeSeason = spec.season == EtsSpec::Season::Multiplicative;
    const size_t n = values.size();
    const int m = spec.isSeasonal() ? std::max(1, period) : 1;
    if (spec.isSeasonal())
        state.season = seasonalIndices(values, m, multiplicativeSeason, seasons);

    const size_t count = std::min(n, static_cast<size_t>(std::max(10, 2 * m)));
    std::vector<double> adjusted(count);
    for (size_t t = 0; t < count; ++t) {
        double v = values[t];
        if (spec.season == EtsSpec::Season::Additive)
            v -= state.season[t % m];
        else if (multiplicativeSeason)
            v /= state.season[t % m];
        adjusted[t] = v;
    }
    if (!spec.hasTrend() || count < 2) {
        state.level = count > 0 ? std::accumulate(adjusted.begin(), adjusted.end(), 0.0) / count : 0.0;
        return state;
    }
    std::vector<double> x;
    x.reserve(count * 2);
    for (size_t t = 0; t < count; ++t)
        x.insert(x.end(), {1.0, static_cast<double>(t + 1)});
    const std::vector<double> c = leastSquares(x, adjusted, 2);
    state.level = c[0];
    state.trend = c[1];
    if (std::abs(state.level + state.trend) < 1e-8) { // keep l0 + b0 away from 0 (multiplicative error)
        state.level *= 1.0 + 1e-3;
        state.trend *= 1.0 - 1e-3;
    }
    return state;
}

} // namespace core::forecast
