#include "chart_band.h"

#include <cmath>

#include <QAbstractAxis>
#include <QAreaSeries>
#include <QChart>
#include <QLineSeries>
#include <QPen>

namespace ui {

using core::charting::DecimationMethod;
using core::charting::Viewport;

namespace {
QList<QPointF> withoutGaps(QList<QPointF> points)
{
    points.removeIf([](const QPointF& p) { return std::isnan(p.y()); });
    return points;
}
} // namespace

ChartBand::ChartBand(QString name, core::charting::TimeSeries lower, core::charting::TimeSeries upper,
                     QColor color, QChart* chart, QAbstractAxis* xAxis, QAbstractAxis* yAxis)
    : ChartItem(std::move(name), color), m_lower(std::move(lower)), m_upper(std::move(upper)), m_chart(chart)
{
    m_area = new QAreaSeries();
    m_lowerLine = new QLineSeries(m_area);
    m_upperLine = new QLineSeries(m_area);
    m_area->setLowerSeries(m_lowerLine);
    m_area->setUpperSeries(m_upperLine);
    m_area->setName(ChartItem::name());
    QColor fill = color;
    fill.setAlpha(60);
    m_area->setBrush(fill);
    QPen pen(color);
    pen.setWidthF(0.8);
    m_area->setPen(pen);
    m_chart->addSeries(m_area);
    m_area->attachAxis(xAxis);
    m_area->attachAxis(yAxis);
}

ChartBand::~ChartBand()
{
    m_chart->removeSeries(m_area);
    delete m_area;
}

std::optional<core::charting::XRange> ChartBand::extent() const
{
    const auto lower = m_lower.extent();
    const auto upper = m_upper.extent();
    if (lower && upper)
        return lower->unitedWith(*upper);
    return lower ? lower : upper;
}

ChartItem::Frame ChartBand::decimate(const Viewport& viewport, DecimationMethod method) const
{
    return {withoutGaps(core::charting::decimate(m_lower, viewport, method)),
            withoutGaps(core::charting::decimate(m_upper, viewport, method))};
}

void ChartBand::show(const Frame& frame)
{
    m_lowerLine->replace(frame.value(0));
    m_upperLine->replace(frame.value(1));
}

bool ChartBand::isVisible() const
{
    return m_area->isVisible();
}

void ChartBand::setVisible(bool visible)
{
    m_area->setVisible(visible);
}

QAbstractSeries* ChartBand::legendSeries() const
{
    return m_area;
}

std::optional<ChartItem::Reading> ChartBand::readingNear(double x) const
{
    const auto lo = m_lower.nearestIndex(x);
    if (!lo)
        return std::nullopt;
    const double at = m_lower.x(*lo);
    const auto hi = m_upper.nearestIndex(at);
    const double upper = hi ? m_upper.y(*hi) : std::nan("");
    return Reading{at, {m_lower.y(*lo), upper}};
}

QList<QPointF> ChartBand::displayedPoints() const
{
    return m_lowerLine->points() + m_upperLine->points();
}

} // namespace ui
