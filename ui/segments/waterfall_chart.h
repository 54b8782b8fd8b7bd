#pragma once

#include <QWidget>

#include "domain/reach_estimate.h"

namespace ui {

// Draws the reach waterfall: one row per top-level condition with its label, a light bar
// for the people matching it alone and a dark bar for those left after it and every
// condition above it, both scaled to the active users of the window. Long labels wrap onto a
// second line (then elide; the tooltip has them in full).
class WaterfallChart final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WaterfallChart)

public:
    explicit WaterfallChart(QWidget* parent = nullptr);

    void setEstimate(const core::ReachEstimate& estimate);
    void clear();
    int rowCount() const { return static_cast<int>(m_steps.size()); }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    // The row's label ("2. Country is …") in at most two lines that fit beside its number.
    QStringList labelLines(int row, int width) const;
    int rowHeight(int lines) const;

    QList<core::WaterfallStep> m_steps;
    qint64 m_base = 0;
};

} // namespace ui
