#pragma once

#include <QtGlobal>

namespace core {

// A rate such as CTR (clicks / impressions) or CVR (conversions / clicks) with its 95 %
// confidence interval. The interval is Wilson's score interval: it stays inside [0, 1] and
// is honest for small counts (0 clicks out of 40 impressions is [0 %, 8.8 %], not [0, 0]).
// The reference (audience-and-stats.md §5) gives no single-rate interval; Wilson is the
// usual choice of the statistics engines it describes.
struct ProportionEstimate
{
    qint64 successes = 0;
    qint64 trials = 0;
    double value = 0; // successes / trials; 0 when there are no trials
    double low = 0;   // interval bounds, equal to value when hasInterval is false
    double high = 0;
    bool hasInterval = false; // false without trials, or with more successes than trials

    bool defined() const { return trials > 0; }

    // successes of trials at the given confidence (two-sided).
    static ProportionEstimate wilson(qint64 successes, qint64 trials, double confidence = 0.95);
    bool operator==(const ProportionEstimate&) const = default;
};

} // namespace core
