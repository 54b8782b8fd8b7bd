#include "segments/segment_list_model.h"

#include <QBrush>
#include <QFont>
#include <QGuiApplication>
#include <QIcon>
#include <QLocale>
#include <QPalette>

#include "domain/segment_validator.h"

namespace ui {

SegmentListModel::SegmentListModel(QObject* parent) : QAbstractTableModel(parent) {}

int SegmentListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_segments.size());
}

int SegmentListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : Count;
}

QVariant SegmentListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const core::Segment& s = m_segments.at(index.row());
    const auto reach = m_reach.constFind(s.id);
    const bool hasReach = reach != m_reach.cend();

    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name:
            return s.name;
        case Status:
            return s.isDeleted() ? tr("Deleted") : core::segmentStatusLabel(s.status);
        case Reach:
            return hasReach ? QLocale().toString(reach.value()) : QStringLiteral("–");
        case Updated:
            return QLocale().toString(s.updatedAt.toLocalTime(), QStringLiteral("d MMM yyyy, HH:mm"));
        }
        break;
    case SortRole:
        switch (index.column()) {
        case Name:
            return m_nameKeys.at(index.row());
        case Status:
            return s.isDeleted() ? 3 : static_cast<int>(s.status);
        case Reach:
            return hasReach ? reach.value() : qint64(-1);
        case Updated:
            return s.updatedAt;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == Name)
            return s.description.isEmpty() ? s.name : QStringLiteral("%1\n\n%2").arg(s.name, s.description);
        if (index.column() == Updated)
            return tr("Version %1, updated by %2").arg(s.version).arg(s.updatedBy);
        if (index.column() == Reach)
            return tr("People in this segment active in the last 30 days");
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == Reach)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (s.isDeleted())
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        break;
    case Qt::FontRole:
        if (s.isDeleted()) {
            QFont f;
            f.setItalic(true);
            f.setStrikeOut(index.column() == Name);
            return f;
        }
        break;
    case SegmentIdRole:
        return s.id;
    case IsDeletedRole:
        return s.isDeleted();
    case StatusKeyRole:
        return core::segmentStatusKey(s.status);
    case SearchTextRole:
        return QStringLiteral("%1\n%2").arg(s.name, s.description);
    default:
        break;
    }
    return {};
}

QVariant SegmentListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= Count)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Name:
            return tr("Name");
        case Status:
            return tr("Status");
        case Reach:
            return tr("Reach");
        case Updated:
            return tr("Updated");
        }
    }
    if (role == Qt::TextAlignmentRole && section == Reach)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

void SegmentListModel::setSegments(const QList<core::Segment>& segments)
{
    beginResetModel();
    m_segments = segments;
    m_rowById.clear();
    m_nameKeys.clear();
    m_reachRows.clear();
    m_live = 0;
    indexRows(0);
    endResetModel();
}

void SegmentListModel::indexRows(qsizetype from)
{
    m_rowById.reserve(m_segments.size());
    m_nameKeys.reserve(m_segments.size());
    m_reachRows.reserve(m_segments.size());
    for (qsizetype i = from; i < m_segments.size(); ++i) {
        m_rowById.insert(m_segments.at(i).id, static_cast<int>(i));
        m_nameKeys.append(core::SegmentValidator::nameKey(m_segments.at(i).name));
        m_reachRows.append(m_reach.value(m_segments.at(i).id, -1));
        m_live += m_segments.at(i).isDeleted() ? 0 : 1;
    }
}

void SegmentListModel::upsert(const core::Segment& segment)
{
    const int row = rowOf(segment.id);
    if (row < 0) {
        const int at = static_cast<int>(m_segments.size());
        beginInsertRows({}, at, at);
        m_segments.append(segment);
        indexRows(at);
        endInsertRows();
        return;
    }
    m_live += (segment.isDeleted() ? 0 : 1) - (m_segments.at(row).isDeleted() ? 0 : 1);
    m_segments[row] = segment;
    m_nameKeys[row] = core::SegmentValidator::nameKey(segment.name);
    emit dataChanged(index(row, 0), index(row, Count - 1));
}

void SegmentListModel::setReach(const QHash<QString, qint64>& reachById)
{
    m_reach = reachById;
    for (qsizetype i = 0; i < m_segments.size(); ++i)
        m_reachRows[i] = m_reach.value(m_segments.at(i).id, -1);
    if (!m_segments.isEmpty())
        emit dataChanged(index(0, Reach), index(static_cast<int>(m_segments.size()) - 1, Reach));
}

void SegmentListModel::mergeReach(const QHash<QString, qint64>& reachById)
{
    if (reachById.size() == 1) {
        setReachOf(reachById.cbegin().key(), reachById.cbegin().value());
        return;
    }
    for (auto it = reachById.cbegin(); it != reachById.cend(); ++it)
        setReachRow(it.key(), it.value());
    if (!reachById.isEmpty() && !m_segments.isEmpty()) // one signal for the column, not one per row
        emit dataChanged(index(0, Reach), index(static_cast<int>(m_segments.size()) - 1, Reach));
}

void SegmentListModel::setReachRow(const QString& id, qint64 reach)
{
    m_reach.insert(id, reach);
    if (const int row = rowOf(id); row >= 0)
        m_reachRows[row] = reach;
}

void SegmentListModel::setReachOf(const QString& id, qint64 reach)
{
    setReachRow(id, reach);
    const int row = rowOf(id);
    if (row >= 0)
        emit dataChanged(index(row, Reach), index(row, Reach));
}

int SegmentListModel::rowOf(const QString& id) const
{
    return m_rowById.value(id, -1);
}

const core::Segment* SegmentListModel::find(const QString& id) const
{
    const int row = rowOf(id);
    return row < 0 ? nullptr : &m_segments.at(row);
}

QSet<QString> SegmentListModel::takenNameKeys(const QString& exceptId) const
{
    QSet<QString> out;
    out.reserve(m_segments.size());
    for (qsizetype i = 0; i < m_segments.size(); ++i) {
        const core::Segment& s = m_segments.at(i);
        if (!s.isDeleted() && s.id != exceptId)
            out.insert(m_nameKeys.at(i));
    }
    return out;
}

} // namespace ui
