#include "comparison/comparison_table.h"

#include <QHeaderView>

#include "analytics/metric_chart_data.h"
#include "analytics/metric_format.h"
#include "common/table_row_fitter.h"
#include "common/plural.h"
#include "common/theme.h"

namespace ui {

namespace {

// What this segment's cell has that not every segment has.
QString onlyHere(const core::DefinitionDiffCell& cell)
{
    QStringList labels;
    for (const auto& v : cell.values) {
        if (!v.shared)
            labels.append(v.label);
    }
    return labels.isEmpty() ? QString()
                            : QObject::tr("Not in every segment: %1").arg(labels.join(QStringLiteral(", ")));
}

QString reachText(const core::Comparison& c, int i)
{
    const qint64 reach = c.segments[i].reach;
    const qint64 active = c.overlap.activeUsers;
    if (active <= 0)
        return MetricFormat::count(reach);
    return QObject::tr("%1 (%2 of active users)")
        .arg(MetricFormat::count(reach), MetricFormat::percent(static_cast<double>(reach) / active));
}

} // namespace

const QColor& ComparisonTable::highlightColour()
{
    static const QColor colour = Theme::color(Theme::Role::DiffBackground);
    return colour;
}

ComparisonTable::ComparisonTable(QWidget* parent) : QTableWidget(parent), m_fitter(new TableRowFitter(this))
{
    setAccessibleName(tr("Segments side by side"));
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionMode(QAbstractItemView::NoSelection);
    setFocusPolicy(Qt::NoFocus);
    setWordWrap(true);
    setShowGrid(true);
    setAlternatingRowColors(false);
    verticalHeader()->hide();
    horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    horizontalHeader()->setHighlightSections(false);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    // No ::item style: it would hide the highlight (an item's background role).
    setStyleSheet(
        QStringLiteral("QTableWidget { border: 1px solid palette(mid); gridline-color: %1; }").arg(Theme::css(Theme::Role::Gridline)));
}

void ComparisonTable::clearComparison()
{
    clear();
    setRowCount(0);
    setColumnCount(0);
}

void ComparisonTable::showComparison(const core::Comparison& c)
{
    clearComparison();
    const int n = c.count();
    setColumnCount(1 + n);
    auto* corner = new QTableWidgetItem(QString());
    setHorizontalHeaderItem(0, corner);
    for (int i = 0; i < n; ++i) {
        auto* header = new QTableWidgetItem(c.segments[i].segment.name);
        header->setForeground(segmentColour(i));
        QFont bold = font();
        bold.setBold(true);
        header->setFont(bold);
        header->setToolTip(c.segments[i].segment.description);
        setHorizontalHeaderItem(1 + i, header);
    }

    addSection(c.definitionDiff.identical() ? tr("Definition (identical)") : tr("Definition"));
    for (const auto& row : c.definitionDiff.rows) {
        QStringList cells;
        for (const auto& cell : row.cells)
            cells.append(cell.text);
        const int r = addRow(row.label, cells);
        for (int i = 0; i < n && row.differs; ++i) {
            QTableWidgetItem* cell = item(r, 1 + i);
            cell->setBackground(highlightColour());
            cell->setData(kDiffersRole, true);
            cell->setToolTip(onlyHere(row.cells.value(i)));
        }
        if (row.differs) {
            item(r, 0)->setBackground(highlightColour());
            item(r, 0)->setToolTip(tr("The segments differ in this field"));
        }
    }

    addSection(tr("Audience (%1 to %2)")
                   .arg(core::countOf(c.reachWindowDays, tr("day"), tr("days")), QLocale().toString(c.asOf, QLocale::ShortFormat)));
    QStringList reach, unique;
    for (int i = 0; i < n; ++i) {
        reach.append(reachText(c, i));
        const auto& users = c.segments[i].kpis.uniqueUsers;
        unique.append(users ? MetricFormat::count(*users) : QStringLiteral("—"));
    }
    addRow(tr("Reach"), reach, tr("People active in the reach window who match the segment"));

    addSection(tr("Delivery, %1").arg(c.range.toString()));
    addRow(tr("Unique users"), unique, tr("Distinct people who saw an impression in the range"));
    for (core::Metric metric : core::kAllMetrics) {
        if (metric == core::Metric::UniqueUsers)
            continue;
        QStringList cells;
        for (int i = 0; i < n; ++i)
            cells.append(MetricFormat::kpi(c.segments[i].kpis, metric,
                                           MetricFormat::currencyOf(c.segments[i].segment.advertiserId)));
        addRow(core::metricLabel(metric), cells,
               core::isRateMetric(metric) || metric == core::Metric::Cpm
                   ? tr("In brackets: the 95 % interval")
                   : QString());
    }

    horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    for (int i = 0; i < n; ++i)
        horizontalHeader()->setSectionResizeMode(1 + i, QHeaderView::Stretch);
    m_fitter->fit();
}

int ComparisonTable::rowOf(const QString& label) const
{
    for (int r = 0; r < rowCount(); ++r) {
        if (const QTableWidgetItem* cell = item(r, 0); cell && cell->text() == label && columnSpan(r, 0) == 1)
            return r;
    }
    return -1;
}

QString ComparisonTable::cellText(int row, int segment) const
{
    const QTableWidgetItem* cell = item(row, 1 + segment);
    return cell ? cell->text() : QString();
}

bool ComparisonTable::isHighlighted(int row, int segment) const
{
    const QTableWidgetItem* cell = item(row, 1 + segment);
    return cell && cell->data(kDiffersRole).toBool();
}

void ComparisonTable::addSection(const QString& title)
{
    const int r = rowCount();
    insertRow(r);
    auto* cell = new QTableWidgetItem(title);
    QFont bold = font();
    bold.setBold(true);
    cell->setFont(bold);
    cell->setBackground(palette().window());
    setItem(r, 0, cell);
    setSpan(r, 0, 1, columnCount());
}

int ComparisonTable::addRow(const QString& label, const QStringList& cells, const QString& tooltip)
{
    const int r = rowCount();
    insertRow(r);
    auto* head = new QTableWidgetItem(label);
    head->setForeground(palette().dark());
    head->setToolTip(tooltip);
    setItem(r, 0, head);
    for (int i = 0; i < cells.size(); ++i)
        setItem(r, 1 + i, new QTableWidgetItem(cells[i]));
    return r;
}

} // namespace ui
