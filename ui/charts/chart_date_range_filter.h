#pragma once

#include <QWidget>

class QDateEdit;
class QToolButton;

namespace ui {

class TimeSeriesChart;

// "From [date] To [date] [All dates]" for a TimeSeriesChart: choosing a date sets the chart's
// date filter, "All dates" clears it. The edits follow the chart: they show the filter, or the
// data's first and last day when there is none, and cannot cross each other.
class ChartDateRangeFilter final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChartDateRangeFilter)

public:
    explicit ChartDateRangeFilter(TimeSeriesChart* chart, QWidget* parent = nullptr);

    QDateEdit* fromEdit() const { return m_from; }
    QDateEdit* toEdit() const { return m_to; }
    QToolButton* allDatesButton() const { return m_all; }

private:
    void apply();
    void showChartDates();

    TimeSeriesChart* m_chart;
    QDateEdit* m_from;
    QDateEdit* m_to;
    QToolButton* m_all;
};

} // namespace ui
