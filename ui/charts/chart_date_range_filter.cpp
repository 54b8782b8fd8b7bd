#include "chart_date_range_filter.h"

#include <cmath>

#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QToolButton>

#include "time_series_chart.h"

namespace ui {

namespace {
QDate dayOf(double msecsSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(std::floor(msecsSinceEpoch))).date();
}

QDateEdit* dateEdit(QWidget* parent, const QString& accessibleName)
{
    auto* edit = new QDateEdit(parent);
    edit->setCalendarPopup(true);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    edit->setKeyboardTracking(false); // apply when the date is complete, not on every keystroke
    edit->setAccessibleName(accessibleName);
    return edit;
}
} // namespace

ChartDateRangeFilter::ChartDateRangeFilter(TimeSeriesChart* chart, QWidget* parent)
    : QWidget(parent), m_chart(chart)
{
    m_from = dateEdit(this, tr("From date"));
    m_to = dateEdit(this, tr("To date"));
    m_all = new QToolButton(this);
    m_all->setText(tr("All dates"));
    m_all->setToolTip(tr("Show every date again"));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* fromLabel = new QLabel(tr("From"), this);
    fromLabel->setBuddy(m_from);
    auto* toLabel = new QLabel(tr("to"), this);
    toLabel->setBuddy(m_to);
    layout->addWidget(fromLabel);
    layout->addWidget(m_from);
    layout->addWidget(toLabel);
    layout->addWidget(m_to);
    layout->addWidget(m_all);

    connect(m_from, &QDateEdit::dateChanged, this, &ChartDateRangeFilter::apply);
    connect(m_to, &QDateEdit::dateChanged, this, &ChartDateRangeFilter::apply);
    connect(m_all, &QToolButton::clicked, m_chart, &TimeSeriesChart::clearDateFilter);
    connect(m_chart, &TimeSeriesChart::ownBoundsChanged, this, &ChartDateRangeFilter::showChartDates);
    showChartDates();
}

void ChartDateRangeFilter::apply()
{
    m_to->setMinimumDate(m_from->date());
    m_from->setMaximumDate(m_to->date());
    // The edits never cross, so the filter is always accepted.
    (void)m_chart->setDateFilter(m_from->date(), m_to->date());
}

void ChartDateRangeFilter::showChartDates()
{
    const core::charting::XRange bounds = m_chart->ownBounds();
    const QSignalBlocker fromBlocker(m_from);
    const QSignalBlocker toBlocker(m_to);
    m_from->setMaximumDate(QDate(9999, 12, 31));
    m_to->setMinimumDate(QDate(100, 1, 1));
    m_from->setDate(dayOf(bounds.min));
    m_to->setDate(dayOf(bounds.max));
    m_to->setMinimumDate(m_from->date());
    m_from->setMaximumDate(m_to->date());
    m_all->setEnabled(m_chart->dateFilter().has_value());
}

} // namespace ui
