#include "common/wrapping_header_view.h"

#include <QHelpEvent>
#include <QPainter>
#include <QStyleOptionHeader>
#include <QToolTip>

namespace ui {

WrappingHeaderView::WrappingHeaderView(QWidget* parent) : QHeaderView(Qt::Horizontal, parent)
{
    setDefaultAlignment(Qt::AlignCenter);
    // A new width of any section can change the lines, so the height: let the view lay out again.
    connect(this, &QHeaderView::sectionResized, this, [this] {
        updateGeometry();
        emit geometriesChanged();
    });
}

QString WrappingHeaderView::label(int logicalIndex) const
{
    return model() ? model()->headerData(logicalIndex, orientation(), Qt::DisplayRole).toString() : QString();
}

int WrappingHeaderView::margin() const
{
    return style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, this);
}

int WrappingHeaderView::textFlags(int logicalIndex, int width) const
{
    // Break at spaces; a word wider than the column may break anywhere rather than be cut.
    const QFontMetrics metrics = fontMetrics();
    const QStringList words = label(logicalIndex).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString& word : words) {
        if (metrics.horizontalAdvance(word) > width)
            return Qt::AlignCenter | Qt::TextWrapAnywhere;
    }
    return Qt::AlignCenter | Qt::TextWordWrap;
}

QRect WrappingHeaderView::labelRect(int logicalIndex, int width) const
{
    const int inner = std::max(1, width - 2 * margin());
    return fontMetrics().boundingRect(QRect(0, 0, inner, 100000), textFlags(logicalIndex, inner), label(logicalIndex));
}

QSize WrappingHeaderView::sectionSizeFromContents(int logicalIndex) const
{
    QSize size = QHeaderView::sectionSizeFromContents(logicalIndex);
    const int width = sectionSize(logicalIndex) > 0 ? sectionSize(logicalIndex) : size.width();
    size.setHeight(std::max(size.height(), labelRect(logicalIndex, width).height() + 2 * margin()));
    return size;
}

QSize WrappingHeaderView::sizeHint() const
{
    QSize hint = QHeaderView::sizeHint();
    int height = hint.height();
    for (int i = 0; i < count(); ++i) {
        if (!isSectionHidden(i))
            height = std::max(height, sectionSizeFromContents(i).height());
    }
    hint.setHeight(height);
    return hint;
}

void WrappingHeaderView::paintSection(QPainter* painter, const QRect& rect, int logicalIndex) const
{
    if (!rect.isValid())
        return;
    QStyleOptionHeader option;
    initStyleOptionForIndex(&option, logicalIndex);
    option.rect = rect;
    const QString text = label(logicalIndex);
    option.text.clear();
    painter->save(); // the style leaves its clip behind
    style()->drawControl(QStyle::CE_Header, &option, painter, this);
    painter->restore();

    const QVariant foreground = model()->headerData(logicalIndex, orientation(), Qt::ForegroundRole);
    painter->save();
    painter->setPen(foreground.canConvert<QBrush>() ? foreground.value<QBrush>().color()
                                                    : palette().color(QPalette::ButtonText));
    const QVariant font = model()->headerData(logicalIndex, orientation(), Qt::FontRole);
    if (font.canConvert<QFont>())
        painter->setFont(font.value<QFont>());
    const QRect inner = rect.adjusted(margin(), margin(), -margin(), -margin());
    painter->drawText(inner, textFlags(logicalIndex, inner.width()), text);
    painter->restore();
}

bool WrappingHeaderView::viewportEvent(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int index = logicalIndexAt(help->pos());
        if (index >= 0 && model() &&
            !model()->headerData(index, orientation(), Qt::ToolTipRole).isValid()) {
            QToolTip::showText(help->globalPos(), label(index), this);
            return true;
        }
    }
    return QHeaderView::viewportEvent(event);
}

} // namespace ui
