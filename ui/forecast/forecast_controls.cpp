#include "forecast/forecast_controls.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

#include "forecast/segment_series.h"
#include "forecast/forecast_overlay.h"

namespace ui {

namespace {

const char* const kToggleTip = QT_TRANSLATE_NOOP(
    "ui::ForecastControls", "Show a forecast with its 80 % and 95 % ranges (exponential smoothing, chosen "
                            "automatically, checked against the past)");

} // namespace

ForecastControls::ForecastControls(TimeSeriesChart* chart, QWidget* parent) : QWidget(parent), m_chart(chart)
{
    m_toggle = new QCheckBox(tr("&Forecast"), this);
    m_toggle->setToolTip(tr(kToggleTip));
    m_horizon = new QSpinBox(this);
    m_horizon->setRange(1, 90);
    m_horizon->setValue(14);
    m_horizon->setSuffix(tr(" days"));
    m_horizon->setAccessibleName(tr("Forecast horizon"));
    m_horizon->setEnabled(false);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setMinimumWidth(320); // else its height is reckoned for a narrow column of words
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setStyleSheet(QStringLiteral("color: palette(dark);"));
    m_summary->hide();
    auto* row = new QHBoxLayout;
    row->addWidget(m_toggle);
    row->addWidget(m_horizon);
    row->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(row);
    layout->addWidget(m_summary);
    resizeOverlays(1);

    connect(m_toggle, &QCheckBox::toggled, this, [this] {
        m_horizon->setEnabled(m_toggle->isChecked() && isAvailable());
        apply();
    });
    connect(m_horizon, &QSpinBox::valueChanged, this, [this](int days) {
        for (ForecastOverlay* o : std::as_const(m_overlays))
            o->setHorizon(days);
    });
}

QString ForecastControls::whyNotForecastable(core::Metric metric, core::Granularity granularity)
{
    if (!core::forecast::SegmentSeries::of(metric))
        return tr("Forecasts are made for impressions, clicks and conversions: choose one of them to see "
                  "what comes next.");
    if (granularity != core::Granularity::Day)
        return tr("Forecasts are drawn day by day: show the chart by Day to see one.");
    return {};
}

bool ForecastControls::isAvailable() const
{
    return m_unavailable.isEmpty();
}

bool ForecastControls::isBusy() const
{
    if (m_loading > 0)
        return true;
    return std::any_of(m_overlays.begin(), m_overlays.end(),
                       [](const ForecastOverlay* o) { return o->isBusy(); });
}

void ForecastControls::setSubjects(const QList<ForecastSubject>& subjects, ForecastHistoryLoader loader)
{
    ++m_sequence; // histories on their way belong to what the chart showed before
    m_loading = 0;
    m_managed = true;
    m_subjects = subjects;
    m_loader = std::move(loader);
    m_loadErrors = QStringList(subjects.size());
    m_unavailable.clear();
    resizeOverlays(std::max<qsizetype>(1, subjects.size()));
    m_toggle->setEnabled(true);
    m_toggle->setToolTip(tr(kToggleTip));
    m_horizon->setEnabled(m_toggle->isChecked());
    apply();
}

void ForecastControls::setUnavailable(const QString& reason)
{
    ++m_sequence;
    m_loading = 0;
    m_subjects.clear();
    m_loader = {};
    m_loadErrors.clear();
    m_unavailable = reason;
    for (ForecastOverlay* o : std::as_const(m_overlays))
        o->setShown(false);
    m_toggle->setEnabled(false);
    m_toggle->setToolTip(reason);
    m_horizon->setEnabled(false);
    updateSummary();
}

void ForecastControls::apply()
{
    const bool on = m_toggle->isChecked() && isAvailable();
    if (!on || !m_managed || m_subjects.isEmpty()) {
        // Off, nothing to forecast, or histories given to the overlays directly.
        for (ForecastOverlay* o : std::as_const(m_overlays))
            o->setShown(on && !m_managed);
        updateSummary();
        return;
    }
    for (int i = 0; i < m_subjects.size(); ++i)
        load(i);
    updateSummary();
}

void ForecastControls::load(int index)
{
    const quint64 sequence = m_sequence;
    ++m_loading;
    m_loader(index).then(this,
                         [this, sequence, index](const core::Result<core::forecast::TimeSeries>& history) {
                             if (sequence != m_sequence)
                                 return;
                             --m_loading;
                             ForecastOverlay* overlay = m_overlays.at(index);
                             const ForecastSubject& subject = m_subjects.at(index);
                             if (!history) {
                                 m_loadErrors[index] = history.error().userMessage;
                                 overlay->setShown(false);
                                 emit failed(history.error());
                             } else {
                                 m_loadErrors[index].clear();
                                 overlay->setHistory(subject.name, history.value(), subject.colour);
                                 overlay->setShown(m_toggle->isChecked() && isAvailable());
                             }
                             updateSummary();
                         });
}

void ForecastControls::resizeOverlays(qsizetype count)
{
    while (m_overlays.size() > count) {
        ForecastOverlay* o = m_overlays.takeLast();
        o->setShown(false); // takes its lines off the chart
        delete o;
    }
    while (m_overlays.size() < count) {
        auto* o = new ForecastOverlay(m_chart, this);
        o->setHorizon(m_horizon->value());
        connect(o, &ForecastOverlay::summaryChanged, this, &ForecastControls::updateSummary);
        m_overlays.append(o);
    }
}

void ForecastControls::updateSummary()
{
    if (!m_toggle->isChecked()) {
        m_summary->clear();
        m_summary->hide();
        return;
    }
    m_summary->show();
    if (!isAvailable()) {
        m_summary->setTextFormat(Qt::PlainText);
        m_summary->setText(m_unavailable);
        return;
    }
    auto lineOf = [this](qsizetype i) {
        if (i < m_loadErrors.size() && !m_loadErrors.at(i).isEmpty())
            return tr("No forecast: %1").arg(m_loadErrors.at(i));
        const QString s = m_overlays.at(i)->summary();
        return s.isEmpty() && m_loading > 0 ? tr("Reading the history…") : s;
    };
    if (m_subjects.size() <= 1) {
        m_summary->setTextFormat(Qt::PlainText);
        m_summary->setText(lineOf(0));
        return;
    }
    QStringList lines;
    for (qsizetype i = 0; i < m_subjects.size(); ++i)
        lines.append(QStringLiteral("<span style=\"color:%1\">&#9632;</span> <b>%2</b>: %3")
                         .arg(m_subjects.at(i).colour.name(), m_subjects.at(i).name.toHtmlEscaped(),
                              lineOf(i).toHtmlEscaped()));
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setText(lines.join(QStringLiteral("<br>")));
}

} // namespace ui
