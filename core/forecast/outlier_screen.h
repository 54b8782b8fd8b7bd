#pragma once

#include <vector>

#include <QtGlobal>

namespace core::forecast {

// Finds one-off spikes and drops (bursts of bot traffic, a tracking outage) so that a model
// fitted to the series does not chase them: such days are then treated as missing. A day is
// an outlier when, on the log scale for positive data and with the median seasonal profile
// taken out, it sits more than `threshold` robust standard deviations (1.4826 MAD) away from
// the running median of the 2m + 1 days around it. Only short runs that the series comes back from count: a
// run of at most `maxRun` such days followed by at least `settle` ordinary observed days, so a genuine level
// shift is never screened out. In the last days the series cannot have settled yet: a short
// run there is clipped to the edge of the normal range instead, so a burst on the last days
// moves the forecast a little rather than doubling it.
class OutlierScreen
{
public:
    struct Options
    {
        double threshold = 4.0;
        int maxRun = 2;
        int settle = 2;
    };

    struct Screening
    {
        std::vector<qsizetype> outliers;                   // left out (NaN values are never outliers)
        std::vector<std::pair<qsizetype, double>> clipped; // trailing extremes: index, value used instead

        bool isEmpty() const { return outliers.empty() && clipped.empty(); }
        // values with the outliers set to NaN and the clipped values replaced.
        std::vector<double> applyTo(std::vector<double> values) const;
    };

    static Screening screen(const std::vector<double>& values, int period, const Options& options);
    static Screening screen(const std::vector<double>& values, int period)
    {
        return screen(values, period, Options{});
    }

    // Median of values (reordered in place); NaN when empty.
    static double median(std::vector<double>& values);

    // x minus the median of the observed values within `half` places either side (NaN stays).
    static std::vector<double> deviationsFromRunningMedian(const std::vector<double>& x, qsizetype half);
};

} // namespace core::forecast
