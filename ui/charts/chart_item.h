#pragma once

#include <optional>

#include <QColor>
#include <QList>
#include <QPointF>
#include <QString>

#include "charting/decimation.h"

class QAbstractSeries;

namespace ui {

// One named thing a TimeSeriesChart draws (a line or a band): its data, its colour and the Qt
// Charts series that show it. decimate() only reads immutable data, so frames for several items
// can be computed on worker threads; show() and everything else run on the GUI thread.
class ChartItem
{
public:
    // Decimated points for each Qt series the item feeds (a line: one list, a band: lower, upper).
    using Frame = QList<QList<QPointF>>;

    // The values of the point nearest to an x position: one for a line, lower and upper for a band.
    struct Reading
    {
        double x = 0.0;
        QList<double> values;
    };

    ChartItem(QString name, QColor color) : m_name(std::move(name)), m_color(color) {}
    virtual ~ChartItem() = default;
    Q_DISABLE_COPY_MOVE(ChartItem)

    const QString& name() const { return m_name; }
    QColor color() const { return m_color; }

    virtual std::optional<core::charting::XRange> extent() const = 0;
    virtual Frame decimate(const core::charting::Viewport& viewport,
                           core::charting::DecimationMethod method) const = 0;
    virtual void show(const Frame& frame) = 0;
    // The plot area moved or resized (the axes' ranges may have changed too).
    virtual void plotChanged() {}
    virtual bool isVisible() const = 0;
    virtual void setVisible(bool visible) = 0;
    // The series whose legend entry stands for the item.
    virtual QAbstractSeries* legendSeries() const = 0;
    virtual std::optional<Reading> readingNear(double x) const = 0;
    // The points drawn now, in data coordinates: a line's in x order with a NaN y where it breaks,
    // a band's lower bound then its upper bound.
    virtual QList<QPointF> displayedPoints() const = 0;

private:
    QString m_name;
    QColor m_color;
};

} // namespace ui
