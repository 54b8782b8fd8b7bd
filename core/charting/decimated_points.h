#pragma once

#include <cmath>
#include <limits>

#include <QList>
#include <QPointF>

namespace core::charting {

// The output of a decimator: points in x order where a point with a NaN y marks a gap (the line
// breaks there). Consecutive gap markers collapse into one.
class DecimatedPoints
{
public:
    void reserve(qsizetype n) { m_points.reserve(n); }

    void append(double x, double y)
    {
        if (std::isnan(y))
            appendGap(x);
        else
            m_points.append(QPointF(x, y));
    }
    void appendGap(double x)
    {
        if (!m_points.isEmpty() && std::isnan(m_points.constLast().y()))
            return;
        m_points.append(QPointF(x, std::numeric_limits<double>::quiet_NaN()));
    }

    QList<QPointF> take() { return std::move(m_points); }

private:
    QList<QPointF> m_points;
};

} // namespace core::charting
