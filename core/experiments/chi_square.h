#pragma once

namespace core {

// The chi-square distribution, for the sample-ratio-mismatch test (scipy's chi2.sf).
class ChiSquare
{
public:
    // P(X ≥ x) for X ~ χ²(degreesOfFreedom): the regularized upper incomplete gamma
    // Q(k/2, x/2), by its series below a + 1 and its continued fraction above. 1 for x ≤ 0;
    // NaN for degreesOfFreedom < 1.
    static double survival(double x, int degreesOfFreedom);
};

} // namespace core
