#pragma once

#include <QList>
#include <QWidget>

class QGridLayout;

namespace ui {

// Cards (KPI tiles) in rows that fill the width: as many columns as fit cards of the minimum
// width, up to maxColumns, fewer on a narrow window (a 1280×800 laptop), so no card is cut or
// pushed out of view. Columns change as the width does.
class CardGrid final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CardGrid)

public:
    CardGrid(int minimumCardWidth, int maxColumns, QWidget* parent = nullptr);

    void addCard(QWidget* card);
    int columns() const { return m_columns; }
    // One card wide: the grid gives up columns rather than widen the view.
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    int columnsFor(int width) const;
    void arrange(int columns);

    QGridLayout* m_grid;
    QList<QWidget*> m_cards;
    int m_minimumCardWidth;
    int m_maxColumns;
    int m_columns;
};

} // namespace ui
