#include "forecast_controls.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>

#include "forecast_overlay.h"

namespace ui {

ForecastControls::ForecastControls(TimeSeriesChart* chart, QWidget* parent) : QWidget(parent)
{
    m_overlay = new ForecastOverlay(chart, this);
    m_toggle = new QCheckBox(tr("&Forecast"), this);
    m_toggle->setToolTip(tr("Show a forecast with its 80 % and 95 % ranges (exponential smoothing, chosen "
                            "automatically, checked against the past)"));
    m_horizon = new QSpinBox(this);
    m_horizon->setRange(1, 90);
    m_horizon->setValue(m_overlay->horizon());
    m_horizon->setSuffix(tr(" days"));
    m_horizon->setAccessibleName(tr("Forecast horizon"));
    m_horizon->setEnabled(false);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setStyleSheet(QStringLiteral("color: palette(dark);"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_toggle);
    layout->addWidget(m_horizon);
    layout->addWidget(m_summary, 1);

    connect(m_toggle, &QCheckBox::toggled, this, [this](bool on) {
        m_horizon->setEnabled(on);
        m_overlay->setShown(on);
    });
    connect(m_horizon, &QSpinBox::valueChanged, m_overlay, &ForecastOverlay::setHorizon);
    connect(m_overlay, &ForecastOverlay::summaryChanged, m_summary, &QLabel::setText);
}

} // namespace ui
