#include "chart_export.h"

#include <QBuffer>
#include <QChart>
#include <QChartView>
#include <QGraphicsScene>
#include <QImage>
#include <QPainter>
#include <QSvgGenerator>

#include "export/atomic_file.h"

namespace ui {

namespace {

core::Status checkTarget(const QChartView& view, const QString& path)
{
    if (path.trimmed().isEmpty())
        return core::Error::validation(QStringLiteral("export_path_empty"),
                                       QStringLiteral("Choose a file to export the chart to."));
    if (!view.chart() || view.chart()->size().isEmpty())
        return core::Error::validation(
            QStringLiteral("export_chart_empty"),
            QStringLiteral("The chart has no size yet; show it before exporting."));
    return core::success();
}

void renderChart(const QChartView& view, QPainter& painter, const QRectF& target)
{
    painter.setRenderHint(QPainter::Antialiasing);
    const QChart* chart = view.chart();
    chart->scene()->render(&painter, target, chart->sceneBoundingRect());
}

} // namespace

core::Status exportChartAsPng(const QChartView& view, const QString& path)
{
    if (auto status = checkTarget(view, path); !status)
        return status;
    const QSizeF size = view.chart()->size();
    const qreal ratio = view.devicePixelRatioF();
    QImage image((size * ratio).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(ratio);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        renderChart(view, painter, QRectF(QPointF(), size));
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "PNG"))
        return core::Error::io(QStringLiteral("The chart could not be encoded as PNG."), path);
    return core::writeFileAtomically(path, bytes);
}

core::Status exportChartAsSvg(const QChartView& view, const QString& path)
{
    if (auto status = checkTarget(view, path); !status)
        return status;
    const QSizeF size = view.chart()->size();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setSize(size.toSize());
    svg.setResolution(96); // the size is written in mm: 96 dpi makes it the chart's size in CSS pixels
    svg.setViewBox(QRectF(QPointF(), size));
    svg.setTitle(view.chart()->title().isEmpty() ? QStringLiteral("Chart") : view.chart()->title());
    {
        QPainter painter(&svg);
        renderChart(view, painter, QRectF(QPointF(), size));
    }
    return core::writeFileAtomically(path, bytes);
}

} // namespace ui
