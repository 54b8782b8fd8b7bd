#pragma once

#include <map>
#include <optional>

#include <QWidget>

#include "analytics/kpi_summary.h"
#include "analytics/metric_rollup.h"
#include "analytics/analytics_source.h"
#include "common/error.h"
#include "domain/segment.h"
#include "domain/reach_estimate.h"

class QComboBox;
class QLabel;

namespace core {
class SegmentStore;
}

namespace ui {

class CardGrid;
class DateRangeBar;
class ForecastControls;
class KpiCard;
class ReachPanel;
class TimeSeriesChart;
class TimeSeriesChartPanel;
class ViewMessage;

// One saved segment's delivery: KPI cards over the chosen range (impressions, clicks,
// conversions, unique users, spend, CTR, CVR and CPM with 95 % intervals), a chart of one metric
// by day, week or month, and its reach with the waterfall. The segment's daily metrics and its
// reach are read off the GUI thread when the view is shown (not while it is hidden); the range,
// granularity and metric are then applied locally. Says why there is nothing to show (no
// segment, not saved yet, no metrics yet, an error), never a blank.
class SegmentDetailView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SegmentDetailView)

public:
    SegmentDetailView(core::SegmentStore& store, QWidget* parent = nullptr);

    void setAnalyticsSource(AnalyticsSource source) { m_source = std::move(source); }
    // Shows the saved segment (read again when it is the one shown: after a save, say).
    void showSegment(const core::Segment& segment);
    // No segment: says what to do (`reason`, or "select a segment").
    void clear(const QString& reason = {});
    // Reads the segment's figures again (the workspace changed, Reload).
    void reload();

    // Reading figures or fitting a forecast.
    bool isBusy() const;
    QString segmentId() const { return m_segment ? m_segment->id : QString(); }
    bool hasMetrics() const { return !m_rows.isEmpty(); }
    // The figures shown, for the range and granularity chosen.
    const core::KpiSummary& kpis() const { return m_kpis; }
    const QList<core::MetricPeriod>& periods() const { return m_periods; }
    core::Metric chartMetric() const;
    // The chart's line of the segment (named after it).
    QString seriesName() const;
    QString messageText() const;

    KpiCard* card(core::Metric metric) const { return m_cards.at(metric); }
    DateRangeBar* rangeBar() const { return m_rangeBar; }
    QComboBox* metricPicker() const { return m_metric; }
    TimeSeriesChart* chart() const;
    ReachPanel* reachPanel() const { return m_reach; }
    ForecastControls* forecast() const { return m_forecast; }

signals:
    // A read failed (also shown in the view); the window raises a toast.
    void failed(const core::Error& error, const QString& context);
    // The figures of the segment are shown (or why there are none).
    void loaded(const QString& segmentId);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void load();
    void finishLoad();
    void showFigures();
    void showChart();
    void showCards();
    void showForecast();
    void setFiguresVisible(bool visible);

    core::SegmentStore& m_store;
    AnalyticsSource m_source;
    std::optional<core::Segment> m_segment;
    bool m_stale = false; // the figures are not the segment's yet (load when shown)
    quint64 m_sequence = 0;
    int m_pending = 0;
    QList<core::DailyMetrics> m_rows;
    QDate m_dataThrough; // the last day the workspace's metrics cover
    std::optional<core::Error> m_metricsError;
    std::optional<core::ReachEstimate> m_reachEstimate;
    core::KpiSummary m_kpis;
    QList<core::MetricPeriod> m_periods;

    QLabel* m_title = nullptr;
    QLabel* m_subtitle = nullptr;
    ViewMessage* m_message = nullptr;
    DateRangeBar* m_rangeBar = nullptr;
    CardGrid* m_cardsBox = nullptr;
    std::map<core::Metric, KpiCard*> m_cards;
    QComboBox* m_metric = nullptr;
    QWidget* m_chartBox = nullptr;
    TimeSeriesChartPanel* m_chartPanel = nullptr;
    ForecastControls* m_forecast = nullptr;
    ReachPanel* m_reach = nullptr;
};

} // namespace ui
