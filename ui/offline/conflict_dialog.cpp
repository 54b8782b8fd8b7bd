#include "offline/conflict_dialog.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace ui {

ConflictDialog::ConflictDialog(const core::OutboxChange& change, core::SegmentMerge::Describe describe, QWidget* parent)
    : QDialog(parent), m_change(change), m_theirs(change.theirs.value_or(change.payload))
{
    setObjectName(QStringLiteral("conflictDialog"));
    setWindowTitle(tr("Settle a conflict"));
    QString name;
    QString by;
    int version = 0;
    if (change.experiment) {
        m_theirsExperiment = change.experiment->theirs.value_or(change.experiment->payload);
        m_fields = core::ExperimentMerge::fields(change.experiment->base, m_theirsExperiment, change.expectedExperiment());
        name = tr("Experiment %1").arg(m_theirsExperiment.name);
        by = m_theirsExperiment.updatedBy;
        version = m_theirsExperiment.version;
    } else {
        m_fields = core::SegmentMerge::fields(change.base, m_theirs, change.expected(), describe);
        name = m_theirs.name;
        by = m_theirs.updatedBy;
        version = m_theirs.version;
    }

    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("<b>%1</b> was changed by %2 while your change waited on this computer "
                                "(yours started from version %3, it is now at version %4). Choose what to keep.")
                                 .arg(name.toHtmlEscaped(), by.toHtmlEscaped())
                                 .arg(change.baseVersion)
                                 .arg(version),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto* grid = new QGridLayout;
    grid->addWidget(new QLabel(tr("<b>Field</b>")), 0, 0);
    grid->addWidget(new QLabel(tr("<b>Theirs</b>")), 0, 1);
    grid->addWidget(new QLabel(tr("<b>Yours</b>")), 0, 2);
    grid->addWidget(new QLabel(tr("<b>Merge uses</b>")), 0, 3);
    const auto defaults = core::SegmentMerge::defaultPicks(m_fields);
    int row = 1;
    for (const core::SegmentField& f : m_fields) {
        auto* label = new QLabel(f.label, this);
        auto* theirs = new QLabel(f.theirs.isEmpty() ? tr("(empty)") : f.theirs, this);
        auto* yours = new QLabel(f.mine.isEmpty() ? tr("(empty)") : f.mine, this);
        for (QLabel* l : {theirs, yours}) {
            l->setWordWrap(true);
            l->setTextInteractionFlags(Qt::TextSelectableByMouse);
            l->setMaximumWidth(320);
        }
        if (f.changedByThem)
            theirs->setText(theirs->text() + tr("  ✎ changed"));
        if (f.changedByMe)
            yours->setText(yours->text() + tr("  ✎ changed"));
        if (!f.differs()) {
            label->setEnabled(false);
            theirs->setEnabled(false);
            yours->setEnabled(false);
        }
        grid->addWidget(label, row, 0, Qt::AlignTop);
        grid->addWidget(theirs, row, 1, Qt::AlignTop);
        grid->addWidget(yours, row, 2, Qt::AlignTop);
        if (f.differs() && f.key != QLatin1String("deleted")) {
            auto* picks = new QWidget(this);
            auto* pickLayout = new QHBoxLayout(picks);
            pickLayout->setContentsMargins(0, 0, 0, 0);
            auto* group = new QButtonGroup(picks);
            auto* useTheirs = new QRadioButton(tr("theirs"), picks);
            auto* useMine = new QRadioButton(tr("yours"), picks);
            useTheirs->setObjectName(f.key + QStringLiteral("Theirs"));
            useMine->setObjectName(f.key + QStringLiteral("Mine"));
            group->addButton(useTheirs, int(core::SegmentMerge::Pick::Theirs));
            group->addButton(useMine, int(core::SegmentMerge::Pick::Mine));
            (defaults.value(f.key) == core::SegmentMerge::Pick::Mine ? useMine : useTheirs)->setChecked(true);
            pickLayout->addWidget(useTheirs);
            pickLayout->addWidget(useMine);
            m_picks.insert(f.key, group);
            grid->addWidget(picks, row, 3, Qt::AlignTop);
        }
        ++row;
    }
    layout->addLayout(grid);

    auto* buttons = new QDialogButtonBox(this);
    auto* keepMine = buttons->addButton(tr("Keep mine"), QDialogButtonBox::AcceptRole);
    auto* takeTheirs = buttons->addButton(tr("Take theirs"), QDialogButtonBox::AcceptRole);
    auto* merge = buttons->addButton(tr("Merge"), QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    keepMine->setObjectName(QStringLiteral("keepMine"));
    takeTheirs->setObjectName(QStringLiteral("takeTheirs"));
    merge->setObjectName(QStringLiteral("merge"));
    merge->setEnabled(change.kind == core::OutboxChangeKind::Update);
    keepMine->setToolTip(tr("Apply your change over theirs."));
    takeTheirs->setToolTip(tr("Drop your change; keep theirs."));
    merge->setToolTip(tr("Keep theirs with the fields marked “yours”."));
    connect(keepMine, &QPushButton::clicked, this, [this] { choose(core::ConflictChoice::KeepMine); });
    connect(takeTheirs, &QPushButton::clicked, this, [this] { choose(core::ConflictChoice::TakeTheirs); });
    connect(merge, &QPushButton::clicked, this, [this] { choose(core::ConflictChoice::Merge); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

void ConflictDialog::choose(core::ConflictChoice choice)
{
    m_choice = choice;
    accept();
}

void ConflictDialog::pick(const QString& fieldKey, core::SegmentMerge::Pick side)
{
    if (QButtonGroup* group = m_picks.value(fieldKey))
        group->button(int(side))->setChecked(true);
}

QHash<QString, core::SegmentMerge::Pick> ConflictDialog::picks() const
{
    QHash<QString, core::SegmentMerge::Pick> picks = core::SegmentMerge::defaultPicks(m_fields);
    for (auto it = m_picks.begin(); it != m_picks.end(); ++it)
        picks.insert(it.key(), core::SegmentMerge::Pick(it.value()->checkedId()));
    return picks;
}

core::Segment ConflictDialog::merged() const
{
    return core::SegmentMerge::merge(m_theirs, m_change.payload, picks());
}

core::Experiment ConflictDialog::mergedExperiment() const
{
    if (!m_change.experiment)
        return {};
    return core::ExperimentMerge::merge(m_theirsExperiment, m_change.experiment->payload, picks());
}

} // namespace ui
