#include "comparison/overlap_matrix_table.h"

#include <QApplication>
#include <QHeaderView>

#include "analytics/metric_chart_data.h"
#include "analytics/metric_format.h"
#include "common/table_row_fitter.h"
#include "common/theme.h"
#include "common/wrapping_header_view.h"

namespace ui {

OverlapMatrixTable::OverlapMatrixTable(QWidget* parent)
    : QTableWidget(parent), m_fitter(new TableRowFitter(this))
{
    setAccessibleName(tr("Audience overlap"));
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionMode(QAbstractItemView::NoSelection);
    setFocusPolicy(Qt::NoFocus);
    setWordWrap(true);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Segment names wrap in the column headers instead of being cut.
    setHorizontalHeader(new WrappingHeaderView(this));
    horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    horizontalHeader()->setHighlightSections(false);
    verticalHeader()->setHighlightSections(false);
}

QColor OverlapMatrixTable::heatColour(double jaccard)
{
    const double t = std::clamp(jaccard, 0.0, 1.0);
    // From the table's own background to the accent: readable in light and dark palettes.
    const QColor low = QApplication::palette().color(QPalette::Base);
    const QColor high = Theme::color(Theme::Role::ChipFocusBorder);
    auto mix = [t](int a, int b) { return static_cast<int>(a + (b - a) * t + 0.5); };
    return {mix(low.red(), high.red()), mix(low.green(), high.green()), mix(low.blue(), high.blue())};
}

void OverlapMatrixTable::showOverlap(const core::OverlapMatrix& overlap, const QStringList& names)
{
    clear();
    const int n = overlap.count();
    setRowCount(n);
    setColumnCount(n);
    for (int i = 0; i < n; ++i) {
        auto header = [&](int index) {
            auto* item = new QTableWidgetItem(names.value(index));
            item->setForeground(segmentColour(index));
            return item;
        };
        setHorizontalHeaderItem(i, header(i));
        setVerticalHeaderItem(i, header(i));
        for (int j = 0; j < n; ++j)
            setItem(i, j, pairCell(overlap, names, i, j));
    }
    m_fitter->fit();
}

QTableWidgetItem* OverlapMatrixTable::pairCell(const core::OverlapMatrix& overlap, const QStringList& names,
                                               int i, int j) const
{
    auto* cell = new QTableWidgetItem;
    cell->setTextAlignment(Qt::AlignCenter);
    if (i == j) {
        cell->setText(tr("%1\nreach").arg(MetricFormat::count(overlap.size(i))));
        cell->setBackground(palette().window());
        cell->setToolTip(tr("%1 people active in the %2 days to %3 match “%4”.")
                             .arg(MetricFormat::count(overlap.size(i)))
                             .arg(overlap.windowDays)
                             .arg(QLocale().toString(overlap.asOf, QLocale::ShortFormat), names.value(i)));
        return cell;
    }
    const qint64 shared = overlap.sharedUsers(i, j);
    const double jaccard = overlap.jaccard(i, j);
    cell->setText(tr("%1 shared\n%2 of %3\nJaccard %4")
                      .arg(MetricFormat::count(shared), MetricFormat::percent(overlap.shareOf(i, j)),
                           names.value(i), QLocale().toString(jaccard, 'f', 2)));
    const QColor background = heatColour(jaccard);
    cell->setBackground(background);
    cell->setForeground(background.lightnessF() < 0.55 ? QColor(Qt::white) : QColor(Qt::black));
    cell->setToolTip(tr("%1 people are in both “%2” and “%3”: %4 of “%2” and %5 of “%3” (Jaccard index %6).")
                         .arg(MetricFormat::count(shared), names.value(i), names.value(j),
                              MetricFormat::percent(overlap.shareOf(i, j)),
                              MetricFormat::percent(overlap.shareOf(j, i)),
                              QLocale().toString(jaccard, 'f', 2)));
    return cell;
}

} // namespace ui
