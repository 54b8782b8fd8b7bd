#pragma once

#include <QHeaderView>

namespace ui {

// A horizontal header whose labels wrap onto as many lines as their column's width needs (at
// spaces, or anywhere in a word too long for the column), so a long segment name is never cut
// or elided; the header grows taller instead. The full label is also its tooltip.
class WrappingHeaderView final : public QHeaderView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WrappingHeaderView)

public:
    explicit WrappingHeaderView(QWidget* parent = nullptr);

    QSize sizeHint() const override;

    // The text's lines as painted in a section of this width (for tests and sizing).
    QRect labelRect(int logicalIndex, int width) const;

protected:
    QSize sectionSizeFromContents(int logicalIndex) const override;
    void paintSection(QPainter* painter, const QRect& rect, int logicalIndex) const override;
    bool viewportEvent(QEvent* event) override;

private:
    QString label(int logicalIndex) const;
    int textFlags(int logicalIndex, int width) const;
    int margin() const;
};

} // namespace ui
