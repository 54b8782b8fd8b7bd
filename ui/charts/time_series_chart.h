#pragma once

#include <memory>
#include <optional>
#include <vector>

#include <QChartView>
#include <QDate>
#include <QSet>

#include "charting/decimation.h"
#include "charting/time_series.h"
#include "common/result.h"

class QDateTimeAxis;
class QValueAxis;

namespace ui {

class ChartItem;

// A zoomable time-series chart on Qt Charts. Named lines (and interval bands) come in as
// core::charting::TimeSeries with x in milliseconds since the epoch; on every change of the
// visible x range, of the plot width or of a series' visibility the visible part of each shown
// series is decimated (min/max per pixel column by default), so only a few points per pixel
// column are drawn. Lines are drawn by a ChartPolylineItem inside the QChart (Qt Charts' own line
// series is too slow to update at frame rate); axes, grid, legend, bands, layout and theme are
// Qt Charts'. The y axis fits what is visible.
//
// Interaction (small classes in this folder, installed by the constructor): mouse wheel zooms
// around the cursor (horizontal wheel pans), left-drag pans, Shift+left-drag or right-drag
// selects a range to zoom into, +/- zoom, Left/Right pan, Home or 0 resets; clicking a legend
// entry hides or shows its series; hovering shows the date and values of the nearest points.
// The x range never leaves bounds(): the date filter when one is set, otherwise the data's
// extent (joined with the other charts' when a ChartRangeLink links them).
class TimeSeriesChart final : public QChartView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimeSeriesChart)

public:
    // The narrowest x range zoom can reach, in milliseconds.
    static constexpr double kMinimumSpanMs = 1000.0;

    explicit TimeSeriesChart(QWidget* parent = nullptr);
    ~TimeSeriesChart() override;

    // Adds a line (dashed for a forecast, say). Validation error (nothing changes) when the name
    // is empty or taken.
    core::Status addSeries(const QString& name, core::charting::TimeSeries data, const QColor& color,
                           Qt::PenStyle style = Qt::SolidLine);
    // Adds a band filled between `lower` and `upper`, for intervals. Same rules for the name.
    core::Status addBand(const QString& name, core::charting::TimeSeries lower,
                         core::charting::TimeSeries upper, const QColor& color);
    bool removeSeries(const QString& name);
    void clearSeries();
    QStringList seriesNames() const;

    // Hidden series keep their legend entry (greyed); a click on it shows them again.
    void setSeriesVisible(const QString& name, bool visible);
    bool isSeriesVisible(const QString& name) const;
    QStringList visibleSeriesNames() const;
    // Keeps a series out of the legend (a forecast drawn in its line's colour, say) or puts it
    // back; a series added is listed.
    void setListedInLegend(const QString& name, bool listed);
    bool isListedInLegend(const QString& name) const;

    core::charting::XRange xRange() const { return m_range; }
    core::charting::XRange bounds() const;
    // Moves the view to `range`, kept within bounds() and no narrower than kMinimumSpanMs.
    void setXRange(const core::charting::XRange& range);
    // factor < 1 zooms in; `anchorX` (an x value) stays where it is on screen.
    void zoomAround(double anchorX, double factor);
    void zoomBy(double factor) { zoomAround(m_range.centre(), factor); }
    // Shifts the view by a fraction of its width (positive: later).
    void panBy(double fraction);
    void resetZoom();

    // Shows only the days from..to (inclusive, local time): the view resets to them and zoom and
    // pan stay inside. Validation error (nothing changes) for an invalid date or from > to.
    core::Status setDateFilter(QDate from, QDate to);
    void clearDateFilter();
    std::optional<core::charting::XRange> dateFilter() const { return m_filter; }

    void setDecimationMethod(core::charting::DecimationMethod method);
    core::charting::DecimationMethod decimationMethod() const { return m_method; }

    // The plot area in viewport coordinates, and the x value at a viewport x coordinate.
    QRectF plotAreaInViewport() const;
    double xAtViewportX(qreal viewportX) const;
    // "date\nname: value\n…" for the points of the visible series nearest to x; empty when none.
    QString hoverTextAt(double x) const;
    // The points Qt Charts holds now for a series (empty for an unknown or hidden one).
    QList<QPointF> displayedPoints(const QString& name) const;

    // The range this chart would show on reset, ignoring any link.
    core::charting::XRange ownBounds() const;
    // Set by ChartRangeLink: the joined bounds of the linked charts, or nothing.
    void setLinkedBounds(std::optional<core::charting::XRange> bounds);

signals:
    void xRangeChanged(const core::charting::XRange& range);
    void ownBoundsChanged();
    void seriesVisibilityChanged(const QString& name, bool visible);
    void dateFilterChanged();

private:
    ChartItem* find(const QString& name) const;
    core::Status checkNewName(const QString& name) const;
    void adopt(std::unique_ptr<ChartItem> item);
    // Keeps the view on the data after bounds changed: a view showing everything keeps doing so.
    void rebound(const core::charting::XRange& previousBounds);
    void applyRange(const core::charting::XRange& range);
    void redraw();
    void drawFrame();
    void fitYAxis(std::optional<core::charting::YExtent> extent);
    void updateLegendMarkers(const ChartItem& item);
    int pixelColumns() const;
    void onAxisRangeChanged();
    void onPlotAreaChanged();

    QDateTimeAxis* m_xAxis;
    QValueAxis* m_yAxis;
    std::vector<std::unique_ptr<ChartItem>> m_items;
    QSet<QString> m_unlisted; // series kept out of the legend
    core::charting::XRange m_range;
    std::optional<core::charting::XRange> m_filter;
    std::optional<core::charting::XRange> m_linkedBounds;
    core::charting::DecimationMethod m_method = core::charting::DecimationMethod::MinMaxPerColumn;
    int m_drawnColumns = 0;
    bool m_applyingRange = false; // axis changes are ours: do not follow them
    bool m_drawing = false;
    bool m_plotAreaMoved = false;
};

} // namespace ui
