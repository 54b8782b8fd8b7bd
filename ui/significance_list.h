#pragma once

#include <QWidget>

#include "analytics/pairwise_significance.h"

class QVBoxLayout;

namespace ui {

// The pairwise tests of a comparison for a marketer: one entry per pair and rate, the sentence
// first ("B's click rate is higher than A's; this is unlikely to be chance.") with a marker for
// the outcome, the numbers behind it underneath. Significant findings come first.
class SignificanceList final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignificanceList)

public:
    explicit SignificanceList(QWidget* parent = nullptr);

    void showTests(const QList<core::PairwiseTest>& tests);
    // The sentences shown, in order.
    QStringList headlines() const { return m_headlines; }

private:
    QWidget* entry(const core::PairwiseTest& test);

    QVBoxLayout* m_layout;
    QStringList m_headlines;
};

} // namespace ui
