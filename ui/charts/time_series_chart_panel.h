#pragma once

#include <QWidget>

#include "common/result.h"

class QHBoxLayout;
class QToolButton;

namespace ui {

class ChartDateRangeFilter;
class TimeSeriesChart;

// A TimeSeriesChart with its controls above it: the date-range filter, "Reset zoom" and
// "Export" (PNG or SVG). The views that show charts put panels in their layouts and feed the
// charts through chart().
class TimeSeriesChartPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimeSeriesChartPanel)

public:
    explicit TimeSeriesChartPanel(QWidget* parent = nullptr);

    TimeSeriesChart* chart() const { return m_chart; }
    ChartDateRangeFilter* dateFilter() const { return m_filter; }
    QToolButton* resetButton() const { return m_reset; }

    // Puts a view's own control (a metric picker, say) at the start of the row above the chart.
    void addControl(QWidget* control);

    // Writes the chart to `path`: SVG when it ends in .svg, otherwise PNG.
    core::Status exportTo(const QString& path) const;

private:
    void chooseExportFile(const QString& suffix);

    TimeSeriesChart* m_chart;
    ChartDateRangeFilter* m_filter;
    QToolButton* m_reset;
    QToolButton* m_export;
    QHBoxLayout* m_controls;
};

} // namespace ui
