#include "chart_line.h"

#include <cmath>

#include <QAbstractAxis>
#include <QChart>
#include <QLineSeries>
#include <QPen>

#include "chart_polyline_item.h"

namespace ui {

using core::charting::DecimationMethod;
using core::charting::Viewport;

ChartLine::ChartLine(QString name, core::charting::TimeSeries data, QColor color, QChart* chart,
                     QAbstractAxis* xAxis, QAbstractAxis* yAxis, Qt::PenStyle style)
    : ChartItem(std::move(name), color), m_data(std::move(data)), m_chart(chart)
{
    m_series = new QLineSeries();
    m_series->setName(ChartItem::name());
    m_series->setPen(QPen(color, 1.0, style)); // the legend's marker
    m_chart->addSeries(m_series);
    m_series->attachAxis(xAxis);
    m_series->attachAxis(yAxis);
    m_line = new ChartPolylineItem(m_chart, m_series, color, style);
}

ChartLine::~ChartLine()
{
    delete m_line;
    m_chart->removeSeries(m_series);
    delete m_series;
}

ChartItem::Frame ChartLine::decimate(const Viewport& viewport, DecimationMethod method) const
{
    return {core::charting::decimate(m_data, viewport, method)};
}

void ChartLine::show(const Frame& frame)
{
    m_line->setPoints(frame.value(0));
}

void ChartLine::plotChanged()
{
    m_line->plotChanged();
}

bool ChartLine::isVisible() const
{
    return m_series->isVisible();
}

void ChartLine::setVisible(bool visible)
{
    m_series->setVisible(visible);
    m_line->setVisible(visible);
}

QAbstractSeries* ChartLine::legendSeries() const
{
    return m_series;
}

std::optional<ChartItem::Reading> ChartLine::readingNear(double x) const
{
    const auto i = m_data.nearestIndex(x);
    if (!i)
        return std::nullopt;
    return Reading{m_data.x(*i), {m_data.y(*i)}};
}

QList<QPointF> ChartLine::displayedPoints() const
{
    return m_line->points();
}

} // namespace ui
