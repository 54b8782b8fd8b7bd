#include "forecast/forecast_overview_model.h"
#include "common/theme.h"

#include <cmath>
#include <limits>

#include <QBrush>
#include <QLocale>
#include <QPalette>

namespace ui {

using core::forecast::SegmentForecastSummary;

namespace {

QString whole(double value)
{
    return std::isfinite(value) ? QLocale().toString(std::llround(value)) : QStringLiteral("—");
}

QString range(double low, double high)
{
    if (!std::isfinite(low) || !std::isfinite(high))
        return QStringLiteral("—");
    return QStringLiteral("%1 – %2").arg(whole(low), whole(high));
}

QString signedPercent(double fraction)
{
    if (!std::isfinite(fraction))
        return QStringLiteral("—");
    const double percent = std::round(fraction * 1000.0) / 10.0; // no "-0.0 %"
    const QString text = QLocale().toString(percent == 0.0 ? 0.0 : percent, 'f', 1) + QStringLiteral(" %");
    return percent > 0 ? QStringLiteral("+") + text : text;
}

QVariant orLowest(double value)
{
    return std::isfinite(value) ? value : -std::numeric_limits<double>::infinity();
}

} // namespace

ForecastOverviewModel::ForecastOverviewModel(QObject* parent) : QAbstractTableModel(parent) {}

int ForecastOverviewModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ForecastOverviewModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ForecastOverviewModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const SegmentForecastSummary& s = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(s, index.column());
    case SortRole:
        return sortValue(s, index.column());
    case Qt::TextAlignmentRole:
        if (index.column() >= Total && index.column() <= Coverage95)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Note || index.column() == Segment)
            return s.note.isEmpty() ? QVariant() : s.note;
        if (index.column() == Mase && s.backtested)
            return tr("Below 1: the forecasts beat seasonal naive (the same day last week) in the backtest.");
        return {};
    case Qt::ForegroundRole:
        if (!s.forecast)
            return QPalette().brush(QPalette::Disabled, QPalette::Text);
        if (index.column() == Mase && std::isfinite(s.maseRatio) && s.maseRatio >= 1.0)
            return QBrush(Theme::color(Theme::Role::ErrorText)); // does not beat the baseline
        return {};
    default:
        return {};
    }
}

QVariant ForecastOverviewModel::display(const SegmentForecastSummary& s, int column) const
{
    switch (column) {
    case Segment:
        return s.segmentName.isEmpty() ? s.segmentId : s.segmentName;
    case Advertiser:
        return s.advertiserName;
    case Model:
        return s.forecast ? s.model : QStringLiteral("—");
    case Total:
        return whole(s.total);
    case Range80:
        return range(s.lower80, s.upper80);
    case Range95:
        return range(s.lower95, s.upper95);
    case Change:
        return signedPercent(s.change());
    case Mase:
        return std::isfinite(s.maseRatio) ? QLocale().toString(s.maseRatio, 'f', 2) : QStringLiteral("—");
    case Coverage95:
        return std::isfinite(s.coverage95)
                   ? QLocale().toString(s.coverage95 * 100.0, 'f', 0) + QStringLiteral(" %")
                   : QStringLiteral("—");
    case Note:
        return s.note;
    default:
        return {};
    }
}

QVariant ForecastOverviewModel::sortValue(const SegmentForecastSummary& s, int column)
{
    switch (column) {
    case Segment:
        return (s.segmentName.isEmpty() ? s.segmentId : s.segmentName).toLower();
    case Advertiser:
        return s.advertiserName.toLower();
    case Model:
        return s.model;
    case Total:
        return orLowest(s.total);
    case Range80:
        return orLowest(s.upper80 - s.lower80);
    case Range95:
        return orLowest(s.upper95 - s.lower95);
    case Change:
        return orLowest(s.change());
    case Mase:
        return orLowest(s.maseRatio);
    case Coverage95:
        return orLowest(s.coverage95);
    case Note:
        return s.note;
    default:
        return {};
    }
}

QVariant ForecastOverviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Range80:
        case Range95:
            return tr(
                "The daily prediction bounds added up over the horizon: a conservative range for the total.");
        case Change:
            return tr("Change: the forecast total against the same number of days just observed.");
        case Mase:
            return tr(
                "Backtest: the forecasts' MASE divided by seasonal naive's. Below 1 beats the baseline.");
        case Coverage95:
            return tr(
                "Backtest: the share of actual values inside the 95 % range (95 % is well calibrated).");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Segment:
        return tr("Segment");
    case Advertiser:
        return tr("Advertiser");
    case Model:
        return tr("Model");
    case Total:
        return m_horizon == 1 ? tr("Next day") : tr("Next %1 days").arg(m_horizon);
    case Range80:
        return tr("80 % range");
    case Range95:
        return tr("95 % range");
    case Change:
        return m_horizon == 1 ? tr("vs last day") : tr("vs last %1 days").arg(m_horizon);
    case Mase:
        return tr("MASE ratio");
    case Coverage95:
        return tr("95 % coverage");
    case Note:
        return tr("Note");
    default:
        return {};
    }
}

void ForecastOverviewModel::setHorizon(int days)
{
    if (days == m_horizon)
        return;
    m_horizon = days;
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

void ForecastOverviewModel::append(const QList<SegmentForecastSummary>& rows)
{
    if (rows.isEmpty())
        return;
    const int first = static_cast<int>(m_rows.size());
    beginInsertRows({}, first, first + static_cast<int>(rows.size()) - 1);
    m_rows.append(rows);
    endInsertRows();
}

void ForecastOverviewModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

int ForecastOverviewModel::rowOf(const QString& segmentId) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).segmentId == segmentId)
            return i;
    }
    return -1;
}

} // namespace ui
