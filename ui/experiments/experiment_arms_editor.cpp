#include "experiments/experiment_arms_editor.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "common/form_style.h"
#include "common/theme.h"

namespace ui {

ExperimentArmsEditor::ExperimentArmsEditor(QWidget* parent) : QWidget(parent)
{
    setAccessibleName(tr("Arms"));
    m_rowsLayout = new QVBoxLayout;
    m_rowsLayout->setContentsMargins(0, 0, 0, 0);
    m_rowsLayout->setSpacing(4);
    m_add = new QPushButton(Theme::icon(QStringLiteral("new")), tr("Add &arm"), this);
    m_add->setToolTip(tr("Another treatment (up to %1 arms)").arg(core::Experiment::kMaxArms));
    connect(m_add, &QPushButton::clicked, this, &ExperimentArmsEditor::addArm);
    m_even = new QPushButton(tr("Split e&venly"), this);
    m_even->setToolTip(tr("Give every arm the same share of the people not held out"));
    connect(m_even, &QPushButton::clicked, this, &ExperimentArmsEditor::splitEvenly);
    m_total = new QLabel(this);
    m_issues = makeIssueLabel(this);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_even);
    buttons->addStretch(1);
    buttons->addWidget(m_total);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addLayout(m_rowsLayout);
    layout->addLayout(buttons);
    layout->addWidget(m_issues);
    setArms({{QStringLiteral("control"), 50}, {QStringLiteral("treatment"), 50}});
}

QList<core::ExperimentArm> ExperimentArmsEditor::arms() const
{
    QList<core::ExperimentArm> out;
    for (const Row& r : m_rows)
        out.append({r.name->text().trimmed(), r.weight->value()});
    return out;
}

void ExperimentArmsEditor::setArms(const QList<core::ExperimentArm>& arms)
{
    m_settingUp = true;
    for (const Row& r : std::as_const(m_rows))
        delete r.box;
    m_rows.clear();
    for (const auto& a : arms)
        appendRow(a);
    m_settingUp = false;
    refresh();
}

void ExperimentArmsEditor::appendRow(const core::ExperimentArm& arm)
{
    Row r;
    r.box = new QWidget(this);
    const int index = static_cast<int>(m_rows.size());
    r.name = new QLineEdit(arm.name, r.box);
    r.name->setMaxLength(core::Experiment::kMaxArmNameLength);
    r.name->setAccessibleName(tr("Name of arm %1").arg(index + 1));
    r.weight = new QSpinBox(r.box);
    r.weight->setRange(0, 100);
    r.weight->setSuffix(QStringLiteral(" %"));
    r.weight->setValue(arm.weight);
    r.weight->setAccessibleName(tr("Weight of arm %1").arg(index + 1));
    r.weight->setToolTip(tr("The arm's share of the people not held out, in whole percents"));
    r.remove = new QPushButton(Theme::icon(QStringLiteral("delete")), QString(), r.box);
    r.remove->setToolTip(tr("Remove this arm"));
    r.remove->setAccessibleName(tr("Remove arm %1").arg(index + 1));
    auto* role = makeHint(index == 0 ? tr("control") : tr("treatment"), r.box);
    role->setWordWrap(false);
    role->setMinimumWidth(70);
    auto* row = new QHBoxLayout(r.box);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(r.name, 1);
    row->addWidget(r.weight);
    row->addWidget(role);
    row->addWidget(r.remove);
    m_rowsLayout->addWidget(r.box);
    connect(r.name, &QLineEdit::textChanged, this, &ExperimentArmsEditor::refresh);
    connect(r.weight, &QSpinBox::valueChanged, this, &ExperimentArmsEditor::refresh);
    QWidget* box = r.box;
    connect(r.remove, &QPushButton::clicked, this, [this, box] {
        for (int i = 0; i < m_rows.size(); ++i)
            if (m_rows.at(i).box == box)
                removeArm(i);
    });
    m_rows.append(r);
}

bool ExperimentArmsEditor::isEvenSplit() const
{
    if (m_rows.isEmpty())
        return true;
    const int n = static_cast<int>(m_rows.size());
    for (int i = 0; i < n; ++i)
        if (m_rows.at(i).weight->value() != 100 / n + (i < 100 % n ? 1 : 0))
            return false;
    return true;
}

void ExperimentArmsEditor::splitEvenly()
{
    const int n = static_cast<int>(m_rows.size());
    if (n == 0)
        return;
    m_settingUp = true;
    for (int i = 0; i < n; ++i)
        m_rows.at(i).weight->setValue(100 / n + (i < 100 % n ? 1 : 0));
    m_settingUp = false;
    refresh();
}

QString ExperimentArmsEditor::freeName() const
{
    for (int k = static_cast<int>(m_rows.size());; ++k) {
        const QString name = QStringLiteral("treatment-%1").arg(k);
        bool taken = false;
        for (const Row& r : m_rows)
            taken = taken || r.name->text().trimmed().compare(name, Qt::CaseInsensitive) == 0;
        if (!taken)
            return name;
    }
}

void ExperimentArmsEditor::addArm()
{
    if (m_rows.size() >= core::Experiment::kMaxArms)
        return;
    const bool even = isEvenSplit();
    m_settingUp = true;
    appendRow({freeName(), 0});
    m_settingUp = false;
    if (even)
        splitEvenly();
    else
        refresh();
    m_rows.last().name->setFocus();
}

void ExperimentArmsEditor::removeArm(int index)
{
    if (index < 0 || index >= m_rows.size() || m_rows.size() <= core::Experiment::kMinArms)
        return;
    const bool even = isEvenSplit();
    delete m_rows.takeAt(index).box;
    if (even)
        splitEvenly();
    else
        refresh();
}

int ExperimentArmsEditor::total() const
{
    int sum = 0;
    for (const Row& r : m_rows)
        sum += r.weight->value();
    return sum;
}

void ExperimentArmsEditor::setIssues(const QStringList& messages)
{
    m_issueTexts = messages;
    m_issues->setText(messages.join(QLatin1Char('\n')));
    m_issues->setVisible(!messages.isEmpty());
}

void ExperimentArmsEditor::refresh()
{
    if (m_settingUp)
        return;
    const int n = static_cast<int>(m_rows.size());
    m_add->setEnabled(n < core::Experiment::kMaxArms);
    for (const Row& r : std::as_const(m_rows))
        r.remove->setEnabled(n > core::Experiment::kMinArms);
    const int sum = total();
    m_total->setText(tr("Total: %1 %").arg(sum));
    m_total->setStyleSheet(
        QStringLiteral("color: %1;")
            .arg(Theme::css(sum == 100 ? Theme::Role::SuccessText : Theme::Role::ErrorText)));
    emit changed();
}

} // namespace ui
