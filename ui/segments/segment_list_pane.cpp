#include "segments/segment_list_pane.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>

#include "segments/segment_filter_proxy.h"
#include "segments/segment_list_model.h"
#include "common/plural.h"
#include "common/theme.h"

namespace ui {

SegmentListPane::SegmentListPane(SegmentListModel& model, QWidget* parent) : QWidget(parent), m_model(model)
{
    m_proxy = new SegmentFilterProxy(this);
    m_proxy->setSourceModel(&model);

    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Search name or description  (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(Theme::icon(QStringLiteral("search")), QLineEdit::LeadingPosition);
    m_search->setAccessibleName(tr("Search segments"));
    connect(m_search, &QLineEdit::textChanged, m_proxy, &SegmentFilterProxy::setSearchText);

    m_status = new QComboBox(this);
    m_status->setAccessibleName(tr("Status filter"));
    m_status->setToolTip(tr("Show segments with this status"));
    m_status->addItem(tr("All statuses"), static_cast<int>(SegmentFilterProxy::StatusFilter::All));
    m_status->addItem(tr("Draft"), static_cast<int>(SegmentFilterProxy::StatusFilter::Draft));
    m_status->addItem(tr("Active"), static_cast<int>(SegmentFilterProxy::StatusFilter::Active));
    m_status->addItem(tr("Archived"), static_cast<int>(SegmentFilterProxy::StatusFilter::Archived));
    m_status->addItem(tr("Deleted"), static_cast<int>(SegmentFilterProxy::StatusFilter::Deleted));
    connect(m_status, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setStatusFilter(
            static_cast<SegmentFilterProxy::StatusFilter>(m_status->currentData().toInt()));
    });

    m_view = new QTableView(this);
    m_view->setModel(m_proxy);
    m_view->setAccessibleName(tr("Segments"));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(SegmentListModel::Name, Qt::AscendingOrder);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->setTabKeyNavigation(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 14);
    QHeaderView* header = m_view->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(SegmentListModel::Name, QHeaderView::Stretch);
    header->setSectionResizeMode(SegmentListModel::Status, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(SegmentListModel::Reach, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(SegmentListModel::Updated, QHeaderView::ResizeToContents);
    header->setToolTip(tr("Click a column to sort by it"));
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (m_silent || !current.isValid())
                    return;
                emit segmentActivated(current.data(SegmentListModel::SegmentIdRole).toString());
            });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &SegmentListPane::selectionChanged);

    m_empty = new QLabel(this);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setStyleSheet(QStringLiteral("color: palette(dark); padding: 24px;"));
    m_count = new QLabel(this);
    m_count->setStyleSheet(QStringLiteral("color: palette(dark);"));

    auto* filters = new QHBoxLayout;
    filters->setSpacing(6);
    filters->addWidget(m_search, 1);
    filters->addWidget(m_status);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 10, 6, 6);
    layout->setSpacing(6);
    layout->addLayout(filters);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_empty, 1);
    layout->addWidget(m_count);

    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_proxy, signal, this, &SegmentListPane::updateEmptyState);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &SegmentListPane::updateEmptyState);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &SegmentListPane::updateEmptyState);
    updateEmptyState();
}

QString SegmentListPane::currentSegmentId() const
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    return current.isValid() ? current.data(SegmentListModel::SegmentIdRole).toString() : QString();
}

void SegmentListPane::selectSegment(const QString& id)
{
    m_silent = true;
    const int sourceRow = id.isEmpty() ? -1 : m_model.rowOf(id);
    const QModelIndex index =
        sourceRow < 0 ? QModelIndex() : m_proxy->mapFromSource(m_model.index(sourceRow, 0));
    QItemSelectionModel* selection = m_view->selectionModel();
    if (index.isValid() && selection->currentIndex().row() == index.row() &&
        selection->isRowSelected(index.row())) {
        // Already the current row: a multi-selection that includes it stays.
    } else if (index.isValid()) {
        m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                             QItemSelectionModel::Rows);
        m_view->scrollTo(index);
    } else {
        m_view->selectionModel()->clear();
    }
    m_silent = false;
}

QStringList SegmentListPane::selectedSegmentIds() const
{
    QStringList ids;
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        if (m_view->selectionModel()->isRowSelected(row))
            ids.append(m_proxy->index(row, 0).data(SegmentListModel::SegmentIdRole).toString());
    }
    return ids;
}

QStringList SegmentListPane::visibleSegmentIds() const
{
    QStringList ids;
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        ids.append(m_proxy->index(row, 0).data(SegmentListModel::SegmentIdRole).toString());
    return ids;
}

void SegmentListPane::setShowDeleted(bool show)
{
    m_proxy->setShowDeleted(show);
}

void SegmentListPane::setLoading(bool loading)
{
    m_loading = loading;
    updateEmptyState();
}

void SegmentListPane::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void SegmentListPane::updateEmptyState()
{
    const int shown = m_proxy->rowCount();
    const bool empty = shown == 0;
    if (m_loading && m_model.rowCount() == 0)
        m_empty->setText(tr("Loading segments…"));
    else if (m_model.rowCount() == 0)
        m_empty->setText(tr("This advertiser has no segments yet.\nPress Ctrl+N to create the first one, or "
                            "import some with File ▸ Import Segments… (Ctrl+Shift+I)."));
    else
        m_empty->setText(tr("No segment matches the search or filter."));
    m_empty->setVisible(empty);
    m_view->setVisible(!empty);
    const int live = m_model.liveCount(); // not a loop: a filter change calls this once per range of rows
    m_count->setText(shown == live ? core::countOf(live, tr("segment"), tr("segments"))
                                   : tr("%1 of %2 shown").arg(QLocale().toString(shown),
                                                             core::countOf(live, tr("segment"), tr("segments"))));
}

} // namespace ui
