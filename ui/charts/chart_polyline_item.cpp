#include "chart_polyline_item.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <QAbstractSeries>
#include <QChart>
#include <QPainter>
#include <QPolygonF>

namespace ui {

namespace {
// Above the series Qt Charts draws (bands), below the legend (see Qt Charts' ChartPresenter).
constexpr qreal kZValue = 4.5;
} // namespace

ChartPolylineItem::ChartPolylineItem(QChart* chart, QAbstractSeries* anchor, QColor color, Qt::PenStyle style)
    : QGraphicsItem(chart), m_chart(chart), m_anchor(anchor), m_color(color), m_style(style)
{
    setZValue(kZValue);
    m_bounds = m_chart->plotArea();
}

void ChartPolylineItem::setPoints(QList<QPointF> points)
{
    m_points = std::move(points);
    // Two reference points spanning the data: mapping them gives the scale without the rounding
    // that mapping two nearby values (x is ~1e12 ms) would bring.
    double yLo = std::numeric_limits<double>::infinity();
    double yHi = -yLo;
    for (const QPointF& p : std::as_const(m_points)) {
        if (std::isnan(p.y()))
            continue;
        yLo = std::min(yLo, p.y());
        yHi = std::max(yHi, p.y());
    }
    if (yLo > yHi)
        yLo = yHi = 0.0;
    const double xLo = m_points.isEmpty() ? 0.0 : m_points.constFirst().x();
    const double xHi = m_points.isEmpty() ? 0.0 : m_points.constLast().x();
    m_referenceLo = QPointF(xLo, yLo);
    m_referenceHi = QPointF(xHi > xLo ? xHi : xLo + 1.0, yHi > yLo ? yHi : yLo + 1.0);
    update();
}

void ChartPolylineItem::plotChanged()
{
    const QRectF plot = m_chart->plotArea();
    if (plot != m_bounds) {
        prepareGeometryChange();
        m_bounds = plot;
    }
    update();
}

QRectF ChartPolylineItem::boundingRect() const
{
    return m_bounds;
}

void ChartPolylineItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    if (m_points.isEmpty() || m_bounds.isEmpty())
        return;
    // The axes are linear: two mapped points give the whole data-to-item transform.
    const QPointF a = m_chart->mapToPosition(m_referenceLo, m_anchor);
    const QPointF b = m_chart->mapToPosition(m_referenceHi, m_anchor);
    const double sx = (b.x() - a.x()) / (m_referenceHi.x() - m_referenceLo.x());
    const double sy = (b.y() - a.y()) / (m_referenceHi.y() - m_referenceLo.y());
    if (!std::isfinite(sx) || !std::isfinite(sy))
        return;

    painter->save();
    painter->setClipRect(m_bounds);
    QPen pen(m_color, m_style == Qt::SolidLine ? 1.0 : 2.0, m_style); // 1 px: the raster engine's fast
    pen.setCosmetic(true);                                            // (cosmetic) stroker
    painter->setPen(pen);
    QPolygonF run;
    run.reserve(m_points.size());
    const auto flush = [&] {
        if (run.size() > 1)
            painter->drawPolyline(run);
        else if (run.size() == 1)
            painter->drawPoint(run.constFirst());
        run.clear();
    };
    for (const QPointF& p : m_points) {
        if (std::isnan(p.y())) {
            flush();
            continue;
        }
        run.append(
            QPointF(a.x() + (p.x() - m_referenceLo.x()) * sx, a.y() + (p.y() - m_referenceLo.y()) * sy));
    }
    flush();
    painter->restore();
}

} // namespace ui
