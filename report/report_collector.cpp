#include "report/report_collector.h"

#include "analytics/comparison_builder.h"
#include "backends/backend.h"
#include "common/future_wait.h"
#include "forecast/forecaster.h"
#include "forecast/segment_series.h"

namespace report {

namespace {

core::Error cancelled()
{
    core::Error e;
    e.kind = core::ErrorKind::Cancelled;
    e.userMessage = QStringLiteral("The report was cancelled.");
    return e;
}

} // namespace

QString ReportContent::baseName() const
{
    return asOf.isValid() ? QStringLiteral("%1-%2").arg(definition.name, asOf.toString(Qt::ISODate)) : definition.name;
}

ReportCollector::ReportCollector(core::Backend& backend, std::shared_ptr<const core::Catalogue> catalogue)
    : m_backend(backend), m_catalogue(std::move(catalogue))
{}

core::Result<ReportContent> ReportCollector::collect(const ReportDefinition& definition, const Progress& progress) const
{
    if (auto s = definition.validate(); !s)
        return s.error();
    const auto& sections = definition.sections;
    const int steps = 3 + (sections.comparison ? 1 : 0) + (sections.forecasts ? 1 : 0) + (sections.experiments ? 1 : 0);
    int step = 0;
    const auto advance = [&](const QString& what) { return !progress || progress(step++, steps, what); };

    ReportContent content;
    content.definition = definition;
    content.generatedAt = QDateTime::currentDateTimeUtc();

    if (!advance(QStringLiteral("Reading the advertiser and its segments")))
        return cancelled();
    auto advertisers = core::awaitFuture(m_backend.segments().listAdvertisers());
    if (!advertisers)
        return advertisers.error();
    bool found = false;
    for (const auto& a : advertisers.value()) {
        if (a.id == definition.advertiserId) {
            content.advertiser = a;
            found = true;
        }
    }
    if (!found)
        return core::Error::notFound(
            QStringLiteral("The report “%1” is for advertiser %2, which this workspace does not have.")
                .arg(definition.name, definition.advertiserId));
    core::SegmentQuery query;
    query.advertiserId = definition.advertiserId;
    auto live = core::awaitFuture(m_backend.segments().listSegments(query));
    if (!live)
        return live.error();
    QList<core::Segment> segments;
    if (definition.segmentIds.isEmpty()) {
        segments = live.value();
    } else {
        for (const auto& id : definition.segmentIds) {
            auto it = std::find_if(live.value().begin(), live.value().end(),
                                   [&](const core::Segment& s) { return s.id == id; });
            if (it == live.value().end())
                return core::Error::notFound(
                    QStringLiteral("The report “%1” names segment %2, which is not a live segment of %3.")
                        .arg(definition.name, id, content.advertiser.name));
            segments.append(*it);
        }
    }

    if (!advance(QStringLiteral("Reading the daily metrics")))
        return cancelled();
    auto metrics = core::awaitFuture(m_backend.metrics().dailyMetricsOfAll(definition.advertiserId));
    if (!metrics)
        return metrics.error();
    QHash<QString, QList<core::DailyMetrics>> history;
    for (const auto& m : metrics.value()) {
        history.insert(m.segmentId, m.days);
        if (!m.days.isEmpty() && (!content.asOf.isValid() || m.days.last().day > content.asOf))
            content.asOf = m.days.last().day;
    }
    const QDate last = content.asOf.isValid() ? content.asOf : content.generatedAt.date();
    content.range = core::DateRange::endingOn(last, definition.lastDays);

    if (!advance(QStringLiteral("Computing the KPIs")))
        return cancelled();
    for (const auto& s : segments) {
        ReportSegment r;
        r.segment = s;
        const auto& days = history.value(s.id);
        r.kpis = core::KpiSummary::of(days, content.range);
        QList<core::DailyMetrics> inside;
        for (const auto& d : days) {
            if (content.range.contains(d.day))
                inside.append(d);
        }
        r.daily = core::DailyMetrics::withZeroDays(inside, content.range.first, content.range.last);
        content.segments.append(r);
    }

    if (sections.comparison) {
        if (!advance(QStringLiteral("Comparing the segments")))
            return cancelled();
        const int n = static_cast<int>(content.segments.size());
        if (n < core::ComparisonRequest::kMinSegments) {
            content.comparisonNote = QStringLiteral("A comparison needs at least two segments.");
        } else {
            core::ComparisonRequest request;
            for (int i = 0; i < std::min(n, core::ComparisonRequest::kMaxSegments); ++i)
                request.segmentIds.append(content.segments[i].segment.id);
            request.range = content.range;
            auto comparison = core::awaitFuture(core::ComparisonBuilder(m_backend.comparisons(), m_catalogue).build(request));
            if (!comparison)
                return comparison.error();
            content.comparison = comparison.value();
            if (n > core::ComparisonRequest::kMaxSegments)
                content.comparisonNote = QStringLiteral("The comparison shows the first %1 of the %2 segments.")
                                             .arg(core::ComparisonRequest::kMaxSegments)
                                             .arg(n);
        }
    }

    if (sections.forecasts) {
        if (!advance(QStringLiteral("Forecasting impressions")))
            return cancelled();
        core::forecast::ForecastOptions options;
        options.horizon = ReportContent::kForecastDays;
        for (auto& r : content.segments) {
            const auto series = core::forecast::SegmentSeries::fromDailyMetrics(
                history.value(r.segment.id), core::forecast::SegmentMetric::Impressions, last);
            if (series.size() == 0) {
                r.forecastNote = QStringLiteral("No metrics yet.");
                continue;
            }
            auto fitted = core::forecast::Forecaster::fit(series, options);
            if (fitted)
                r.forecast = fitted.value();
            else
                r.forecastNote = fitted.error().userMessage;
        }
    }

    if (sections.experiments) {
        if (!advance(QStringLiteral("Reading the experiments' results")))
            return cancelled();
        core::ExperimentQuery eq;
        eq.advertiserId = definition.advertiserId;
        auto experiments = core::awaitFuture(m_backend.experiments().list(eq));
        if (!experiments)
            return experiments.error();
        for (const auto& e : experiments.value()) {
            auto it = std::find_if(content.segments.begin(), content.segments.end(),
                                   [&](const ReportSegment& r) { return r.segment.id == e.segmentId; });
            if (it == content.segments.end() || e.status == core::ExperimentStatus::Draft)
                continue;
            auto data = core::awaitFuture(m_backend.experiments().data(e.id));
            if (!data)
                return data.error();
            it->experiments.append({e, core::ExperimentResults::read(e, data.value(), {}, content.advertiser.currency)});
        }
    }
    return content;
}

} // namespace report
