#pragma once

#include <QTableWidget>

#include "analytics/comparison.h"

namespace ui {

class TableRowFitter;

// The comparison side by side, one column per segment: the definitions field by field (fields
// that differ highlighted, with what each segment has that the others lack in the tooltip),
// reach, and the KPIs over the range with 95 % intervals ("1.23 % (1.10–1.37 %)").
class ComparisonTable final : public QTableWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ComparisonTable)

public:
    // Set on cells (Qt::UserRole + 1) of definition fields that differ between the segments.
    static constexpr int kDiffersRole = Qt::UserRole + 1;
    static const QColor& highlightColour();

    explicit ComparisonTable(QWidget* parent = nullptr);

    void showComparison(const core::Comparison& comparison);
    void clearComparison();

    // The row whose first cell reads `label` (-1 when none); cells are row, 1 + segment index.
    int rowOf(const QString& label) const;
    QString cellText(int row, int segment) const;
    bool isHighlighted(int row, int segment) const;

private:
    void addSection(const QString& title);
    int addRow(const QString& label, const QStringList& cells, const QString& tooltip = {});

    TableRowFitter* m_fitter;
};

} // namespace ui
