#pragma once

#include <QSortFilterProxyModel>

namespace ui {

// Filters the segment list by text (name or description, case-insensitive) and status,
// hides deleted segments unless asked, and sorts each column by its raw value (reach numerically).
class SegmentFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SegmentFilterProxy)

public:
    enum class StatusFilter
    {
        All,
        Draft,
        Active,
        Archived,
        Deleted
    };

    explicit SegmentFilterProxy(QObject* parent = nullptr);

    void setSearchText(const QString& text);
    QString searchText() const { return m_text; }
    void setStatusFilter(StatusFilter filter);
    StatusFilter statusFilter() const { return m_status; }
    void setShowDeleted(bool show);
    bool showDeleted() const { return m_showDeleted; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    QString m_text;
    StatusFilter m_status = StatusFilter::All;
    bool m_showDeleted = false;
};

} // namespace ui
