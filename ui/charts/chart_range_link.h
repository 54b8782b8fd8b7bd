#pragma once

#include <QList>
#include <QObject>
#include <QPointer>

namespace ui {

class TimeSeriesChart;

// Keeps the x ranges of several charts (the charts of one view) the same: zooming or panning
// one moves the others. Linked charts share their bounds (the union of each chart's data extent
// or date filter) so every chart can follow the range exactly. Charts are not owned; a
// destroyed chart drops out.
class ChartRangeLink final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChartRangeLink)

public:
    explicit ChartRangeLink(QObject* parent = nullptr);
    ~ChartRangeLink() override;

    // A chart joining takes the range of the charts already linked.
    void add(TimeSeriesChart* chart);
    void remove(TimeSeriesChart* chart);
    QList<TimeSeriesChart*> charts() const;

private:
    void follow(TimeSeriesChart* leader);
    void shareBounds();

    // A linked chart, and its address as a QObject: while a chart is being destroyed (its
    // destroyed() signal) its QPointer is not yet null but the object is no TimeSeriesChart any
    // more, so it is found by that address, never through the pointer (UBSan: downcast).
    struct Linked
    {
        QPointer<TimeSeriesChart> chart;
        const QObject* identity = nullptr;
    };
    QList<Linked> m_charts;
    bool m_syncing = false;
};

} // namespace ui
