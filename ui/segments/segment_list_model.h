#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QSet>

#include "domain/segment.h"

namespace ui {

// The segments of one advertiser (deleted ones included; the proxy hides them), with the
// reach of each saved segment when known.
class SegmentListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SegmentListModel)

public:
    enum Column
    {
        Name,
        Status,
        Reach,
        Updated,
        Count
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1, // raw value to sort by (name key, status, reach, time)
        SegmentIdRole,
        IsDeletedRole,
        StatusKeyRole, // "draft", "active", "archived"
        SearchTextRole // name and description, for the text filter
    };

    explicit SegmentListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setSegments(const QList<core::Segment>& segments);
    // Replaces the row with the same id, or appends a new one.
    void upsert(const core::Segment& segment);
    void setReach(const QHash<QString, qint64>& reachById);
    // Adds or replaces the reach of the given segments and keeps the others.
    void mergeReach(const QHash<QString, qint64>& reachById);
    void setReachOf(const QString& id, qint64 reach);

    const QList<core::Segment>& segments() const { return m_segments; }
    const core::Segment& segmentAt(int row) const { return m_segments.at(row); }
    // What the proxy sorts by, without a QVariant per comparison: the name's key, the reach (-1 unknown).
    const QString& nameKeyAt(int row) const { return m_nameKeys.at(row); }
    qint64 reachAt(int row) const { return m_reachRows.at(row); }
    // Segments not deleted (the pane's count, asked on every row the filter adds or removes).
    int liveCount() const { return m_live; }
    int rowOf(const QString& id) const;
    const core::Segment* find(const QString& id) const;
    // Name keys (SegmentValidator::nameKey) of the live segments other than exceptId.
    QSet<QString> takenNameKeys(const QString& exceptId = {}) const;

private:
    void indexRows(qsizetype from);
    void setReachRow(const QString& id, qint64 reach);

    QList<core::Segment> m_segments;
    QHash<QString, qint64> m_reach;
    // Kept beside the rows so that 100,000 segments stay quick: the row of each id (upsert,
    // reach, selection) and each name's key (sorting, the form's taken-name check).
    QHash<QString, int> m_rowById;
    QStringList m_nameKeys;
    QList<qint64> m_reachRows; // m_reach by row (-1 unknown): sorting by reach hashes no id
    int m_live = 0;
};

} // namespace ui
