#include "segments/segment_filter_proxy.h"

#include <QDateTime>

#include "segments/segment_list_model.h"

namespace ui {

SegmentFilterProxy::SegmentFilterProxy(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(SegmentListModel::SortRole);
    setDynamicSortFilter(true);
}

void SegmentFilterProxy::setSearchText(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    invalidate(); // one layout change: a filter that hides every other row would emit one removal per row
}

void SegmentFilterProxy::setStatusFilter(StatusFilter filter)
{
    if (filter == m_status)
        return;
    m_status = filter;
    invalidate(); // one layout change: a filter that hides every other row would emit one removal per row
}

void SegmentFilterProxy::setShowDeleted(bool show)
{
    if (show == m_showDeleted)
        return;
    m_showDeleted = show;
    invalidate(); // one layout change: a filter that hides every other row would emit one removal per row
}

bool SegmentFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    // Straight from the segment when the source is the list model: no QVariant and no text built
    // per row on every keystroke (100,000 rows are filtered on each one).
    const auto* segments = qobject_cast<const SegmentListModel*>(sourceModel());
    const core::Segment* segment = segments ? &segments->segmentAt(sourceRow) : nullptr;
    bool deleted = false;
    QString status;
    if (segment) {
        deleted = segment->isDeleted();
    } else {
        const QModelIndex idx = sourceModel()->index(sourceRow, 0, sourceParent);
        deleted = idx.data(SegmentListModel::IsDeletedRole).toBool();
        status = idx.data(SegmentListModel::StatusKeyRole).toString();
    }
    switch (m_status) {
    case StatusFilter::All:
        if (deleted && !m_showDeleted)
            return false;
        break;
    case StatusFilter::Deleted:
        if (!deleted)
            return false;
        break;
    case StatusFilter::Draft:
    case StatusFilter::Active:
    case StatusFilter::Archived: {
        if (deleted && !m_showDeleted)
            return false;
        static const core::SegmentStatus statuses[] = {core::SegmentStatus::Draft, core::SegmentStatus::Draft,
                                                       core::SegmentStatus::Active, core::SegmentStatus::Archived};
        static const QString keys[] = {QString(), QStringLiteral("draft"), QStringLiteral("active"),
                                       QStringLiteral("archived")};
        if (segment ? segment->status != statuses[static_cast<int>(m_status)] : status != keys[static_cast<int>(m_status)])
            return false;
        break;
    }
    }
    if (m_text.isEmpty())
        return true;
    if (segment)
        return segment->name.contains(m_text, Qt::CaseInsensitive) ||
               segment->description.contains(m_text, Qt::CaseInsensitive);
    return sourceModel()->index(sourceRow, 0, sourceParent).data(SegmentListModel::SearchTextRole).toString().contains(
        m_text, Qt::CaseInsensitive);
}

bool SegmentFilterProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    if (const auto* segments = qobject_cast<const SegmentListModel*>(sourceModel())) {
        // The same order as below, read straight from the rows (sorting 100,000 segments makes
        // millions of comparisons).
        const int l = left.row();
        const int r = right.row();
        switch (left.column()) {
        case SegmentListModel::Reach:
            return segments->reachAt(l) < segments->reachAt(r);
        case SegmentListModel::Updated:
            return segments->segmentAt(l).updatedAt < segments->segmentAt(r).updatedAt;
        case SegmentListModel::Status: {
            const auto rank = [&](int row) {
                const core::Segment& s = segments->segmentAt(row);
                return s.isDeleted() ? 3 : static_cast<int>(s.status);
            };
            return rank(l) < rank(r);
        }
        default: // name keys are case-folded already
            return segments->nameKeyAt(l) < segments->nameKeyAt(r);
        }
    }
    const QVariant l = left.data(SegmentListModel::SortRole);
    const QVariant r = right.data(SegmentListModel::SortRole);
    if (left.column() == SegmentListModel::Reach)
        return l.toLongLong() < r.toLongLong();
    if (left.column() == SegmentListModel::Updated)
        return l.toDateTime() < r.toDateTime();
    if (left.column() == SegmentListModel::Status)
        return l.toInt() < r.toInt();
    return QString::compare(l.toString(), r.toString(), Qt::CaseInsensitive) < 0;
}

} // namespace ui
