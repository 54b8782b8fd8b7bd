#include "forecast/segment_series.h"

#include "backends/metrics_store.h"

namespace core::forecast {

Result<SegmentMetric> SegmentSeries::parseMetric(const QString& name)
{
    for (SegmentMetric m : {SegmentMetric::Impressions, SegmentMetric::Clicks, SegmentMetric::Conversions}) {
        if (name == metricName(m))
            return m;
    }
    return Error::validation(
        QStringLiteral("unknown_metric"),
        QStringLiteral("“%1” is not a daily metric; use impressions, clicks or conversions.").arg(name));
}

QString SegmentSeries::metricName(SegmentMetric metric)
{
    switch (metric) {
    case SegmentMetric::Impressions:
        return QStringLiteral("impressions");
    case SegmentMetric::Clicks:
        return QStringLiteral("clicks");
    case SegmentMetric::Conversions:
        return QStringLiteral("conversions");
    }
    return {};
}

std::optional<SegmentMetric> SegmentSeries::of(Metric metric)
{
    switch (metric) {
    case Metric::Impressions:
        return SegmentMetric::Impressions;
    case Metric::Clicks:
        return SegmentMetric::Clicks;
    case Metric::Conversions:
        return SegmentMetric::Conversions;
    default:
        return std::nullopt;
    }
}

TimeSeries SegmentSeries::fromDailyMetrics(const QList<DailyMetrics>& days, SegmentMetric metric,
                                           QDate through)
{
    QList<DailyMetrics> kept;
    for (const DailyMetrics& d : days) {
        if (!through.isValid() || d.day <= through)
            kept.append(d);
    }
    const QList<DailyMetrics> filled =
        DailyMetrics::withZeroDays(kept, {}, kept.isEmpty() ? QDate() : through);
    if (filled.isEmpty())
        return TimeSeries::daily(QDate(), {});
    std::vector<double> values;
    values.reserve(static_cast<size_t>(filled.size()));
    for (const DailyMetrics& d : filled) {
        const qint64 v = metric == SegmentMetric::Impressions ? d.impressions
                         : metric == SegmentMetric::Clicks    ? d.clicks
                                                              : d.conversions;
        values.push_back(static_cast<double>(v));
    }
    return TimeSeries::daily(filled.first().day, std::move(values));
}

QFuture<Result<TimeSeries>> SegmentSeries::read(MetricsStore& store, const QString& segmentId,
                                                SegmentMetric metric, QDate through)
{
    return store.dailyMetrics(segmentId, {}, through)
        .then([segmentId, metric, through](const Result<QList<DailyMetrics>>& days) {
            if (!days)
                return Result<TimeSeries>(days.error());
            if (days.value().isEmpty()) {
                Error e = Error::validation(
                    QStringLiteral("no_data"),
                    QStringLiteral("Segment “%1” has no daily metrics yet.").arg(segmentId));
                e.remediation = QStringLiteral(
                    "Run the impressions pipeline first, or forecast a CSV file with --input.");
                return Result<TimeSeries>(e);
            }
            return Result<TimeSeries>(fromDailyMetrics(days.value(), metric, through));
        });
}

} // namespace core::forecast
