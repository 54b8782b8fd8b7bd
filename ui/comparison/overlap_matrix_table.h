#pragma once

#include <QTableWidget>

#include "analytics/overlap_matrix.h"

namespace ui {

class TableRowFitter;

// How the compared audiences overlap, as a heat-coloured matrix: the cell of row A and column B
// reads the people in both, the share of A they are and their Jaccard index, coloured by the
// Jaccard index (white: none in common, deep blue: the same people); the diagonal holds each
// segment's reach. The tooltip says it in a sentence.
class OverlapMatrixTable final : public QTableWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OverlapMatrixTable)

public:
    explicit OverlapMatrixTable(QWidget* parent = nullptr);

    void showOverlap(const core::OverlapMatrix& overlap, const QStringList& names);
    // Background of a cell for a Jaccard index in [0, 1].
    static QColor heatColour(double jaccard);

private:
    QTableWidgetItem* pairCell(const core::OverlapMatrix& overlap, const QStringList& names, int i,
                               int j) const;

    TableRowFitter* m_fitter;
};

} // namespace ui
