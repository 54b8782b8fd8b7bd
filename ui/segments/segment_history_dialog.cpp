#include "segments/segment_history_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include "analytics/segment_version_diff.h"
#include "backends/segment_store.h"
#include "common/plural.h"
#include "common/theme.h"

namespace ui {

namespace {

QString changeLabel(const QString& change)
{
    if (change == QLatin1String("created"))
        return QObject::tr("Created");
    if (change == QLatin1String("updated"))
        return QObject::tr("Edited");
    if (change == QLatin1String("deleted"))
        return QObject::tr("Deleted");
    if (change == QLatin1String("restored"))
        return QObject::tr("Undeleted");
    if (change == QLatin1String("reverted"))
        return QObject::tr("Restored an older version");
    if (change == QLatin1String("imported"))
        return QObject::tr("Imported");
    return change;
}

QTableWidgetItem* cell(const QString& text)
{
    auto* item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    item->setToolTip(text);
    return item;
}

// Enter on the version list compares the selected version with the one before it.
class VersionTableKeys final : public QObject
{
public:
    VersionTableKeys(QTableWidget* table, std::function<void()> enter)
        : QObject(table), m_enter(std::move(enter))
    {
        table->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::KeyPress) {
            const int key = static_cast<QKeyEvent*>(event)->key();
            if (key == Qt::Key_Return || key == Qt::Key_Enter) {
                m_enter();
                return true;
            }
        }
        return QObject::eventFilter(watched, event);
    }

private:
    std::function<void()> m_enter;
};

} // namespace

SegmentHistoryDialog::SegmentHistoryDialog(core::SegmentStore& store,
                                           std::shared_ptr<const core::Catalogue> catalogue,
                                           const core::Segment& segment, const QString& user, QWidget* parent)
    : QDialog(parent), m_store(store), m_catalogue(std::move(catalogue)), m_segment(segment), m_user(user)
{
    setWindowTitle(tr("History of “%1”").arg(segment.name));
    setObjectName(QStringLiteral("segmentHistoryDialog"));
    resize(980, 620);
    m_confirm = [this](const QString& question) {
        return QMessageBox::question(this, tr("Restore this version"), question,
                                     QMessageBox::Yes | QMessageBox::Cancel,
                                     QMessageBox::Cancel) == QMessageBox::Yes;
    };

    auto* layout = new QVBoxLayout(this);
    m_title = new QLabel(this);
    m_title->setWordWrap(true);
    layout->addWidget(m_title);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    auto* top = new QWidget(splitter);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    auto* versionsLabel = new QLabel(tr("&Versions (newest first):"), top);
    m_versionTable = new QTableWidget(0, 5, top);
    m_versionTable->setObjectName(QStringLiteral("versionTable"));
    m_versionTable->setHorizontalHeaderLabels(
        {tr("Version"), tr("Change"), tr("When"), tr("Who"), tr("Name")});
    m_versionTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_versionTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_versionTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_versionTable->verticalHeader()->hide();
    m_versionTable->horizontalHeader()->setStretchLastSection(true);
    m_versionTable->setAccessibleName(tr("Versions of the segment"));
    versionsLabel->setBuddy(m_versionTable);
    topLayout->addWidget(versionsLabel);
    topLayout->addWidget(m_versionTable);

    auto* bottom = new QWidget(splitter);
    auto* bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    auto* pickers = new QHBoxLayout;
    auto* fromLabel = new QLabel(tr("Compare version &from:"), bottom);
    m_from = new QComboBox(bottom);
    m_from->setObjectName(QStringLiteral("fromVersion"));
    m_from->setAccessibleName(tr("Version shown as before"));
    fromLabel->setBuddy(m_from);
    auto* toLabel = new QLabel(tr("&to:"), bottom);
    m_to = new QComboBox(bottom);
    m_to->setObjectName(QStringLiteral("toVersion"));
    m_to->setAccessibleName(tr("Version shown as after"));
    for (QComboBox* box : {m_from, m_to})
        box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    toLabel->setBuddy(m_to);
    m_changedOnly = new QCheckBox(tr("Only &differences"), bottom);
    m_changedOnly->setObjectName(QStringLiteral("changedOnly"));
    pickers->addWidget(fromLabel);
    pickers->addWidget(m_from);
    pickers->addWidget(toLabel);
    pickers->addWidget(m_to);
    pickers->addSpacing(12);
    pickers->addWidget(m_changedOnly);
    pickers->addStretch(1);
    bottomLayout->addLayout(pickers);
    m_summary = new QLabel(bottom);
    m_summary->setObjectName(QStringLiteral("diffSummary"));
    m_summary->setWordWrap(true);
    bottomLayout->addWidget(m_summary);
    m_diff = new QTableWidget(0, 3, bottom);
    m_diff->setObjectName(QStringLiteral("diffTable"));
    m_diff->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_diff->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_diff->verticalHeader()->hide();
    m_diff->setWordWrap(true);
    m_diff->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_diff->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_diff->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_diff->setAccessibleName(tr("Differences between the two versions"));
    bottomLayout->addWidget(m_diff);
    splitter->addWidget(top);
    splitter->addWidget(bottom);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    layout->addWidget(splitter, 1);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("historyStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_restore = buttons->addButton(tr("&Restore This Version…"), QDialogButtonBox::ActionRole);
    m_restore->setObjectName(QStringLiteral("restoreVersion"));
    m_restore->setAutoDefault(false);
    buttons->button(QDialogButtonBox::Close)->setAutoDefault(false);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_restore, &QPushButton::clicked, this, &SegmentHistoryDialog::restoreSelected);
    connect(m_versionTable, &QTableWidget::itemSelectionChanged, this,
            &SegmentHistoryDialog::updateRestoreButton);
    connect(m_versionTable, &QTableWidget::cellDoubleClicked, this, [this] { onVersionSelected(); });
    new VersionTableKeys(m_versionTable, [this] { onVersionSelected(); });
    connect(m_from, &QComboBox::currentIndexChanged, this, &SegmentHistoryDialog::showDiff);
    connect(m_to, &QComboBox::currentIndexChanged, this, &SegmentHistoryDialog::showDiff);
    connect(m_changedOnly, &QCheckBox::toggled, this, &SegmentHistoryDialog::showDiff);
    setTabOrder(m_versionTable, m_from);
    setTabOrder(m_from, m_to);
    setTabOrder(m_to, m_changedOnly);
    setTabOrder(m_changedOnly, m_diff);
    setTabOrder(m_diff, m_restore);

    reload();
}

void SegmentHistoryDialog::reload()
{
    m_busy = true;
    m_restore->setEnabled(false);
    m_status->setText(tr("Reading the versions…"));
    const QString id = m_segment.id;
    m_store.segmentHistory(id).then(this, [this](const core::Result<QList<core::SegmentVersion>>& r) {
        m_busy = false;
        if (!r) {
            m_status->setText(
                QStringLiteral("<span style='color:%1'>%2</span>")
                    .arg(Theme::css(Theme::Role::ErrorText), r.error().userMessage.toHtmlEscaped()));
            emit failed(r.error(), tr("Could not read the history of “%1”").arg(m_segment.name));
            emit settled();
            return;
        }
        m_versions = r.value();
        m_status->clear();
        showVersions();
        emit settled();
    });
}

void SegmentHistoryDialog::showVersions()
{
    const int current = m_versions.isEmpty() ? 0 : m_versions.last().version;
    m_title->setText(
        tr("<b>%1</b> — %2; the current one is version %3. Restoring a version saves it as a new "
           "version; no version is ever changed.")
            .arg(m_segment.name.toHtmlEscaped(),
                 core::countOf(m_versions.size(), tr("version"), tr("versions")))
            .arg(current));
    m_versionTable->setRowCount(static_cast<int>(m_versions.size()));
    QSignalBlocker fromBlock(m_from);
    QSignalBlocker toBlock(m_to);
    m_from->clear();
    m_to->clear();
    int row = 0;
    for (auto it = m_versions.crbegin(); it != m_versions.crend(); ++it, ++row) {
        const core::SegmentVersion& v = *it;
        QString number = QString::number(v.version);
        if (v.version == current)
            number += tr(" (current)");
        m_versionTable->setItem(row, 0, cell(number));
        m_versionTable->item(row, 0)->setData(Qt::UserRole, v.version);
        m_versionTable->setItem(row, 1, cell(changeLabel(v.change)));
        m_versionTable->setItem(row, 2,
                                cell(QLocale().toString(v.changedAt.toLocalTime(), QLocale::ShortFormat)));
        m_versionTable->setItem(row, 3, cell(v.changedBy));
        m_versionTable->setItem(row, 4, cell(v.name));
    }
    for (const auto& v : m_versions) {
        const QString label =
            tr("Version %1 — %2, %3").arg(v.version).arg(changeLabel(v.change), v.changedBy);
        m_from->addItem(label, v.version);
        m_to->addItem(label, v.version);
    }
    m_versionTable->resizeColumnsToContents();
    if (!m_versions.isEmpty()) {
        m_versionTable->selectRow(0);
        const int to = m_versions.last().version;
        const int from = m_versions.size() > 1 ? m_versions[m_versions.size() - 2].version : to;
        m_from->setCurrentIndex(m_from->findData(from));
        m_to->setCurrentIndex(m_to->findData(to));
    }
    showDiff();
    updateRestoreButton();
}

void SegmentHistoryDialog::compare(int from, int to)
{
    const int f = m_from->findData(from);
    const int t = m_to->findData(to);
    if (f < 0 || t < 0)
        return;
    QSignalBlocker block(m_from);
    m_from->setCurrentIndex(f);
    block.unblock();
    m_to->setCurrentIndex(t);
    showDiff();
}

void SegmentHistoryDialog::onVersionSelected()
{
    const int v = selectedVersion();
    if (v <= 0)
        return;
    int previous = v;
    for (const auto& version : m_versions) {
        if (version.version < v)
            previous = version.version;
    }
    compare(previous, v);
}

void SegmentHistoryDialog::showDiff()
{
    const core::SegmentVersion* from = nullptr;
    const core::SegmentVersion* to = nullptr;
    for (const auto& v : m_versions) {
        if (v.version == m_from->currentData().toInt())
            from = &v;
        if (v.version == m_to->currentData().toInt())
            to = &v;
    }
    m_diff->setRowCount(0);
    if (!from || !to) {
        m_summary->clear();
        return;
    }
    const core::SegmentVersionDiff diff = core::SegmentVersionDiffer(m_catalogue, m_namer).diff(*from, *to);
    const qsizetype changes = diff.changes().size();
    m_summary->setText(
        changes == 0
            ? tr("Version %1 and version %2 have the same content.").arg(from->version).arg(to->version)
            : tr("%1 between version %2 and version %3 (highlighted).")
                  .arg(core::countOf(changes, tr("field differs"), tr("fields differ")))
                  .arg(from->version)
                  .arg(to->version));
    m_diff->setHorizontalHeaderLabels(
        {tr("Field"), tr("Version %1").arg(from->version), tr("Version %1").arg(to->version)});
    const QColor highlight = Theme::color(Theme::Role::DiffBackground);
    for (const auto& r : diff.rows) {
        if (m_changedOnly->isChecked() && !r.differs)
            continue;
        const int row = m_diff->rowCount();
        m_diff->insertRow(row);
        m_diff->setItem(row, 0, cell(r.label));
        m_diff->setItem(row, 1, cell(r.before.isEmpty() ? tr("(empty)") : r.before));
        m_diff->setItem(row, 2, cell(r.after.isEmpty() ? tr("(empty)") : r.after));
        m_diff->item(row, 0)->setData(Qt::UserRole, r.field);
        if (r.differs) {
            for (int c = 0; c < 3; ++c) {
                QTableWidgetItem* item = m_diff->item(row, c);
                item->setBackground(highlight);
                QFont bold = item->font();
                bold.setBold(true);
                item->setFont(bold);
                item->setData(Qt::AccessibleDescriptionRole, tr("differs"));
            }
        }
    }
    m_diff->resizeRowsToContents();
}

int SegmentHistoryDialog::selectedVersion() const
{
    const auto rows = m_versionTable->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return 0;
    const QTableWidgetItem* item = m_versionTable->item(rows.first().row(), 0);
    return item ? item->data(Qt::UserRole).toInt() : 0;
}

void SegmentHistoryDialog::updateRestoreButton()
{
    const int v = selectedVersion();
    const int current = m_versions.isEmpty() ? 0 : m_versions.last().version;
    const bool deleted = !m_versions.isEmpty() && m_versions.last().change == QLatin1String("deleted");
    QString why;
    if (m_busy)
        why = tr("Busy…");
    else if (v <= 0)
        why = tr("Select a version in the list.");
    else if (deleted)
        why = tr("The segment is deleted: restore it (Edit ▸ Restore) before restoring a version.");
    else if (v == current)
        why = tr("This is the current version.");
    m_restore->setEnabled(why.isEmpty());
    m_restore->setToolTip(
        why.isEmpty() ? tr("Save version %1's content as a new version %2").arg(v).arg(current + 1) : why);
}

void SegmentHistoryDialog::restoreSelected()
{
    const int v = selectedVersion();
    if (m_busy || v <= 0 || m_versions.isEmpty() || !m_restore->isEnabled())
        return;
    const int current = m_versions.last().version;
    if (!m_confirm(
            tr("Restore version %1 of “%2”?\n\nIts name, description, status and criteria are saved as a new "
               "version %3. No version is changed, and you can restore version %4 the same way.")
                .arg(v)
                .arg(m_segment.name)
                .arg(current + 1)
                .arg(current)))
        return;
    m_busy = true;
    updateRestoreButton();
    m_status->setText(tr("Restoring version %1…").arg(v));
    m_store.restoreVersion(m_segment.id, v, current, m_user)
        .then(this, [this, v](const core::Result<core::Segment>& r) {
            m_busy = false;
            if (!r) {
                m_status->setText(QStringLiteral("<span style='color:%1'>%2 %3</span>")
                                      .arg(Theme::css(Theme::Role::ErrorText),
                                           r.error().userMessage.toHtmlEscaped(),
                                           r.error().remediation.toHtmlEscaped()));
                updateRestoreButton();
                emit failed(r.error(), tr("Could not restore version %1 of “%2”").arg(v).arg(m_segment.name));
                emit settled();
                return;
            }
            m_segment = r.value();
            emit restored(r.value(), tr("Restored version %1 of “%2” as version %3")
                                         .arg(v)
                                         .arg(r.value().name)
                                         .arg(r.value().version));
            reload();
        });
}

} // namespace ui
