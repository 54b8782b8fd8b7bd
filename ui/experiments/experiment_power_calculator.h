#pragma once

#include <optional>

#include <QDate>
#include <QGroupBox>
#include <QList>

#include "common/result.h"
#include "domain/daily_metrics.h"
#include "domain/experiment.h"

class QDoubleSpinBox;
class QLabel;

namespace ui {

// A segment's recent delivery: what the power calculator starts from. The `days` days ending on
// the segment's last day with data (days without events count as zero).
struct SegmentTraffic
{
    static constexpr int kDefaultDays = 30;

    QDate from;
    QDate to; // invalid: no data
    int days = 0;
    qint64 impressions = 0;
    qint64 clicks = 0;
    qint64 conversions = 0;

    static SegmentTraffic of(const QList<core::DailyMetrics>& rows, int days = kDefaultDays);
    bool hasData() const { return to.isValid() && impressions > 0; }
    double ctr() const { return impressions > 0 ? double(clicks) / double(impressions) : 0; }
    double cvr() const { return clicks > 0 ? double(conversions) / double(clicks) : 0; }
    // Trials of a rate metric a day: impressions for CTR, clicks for CVR.
    double unitsPerDay(core::ExperimentMetric metric) const;
};

// How large and how long an experiment on a rate must be (SampleSizePlanner's two-proportion
// formula, two-sided, equal arms): units per arm, and the days the segment's traffic needs to
// give its smallest arm that many.
struct ExperimentPlan
{
    qint64 perArm = 0;
    qint64 total = 0;            // perArm × arms
    std::optional<qint64> days;  // none without traffic
    double smallestArmShare = 0; // of all the segment's traffic: coverage × the smallest weight
};

// The power calculator of the New Experiment dialog: baseline rate (the segment's own over its
// last 30 days until the user changes it), the smallest relative change worth detecting, the
// significance level and the power → units per arm and "≈ N days at the segment's current
// traffic". Plans the rate metrics (CTR: impressions, CVR: clicks); per-person metrics are
// explained instead.
class ExperimentPowerCalculator final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExperimentPowerCalculator)

public:
    explicit ExperimentPowerCalculator(QWidget* parent = nullptr);

    // The segment's recent delivery (sets the baseline unless the user changed it).
    void setTraffic(const SegmentTraffic& traffic);
    // Says the segment's traffic could not be read (the baseline stays as it is).
    void setTrafficUnavailable(const QString& why);
    void setMetric(core::ExperimentMetric metric);
    void setSplit(const QList<int>& weights, double holdoutPercent);

    // The plan for what the fields say now (Validation error when they do not make one).
    core::Result<ExperimentPlan> plan() const;
    static core::Result<ExperimentPlan> plan(core::ExperimentMetric metric, double baseline,
                                             double relativeEffect, double alpha, double power,
                                             const QList<int>& weights, double holdoutPercent,
                                             double unitsPerDay);

    QDoubleSpinBox* baselineField() const { return m_baseline; }
    QDoubleSpinBox* effectField() const { return m_effect; }
    QDoubleSpinBox* alphaField() const { return m_alpha; }
    QDoubleSpinBox* powerField() const { return m_power; }
    QString resultText() const;
    QString trafficText() const;

private:
    void applyDefaultBaseline();
    void refresh();
    bool plansRates() const;

    core::ExperimentMetric m_metric = core::ExperimentMetric::Ctr;
    SegmentTraffic m_traffic;
    QList<int> m_weights{50, 50};
    double m_holdout = 0;
    bool m_trafficKnown = false;
    bool m_baselineChosen = false; // the user typed a baseline: keep it
    bool m_settingBaseline = false;

    QDoubleSpinBox* m_baseline;
    QDoubleSpinBox* m_effect;
    QDoubleSpinBox* m_alpha;
    QDoubleSpinBox* m_power;
    QLabel* m_trafficLabel;
    QLabel* m_result;
};

} // namespace ui
