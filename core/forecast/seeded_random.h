#pragma once

#include <cstdint>
#include <random>

namespace core::forecast {

// Random numbers that are the same on every platform for the same seed: the 64-bit Mersenne
// Twister (fully specified by the standard) with the distributions written out here, since the
// standard library's distributions differ between implementations.
class SeededRandom
{
public:
    explicit SeededRandom(std::uint64_t seed) : m_engine(seed) {}
    // A stream of its own for item `index` of a seeded collection.
    SeededRandom(std::uint64_t seed, std::uint64_t index);

    double uniform(); // [0, 1)
    double uniform(double low, double high) { return low + (high - low) * uniform(); }
    double normal(); // standard normal (Marsaglia's polar method)
    double normal(double mean, double sd) { return mean + sd * normal(); }
    // Poisson counts: exact (multiplication method) for small means, normal approximation
    // rounded at 0 for means above 50.
    std::int64_t poisson(double mean);
    bool chance(double probability) { return uniform() < probability; }

private:
    std::mt19937_64 m_engine;
    bool m_hasSpare = false;
    double m_spare = 0.0;
};

} // namespace core::forecast
