#include "analytics/kpi_card.h"

#include <QLabel>
#include <QVBoxLayout>

namespace ui {

KpiCard::KpiCard(const QString& caption, QWidget* parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("kpiCard"));
    setAttribute(Qt::WA_StyledBackground);
    setStyleSheet(QStringLiteral("#kpiCard { background: palette(base); border: 1px solid palette(mid); "
                                 "border-radius: 6px; }"));
    setAccessibleName(caption);
    m_caption = new QLabel(caption, this);
    m_caption->setStyleSheet(QStringLiteral("color: palette(dark);"));
    m_value = new QLabel(QStringLiteral("—"), this);
    QFont big = m_value->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    m_value->setFont(big);
    m_value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_note = new QLabel(this);
    m_note->setStyleSheet(QStringLiteral("color: palette(dark);"));
    m_note->setWordWrap(true);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(2);
    layout->addWidget(m_caption);
    layout->addWidget(m_value);
    layout->addWidget(m_note);
    layout->addStretch(1);
    setMinimumWidth(150);
}

void KpiCard::setFigure(const QString& value, const QString& note)
{
    m_value->setText(value);
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
}

QString KpiCard::caption() const
{
    return m_caption->text();
}

QString KpiCard::value() const
{
    return m_value->text();
}

QString KpiCard::note() const
{
    return m_note->text();
}

} // namespace ui
