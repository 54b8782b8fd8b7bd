#pragma once

#include <QHash>
#include <QTextDocument>
#include <QWidget>

#include "analytics/pairwise_significance.h"

namespace ui {

// The pairwise tests of a comparison for a marketer: one entry per pair and rate, the sentence
// first ("B's click rate is higher than A's; this is unlikely to be chance.") after a marker for
// the outcome (● a real difference, ○ could be chance, – too little data), the numbers behind it
// underneath. Significant findings come first.
// Drawn from one text document laid out once per width: six segments make 30 entries, and as
// 60 word-wrapped labels they took ~150 ms to lay out (a rich-text QLabel ~100 ms), which is
// half the time the comparison may take to open.
class SignificanceList final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignificanceList)

public:
    explicit SignificanceList(QWidget* parent = nullptr);

    void showTests(const QList<core::PairwiseTest>& tests);
    // The sentences shown, in order.
    QStringList headlines() const { return m_headlines; }
    QString plainText() const { return m_document.toPlainText(); }

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void layOut(int width) const;

    QStringList m_headlines;
    mutable QTextDocument m_document;
    mutable QHash<int, int> m_heights; // height by width, for this text
    mutable int m_laidOutWidth = -1;
};

} // namespace ui
