#include "common/card_grid.h"

#include <QGridLayout>
#include <QResizeEvent>

#include <algorithm>

namespace ui {

CardGrid::CardGrid(int minimumCardWidth, int maxColumns, QWidget* parent)
    : QWidget(parent), m_grid(new QGridLayout(this)), m_minimumCardWidth(minimumCardWidth),
      m_maxColumns(std::max(1, maxColumns)), m_columns(m_maxColumns)
{
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setSpacing(8);
    m_grid->setSizeConstraint(QLayout::SetNoConstraint);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
}

void CardGrid::addCard(QWidget* card)
{
    card->setParent(this);
    m_cards.append(card);
    const int i = static_cast<int>(m_cards.size()) - 1;
    m_grid->addWidget(card, i / m_columns, i % m_columns);
}

QSize CardGrid::minimumSizeHint() const
{
    return {m_minimumCardWidth, QWidget::minimumSizeHint().height()};
}

int CardGrid::columnsFor(int width) const
{
    const int spacing = m_grid->spacing();
    return std::clamp((width + spacing) / (m_minimumCardWidth + spacing), 1, m_maxColumns);
}

void CardGrid::arrange(int columns)
{
    if (columns == m_columns)
        return;
    m_columns = columns;
    for (QWidget* card : m_cards)
        m_grid->removeWidget(card);
    for (int c = 0; c < m_grid->columnCount(); ++c)
        m_grid->setColumnStretch(c, 0);
    for (int i = 0; i < m_cards.size(); ++i)
        m_grid->addWidget(m_cards.at(i), i / columns, i % columns);
    for (int c = 0; c < columns; ++c)
        m_grid->setColumnStretch(c, 1);
}

void CardGrid::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    arrange(columnsFor(event->size().width()));
}

} // namespace ui
