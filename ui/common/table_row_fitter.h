#pragma once

#include <QObject>
#include <QTimer>

class QTableView;

namespace ui {

// Keeps a table's rows as tall as their wrapped text once the columns have their widths
// (stretched columns only get them at layout time), and the table as tall as its rows, for
// tables shown whole inside a scrolling page.
class TableRowFitter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TableRowFitter)

public:
    explicit TableRowFitter(QTableView* table);

    // Fits now (after the table's contents changed).
    void fit();

private:
    QTableView* m_table;
    QTimer m_later;
};

} // namespace ui
