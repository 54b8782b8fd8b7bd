#pragma once

#include <QByteArray>

#include <chrono>

namespace core {

// When and how long the REST layer retries (reference §4, as the official SDKs do):
// 429 and 503 for any request, honouring Retry-After; connection failures and timeouts only
// for requests that are safe to repeat; capped exponential backoff with jitter; an overall
// deadline. Timeouts are per instance so tests can use milliseconds.
struct RetryPolicy
{
    int maxAttempts = 8;
    std::chrono::milliseconds firstDelay{500};
    std::chrono::milliseconds maxDelay{10000};
    std::chrono::milliseconds requestTimeout{60000}; // one HTTP exchange
    std::chrono::milliseconds deadline{300000};      // all attempts together
    double jitter = 0.25;                            // ± fraction of the delay

    // Delay before attempt `attempt` (1 = the first retry). retryAfter: the header's value,
    // seconds or an HTTP date; empty when absent. random01: a number in [0, 1).
    std::chrono::milliseconds delayBefore(int attempt, const QByteArray& retryAfter, double random01) const;
};

} // namespace core
