#pragma once

#include <QColor>
#include <QGraphicsItem>
#include <QList>
#include <QPointF>

class QAbstractSeries;
class QChart;

namespace ui {

// Draws one decimated line inside a QChart's plot area: the points are in data coordinates and
// are mapped through the axes of `anchor` (a series attached to the chart's axes) when painted,
// so the line sits exactly on Qt Charts' grid. A point with a NaN y breaks the line. It replaces
// QLineSeries for long lines because QLineSeries re-strokes its whole path (for its mouse shape)
// on every update, which costs more than a frame allows once a few thousand points are shown.
class ChartPolylineItem final : public QGraphicsItem
{
public:
    ChartPolylineItem(QChart* chart, QAbstractSeries* anchor, QColor color,
                      Qt::PenStyle style = Qt::SolidLine);

    void setPoints(QList<QPointF> points);
    const QList<QPointF>& points() const { return m_points; }
    // The plot area moved or the axes changed: paint again.
    void plotChanged();

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    QChart* m_chart;
    QAbstractSeries* m_anchor;
    QColor m_color;
    Qt::PenStyle m_style;
    QList<QPointF> m_points;
    QPointF m_referenceLo;
    QPointF m_referenceHi;
    QRectF m_bounds;
};

} // namespace ui
