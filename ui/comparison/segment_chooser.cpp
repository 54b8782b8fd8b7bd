#include "comparison/segment_chooser.h"

#include <algorithm>

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QScrollBar>
#include <QVBoxLayout>

#include "domain/comparison_request.h"
#include "common/plural.h"
#include "common/theme.h"

namespace ui {

namespace {
constexpr int kIdRole = Qt::UserRole + 1;
constexpr int kMaxVisibleRows = 3;
} // namespace

SegmentChooser::SegmentChooser(QWidget* parent) : QWidget(parent)
{
    m_list = new QListWidget(this);
    m_list->setAccessibleName(tr("Segments to compare"));
    m_list->setFlow(QListView::LeftToRight);
    m_list->setWrapping(true);
    m_list->setResizeMode(QListView::Adjust);
    m_list->setSpacing(2);
    m_list->setUniformItemSizes(false);
    m_list->setSelectionMode(QAbstractItemView::NoSelection);
    m_list->viewport()->installEventFilter(this);
    m_compare = new QPushButton(Theme::icon(QStringLiteral("refresh")), tr("&Compare"), this);
    m_compare->setDefault(true);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);

    auto* title = new QLabel(tr("Segments to compare (%1–%2):")
                                 .arg(core::ComparisonRequest::kMinSegments)
                                 .arg(core::ComparisonRequest::kMaxSegments),
                             this);
    title->setBuddy(m_list);
    auto* footer = new QHBoxLayout;
    footer->addWidget(m_message, 1);
    footer->addWidget(m_compare);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(title);
    layout->addWidget(m_list);
    layout->addLayout(footer);

    connect(m_list, &QListWidget::itemChanged, this, &SegmentChooser::onItemChanged);
    connect(m_compare, &QPushButton::clicked, this, [this] {
        if (problem().isEmpty())
            emit compareRequested(m_chosen);
    });
    updateState();
}

void SegmentChooser::setSegments(const QList<core::Segment>& segments)
{
    const QScopedValueRollback<bool> filling(m_filling, true);
    m_list->clear();
    for (const auto& s : segments) {
        if (s.isDeleted())
            continue;
        auto* item = new QListWidgetItem(s.name, m_list);
        item->setData(kIdRole, s.id);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(m_chosen.contains(s.id) ? Qt::Checked : Qt::Unchecked);
        item->setToolTip(s.description.isEmpty() ? s.name : s.description);
    }
    fitListHeight();
    // Another advertiser's list: what was checked there is no longer part of the choice.
    m_chosen.removeIf([this](const QString& id) { return itemOf(id) == nullptr; });
    updateState();
}

void SegmentChooser::setChosen(const QStringList& ids)
{
    m_chosen = ids;
    const QScopedValueRollback<bool> filling(m_filling, true);
    for (int row = 0; row < m_list->count(); ++row) {
        QListWidgetItem* item = m_list->item(row);
        item->setCheckState(ids.contains(item->data(kIdRole).toString()) ? Qt::Checked : Qt::Unchecked);
    }
    updateState();
}

QString SegmentChooser::problem() const
{
    const int n = static_cast<int>(m_chosen.size());
    if (n < core::ComparisonRequest::kMinSegments)
        return n == 0 ? tr("Check at least %1 segments to compare them.")
                            .arg(core::ComparisonRequest::kMinSegments)
                      : tr("Check at least one more segment to compare.");
    if (n > core::ComparisonRequest::kMaxSegments)
        return tr("At most %1 segments can be compared: uncheck %n.", nullptr,
                  n - core::ComparisonRequest::kMaxSegments)
            .arg(core::ComparisonRequest::kMaxSegments);
    return {};
}

QString SegmentChooser::messageText() const
{
    return m_message->text();
}

void SegmentChooser::setChecked(const QString& id, bool checked)
{
    if (QListWidgetItem* item = itemOf(id))
        item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
}

void SegmentChooser::onItemChanged(QListWidgetItem* item)
{
    if (m_filling)
        return;
    const QString id = item->data(kIdRole).toString();
    m_chosen.removeAll(id);
    if (item->checkState() == Qt::Checked)
        m_chosen.append(id);
    updateState();
}

void SegmentChooser::updateState()
{
    const QString problem = this->problem();
    m_compare->setEnabled(problem.isEmpty());
    if (!problem.isEmpty()) {
        m_message->setText(problem);
        m_message->setStyleSheet(m_chosen.size() > core::ComparisonRequest::kMaxSegments
                                     ? QStringLiteral("color: %1;").arg(Theme::css(Theme::Role::ErrorText))
                                     : QStringLiteral("color: palette(dark);"));
        return;
    }
    const qsizetype unlisted = std::count_if(m_chosen.begin(), m_chosen.end(),
                                             [this](const QString& id) { return itemOf(id) == nullptr; });
    m_message->setText(unlisted == 0
                           ? tr("%1 checked.").arg(core::countOf(m_chosen.size(), tr("segment"), tr("segments")))
                           : tr("%1 chosen, %2 of another advertiser.")
                                 .arg(core::countOf(m_chosen.size(), tr("segment"), tr("segments")))
                                 .arg(unlisted));
    m_message->setStyleSheet(QStringLiteral("color: palette(dark);"));
}

bool SegmentChooser::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_list->viewport() && event->type() == QEvent::Resize)
        QMetaObject::invokeMethod(this, &SegmentChooser::fitListHeight, Qt::QueuedConnection);
    return QWidget::eventFilter(watched, event);
}

void SegmentChooser::fitListHeight()
{
    // As tall as the wrapped rows of check boxes, up to a few rows (then it scrolls).
    const int row = m_list->fontMetrics().height() + 10;
    int contents = row;
    if (m_list->count() > 0) {
        const QRect last = m_list->visualItemRect(m_list->item(m_list->count() - 1));
        contents = last.bottom() + m_list->verticalScrollBar()->value() + 6;
    }
    const int frame = 2 * m_list->frameWidth();
    const int height = std::clamp(contents, row, kMaxVisibleRows * row) + frame;
    if (m_list->height() != height)
        m_list->setFixedHeight(height);
}

QListWidgetItem* SegmentChooser::itemOf(const QString& id) const
{
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(kIdRole).toString() == id)
            return m_list->item(row);
    }
    return nullptr;
}

} // namespace ui
