#include "report/report_chart.h"

#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <cmath>

#include "charting/axis_ticks.h"
#include "charting/decimation.h"
#include "charting/time_series.h"

namespace report {

namespace {

const QColor kLine(0x1f, 0x6f, 0xb2);
const QColor kForecast(0xd9, 0x6c, 0x06);
const QColor kGrid(0xe3, 0xe6, 0xea);
const QColor kText(0x33, 0x33, 0x33);

} // namespace

QList<double> ReportChart::valuesOf(const QList<core::DailyMetrics>& days, bool clicks)
{
    QList<double> out;
    for (const auto& d : days)
        out.append(static_cast<double>(clicks ? d.clicks : d.impressions));
    return out;
}

QImage ReportChart::render(const Series& series, int width, int height)
{
    QImage image(width, height, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    QFont font = p.font();
    font.setPixelSize(14);
    p.setFont(font);
    const QFontMetrics fm(font);

    const int n = static_cast<int>(series.values.size());
    const int horizon = series.forecast ? series.forecast->horizon() : 0;
    const int total = std::max(1, n + horizon);
    double lo = 0.0;
    double hi = 1.0;
    for (double v : series.values)
        hi = std::max(hi, v);
    if (series.forecast) {
        const auto* band = series.forecast->interval(95.0);
        for (int h = 0; h < horizon; ++h)
            hi = std::max(hi, band ? band->upper[h] : series.forecast->points[h]);
    }
    const auto ticks = core::charting::looseAxisTicks(lo, hi, 5);

    const QLocale locale;
    int labelWidth = 0;
    for (int i = 0; i < ticks.tickCount; ++i)
        labelWidth = std::max(labelWidth, fm.horizontalAdvance(locale.toString(ticks.min + i * ticks.step, 'f', 0)));
    const QRectF plot(labelWidth + 16, fm.height() + 16, width - labelWidth - 32, height - 2 * fm.height() - 36);
    const auto xOf = [&](double day) { return plot.left() + plot.width() * day / std::max(1, total - 1); };
    const auto yOf = [&](double v) {
        return plot.bottom() - plot.height() * (v - ticks.min) / std::max(1e-9, ticks.max - ticks.min);
    };

    p.setPen(kText);
    p.drawText(QRectF(plot.left(), 4, plot.width(), fm.height() + 4), Qt::AlignLeft, series.title);
    for (int i = 0; i < ticks.tickCount; ++i) {
        const double v = ticks.min + i * ticks.step;
        p.setPen(kGrid);
        p.drawLine(QPointF(plot.left(), yOf(v)), QPointF(plot.right(), yOf(v)));
        p.setPen(kText);
        p.drawText(QRectF(0, yOf(v) - fm.height() / 2.0, labelWidth + 8, fm.height()), Qt::AlignRight | Qt::AlignVCenter,
                   locale.toString(v, 'f', 0));
    }
    // Date labels: the first day, the last and the forecast's end.
    const auto dayLabel = [&](int index, Qt::Alignment align) {
        const QString text = series.firstDay.addDays(index).toString(QStringLiteral("d MMM yyyy"));
        const double x = xOf(index);
        QRectF r(x - 120, plot.bottom() + 6, 240, fm.height() + 2);
        if (align & Qt::AlignLeft)
            r.moveLeft(x);
        if (align & Qt::AlignRight)
            r.moveRight(x);
        p.drawText(r, align | Qt::AlignTop, text);
    };
    if (n > 0) {
        dayLabel(0, Qt::AlignLeft);
        dayLabel(n - 1, horizon > 0 ? Qt::AlignHCenter : Qt::AlignRight);
    }
    if (horizon > 0)
        dayLabel(total - 1, Qt::AlignRight);

    if (series.forecast && horizon > 0 && n > 0) {
        for (double level : {95.0, 80.0}) {
            const auto* band = series.forecast->interval(level);
            if (!band)
                continue;
            QPainterPath path;
            path.moveTo(xOf(n - 1), yOf(series.values.last()));
            for (int h = 0; h < horizon; ++h)
                path.lineTo(xOf(n + h), yOf(band->upper[h]));
            for (int h = horizon - 1; h >= 0; --h)
                path.lineTo(xOf(n + h), yOf(std::max(0.0, band->lower[h])));
            path.closeSubpath();
            QColor fill = kForecast;
            fill.setAlpha(level > 90 ? 40 : 70);
            p.fillPath(path, fill);
        }
        QPen dashed(kForecast, 2.0, Qt::DashLine);
        p.setPen(dashed);
        QPolygonF line;
        line.append(QPointF(xOf(n - 1), yOf(series.values.last())));
        for (int h = 0; h < horizon; ++h)
            line.append(QPointF(xOf(n + h), yOf(series.forecast->points[h])));
        p.drawPolyline(line);
    }

    if (n > 0) {
        std::vector<double> xs(static_cast<std::size_t>(n));
        std::vector<double> ys(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) {
            xs[static_cast<std::size_t>(i)] = i;
            ys[static_cast<std::size_t>(i)] = series.values[i];
        }
        auto ts = core::charting::TimeSeries::create(std::move(xs), std::move(ys));
        QList<QPointF> points;
        if (ts) {
            core::charting::Viewport viewport{{0.0, static_cast<double>(n - 1)},
                                              std::max(1, static_cast<int>(plot.width() * n / total))};
            points = core::charting::decimate(ts.value(), viewport, core::charting::DecimationMethod::Lttb);
        }
        QPolygonF line;
        for (const auto& pt : points) {
            if (std::isfinite(pt.y()))
                line.append(QPointF(xOf(pt.x()), yOf(pt.y())));
        }
        p.setPen(QPen(kLine, 2.5));
        p.drawPolyline(line);
    }
    p.setPen(QPen(kText, 1.0));
    p.drawLine(plot.bottomLeft(), plot.bottomRight());
    return image;
}

} // namespace report
