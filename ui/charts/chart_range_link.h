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

    QList<QPointer<TimeSeriesChart>> m_charts;
    bool m_syncing = false;
};

} // namespace ui
