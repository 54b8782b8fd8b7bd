#include "chart_line.h"

#include <QAbstractAxis>
#include <QChart>
#include <QLineSeries>
#include <QPen>

#include "charting/gap_split.h"

namespace ui {

using core::charting::DecimationMethod;
using core::charting::Viewport;

ChartLine::ChartLine(QString name, core::charting::TimeSeries data, QColor color, QChart* chart,
                     QAbstractAxis* xAxis, QAbstractAxis* yAxis)
    : ChartItem(std::move(name), color), m_data(std::move(data)), m_chart(chart), m_xAxis(xAxis),
      m_yAxis(yAxis)
{
    addPart();
}

ChartLine::~ChartLine()
{
    for (QLineSeries* part : m_parts) {
        m_chart->removeSeries(part);
        delete part;
    }
}

QLineSeries* ChartLine::addPart()
{
    auto* part = new QLineSeries();
    part->setName(name());
    QPen pen(color());
    pen.setWidthF(1.0);
    part->setPen(pen);
    part->setVisible(m_visible);
    m_chart->addSeries(part);
    part->attachAxis(m_xAxis);
    part->attachAxis(m_yAxis);
    m_parts.push_back(part);
    return part;
}

ChartItem::Frame ChartLine::decimate(const Viewport& viewport, DecimationMethod method) const
{
    return {core::charting::decimate(m_data, viewport, method)};
}

void ChartLine::show(const Frame& frame)
{
    const QList<QList<QPointF>> runs =
        frame.isEmpty() ? QList<QList<QPointF>>{} : core::charting::splitAtGaps(frame.constFirst(), kMaxRuns);
    while (m_parts.size() < static_cast<std::size_t>(runs.size()))
        addPart();
    for (qsizetype i = 0; i < runs.size(); ++i)
        m_parts[static_cast<std::size_t>(i)]->replace(runs[i]);
    for (qsizetype i = runs.size(); i < m_usedParts; ++i)
        m_parts[static_cast<std::size_t>(i)]->clear();
    m_usedParts = runs.size();
}

void ChartLine::setVisible(bool visible)
{
    m_visible = visible;
    for (QLineSeries* part : m_parts)
        part->setVisible(visible);
}

QAbstractSeries* ChartLine::legendSeries() const
{
    return m_parts.front();
}

QList<QAbstractSeries*> ChartLine::series() const
{
    return QList<QAbstractSeries*>(m_parts.begin(), m_parts.end());
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
    QList<QPointF> points;
    for (qsizetype i = 0; i < m_usedParts; ++i)
        points.append(m_parts[static_cast<std::size_t>(i)]->points());
    return points;
}

} // namespace ui
