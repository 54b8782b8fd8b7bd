#include "forecast/seeded_random.h"

#include <algorithm>
#include <cmath>

namespace core::forecast {

SeededRandom::SeededRandom(std::uint64_t seed, std::uint64_t index)
    : m_engine(seed ^ (0x9E3779B97F4A7C15ULL * (index + 1)))
{
}

double SeededRandom::uniform()
{
    return static_cast<double>(m_engine() >> 11) * 0x1.0p-53;
}

double SeededRandom::normal()
{
    // Marsaglia's polar method: two normals per accepted pair, no trigonometry.
    if (m_hasSpare) {
        m_hasSpare = false;
        return m_spare;
    }
    double u = 0.0, v = 0.0, s = 0.0;
    do {
        u = 2.0 * uniform() - 1.0;
        v = 2.0 * uniform() - 1.0;
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double factor = std::sqrt(-2.0 * std::log(s) / s);
    m_spare = v * factor;
    m_hasSpare = true;
    return u * factor;
}

std::int64_t SeededRandom::poisson(double mean)
{
    if (!(mean > 0.0))
        return 0;
    if (mean > 50.0)
        return std::max<std::int64_t>(0, std::llround(mean + std::sqrt(mean) * normal()));
    const double limit = std::exp(-mean);
    std::int64_t k = 0;
    double product = uniform();
    while (product > limit) {
        ++k;
        product *= uniform();
    }
    return k;
}

} // namespace core::forecast
