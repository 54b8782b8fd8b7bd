#include "experiments/experiment_power_calculator.h"

#include <algorithm>
#include <cmath>

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

#include "analytics/metric_format.h"
#include "common/form_style.h"
#include "common/plural.h"
#include "common/theme.h"
#include "experiments/sample_size_planner.h"

namespace ui {

namespace {

constexpr qint64 kLongDays = 90; // beyond a quarter, say how to shorten it

QString unitsOf(core::ExperimentMetric metric, qint64 n)
{
    return metric == core::ExperimentMetric::Cvr
               ? core::countOf(n, QObject::tr("click"), QObject::tr("clicks"))
               : core::countOf(n, QObject::tr("impression"), QObject::tr("impressions"));
}

QDoubleSpinBox* percentBox(double low, double high, int decimals, double step, QWidget* parent)
{
    auto* box = new QDoubleSpinBox(parent);
    box->setRange(low, high);
    box->setDecimals(decimals);
    box->setSingleStep(step);
    box->setSuffix(QStringLiteral(" %"));
    return box;
}

} // namespace

SegmentTraffic SegmentTraffic::of(const QList<core::DailyMetrics>& rows, int days)
{
    SegmentTraffic t;
    if (rows.isEmpty() || days <= 0)
        return t;
    QDate last;
    for (const auto& r : rows)
        if (!last.isValid() || r.day > last)
            last = r.day;
    t.to = last;
    t.from = last.addDays(-(days - 1));
    t.days = days;
    for (const auto& r : rows) {
        if (r.day < t.from || r.day > t.to)
            continue;
        t.impressions += r.impressions;
        t.clicks += r.clicks;
        t.conversions += r.conversions;
    }
    return t;
}

double SegmentTraffic::unitsPerDay(core::ExperimentMetric metric) const
{
    if (days <= 0)
        return 0;
    const qint64 units = metric == core::ExperimentMetric::Cvr ? clicks : impressions;
    return static_cast<double>(units) / days;
}

ExperimentPowerCalculator::ExperimentPowerCalculator(QWidget* parent)
    : QGroupBox(tr("How large, how long"), parent)
{
    m_baseline = percentBox(0.01, 99.99, 2, 0.1, this);
    m_baseline->setValue(2.0);
    m_baseline->setAccessibleName(tr("Baseline rate"));
    m_baseline->setToolTip(
        tr("The control's expected rate: the segment's own over its last %1 days until you change it")
            .arg(SegmentTraffic::kDefaultDays));
    m_effect = percentBox(0.1, 500, 1, 1, this);
    m_effect->setValue(10.0);
    m_effect->setAccessibleName(tr("Minimum detectable effect"));
    m_effect->setToolTip(tr("The smallest change of the rate worth detecting, relative to the baseline "
                            "(10 % of 2.00 % is 2.00 % → 2.20 %)"));
    m_alpha = percentBox(0.1, 20, 1, 1, this);
    m_alpha->setValue(5.0);
    m_alpha->setAccessibleName(tr("Significance level"));
    m_alpha->setToolTip(tr("How often a difference may be declared when there is none (two-sided)"));
    m_power = percentBox(50, 99, 0, 5, this);
    m_power->setValue(80);
    m_power->setAccessibleName(tr("Power"));
    m_power->setToolTip(tr("How often a real change of the size above is detected"));
    m_trafficLabel = makeHint(QString(), this);
    m_result = new QLabel(this);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* form = new QFormLayout;
    form->addRow(tr("&Baseline rate:"), m_baseline);
    form->addRow(tr("Smallest &change to detect:"), m_effect);
    form->addRow(tr("Significance &level (α):"), m_alpha);
    form->addRow(tr("Po&wer:"), m_power);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_trafficLabel);
    layout->addWidget(m_result);

    connect(m_baseline, &QDoubleSpinBox::valueChanged, this, [this] {
        if (!m_settingBaseline)
            m_baselineChosen = true;
        refresh();
    });
    for (QDoubleSpinBox* box : {m_effect, m_alpha, m_power})
        connect(box, &QDoubleSpinBox::valueChanged, this, &ExperimentPowerCalculator::refresh);
    m_trafficLabel->setText(tr("Reading the segment's traffic…"));
    refresh();
}

void ExperimentPowerCalculator::setTraffic(const SegmentTraffic& traffic)
{
    m_traffic = traffic;
    m_trafficKnown = true;
    applyDefaultBaseline();
    refresh();
}

void ExperimentPowerCalculator::setTrafficUnavailable(const QString& why)
{
    m_traffic = {};
    m_trafficKnown = false;
    m_trafficLabel->setText(why);
    refresh();
}

void ExperimentPowerCalculator::setMetric(core::ExperimentMetric metric)
{
    m_metric = metric;
    applyDefaultBaseline();
    refresh();
}

void ExperimentPowerCalculator::setSplit(const QList<int>& weights, double holdoutPercent)
{
    m_weights = weights;
    m_holdout = holdoutPercent;
    refresh();
}

bool ExperimentPowerCalculator::plansRates() const
{
    return m_metric == core::ExperimentMetric::Ctr || m_metric == core::ExperimentMetric::Cvr;
}

void ExperimentPowerCalculator::applyDefaultBaseline()
{
    if (m_baselineChosen || !m_traffic.hasData() || !plansRates())
        return;
    const double rate = m_metric == core::ExperimentMetric::Cvr ? m_traffic.cvr() : m_traffic.ctr();
    if (rate <= 0 || rate >= 1)
        return;
    m_settingBaseline = true;
    m_baseline->setValue(rate * 100);
    m_settingBaseline = false;
}

core::Result<ExperimentPlan> ExperimentPowerCalculator::plan(core::ExperimentMetric metric, double baseline,
                                                             double relativeEffect, double alpha,
                                                             double power, const QList<int>& weights,
                                                             double holdoutPercent, double unitsPerDay)
{
    if (metric != core::ExperimentMetric::Ctr && metric != core::ExperimentMetric::Cvr)
        return core::Error::validation(QStringLiteral("plan_metric"),
                                       tr("The calculator plans rates (click rate, conversion rate)."));
    core::SampleSizeRequest request;
    request.baselineRate = baseline;
    request.minimumDetectableEffect = relativeEffect;
    request.relativeEffect = true;
    request.alpha = alpha;
    request.power = power;
    request.arms = std::max(2, static_cast<int>(weights.size()));
    auto n = core::SampleSizePlanner::perArm(request);
    if (!n)
        return n.error();
    ExperimentPlan out;
    out.perArm = n.value();
    out.total = n.value() * request.arms;
    int smallest = 100;
    for (int w : weights)
        smallest = std::min(smallest, w);
    out.smallestArmShare = std::max(0.0, (1 - holdoutPercent / 100) * smallest / 100.0);
    const double perDay = unitsPerDay * out.smallestArmShare;
    if (perDay > 0)
        out.days = static_cast<qint64>(std::ceil(static_cast<double>(out.perArm) / perDay));
    return out;
}

core::Result<ExperimentPlan> ExperimentPowerCalculator::plan() const
{
    return plan(m_metric, m_baseline->value() / 100, m_effect->value() / 100, m_alpha->value() / 100,
                m_power->value() / 100, m_weights, m_holdout, m_traffic.unitsPerDay(m_metric));
}

QString ExperimentPowerCalculator::resultText() const
{
    return m_result->text();
}

QString ExperimentPowerCalculator::trafficText() const
{
    return m_trafficLabel->text();
}

void ExperimentPowerCalculator::refresh()
{
    for (QDoubleSpinBox* box : {m_baseline, m_effect, m_alpha, m_power})
        box->setEnabled(plansRates());
    if (!plansRates()) {
        m_result->setStyleSheet(QString());
        m_result->setText(
            tr("The calculator plans rates (click rate, conversion rate). How many people a "
               "per-person metric needs depends on how spread out its values are: choose a rate as "
               "the primary metric to plan with it, or run the experiment until it is no longer "
               "“too early”."));
        return;
    }
    if (m_trafficKnown && m_traffic.hasData()) {
        const bool cvr = m_metric == core::ExperimentMetric::Cvr;
        m_trafficLabel->setText(
            tr("The segment's last %1 (%2 to %3): %4 and %5 a day; %6 %7.")
                .arg(core::countOf(m_traffic.days, tr("day"), tr("days")),
                     QLocale().toString(m_traffic.from, QLocale::ShortFormat),
                     QLocale().toString(m_traffic.to, QLocale::ShortFormat),
                     unitsOf(core::ExperimentMetric::Ctr,
                             std::llround(m_traffic.unitsPerDay(core::ExperimentMetric::Ctr))),
                     unitsOf(core::ExperimentMetric::Cvr,
                             std::llround(m_traffic.unitsPerDay(core::ExperimentMetric::Cvr))),
                     cvr ? tr("conversion rate") : tr("click rate"),
                     MetricFormat::percent(cvr ? m_traffic.cvr() : m_traffic.ctr()))
                .replace(QStringLiteral(" %"), QStringLiteral("\u00a0%")));
    } else if (m_trafficKnown) {
        m_trafficLabel->setText(
            tr("The segment had no impressions in its last %1 days with data: the baseline is a "
               "guess, and how long the experiment takes cannot be estimated.")
                .arg(SegmentTraffic::kDefaultDays));
    }
    const auto p = plan();
    if (!p) {
        m_result->setStyleSheet(QStringLiteral("color: %1;").arg(Theme::css(Theme::Role::ErrorText)));
        m_result->setText(p.error().userMessage);
        return;
    }
    const double baseline = m_baseline->value() / 100;
    const double target = baseline * (1 + m_effect->value() / 100);
    QString text =
        tr("<b>%1 per arm</b> (%2 for the %3 arms) to detect %4 → %5 (%6) with α = %7 % and %8 % power.")
            .arg(unitsOf(m_metric, p.value().perArm), MetricFormat::count(p.value().total))
            .arg(m_weights.size())
            .arg(MetricFormat::percent(baseline), MetricFormat::percent(target),
                 QStringLiteral("+%1 %").arg(QLocale().toString(m_effect->value(), 'f', 1)),
                 QLocale().toString(m_alpha->value(), 'g', 3), QLocale().toString(m_power->value(), 'f', 0));
    if (p.value().days) {
        text += QLatin1Char(' ') +
                tr("<b>≈ %1</b> at the segment's current traffic (its smallest arm gets %2 % of it).")
                    .arg(core::countOf(*p.value().days, tr("day"), tr("days")),
                         QLocale().toString(p.value().smallestArmShare * 100, 'g', 3));
        if (*p.value().days > kLongDays)
            text += QLatin1Char(' ') +
                    tr("That is long: a larger change to detect, fewer arms or a smaller holdout "
                       "shortens it; a segment with more traffic too.");
    } else
        text += QLatin1Char(' ') +
                tr("How many days that takes cannot be estimated without the segment's traffic.");
    m_result->setStyleSheet(QString());
    m_result->setText(
        text.replace(QStringLiteral(" %"), QStringLiteral("&nbsp;%"))); // "5 %" stays on one line
}

} // namespace ui
