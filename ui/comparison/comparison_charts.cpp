#include "comparison/comparison_charts.h"

#include <spdlog/spdlog.h>

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include "charts/chart_date_range_filter.h"
#include "charts/chart_range_link.h"
#include "charts/time_series_chart.h"
#include "charts/time_series_chart_panel.h"
#include "forecast/forecast_controls.h"
#include "logging/logging.h"
#include "analytics/metric_chart_data.h"

namespace ui {

ComparisonCharts::ComparisonCharts(QWidget* parent) : QWidget(parent), m_link(new ChartRangeLink(this))
{
    const core::Metric initial[kCharts] = {core::Metric::Impressions, core::Metric::Ctr};
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(12);
    for (int i = 0; i < kCharts; ++i) {
        m_metrics[i] = new QComboBox(this);
        m_metrics[i]->setAccessibleName(tr("Metric of chart %1").arg(i + 1));
        for (core::Metric metric : core::kAllMetrics)
            m_metrics[i]->addItem(core::metricLabel(metric), core::metricKey(metric));
        m_metrics[i]->setCurrentIndex(m_metrics[i]->findData(core::metricKey(initial[i])));
        m_panels[i] = new TimeSeriesChartPanel(this);
        m_panels[i]->dateFilter()->hide(); // the view's range bar chooses the days
        m_panels[i]->setMinimumHeight(280);
        m_panels[i]->addControl(m_metrics[i]);
        m_link->add(m_panels[i]->chart());
        m_forecasts[i] = new ForecastControls(m_panels[i]->chart(), this);
        connect(m_forecasts[i], &ForecastControls::failed, this, [this](const core::Error& error) {
            emit failed(error, tr("Could not read a segment's history for its forecast"));
        });
        auto* column = new QVBoxLayout;
        column->addWidget(m_panels[i], 1);
        column->addWidget(m_forecasts[i]);
        layout->addLayout(column, 1);
        connect(m_metrics[i], &QComboBox::currentIndexChanged, this, [this, i] { draw(i); });
    }
}

void ComparisonCharts::showComparison(const core::Comparison& comparison, core::Granularity granularity)
{
    m_comparison = comparison;
    m_histories.clear(); // the data may have been refreshed since
    m_granularity = granularity;
    for (int i = 0; i < kCharts; ++i)
        draw(i);
}

void ComparisonCharts::setGranularity(core::Granularity granularity)
{
    m_granularity = granularity;
    for (int i = 0; i < kCharts; ++i)
        draw(i);
}

void ComparisonCharts::clearCharts()
{
    m_comparison.reset();
    m_histories.clear();
    for (auto* panel : m_panels)
        panel->chart()->clearSeries();
    for (auto* forecast : m_forecasts)
        forecast->setUnavailable(tr("Compare segments to see their forecasts."));
}

bool ComparisonCharts::isBusy() const
{
    return std::any_of(std::begin(m_forecasts), std::end(m_forecasts),
                       [](const ForecastControls* f) { return f->isBusy(); });
}

TimeSeriesChart* ComparisonCharts::chart(int index) const
{
    return m_panels[index]->chart();
}

void ComparisonCharts::draw(int index)
{
    TimeSeriesChart* chart = m_panels[index]->chart();
    chart->clearSeries();
    if (!m_comparison)
        return;
    const core::Metric metric =
        core::metricFromKey(m_metrics[index]->currentData().toString()).value_or(core::Metric::Impressions);
    QStringList names;
    for (int i = 0; i < m_comparison->count(); ++i) {
        // Names are unique within a workspace's advertiser, but a comparison may span advertisers.
        QString name = m_comparison->segments[i].segment.name;
        if (chart->seriesNames().contains(name))
            name = QStringLiteral("%1 (%2)").arg(name).arg(i + 1);
        // Intervals of six overlaid rates would hide the lines: the table has them.
        const core::Status added = MetricChartData::add(*chart, name, m_comparison->chart(i, m_granularity),
                                                        metric, segmentColour(i), false);
        if (!added)
            core::logging::logger("ui")->warn("comparison chart: {}", added.error().toString().toStdString());
        names.append(name);
    }
    chart->resetZoom();
    showForecast(index, metric, names);
}

void ComparisonCharts::showForecast(int index, core::Metric metric, const QStringList& names)
{
    ForecastControls* controls = m_forecasts[index];
    const QString why = ForecastControls::whyNotForecastable(metric, m_granularity);
    if (!why.isEmpty()) {
        controls->setUnavailable(why);
        return;
    }
    QList<ForecastSubject> subjects;
    for (int i = 0; i < names.size(); ++i)
        subjects.append({names.at(i), segmentColour(i)});
    const auto series = *core::forecast::SegmentSeries::of(metric);
    controls->setSubjects(subjects, [this, series](int i) { return history(i, series); });
}

QFuture<core::Result<core::forecast::TimeSeries>>
ComparisonCharts::history(int segment, core::forecast::SegmentMetric metric)
{
    using Outcome = core::Result<core::forecast::TimeSeries>;
    if (!m_comparison || segment >= m_comparison->count())
        return QtFuture::makeReadyFuture(Outcome(core::Error::internal(QStringLiteral("no such segment"))));
    const QString id = m_comparison->segments.at(segment).segment.id;
    if (const auto it = m_histories.find({id, metric}); it != m_histories.end())
        return QtFuture::makeReadyFuture(Outcome(it->second));
    const AnalyticsBackend backend = m_source ? m_source() : AnalyticsBackend{};
    if (!backend.isOpen()) {
        core::Error e = core::Error::notFound(tr("The workspace is not open."));
        e.remediation = tr("Wait for it to open, or choose one with Connection ▸ Connect to Workspace.");
        return QtFuture::makeReadyFuture(Outcome(e));
    }
    return core::forecast::SegmentSeries::read(*backend.metrics, id, metric, m_comparison->asOf)
        .then(this, [this, id, metric, owner = backend.owner](const Outcome& read) {
            if (read)
                m_histories[{id, metric}] = read.value();
            return read;
        });
}

} // namespace ui
