#include "time_series_chart.h"

#include <algorithm>
#include <cmath>

#include <QDateTimeAxis>
#include <QLegend>
#include <QLegendMarker>
#include <QScopedValueRollback>
#include <QValueAxis>

#include "chart_band.h"
#include "chart_drag_pan.h"
#include "chart_hover_tooltip.h"
#include "chart_key_navigation.h"
#include "chart_labels.h"
#include "chart_line.h"
#include "chart_rubber_band_zoom.h"
#include "chart_wheel_zoom.h"
#include "charting/axis_ticks.h"
#include "common/theme.h"

namespace ui {

using core::charting::DecimationMethod;
using core::charting::Viewport;
using core::charting::XRange;
using core::charting::YExtent;

namespace {
constexpr double kDayMs = 24.0 * 60 * 60 * 1000;
} // namespace

TimeSeriesChart::TimeSeriesChart(QWidget* parent) : QChartView(parent)
{
    auto* chart = new QChart();
    if (Theme::isDark())
        chart->setTheme(QChart::ChartThemeDark); // before the axes: a theme resets their look
    chart->legend()->setAlignment(Qt::AlignTop);
    chart->setMargins(QMargins(4, 4, 4, 4));
    m_xAxis = new QDateTimeAxis(chart);
    m_xAxis->setTickCount(6);
    m_yAxis = new QValueAxis(chart);
    m_yAxis->setLabelFormat(QStringLiteral("%.6g"));
    chart->addAxis(m_xAxis, Qt::AlignBottom);
    chart->addAxis(m_yAxis, Qt::AlignLeft);
    // QChartView made a default chart of its own; setChart releases it without deleting it (Qt's
    // documentation: "users need to make sure the previous chart is deleted"). LeakSanitizer found
    // one QChart leaked per chart view.
    QChart* unused = this->chart();
    setChart(chart);
    delete unused;
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::NoRubberBand);
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setMouseTracking(true);
    setAccessibleName(tr("Time series chart"));
    setAccessibleDescription(
        tr("Wheel or +/- to zoom, drag or arrow keys to pan, Shift+drag to zoom into a range, "
           "Home to reset; click a legend entry to hide or show its series."));

    new ChartWheelZoom(this);
    new ChartDragPan(this);
    new ChartRubberBandZoom(this);
    new ChartKeyNavigation(this);
    new ChartHoverTooltip(this);

    connect(m_xAxis, &QDateTimeAxis::rangeChanged, this, &TimeSeriesChart::onAxisRangeChanged);
    connect(chart, &QChart::plotAreaChanged, this, &TimeSeriesChart::onPlotAreaChanged);
    applyRange(bounds());
}

TimeSeriesChart::~TimeSeriesChart()
{
    m_items.clear(); // the items remove their series while the chart still exists
}

ChartItem* TimeSeriesChart::find(const QString& name) const
{
    const auto it =
        std::find_if(m_items.begin(), m_items.end(), [&](const auto& item) { return item->name() == name; });
    return it == m_items.end() ? nullptr : it->get();
}

core::Status TimeSeriesChart::checkNewName(const QString& name) const
{
    if (name.trimmed().isEmpty())
        return core::Error::validation(QStringLiteral("series_name_empty"),
                                       tr("A chart series needs a name."));
    if (find(name))
        return core::Error::validation(QStringLiteral("series_name_taken"),
                                       tr("The chart already has a series named \"%1\".").arg(name));
    return core::success();
}

core::Status TimeSeriesChart::addSeries(const QString& name, core::charting::TimeSeries data,
                                        const QColor& color, Qt::PenStyle style)
{
    if (auto status = checkNewName(name); !status)
        return status;
    adopt(std::make_unique<ChartLine>(name, std::move(data), color, chart(), m_xAxis, m_yAxis, style));
    return core::success();
}

core::Status TimeSeriesChart::addBand(const QString& name, core::charting::TimeSeries lower,
                                      core::charting::TimeSeries upper, const QColor& color)
{
    if (auto status = checkNewName(name); !status)
        return status;
    adopt(std::make_unique<ChartBand>(name, std::move(lower), std::move(upper), color, chart(), m_xAxis,
                                      m_yAxis));
    return core::success();
}

void TimeSeriesChart::adopt(std::unique_ptr<ChartItem> item)
{
    const XRange previousBounds = ownBounds();
    const QString name = item->name();
    const QList<QLegendMarker*> markers = chart()->legend()->markers(item->legendSeries());
    for (QLegendMarker* marker : markers)
        connect(marker, &QLegendMarker::clicked, this,
                [this, name] { setSeriesVisible(name, !isSeriesVisible(name)); });
    m_items.push_back(std::move(item));
    rebound(previousBounds);
    updateLegendMarkers(*m_items.back());
}

bool TimeSeriesChart::removeSeries(const QString& name)
{
    const auto it =
        std::find_if(m_items.begin(), m_items.end(), [&](const auto& item) { return item->name() == name; });
    if (it == m_items.end())
        return false;
    const XRange previousBounds = ownBounds();
    m_unlisted.remove(name);
    m_items.erase(it);
    rebound(previousBounds);
    return true;
}

void TimeSeriesChart::clearSeries()
{
    const XRange previousBounds = ownBounds();
    m_unlisted.clear();
    m_items.clear();
    rebound(previousBounds);
}

QStringList TimeSeriesChart::seriesNames() const
{
    QStringList names;
    for (const auto& item : m_items)
        names.append(item->name());
    return names;
}

void TimeSeriesChart::setSeriesVisible(const QString& name, bool visible)
{
    ChartItem* item = find(name);
    if (!item || item->isVisible() == visible)
        return;
    item->setVisible(visible);
    redraw(); // the y axis fits the series shown; a shown series gets a fresh frame
    updateLegendMarkers(*item);
    emit seriesVisibilityChanged(name, visible);
}

bool TimeSeriesChart::isSeriesVisible(const QString& name) const
{
    const ChartItem* item = find(name);
    return item && item->isVisible();
}

void TimeSeriesChart::setListedInLegend(const QString& name, bool listed)
{
    ChartItem* item = find(name);
    if (!item)
        return;
    if (listed)
        m_unlisted.remove(name);
    else
        m_unlisted.insert(name);
    updateLegendMarkers(*item);
}

bool TimeSeriesChart::isListedInLegend(const QString& name) const
{
    return find(name) && !m_unlisted.contains(name);
}

QStringList TimeSeriesChart::visibleSeriesNames() const
{
    QStringList names;
    for (const auto& item : m_items)
        if (item->isVisible())
            names.append(item->name());
    return names;
}

XRange TimeSeriesChart::ownBounds() const
{
    if (m_filter)
        return *m_filter;
    std::optional<XRange> extent;
    for (const auto& item : m_items) {
        const auto e = item->extent();
        if (e)
            extent = extent ? extent->unitedWith(*e) : *e;
    }
    if (!extent) {
        const double today = static_cast<double>(QDate::currentDate().startOfDay().toMSecsSinceEpoch());
        return {today - 6 * kDayMs, today + kDayMs};
    }
    if (extent->width() < kMinimumSpanMs) // a single instant: a day around it
        return {extent->centre() - kDayMs / 2, extent->centre() + kDayMs / 2};
    return *extent;
}

XRange TimeSeriesChart::bounds() const
{
    const XRange own = ownBounds();
    return m_linkedBounds ? own.unitedWith(*m_linkedBounds) : own;
}

void TimeSeriesChart::setLinkedBounds(std::optional<XRange> linked)
{
    if (linked == m_linkedBounds)
        return;
    const XRange previous = bounds();
    m_linkedBounds = linked;
    if (m_range == previous)
        applyRange(bounds());
    else
        setXRange(m_range);
}

void TimeSeriesChart::rebound(const XRange& previousBounds)
{
    const XRange previousView = m_range;
    if (m_range == previousBounds.unitedWith(m_linkedBounds.value_or(previousBounds)) || m_items.size() <= 1)
        applyRange(bounds());
    else
        applyRange(m_range.keptWithin(bounds(), kMinimumSpanMs));
    if (m_range == previousView)
        redraw(); // same range, different series
    emit ownBoundsChanged();
}

void TimeSeriesChart::setXRange(const XRange& range)
{
    if (!range.isValid())
        return;
    const XRange next = range.keptWithin(bounds(), kMinimumSpanMs);
    if (next == m_range)
        return;
    applyRange(next);
}

void TimeSeriesChart::applyRange(const XRange& range)
{
    const bool changed = range != m_range;
    m_range = range;
    {
        const QScopedValueRollback<bool> applying(m_applyingRange, true);
        m_xAxis->setFormat(chartAxisFormatFor(range.width()));
        m_xAxis->setRange(QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(std::floor(range.min))),
                          QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(std::ceil(range.max))));
        redraw();
    }
    if (changed)
        emit xRangeChanged(m_range);
}

void TimeSeriesChart::zoomAround(double anchorX, double factor)
{
    if (!(factor > 0.0))
        return;
    setXRange(m_range.zoomedAround(anchorX, factor));
}

void TimeSeriesChart::panBy(double fraction)
{
    setXRange(m_range.shiftedBy(fraction * m_range.width()));
}

void TimeSeriesChart::resetZoom()
{
    setXRange(bounds());
}

core::Status TimeSeriesChart::setDateFilter(QDate from, QDate to)
{
    if (!from.isValid() || !to.isValid())
        return core::Error::validation(QStringLiteral("date_filter_invalid"),
                                       tr("Choose a valid start and end date."));
    if (from > to)
        return core::Error::validation(QStringLiteral("date_filter_reversed"),
                                       tr("The start date (%1) is after the end date (%2).")
                                           .arg(from.toString(Qt::ISODate), to.toString(Qt::ISODate)));
    m_filter = XRange{static_cast<double>(from.startOfDay().toMSecsSinceEpoch()),
                      static_cast<double>(to.endOfDay().toMSecsSinceEpoch())};
    applyRange(bounds());
    emit ownBoundsChanged();
    emit dateFilterChanged();
    return core::success();
}

void TimeSeriesChart::clearDateFilter()
{
    if (!m_filter)
        return;
    m_filter.reset();
    applyRange(bounds());
    emit ownBoundsChanged();
    emit dateFilterChanged();
}

void TimeSeriesChart::setDecimationMethod(DecimationMethod method)
{
    if (method == m_method)
        return;
    m_method = method;
    redraw();
}

int TimeSeriesChart::pixelColumns() const
{
    const qreal width = chart()->plotArea().width();
    const qreal usable = width >= 2.0 ? width : qMax(100, viewport()->width());
    return qMax(1, qRound(usable * devicePixelRatioF()));
}

void TimeSeriesChart::redraw()
{
    // A new y range can change the axis labels' width and so the plot's: draw once more then.
    for (int pass = 0; pass < 2; ++pass) {
        m_plotAreaMoved = false;
        drawFrame();
        if (!m_plotAreaMoved || pixelColumns() == m_drawnColumns)
            break;
    }
}

void TimeSeriesChart::drawFrame()
{
    const QScopedValueRollback<bool> applying(m_applyingRange, true); // y changes move the x axis too
    const QScopedValueRollback<bool> drawing(m_drawing, true);
    const Viewport viewport{m_range, pixelColumns()};
    m_drawnColumns = viewport.pixelColumns;
    std::optional<YExtent> y;
    for (const auto& item : m_items) {
        if (!item->isVisible())
            continue;
        const ChartItem::Frame frame = item->decimate(viewport, m_method);
        item->show(frame);
        for (const QList<QPointF>& points : frame) {
            const auto e = core::charting::yExtentWithin(points, m_range);
            if (!e)
                continue;
            y = y ? YExtent{std::min(y->min, e->min), std::max(y->max, e->max)} : *e;
        }
    }
    fitYAxis(y);
}

void TimeSeriesChart::fitYAxis(std::optional<YExtent> extent)
{
    if (!extent) {
        m_yAxis->setRange(0.0, 1.0);
        return;
    }
    const double span = extent->max - extent->min;
    const double pad = span > 0.0 ? span * 0.02 : std::max(std::abs(extent->max) * 0.05, 1.0);
    // Round ticks: easier to read, and the labels (so the plot's left edge) change width less
    // often while zooming and panning.
    // Counts, money and rates are never negative: the axis does not go below zero for them.
    const double low = extent->min >= 0.0 ? std::max(0.0, extent->min - pad) : extent->min - pad;
    const core::charting::AxisTicks ticks = core::charting::looseAxisTicks(low, extent->max + pad, 5);
    if (m_yAxis->tickCount() != ticks.tickCount)
        m_yAxis->setTickCount(ticks.tickCount);
    m_yAxis->setRange(ticks.min, ticks.max);
}

void TimeSeriesChart::updateLegendMarkers(const ChartItem& item)
{
    QLegend* legend = chart()->legend();
    const QList<QLegendMarker*> markers = legend->markers(item.legendSeries());
    for (QLegendMarker* marker : markers) {
        marker->setVisible(!m_unlisted.contains(item.name())); // Qt Charts hides a hidden series' entry
        QColor swatch = item.color();
        if (!item.isVisible())
            swatch.setAlpha(50);
        marker->setBrush(swatch);
        marker->setLabelBrush(item.isVisible() ? legend->labelColor()
                                               : palette().color(QPalette::Disabled, QPalette::Text));
    }
}

QRectF TimeSeriesChart::plotAreaInViewport() const
{
    return viewportTransform().mapRect(chart()->mapRectToScene(chart()->plotArea()));
}

double TimeSeriesChart::xAtViewportX(qreal viewportX) const
{
    const QRectF plot = plotAreaInViewport();
    if (plot.width() <= 0.0)
        return m_range.centre();
    return m_range.min + (viewportX - plot.left()) / plot.width() * m_range.width();
}

QString TimeSeriesChart::hoverTextAt(double x) const
{
    struct Line
    {
        QString name;
        ChartItem::Reading reading;
    };
    QList<Line> lines;
    for (const auto& item : m_items) {
        if (!item->isVisible())
            continue;
        if (auto reading = item->readingNear(x))
            lines.append({item->name(), *reading});
    }
    if (lines.isEmpty())
        return {};
    const auto closest = std::min_element(lines.begin(), lines.end(), [&](const Line& a, const Line& b) {
        return std::abs(a.reading.x - x) < std::abs(b.reading.x - x);
    });
    const double headerX = closest->reading.x;
    QStringList text{formatChartX(headerX)};
    for (const Line& line : lines) {
        QStringList values;
        for (double v : line.reading.values)
            values.append(formatChartValue(v));
        QString entry = QStringLiteral("%1: %2").arg(line.name, values.join(QStringLiteral(" – ")));
        if (line.reading.x != headerX)
            entry += QStringLiteral(" (%1)").arg(formatChartX(line.reading.x));
        text.append(entry);
    }
    return text.join(QLatin1Char('\n'));
}

QList<QPointF> TimeSeriesChart::displayedPoints(const QString& name) const
{
    const ChartItem* item = find(name);
    return item && item->isVisible() ? item->displayedPoints() : QList<QPointF>{};
}

void TimeSeriesChart::onAxisRangeChanged()
{
    if (m_applyingRange)
        return;
    // Someone moved the axis directly (QChart::zoomIn, scroll): follow it within bounds. The axis
    // holds whole milliseconds, so a range it got from us reads back slightly wider.
    const XRange axis{static_cast<double>(m_xAxis->min().toMSecsSinceEpoch()),
                      static_cast<double>(m_xAxis->max().toMSecsSinceEpoch())};
    if (axis == XRange{std::floor(m_range.min), std::ceil(m_range.max)})
        return;
    setXRange(axis);
}

void TimeSeriesChart::onPlotAreaChanged()
{
    m_xAxis->setTickCount(chartAxisTickCountFor(chart()->plotArea().width()));
    for (const auto& item : m_items)
        item->plotChanged();
    if (m_drawing) {
        m_plotAreaMoved = true;
        return;
    }
    if (pixelColumns() != m_drawnColumns)
        redraw();
}

} // namespace ui
