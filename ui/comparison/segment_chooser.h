#pragma once

#include <QWidget>

#include "domain/segment.h"

class QLabel;
class QListWidget;
class QListWidgetItem;
class QPushButton;

namespace ui {

// Picks the 2–6 segments to compare from the advertiser's list: a wrapping list of check boxes,
// a Compare button enabled only for a valid choice, and a line that says what is wrong with the
// choice (too few, too many) or what will be compared. Segments keep the order they were checked
// in: the first is the "A" of the pairwise wording.
class SegmentChooser final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SegmentChooser)

public:
    explicit SegmentChooser(QWidget* parent = nullptr);

    // The segments to choose from (deleted ones are left out); the checked ones still listed stay
    // checked, the others leave the choice.
    void setSegments(const QList<core::Segment>& segments);
    // Chooses exactly these, in this order (a saved comparison may name segments not listed).
    void setChosen(const QStringList& ids);
    QStringList chosenIds() const { return m_chosen; }
    // Empty when the choice can be compared, else why not.
    QString problem() const;

    QListWidget* list() const { return m_list; }
    QPushButton* compareButton() const { return m_compare; }
    QString messageText() const;
    // Checks or unchecks a listed segment as a click would.
    void setChecked(const QString& id, bool checked);

signals:
    void compareRequested(const QStringList& ids);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void onItemChanged(QListWidgetItem* item);
    void updateState();
    void fitListHeight();
    QListWidgetItem* itemOf(const QString& id) const;

    QListWidget* m_list;
    QPushButton* m_compare;
    QLabel* m_message;
    QStringList m_chosen;
    bool m_filling = false;
};

} // namespace ui
