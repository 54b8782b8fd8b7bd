#include "segments/segment_detail_view.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QShowEvent>
#include <QVBoxLayout>

#include "analytics/metric.h"
#include "charts/chart_date_range_filter.h"
#include "charts/time_series_chart.h"
#include "charts/time_series_chart_panel.h"
#include "analytics/date_range_bar.h"
#include "forecast/segment_series.h"
#include "forecast/forecast_controls.h"
#include "common/form_style.h"
#include "analytics/kpi_card.h"
#include "analytics/metric_chart_data.h"
#include "analytics/metric_format.h"
#include "segments/reach_panel.h"
#include "backends/metrics_store.h"
#include "backends/segment_store.h"
#include "common/view_message.h"
#include "common/plural.h"
#include "common/card_grid.h"

namespace ui {

namespace {

constexpr int kCardColumns = 4;
constexpr int kCardMinimumWidth = 150; // KpiCard's

QString cardCaption(core::Metric metric)
{
    switch (metric) {
    case core::Metric::UniqueUsers:
        return QObject::tr("Unique users per day");
    case core::Metric::Ctr:
        return QObject::tr("Click rate (CTR)");
    case core::Metric::Cvr:
        return QObject::tr("Conv. rate (CVR)");
    case core::Metric::Cpm:
        return QObject::tr("CPM (per 1,000)");
    default:
        return core::metricLabel(metric);
    }
}

} // namespace

SegmentDetailView::SegmentDetailView(core::SegmentStore& store, QWidget* parent)
    : QWidget(parent), m_store(store)
{
    setAccessibleName(tr("Segment detail"));
    m_title = makeSectionHeader(QString(), this);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    m_title->setFont(titleFont);
    m_subtitle = makeHint(QString(), this);
    m_rangeBar = new DateRangeBar(this);
    m_message = new ViewMessage(this);

    m_cardsBox = new CardGrid(kCardMinimumWidth, kCardColumns, this);
    for (core::Metric metric : core::kAllMetrics) {
        auto* card = new KpiCard(cardCaption(metric), m_cardsBox);
        if (core::isRateMetric(metric) || metric == core::Metric::Cpm)
            card->setToolTip(tr("%1. “Likely”: the 95 % confidence interval, where the true value lies "
                                "given how much data there is.")
                                 .arg(core::metricLabel(metric)));
        m_cards.emplace(metric, card);
        m_cardsBox->addCard(card);
    }

    m_chartBox = new QWidget(this);
    m_metric = new QComboBox(this);
    m_metric->setAccessibleName(tr("Metric"));
    for (core::Metric metric : core::kAllMetrics)
        m_metric->addItem(core::metricLabel(metric), core::metricKey(metric));
    m_chartPanel = new TimeSeriesChartPanel(m_chartBox);
    m_chartPanel->dateFilter()->hide(); // the view's range bar chooses the days
    m_chartPanel->setMinimumHeight(240);
    m_chartPanel->addControl(m_metric);
    auto* metricLabel = new QLabel(tr("Chart &metric:"), m_chartPanel);
    metricLabel->setBuddy(m_metric);
    m_chartPanel->addControl(metricLabel);
    m_forecast = new ForecastControls(m_chartPanel->chart(), m_chartBox);
    auto* chartLayout = new QVBoxLayout(m_chartBox);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    chartLayout->addWidget(m_forecast); // above the chart: the model and its record stay in sight
    chartLayout->addWidget(m_chartPanel, 1);

    auto* main = new QWidget(this);
    auto* mainLayout = new QVBoxLayout(main);
    mainLayout->setContentsMargins(16, 12, 12, 12);
    mainLayout->setSpacing(10);
    mainLayout->addWidget(m_title);
    mainLayout->addWidget(m_subtitle);
    mainLayout->addWidget(m_rangeBar);
    mainLayout->addWidget(m_message);
    mainLayout->addWidget(m_cardsBox);
    mainLayout->addWidget(m_chartBox, 1);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(main);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    m_reach = new ReachPanel(this);
    m_reach->setFixedWidth(300);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_reach);

    connect(m_rangeBar, &DateRangeBar::rangeChanged, this, &SegmentDetailView::showFigures);
    connect(m_rangeBar, &DateRangeBar::granularityChanged, this, &SegmentDetailView::showFigures);
    connect(m_metric, &QComboBox::currentIndexChanged, this, &SegmentDetailView::showChart);
    clear();
}

void SegmentDetailView::showSegment(const core::Segment& segment)
{
    m_segment = segment;
    m_title->setText(segment.name);
    QStringList about{core::segmentStatusLabel(segment.status)};
    if (segment.isDeleted())
        about.prepend(tr("Deleted"));
    if (!segment.description.isEmpty())
        about.append(segment.description);
    m_subtitle->setText(about.join(QStringLiteral(" · ")));
    m_subtitle->show();
    m_stale = true;
    ++m_sequence; // what is on its way belongs to the previous segment
    m_pending = 0;
    if (isVisible())
        load();
}

void SegmentDetailView::clear(const QString& reason)
{
    ++m_sequence;
    m_pending = 0;
    m_segment.reset();
    m_stale = false;
    m_rows.clear();
    m_metricsError.reset();
    m_reachEstimate.reset();
    m_title->setText(tr("Segment detail"));
    m_subtitle->hide();
    m_rangeBar->hide();
    setFiguresVisible(false);
    m_reach->setBusy(false);
    m_reach->clear();
    m_message->showInfo(reason.isEmpty()
                            ? tr("Select a segment in the list to see its delivery: impressions, clicks, "
                                 "conversions, spend and rates over time, and its reach.")
                            : reason);
}

void SegmentDetailView::reload()
{
    if (!m_segment)
        return;
    m_stale = true;
    if (isVisible())
        load();
}

bool SegmentDetailView::isBusy() const
{
    return m_pending > 0 || m_forecast->isBusy();
}

core::Metric SegmentDetailView::chartMetric() const
{
    return core::metricFromKey(m_metric->currentData().toString()).value_or(core::Metric::Impressions);
}

QString SegmentDetailView::seriesName() const
{
    return m_segment ? m_segment->name : QString();
}

QString SegmentDetailView::messageText() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

TimeSeriesChart* SegmentDetailView::chart() const
{
    return m_chartPanel->chart();
}

void SegmentDetailView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_stale && m_pending == 0)
        load();
}

void SegmentDetailView::load()
{
    if (!m_segment)
        return;
    m_stale = false;
    const quint64 sequence = ++m_sequence;
    const AnalyticsBackend backend = m_source ? m_source() : AnalyticsBackend{};
    m_reach->setBusy(true);
    m_message->showInfo(tr("Loading the figures of “%1”…").arg(m_segment->name));
    m_pending = 2;
    if (backend.isOpen()) {
        backend.metrics->dailyMetrics(m_segment->id)
            .then(this, [this, sequence,
                         owner = backend.owner](const core::Result<QList<core::DailyMetrics>>& rows) {
                if (sequence != m_sequence)
                    return;
                m_metricsError.reset();
                m_rows.clear();
                if (rows)
                    m_rows = rows.value();
                else
                    m_metricsError = rows.error();
                finishLoad();
            });
    } else {
        m_rows.clear();
        m_metricsError = core::Error::notFound(tr("The workspace is not open."));
        m_metricsError->remediation =
            tr("Wait for it to open, or choose one with Connection ▸ Connect to Workspace.");
        --m_pending;
    }
    m_store.estimateReach(m_segment->definition, m_segment->advertiserId)
        .then(this, [this, sequence](const core::Result<core::ReachEstimate>& reach) {
            if (sequence != m_sequence)
                return;
            m_reach->setBusy(false);
            if (reach) {
                m_reachEstimate = reach.value();
                m_reach->showEstimate(reach.value());
            } else {
                m_reachEstimate.reset();
                m_reach->showError(reach.error());
                // Offline, the panel says why and the status bar that the workspace is offline: no
                // toast for a read nobody asked for.
                if (reach.error().code != QLatin1String("offline"))
                    emit failed(reach.error(), tr("Could not estimate the reach of “%1”").arg(m_segment->name));
            }
            finishLoad();
        });
}

void SegmentDetailView::finishLoad()
{
    if (--m_pending > 0)
        return;
    m_rangeBar->show();
    if (m_metricsError) {
        m_message->showError(*m_metricsError, tr("Could not read the daily metrics"));
        setFiguresVisible(false);
        emit failed(*m_metricsError, tr("Could not read the daily metrics of “%1”").arg(m_segment->name));
        emit loaded(m_segment->id);
        return;
    }
    if (m_rows.isEmpty()) {
        m_rangeBar->hide();
        m_message->showInfo(
            tr("No metrics yet for this segment — import its events with File ▸ Import "
               "Events…, then File ▸ Refresh Metrics (or let the Databricks refresh job run)."));
        setFiguresVisible(false);
        emit loaded(m_segment->id);
        return;
    }
    // Presets end on the last day of the workspace's data, even when this segment has none then.
    QDate last = m_rows.last().day;
    if (m_reachEstimate && m_reachEstimate->asOf.isValid() && m_reachEstimate->asOf > last)
        last = m_reachEstimate->asOf;
    m_dataThrough = last;
    m_rangeBar->setDataExtent(m_rows.first().day, last);
    setFiguresVisible(true);
    showFigures();
    emit loaded(m_segment->id);
}

void SegmentDetailView::showFigures()
{
    if (m_rows.isEmpty())
        return;
    const core::DateRange range = m_rangeBar->range();
    m_kpis = core::KpiSummary::of(m_rows, range);
    if (m_kpis.daysWithData == 0)
        m_message->showInfo(tr("“%1” had no impressions between %2 and %3.")
                                .arg(m_segment->name, QLocale().toString(range.first, QLocale::ShortFormat),
                                     QLocale().toString(range.last, QLocale::ShortFormat)));
    else
        m_message->clearMessage();
    showCards();
    showChart();
}

void SegmentDetailView::showCards()
{
    const auto days = m_kpis.range.days();
    const QString currency = m_segment ? MetricFormat::currencyOf(m_segment->advertiserId) : QString();
    for (const auto& [metric, card] : m_cards) {
        QString note;
        switch (metric) {
        case core::Metric::UniqueUsers:
            note = tr("on average; most on one day: %1").arg(MetricFormat::count(m_kpis.peakDailyUsers));
            break;
        case core::Metric::Spend:
            note = tr("over %1").arg(core::countOf(days, tr("day"), tr("days")));
            break;
        case core::Metric::Ctr:
        case core::Metric::Cvr: {
            const auto& rate = metric == core::Metric::Ctr ? m_kpis.ctr : m_kpis.cvr;
            if (rate.hasInterval)
                note = tr("likely %1").arg(MetricFormat::interval(metric, rate.low, rate.high));
            card->setFigure(rate.defined() ? MetricFormat::percent(rate.value) : QStringLiteral("—"), note);
            continue;
        }
        case core::Metric::Cpm:
            if (m_kpis.cpm.hasInterval)
                note = tr("likely %1").arg(
                    MetricFormat::interval(metric, m_kpis.cpm.low, m_kpis.cpm.high, currency));
            card->setFigure(
                m_kpis.cpm.units > 0 ? MetricFormat::money(m_kpis.cpm.value, currency) : QStringLiteral("—"), note);
            continue;
        default:
            break;
        }
        card->setFigure(MetricFormat::kpi(m_kpis, metric, currency), note);
    }
}

void SegmentDetailView::showChart()
{
    if (m_rows.isEmpty())
        return;
    const core::Metric metric = chartMetric();
    m_periods = core::MetricRollup::rollup(m_rows, m_kpis.range, m_rangeBar->granularity());
    TimeSeriesChart* chart = m_chartPanel->chart();
    chart->clearSeries();
    const core::Status added =
        MetricChartData::add(*chart, seriesName(), m_periods, metric, segmentColour(0), true);
    if (!added)
        m_message->showError(added.error(), tr("Could not draw the chart"));
    chart->resetZoom();
    showForecast();
}

// The forecast continues the segment's whole history, from the last day the metrics cover.
void SegmentDetailView::showForecast()
{
    const core::Metric metric = chartMetric();
    const QString why = ForecastControls::whyNotForecastable(metric, m_rangeBar->granularity());
    if (!why.isEmpty()) {
        m_forecast->setUnavailable(why);
        return;
    }
    const auto series = core::forecast::SegmentSeries::fromDailyMetrics(
        m_rows, *core::forecast::SegmentSeries::of(metric), m_dataThrough);
    m_forecast->setSubjects({{seriesName(), segmentColour(0)}}, [series](int) {
        return QtFuture::makeReadyFuture(core::Result<core::forecast::TimeSeries>(series));
    });
}

void SegmentDetailView::setFiguresVisible(bool visible)
{
    m_cardsBox->setVisible(visible);
    m_chartBox->setVisible(visible);
}

} // namespace ui
