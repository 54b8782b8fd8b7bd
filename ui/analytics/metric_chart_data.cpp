#include "analytics/metric_chart_data.h"

#include <cmath>
#include <limits>
#include <vector>

#include "analytics/proportion_estimate.h"
#include "charts/time_series_chart.h"

namespace ui {

namespace {

using core::charting::TimeSeries;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double xOf(const core::MetricPeriod& period)
{
    return static_cast<double>(period.start.startOfDay().toMSecsSinceEpoch());
}

// Successes and trials of a rate over a period.
std::pair<qint64, qint64> rateCounts(const core::MetricPeriod& period, core::Metric metric)
{
    return metric == core::Metric::Ctr ? std::pair{period.totals.clicks, period.totals.impressions}
                                       : std::pair{period.totals.conversions, period.totals.clicks};
}

template <typename F> TimeSeries seriesOf(const QList<core::MetricPeriod>& periods, F y)
{
    std::vector<double> xs;
    std::vector<double> ys;
    xs.reserve(static_cast<std::size_t>(periods.size()));
    ys.reserve(static_cast<std::size_t>(periods.size()));
    for (const auto& p : periods) {
        xs.push_back(xOf(p));
        ys.push_back(y(p));
    }
    auto series = TimeSeries::create(std::move(xs), std::move(ys));
    return series ? series.value() : TimeSeries(); // periods are ordered with finite values
}

} // namespace

TimeSeries MetricChartData::line(const QList<core::MetricPeriod>& periods, core::Metric metric)
{
    return seriesOf(periods, [metric](const core::MetricPeriod& p) {
        if (!core::isRateMetric(metric))
            return p.value(metric);
        return rateCounts(p, metric).second > 0 ? 100.0 * p.value(metric) : kNaN;
    });
}

core::Status MetricChartData::add(TimeSeriesChart& chart, const QString& name,
                                  const QList<core::MetricPeriod>& periods, core::Metric metric,
                                  const QColor& color, bool withInterval)
{
    if (withInterval && core::isRateMetric(metric)) {
        auto bound = [&](bool upper) {
            return seriesOf(periods, [&](const core::MetricPeriod& p) {
                const auto [successes, trials] = rateCounts(p, metric);
                if (trials == 0)
                    return kNaN;
                const auto estimate = core::ProportionEstimate::wilson(successes, trials);
                return 100.0 * (upper ? estimate.high : estimate.low);
            });
        };
        QColor fill = color;
        fill.setAlpha(60);
        if (auto s = chart.addBand(intervalName(name), bound(false), bound(true), fill); !s)
            return s;
    }
    return chart.addSeries(name, line(periods, metric), color);
}

QString MetricChartData::intervalName(const QString& name)
{
    return QObject::tr("%1 95 % interval").arg(name);
}

QColor segmentColour(int index)
{
    static const QColor colours[] = {QColor(0x1a, 0x73, 0xe8), QColor(0xe3, 0x74, 0x00),
                                     QColor(0x18, 0x80, 0x38), QColor(0xa1, 0x42, 0xf4),
                                     QColor(0xd9, 0x30, 0x25), QColor(0x00, 0x89, 0x8f)};
    return colours[static_cast<std::size_t>(index) % std::size(colours)];
}

} // namespace ui
