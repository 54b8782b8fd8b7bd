#include "common/table_row_fitter.h"

#include <QHeaderView>
#include <QScrollBar>
#include <QTableView>

namespace ui {

namespace {
constexpr int kRowPadding = 6; // air above and below the text
} // namespace

TableRowFitter::TableRowFitter(QTableView* table) : QObject(table), m_table(table)
{
    m_later.setSingleShot(true);
    m_later.setInterval(0);
    connect(&m_later, &QTimer::timeout, this, &TableRowFitter::fit);
    connect(table->horizontalHeader(), &QHeaderView::sectionResized, &m_later, qOverload<>(&QTimer::start));
}

void TableRowFitter::fit()
{
    m_table->resizeRowsToContents();
    int height = m_table->horizontalHeader()->isVisible() ? m_table->horizontalHeader()->height() : 0;
    for (int row = 0; row < m_table->model()->rowCount(); ++row) {
        m_table->setRowHeight(row, m_table->rowHeight(row) + kRowPadding);
        height += m_table->rowHeight(row);
    }
    height += 2 * m_table->frameWidth();
    if (m_table->horizontalScrollBar()->isVisible())
        height += m_table->horizontalScrollBar()->height();
    m_table->setFixedHeight(height);
}

} // namespace ui
