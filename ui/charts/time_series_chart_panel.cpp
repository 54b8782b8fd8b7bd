#include "time_series_chart_panel.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QMenu>
#include <QMessageBox>
#include <QToolButton>
#include <QVBoxLayout>

#include "chart_date_range_filter.h"
#include "chart_export.h"
#include "time_series_chart.h"

namespace ui {

TimeSeriesChartPanel::TimeSeriesChartPanel(QWidget* parent) : QWidget(parent)
{
    m_chart = new TimeSeriesChart(this);
    m_filter = new ChartDateRangeFilter(m_chart, this);
    m_reset = new QToolButton(this);
    m_reset->setText(tr("Reset zoom"));
    m_reset->setToolTip(tr("Show the whole date range (Home)"));
    m_export = new QToolButton(this);
    m_export->setText(tr("Export"));
    m_export->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(m_export);
    menu->addAction(tr("As PNG image…"), this, [this] { chooseExportFile(QStringLiteral("png")); });
    menu->addAction(tr("As SVG drawing…"), this, [this] { chooseExportFile(QStringLiteral("svg")); });
    m_export->setMenu(menu);

    m_controls = new QHBoxLayout();
    m_controls->addWidget(m_filter);
    m_controls->addStretch();
    m_controls->addWidget(m_reset);
    m_controls->addWidget(m_export);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_controls);
    layout->addWidget(m_chart, 1);

    connect(m_reset, &QToolButton::clicked, m_chart, &TimeSeriesChart::resetZoom);
}

void TimeSeriesChartPanel::addControl(QWidget* control)
{
    control->setParent(this);
    m_controls->insertWidget(0, control);
}

core::Status TimeSeriesChartPanel::exportTo(const QString& path) const
{
    if (path.endsWith(QStringLiteral(".svg"), Qt::CaseInsensitive))
        return exportChartAsSvg(*m_chart, path);
    return exportChartAsPng(*m_chart, path);
}

void TimeSeriesChartPanel::chooseExportFile(const QString& suffix)
{
    const QString filter =
        suffix == QStringLiteral("svg") ? tr("SVG drawing (*.svg)") : tr("PNG image (*.png)");
    QString path = QFileDialog::getSaveFileName(this, tr("Export chart"), QString(), filter);
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1Char('.') + suffix, Qt::CaseInsensitive))
        path += QLatin1Char('.') + suffix;
    const core::Status status = exportTo(path);
    if (!status)
        QMessageBox::warning(this, tr("Export chart"),
                             status.error().userMessage + QLatin1Char('\n') + status.error().detail);
}

} // namespace ui
