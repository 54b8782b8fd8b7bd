#include "chart_range_link.h"

#include "time_series_chart.h"

namespace ui {

using core::charting::XRange;

ChartRangeLink::ChartRangeLink(QObject* parent) : QObject(parent) {}

ChartRangeLink::~ChartRangeLink()
{
    for (TimeSeriesChart* chart : charts()) {
        disconnect(chart, nullptr, this, nullptr);
        chart->setLinkedBounds(std::nullopt);
    }
}

void ChartRangeLink::add(TimeSeriesChart* chart)
{
    if (!chart || charts().contains(chart))
        return;
    m_charts.append(Linked{chart, chart});
    connect(chart, &TimeSeriesChart::xRangeChanged, this, [this, chart] { follow(chart); });
    connect(chart, &TimeSeriesChart::ownBoundsChanged, this, &ChartRangeLink::shareBounds);
    connect(chart, &QObject::destroyed, this, [this](QObject* gone) {
        m_charts.removeIf([gone](const Linked& l) { return l.identity == gone || l.chart.isNull(); });
        shareBounds();
    });
    shareBounds(); // ends with every chart on the first chart's range
}

void ChartRangeLink::remove(TimeSeriesChart* chart)
{
    const qsizetype removed = m_charts.removeIf([&](const Linked& l) { return l.identity == chart; });
    if (!removed || !chart)
        return;
    disconnect(chart, nullptr, this, nullptr);
    chart->setLinkedBounds(std::nullopt);
    shareBounds();
}

QList<TimeSeriesChart*> ChartRangeLink::charts() const
{
    QList<TimeSeriesChart*> list;
    for (const Linked& l : m_charts)
        if (!l.chart.isNull())
            list.append(l.chart.data());
    return list;
}

void ChartRangeLink::follow(TimeSeriesChart* leader)
{
    if (m_syncing)
        return;
    m_syncing = true;
    const XRange range = leader->xRange();
    for (TimeSeriesChart* chart : charts())
        if (chart != leader)
            chart->setXRange(range);
    m_syncing = false;
}

void ChartRangeLink::shareBounds()
{
    if (m_syncing)
        return;
    const QList<TimeSeriesChart*> list = charts();
    if (list.isEmpty())
        return;
    XRange joined = list.constFirst()->ownBounds();
    for (TimeSeriesChart* chart : list)
        joined = joined.unitedWith(chart->ownBounds());
    m_syncing = true; // charts re-clamping to the new bounds must not pull the others around
    for (TimeSeriesChart* chart : list)
        chart->setLinkedBounds(list.size() > 1 ? std::optional<XRange>(joined) : std::nullopt);
    m_syncing = false;
    follow(list.constFirst());
}

} // namespace ui
