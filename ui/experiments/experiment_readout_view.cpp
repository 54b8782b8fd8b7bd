#include "experiments/experiment_readout_view.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

#include "analytics/metric_chart_data.h"
#include "analytics/metric_format.h"
#include "charting/time_series.h"
#include "charts/chart_date_range_filter.h"
#include "charts/time_series_chart.h"
#include "charts/time_series_chart_panel.h"
#include "common/form_style.h"
#include "common/table_row_fitter.h"
#include "common/theme.h"

namespace ui {

namespace {

using Verdict = core::ExperimentComparison::Verdict;

bool isRate(core::ExperimentMetric m)
{
    return m == core::ExperimentMetric::Ctr || m == core::ExperimentMetric::Cvr;
}

QString number(double v, int decimals)
{
    return QLocale().toString(v, 'f', decimals);
}

int decimalsOf(core::ExperimentMetric m)
{
    return m == core::ExperimentMetric::ConversionsPerUser ? 3 : 2;
}

bool isMoney(core::ExperimentMetric m)
{
    return m == core::ExperimentMetric::SpendPerUser;
}

// The metric's value as the other views write figures: "3.01 %" for a rate, "0.042" per person,
// "€1.25" of spend per person in the advertiser's currency.
QString value(core::ExperimentMetric m, double v, const QString& currency)
{
    if (isMoney(m))
        return MetricFormat::money(v, currency);
    return isRate(m) ? MetricFormat::percent(v) : number(v, decimalsOf(m));
}

// "2.01–4.48 %", "0.031–0.054", "€1.10–€1.42".
QString interval(core::ExperimentMetric m, double low, double high, const QString& currency)
{
    if (isRate(m))
        return QStringLiteral("%1–%2 %").arg(number(low * 100, 2), number(high * 100, 2));
    if (isMoney(m))
        return QStringLiteral("%1–%2").arg(MetricFormat::money(low, currency), MetricFormat::money(high, currency));
    return QStringLiteral("%1–%2").arg(number(low, decimalsOf(m)), number(high, decimalsOf(m)));
}

QString signOf(double v)
{
    return v < 0 ? QStringLiteral("−") : QStringLiteral("+");
}

// A relative change: "+12.3 %", "−4.0 %"; infinite ends as "+∞ %".
QString lift(double fraction)
{
    if (!std::isfinite(fraction))
        return signOf(fraction) + QStringLiteral("∞ %");
    const QString n = number(std::fabs(fraction) * 100, 1);
    if (n == number(0, 1))
        return n + QStringLiteral(" %");
    return signOf(fraction) + n + QStringLiteral(" %");
}

// The absolute lift without its unit: points for a rate, money in the advertiser's currency for
// spend, the metric's own per person otherwise.
QString signedAbsolute(core::ExperimentMetric m, double difference, const QString& currency)
{
    if (isMoney(m))
        return signOf(difference) + MetricFormat::money(std::fabs(difference), currency);
    return signOf(difference) +
           number(std::fabs(difference) * (isRate(m) ? 100 : 1), isRate(m) ? 2 : decimalsOf(m));
}

QString absolute(core::ExperimentMetric m, double difference, const QString& currency)
{
    return isRate(m) ? QObject::tr("%1 pts").arg(signedAbsolute(m, difference, currency))
                     : signedAbsolute(m, difference, currency);
}

QString range(const QString& low, const QString& high)
{
    return QObject::tr("%1 to %2").arg(low, high);
}

QString capitalised(QString text)
{
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return text;
}

QTableWidget* makeTable(QWidget* parent)
{
    auto* table = new QTableWidget(parent);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionMode(QAbstractItemView::NoSelection);
    table->setFocusPolicy(Qt::NoFocus);
    table->verticalHeader()->hide();
    table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    table->setWordWrap(true);
    table->setStyleSheet(
        QStringLiteral("QTableWidget { border: 1px solid palette(mid); gridline-color: %1; }")
            .arg(Theme::css(Theme::Role::Gridline)));
    return table;
}

QTableWidgetItem* cell(const QString& text, bool number = true)
{
    auto* item = new QTableWidgetItem(text);
    item->setTextAlignment(Qt::AlignVCenter | (number ? Qt::AlignRight : Qt::AlignLeft));
    return item;
}

QString roleOf(Verdict v)
{
    switch (v) {
    case Verdict::Better:
        return Theme::css(Theme::Role::SuccessText);
    case Verdict::Worse:
        return Theme::css(Theme::Role::ErrorText);
    case Verdict::Promising:
        return Theme::css(Theme::Role::WarningText);
    case Verdict::NoClearDifference:
    case Verdict::TooEarly:
        break;
    }
    return Theme::css(Theme::Role::MutedText);
}

double xOf(const QDate& day)
{
    return static_cast<double>(day.startOfDay().toMSecsSinceEpoch());
}

} // namespace

ExperimentReadoutView::ExperimentReadoutView(QWidget* parent) : QWidget(parent)
{
    setAccessibleName(tr("Experiment results"));
    m_srm = new QLabel(this);
    m_srm->setWordWrap(true);
    m_srm->setTextFormat(Qt::RichText);
    m_srm->setAccessibleName(tr("Sample-ratio mismatch"));
    m_srm->setStyleSheet(
        QStringLiteral("background: %1; border: 1px solid %2; border-radius: 4px; padding: 8px; color: %3;")
            .arg(Theme::css(Theme::Role::BadChipBackground), Theme::css(Theme::Role::BadChipBorder),
                 Theme::css(Theme::Role::ErrorText)));
    m_tooEarly = new QLabel(this);
    m_tooEarly->setWordWrap(true);
    m_tooEarly->setAccessibleName(tr("Too early"));
    m_tooEarly->setStyleSheet(
        QStringLiteral("background: %1; border: 1px solid %2; border-radius: 4px; padding: 8px; color: %3;")
            .arg(Theme::css(Theme::Role::NoteBackground), Theme::css(Theme::Role::NoteBorder),
                 Theme::css(Theme::Role::NoteText)));
    m_headline = makeSectionHeader(QString(), this);
    m_headline->setWordWrap(true);
    m_period = makeHint(QString(), this);
    m_splitNote = makeHint(QString(), this);

    m_arms = makeTable(this);
    m_arms->setAccessibleName(tr("Arms"));
    m_armsFitter = new TableRowFitter(m_arms);

    m_comparisonBox = new QWidget(this);
    m_comparisons = makeTable(m_comparisonBox);
    m_comparisons->setAccessibleName(tr("Treatments against the control"));
    m_comparisonsFitter = new TableRowFitter(m_comparisons);
    m_verdicts = new QLabel(m_comparisonBox);
    m_verdicts->setWordWrap(true);
    m_verdicts->setTextFormat(Qt::RichText);
    m_verdicts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* comparisonLayout = new QVBoxLayout(m_comparisonBox);
    comparisonLayout->setContentsMargins(0, 0, 0, 0);
    comparisonLayout->addWidget(makeSectionHeader(tr("Against the control"), m_comparisonBox));
    comparisonLayout->addWidget(m_comparisons);
    comparisonLayout->addWidget(m_verdicts);

    m_chartBox = new QWidget(this);
    m_chartPanel = new TimeSeriesChartPanel(m_chartBox);
    m_chartPanel->dateFilter()->hide();
    m_chartPanel->setMinimumHeight(280);
    m_chartNote = makeHint(QString(), m_chartBox);
    auto* chartLayout = new QVBoxLayout(m_chartBox);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    chartLayout->addWidget(makeSectionHeader(tr("Uplift over time"), m_chartBox));
    chartLayout->addWidget(m_chartNote);
    chartLayout->addWidget(m_chartPanel, 1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    layout->addWidget(m_srm);
    layout->addWidget(m_headline);
    layout->addWidget(m_period);
    layout->addWidget(m_tooEarly);
    layout->addWidget(m_arms);
    layout->addWidget(m_splitNote);
    layout->addWidget(m_comparisonBox);
    layout->addWidget(m_chartBox, 1);
    clear();
}

TimeSeriesChart* ExperimentReadoutView::chart() const
{
    return m_chartPanel->chart();
}

QString ExperimentReadoutView::liftSeriesName(const QString& arm)
{
    return tr("%1 vs control").arg(arm);
}

QString ExperimentReadoutView::bandSeriesName(const QString& arm)
{
    return tr("%1 always-valid range").arg(arm);
}

QString ExperimentReadoutView::zeroSeriesName()
{
    return tr("No change");
}

bool ExperimentReadoutView::isShowingSampleRatioWarning() const
{
    return !m_srm->isHidden();
}

bool ExperimentReadoutView::isShowingTooEarly() const
{
    return !m_tooEarly->isHidden();
}

void ExperimentReadoutView::clear()
{
    m_srm->hide();
    m_tooEarly->hide();
    m_headline->clear();
    m_period->clear();
    m_splitNote->clear();
    m_arms->clear();
    m_arms->setRowCount(0);
    m_comparisons->clear();
    m_comparisons->setRowCount(0);
    m_verdicts->clear();
    m_verdictTexts.clear();
    m_chartPanel->chart()->clearSeries();
    for (QWidget* w : std::initializer_list<QWidget*>{m_headline, m_period, m_arms, m_splitNote,
                                                      m_comparisonBox, m_chartBox})
        w->hide();
}

QString ExperimentReadoutView::verdictText(const core::Experiment& e, const core::ExperimentComparison& c)
{
    const QString metric = core::experimentMetricLabel(e.primaryMetric);
    const double r = c.statistics.test.relativeLift;
    switch (c.verdict) {
    case Verdict::Better:
        return tr("“%1” has a higher %2 than the control (%3), and it holds up even though the results were "
                  "looked "
                  "at along the way: this is not chance. You can roll “%1” out.")
            .arg(c.name, metric, lift(r));
    case Verdict::Worse:
        return tr("“%1” has a lower %2 than the control (%3), and it holds up even though the results were "
                  "looked "
                  "at along the way: this is not chance. Stop showing “%1”.")
            .arg(c.name, metric, lift(r));
    case Verdict::Promising:
        return tr("“%1” looks %2 than the control (%3), but not surely yet: checked every day, its "
                  "always-valid "
                  "range still includes no change. Keep the experiment running before you act.")
            .arg(c.name, r > 0 ? tr("better") : tr("worse"), lift(r));
    case Verdict::NoClearDifference:
        return tr("No clear difference between “%1” and the control yet (%2): it could be chance. Keep the "
                  "experiment running, or accept that they do about as well.")
            .arg(c.name, lift(r));
    case Verdict::TooEarly:
        break;
    }
    return c.sentence;
}

void ExperimentReadoutView::showReadout(const core::Experiment& e, const core::ExperimentReadout& r)
{
    const bool srm = r.sampleRatio.warning;
    m_srm->setVisible(srm);
    if (srm)
        m_srm->setText(tr("<b>Check the split before anything else.</b> %1")
                           .arg(tr("The arms do not have the share of people their weights give them: %1")
                                    .arg(r.sampleRatioSentence.toHtmlEscaped())));
    m_headline->setText(r.headline);
    const QString last = r.lastDay.isValid() ? r.lastDay.toString(Qt::ISODate) : QString();
    m_period->setText(
        r.lastDay.isValid()
            ? tr("%1 · days %2 to %3")
                  .arg(core::experimentMetricLabel(e.primaryMetric), r.firstDay.toString(Qt::ISODate), last)
            : tr("%1 · from %2; no day with data yet")
                  .arg(core::experimentMetricLabel(e.primaryMetric), e.startDate.toString(Qt::ISODate)));
    QString early;
    if (r.tooEarly) {
        early = r.lastDay.isValid()
                    ? tr("Too early to tell: the arms lack the minimum data for a fair comparison.")
                    : tr("Too early to tell: there is no data for the experiment's days yet.");
        for (const auto& c : r.comparisons) {
            if (c.verdict == Verdict::TooEarly && r.lastDay.isValid()) {
                const qsizetype colon = c.sentence.indexOf(QStringLiteral(": "));
                early += QLatin1Char(' ') + (colon > 0 ? c.sentence.mid(colon + 2) : c.sentence);
                break;
            }
        }
    }
    m_tooEarly->setText(early);
    m_tooEarly->setVisible(r.tooEarly);
    m_splitNote->setText(srm ? QString() : r.sampleRatioSentence);
    for (QWidget* w : std::initializer_list<QWidget*>{m_headline, m_period, m_arms, m_comparisonBox})
        w->show();
    m_splitNote->setVisible(!srm && !r.sampleRatioSentence.isEmpty());
    showArms(e, r);
    showComparisons(e, r);
    showChart(e, r);
}

void ExperimentReadoutView::showArms(const core::Experiment& e, const core::ExperimentReadout& r)
{
    const core::ExperimentMetric m = e.primaryMetric;
    const QString currency = MetricFormat::currencyOf(e.advertiserId);
    m_arms->clear();
    m_arms->setColumnCount(7);
    m_arms->setHorizontalHeaderLabels({tr("Arm"), tr("People"), tr("Impressions"), tr("Clicks"),
                                       tr("Conversions"), capitalised(core::experimentMetricLabel(m)),
                                       tr("95 % interval")});
    m_arms->setRowCount(static_cast<int>(r.arms.size()));
    for (int row = 0; row < r.arms.size(); ++row) {
        const core::ExperimentArmReadout& a = r.arms.at(row);
        QString name = a.name;
        if (a.arm == 0 && a.name.compare(QLatin1String("control"), Qt::CaseInsensitive) != 0)
            name = tr("%1 (control)").arg(a.name);
        else if (a.arm < 0)
            name = tr("%1 (no campaign)").arg(a.name);
        m_arms->setItem(row, 0, cell(name, false));
        m_arms->setItem(row, 1, cell(MetricFormat::count(a.totals.users)));
        m_arms->setItem(row, 2, cell(MetricFormat::count(a.totals.impressions)));
        m_arms->setItem(row, 3, cell(MetricFormat::count(a.totals.clicks)));
        m_arms->setItem(row, 4, cell(MetricFormat::count(a.totals.conversions)));
        m_arms->setItem(row, 5, cell(a.hasValue ? value(m, a.value, currency) : QStringLiteral("—")));
        m_arms->setItem(row, 6, cell(a.hasValue ? interval(m, a.low, a.high, currency) : QString()));
        if (a.arm < 0)
            for (int c = 0; c < 7; ++c)
                m_arms->item(row, c)->setForeground(Theme::color(Theme::Role::MutedText));
    }
    m_arms->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int c = 1; c < 7; ++c)
        m_arms->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_armsFitter->fit();
}

void ExperimentReadoutView::showComparisons(const core::Experiment& e, const core::ExperimentReadout& r)
{
    const core::ExperimentMetric m = e.primaryMetric;
    const QString currency = MetricFormat::currencyOf(e.advertiserId);
    const bool holm = r.comparisons.size() > 1;
    m_comparisons->clear();
    m_comparisons->setColumnCount(6);
    m_comparisons->setHorizontalHeaderLabels({tr("Treatment"), tr("Absolute lift (95 %)"),
                                              tr("Relative lift (95 %)"),
                                              holm ? tr("p-value (Holm)") : tr("p-value"),
                                              tr("Chance to beat control"), tr("Always-valid range")});
    m_comparisons->horizontalHeaderItem(3)->setToolTip(
        holm ? tr("The chance of a difference this large if the arm did nothing, corrected for comparing "
                  "several "
                  "treatments with the control (Holm)")
             : tr("The chance of a difference this large if the arm did nothing"));
    m_comparisons->horizontalHeaderItem(4)->setToolTip(
        tr("GrowthBook's Bayesian chance that the arm beats the control"));
    m_comparisons->horizontalHeaderItem(5)->setToolTip(tr(
        "The relative lift's sequential interval: it stays valid however often the results are looked at"));
    m_comparisons->setRowCount(static_cast<int>(r.comparisons.size()));
    QStringList verdicts;
    m_verdictTexts.clear();
    for (int row = 0; row < r.comparisons.size(); ++row) {
        const core::ExperimentComparison& c = r.comparisons.at(row);
        const core::ArmVsControl& s = c.statistics;
        const bool ready = c.verdict != Verdict::TooEarly;
        const QString dash = QStringLiteral("—");
        m_comparisons->setItem(row, 0, cell(c.name, false));
        m_comparisons->setItem(row, 1,
                               cell(ready ? tr("%1 (%2)").arg(absolute(m, s.test.difference, currency),
                                                              range(signedAbsolute(m, s.test.ciLow, currency),
                                                                    signedAbsolute(m, s.test.ciHigh, currency)))
                                          : dash));
        m_comparisons->setItem(row, 2,
                               cell(ready
                                        ? tr("%1 (%2)").arg(lift(s.test.relativeLift),
                                                            range(lift(s.relativeLow), lift(s.relativeHigh)))
                                        : dash));
        m_comparisons->setItem(
            row, 3,
            cell(ready ? core::ExperimentResults::formatPValue(holm ? c.adjustedPValue : s.test.pValue)
                       : dash));
        if (ready && holm)
            m_comparisons->item(row, 3)->setToolTip(
                tr("%1 before the correction").arg(core::ExperimentResults::formatPValue(s.test.pValue)));
        m_comparisons->setItem(
            row, 4, cell(ready ? QStringLiteral("%1 %").arg(std::lround(s.chanceToWin * 100)) : dash));
        m_comparisons->setItem(
            row, 5,
            cell(ready ? range(lift(s.sequentialRelativeLow), lift(s.sequentialRelativeHigh)) : dash));
        for (int col = 0; col < 6; ++col)
            m_comparisons->item(row, col)->setToolTip(m_comparisons->item(row, col)->toolTip().isEmpty()
                                                          ? c.sentence
                                                          : m_comparisons->item(row, col)->toolTip());
        const QString text = verdictText(e, c);
        m_verdictTexts.append(text);
        const QString mark = c.verdict == Verdict::Better      ? QStringLiteral("▲")
                             : c.verdict == Verdict::Worse     ? QStringLiteral("▼")
                             : c.verdict == Verdict::Promising ? QStringLiteral("◆")
                                                               : QStringLiteral("•");
        verdicts.append(QStringLiteral("<span style='color:%1'>%2</span> %3")
                            .arg(roleOf(c.verdict), mark, text.toHtmlEscaped()));
    }
    m_verdicts->setText(verdicts.join(QStringLiteral("<br>")));
    m_comparisons->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int c = 1; c < 6; ++c)
        m_comparisons->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_comparisonsFitter->fit();
}

void ExperimentReadoutView::showChart(const core::Experiment& e, const core::ExperimentReadout& r)
{
    TimeSeriesChart* chart = m_chartPanel->chart();
    chart->clearSeries();
    // The early days' ranges are very wide: cut them where they would squash the lines.
    double largest = 0;
    for (const auto& d : r.days)
        if (d.defined && std::isfinite(d.relativeLift))
            largest = std::max(largest, std::fabs(d.relativeLift));
    const double cut =
        std::max(1.0, std::ceil(4.0 * largest) / 2.0); // twice the largest lift, up to the next 50 %
    bool clipped = false;
    bool any = false;
    QDate first;
    QDate last;
    for (int arm = 1; arm < e.arms.size(); ++arm) {
        std::vector<double> x;
        std::vector<double> y;
        std::vector<double> low;
        std::vector<double> high;
        for (const auto& d : r.days) {
            if (d.arm != arm || !d.defined || !std::isfinite(d.relativeLift))
                continue;
            const auto clip = [&](double v) {
                const double c = std::clamp(std::isfinite(v) ? v : (v > 0 ? cut : -1.0), -1.0, cut);
                clipped = clipped || c != v;
                return c * 100;
            };
            x.push_back(xOf(d.day));
            y.push_back(d.relativeLift * 100);
            low.push_back(clip(d.sequentialLow));
            high.push_back(clip(d.sequentialHigh));
            first = first.isValid() ? std::min(first, d.day) : d.day;
            last = last.isValid() ? std::max(last, d.day) : d.day;
        }
        if (x.empty())
            continue;
        any = true;
        const QString name = e.armName(arm);
        const QColor band = segmentColour(arm).lighter(120); // ChartBand fills it translucent
        if (auto lower = core::charting::TimeSeries::create(x, low),
            upper = core::charting::TimeSeries::create(x, high);
            lower && upper)
            chart->addBand(bandSeriesName(name), lower.value(), upper.value(), band);
        if (auto line = core::charting::TimeSeries::create(x, y))
            chart->addSeries(liftSeriesName(name), line.value(), segmentColour(arm));
    }
    if (any) {
        if (auto zero = core::charting::TimeSeries::create({xOf(first), xOf(last)}, {0.0, 0.0})) {
            chart->addSeries(zeroSeriesName(), zero.value(), Theme::color(Theme::Role::MutedText),
                             Qt::DashLine);
            chart->setListedInLegend(zeroSeriesName(), false);
        }
        chart->resetZoom();
    }
    QString note =
        tr("Each treatment's %1 against the control's, in %, from the first day to each day. The band is "
           "its always-valid range: looking every day does not make chance look real. Once the band "
           "leaves the dashed 0 % line, the difference is real.")
            .arg(core::experimentMetricLabel(e.primaryMetric));
    if (clipped)
        note += QLatin1Char(' ') +
                tr("Ranges beyond −100 % and +%1 % are cut at the edge.").arg(number(cut * 100, 0));
    if (!any)
        note = tr("The uplift chart appears once the control has data.");
    m_chartNote->setText(note);
    m_chartBox->show();
    m_chartPanel->setVisible(any);
}

} // namespace ui
