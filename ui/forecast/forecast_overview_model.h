#pragma once

#include <QAbstractTableModel>
#include <QList>

#include "forecast/segment_forecast_summary.h"

namespace ui {

// The rows of "Forecast all segments": one segment each, appended as the forecasts arrive.
// Display text is formatted for reading; Qt::UserRole gives the raw figure to sort by (NaN, a
// figure that does not apply, sorts below every number).
class ForecastOverviewModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ForecastOverviewModel)

public:
    enum Column
    {
        Segment,
        Advertiser,
        Model,
        Total,
        Range80,
        Range95,
        Change,
        Mase,
        Coverage95,
        Note,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole;

    explicit ForecastOverviewModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The horizon names the total and change columns ("Next 14 days").
    void setHorizon(int days);
    void append(const QList<core::forecast::SegmentForecastSummary>& rows);
    void clear();

    const QList<core::forecast::SegmentForecastSummary>& rows() const { return m_rows; }
    const core::forecast::SegmentForecastSummary& at(int row) const { return m_rows.at(row); }
    // The row of a segment, -1 when it has none.
    int rowOf(const QString& segmentId) const;

private:
    QVariant display(const core::forecast::SegmentForecastSummary& s, int column) const;
    static QVariant sortValue(const core::forecast::SegmentForecastSummary& s, int column);

    QList<core::forecast::SegmentForecastSummary> m_rows;
    int m_horizon = 14;
};

} // namespace ui
