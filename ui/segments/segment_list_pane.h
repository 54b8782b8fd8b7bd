#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace ui {

class SegmentFilterProxy;
class SegmentListModel;

// The left side of the window: search box, status filter and the sortable segment table.
// Emits segmentActivated when the user picks a row; the owner may refuse (unsaved changes)
// and put the selection back with selectSegment(). Ctrl/Shift+click select several rows (to
// compare them); the current row is the one shown.
class SegmentListPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SegmentListPane)

public:
    SegmentListPane(SegmentListModel& model, QWidget* parent = nullptr);

    SegmentFilterProxy* proxy() const { return m_proxy; }
    QTableView* view() const { return m_view; }
    QLineEdit* searchField() const { return m_search; }
    QComboBox* statusFilter() const { return m_status; }

    QString currentSegmentId() const;
    // Selects the row of the segment (nothing when empty) without emitting segmentActivated.
    void selectSegment(const QString& id);
    // Ids of the selected rows, in their on-screen order.
    QStringList selectedSegmentIds() const;
    // Ids of the rows shown, in their on-screen order.
    QStringList visibleSegmentIds() const;
    void setShowDeleted(bool show);
    void setLoading(bool loading);

public slots:
    void focusSearch();

signals:
    void segmentActivated(const QString& id);
    void selectionChanged();

private:
    void updateEmptyState();

    SegmentListModel& m_model;
    SegmentFilterProxy* m_proxy = nullptr;
    QLineEdit* m_search = nullptr;
    QComboBox* m_status = nullptr;
    QTableView* m_view = nullptr;
    QLabel* m_empty = nullptr;
    QLabel* m_count = nullptr;
    bool m_silent = false;
    bool m_loading = false;
};

} // namespace ui
