#include "common/form_style.h"
#include "common/theme.h"

#include <QLabel>

namespace ui {

QLabel* makeIssueLabel(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(QStringLiteral("issueLabel"));
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: %1;").arg(Theme::css(Theme::Role::ErrorText)));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setAccessibleName(QStringLiteral("Problem"));
    label->hide();
    return label;
}

QLabel* makeSectionHeader(const QString& title, QWidget* parent)
{
    auto* label = new QLabel(title, parent);
    QFont f = label->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.1);
    label->setFont(f);
    return label;
}

QLabel* makeHint(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: palette(dark);"));
    return label;
}

} // namespace ui
