#include "segments/behaviour_rules_editor.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include "domain/segment_validator.h"
#include "common/form_style.h"
#include "common/theme.h"

namespace ui {

BehaviourRulesEditor::BehaviourRulesEditor(std::shared_ptr<const core::Catalogue> catalogue, QWidget* parent)
    : QWidget(parent), m_catalogue(std::move(catalogue))
{
    m_rowsLayout = new QVBoxLayout;
    m_rowsLayout->setContentsMargins(0, 0, 0, 0);
    m_rowsLayout->setSpacing(4);

    m_add = new QPushButton(Theme::icon(QStringLiteral("new")), tr("Add behaviour rule"), this);
    m_add->setToolTip(tr("Require people to have seen, clicked or converted on ads recently"));
    connect(m_add, &QPushButton::clicked, this, &BehaviourRulesEditor::addRule);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(m_rowsLayout);
    layout->addWidget(m_add, 0, Qt::AlignLeft);
}

std::vector<core::BehaviourRule> BehaviourRulesEditor::rules() const
{
    std::vector<core::BehaviourRule> out;
    for (const auto& row : m_rows)
        out.push_back({row.event->currentData().toString(), row.count->value(), row.days->value()});
    return out;
}

void BehaviourRulesEditor::setRules(const std::vector<core::BehaviourRule>& rules)
{
    while (!m_rows.empty()) {
        QWidget* w = m_rows.back().widget;
        m_rows.pop_back();
        w->hide();
        w->deleteLater();
    }
    for (const auto& rule : rules)
        appendRow(rule);
}

void BehaviourRulesEditor::setIssues(const QHash<int, FieldIssues>& issues)
{
    for (int i = 0; i < static_cast<int>(m_rows.size()); ++i) {
        const QStringList messages = issues.value(i).messages;
        m_rows[i].issue->setText(messages.join(QLatin1Char('\n')));
        m_rows[i].issue->setVisible(!messages.isEmpty());
    }
}

void BehaviourRulesEditor::addRule()
{
    appendRow(core::BehaviourRule{});
    m_rows.back().event->setFocus();
    emit changed();
}

void BehaviourRulesEditor::appendRow(const core::BehaviourRule& rule)
{
    Row row;
    row.widget = new QWidget(this);
    row.event = new QComboBox(row.widget);
    row.event->setAccessibleName(tr("Event type"));
    for (const QString& type : m_catalogue->eventTypes())
        row.event->addItem(m_catalogue->eventLabel(type), type);
    int at = row.event->findData(rule.eventType);
    if (at < 0) { // keep an unknown type visible so the validator can name it
        row.event->addItem(rule.eventType, rule.eventType);
        at = row.event->count() - 1;
    }
    row.event->setCurrentIndex(at);

    row.count = new QSpinBox(row.widget);
    row.count->setRange(1, core::SegmentValidator::kMaxBehaviourCount);
    row.count->setValue(rule.minCount);
    row.count->setAccessibleName(tr("Minimum number of events"));
    row.count->setSuffix(tr(" times"));

    row.days = new QSpinBox(row.widget);
    row.days->setRange(1, core::SegmentValidator::kMaxBehaviourDays);
    row.days->setValue(rule.days);
    row.days->setAccessibleName(tr("Window in days"));
    row.days->setSuffix(tr(" days"));

    auto* remove = new QToolButton(row.widget);
    remove->setIcon(Theme::icon(QStringLiteral("delete")));
    remove->setToolTip(tr("Remove this rule"));
    remove->setAccessibleName(tr("Remove behaviour rule"));
    remove->setAutoRaise(true);

    row.issue = makeIssueLabel(row.widget);

    auto* line = new QHBoxLayout;
    line->setContentsMargins(0, 0, 0, 0);
    line->setSpacing(6);
    line->addWidget(row.event);
    line->addWidget(new QLabel(tr("at least"), row.widget));
    line->addWidget(row.count);
    line->addWidget(new QLabel(tr("in the last"), row.widget));
    line->addWidget(row.days);
    line->addStretch(1);
    line->addWidget(remove);
    auto* box = new QVBoxLayout(row.widget);
    box->setContentsMargins(0, 0, 0, 0);
    box->setSpacing(2);
    box->addLayout(line);
    box->addWidget(row.issue);

    connect(row.event, &QComboBox::currentIndexChanged, this, &BehaviourRulesEditor::changed);
    connect(row.count, &QSpinBox::valueChanged, this, &BehaviourRulesEditor::changed);
    QSpinBox* count = row.count;
    auto updateSuffix = [count] { count->setSuffix(count->value() == 1 ? tr(" time") : tr(" times")); };
    connect(row.count, &QSpinBox::valueChanged, this, updateSuffix);
    updateSuffix();
    connect(row.days, &QSpinBox::valueChanged, this, &BehaviourRulesEditor::changed);
    QWidget* rowWidget = row.widget;
    connect(remove, &QToolButton::clicked, this, [this, rowWidget] { removeRow(rowWidget); });

    m_rowsLayout->addWidget(row.widget);
    m_rows.push_back(row);
}

void BehaviourRulesEditor::removeRow(QWidget* rowWidget)
{
    for (auto it = m_rows.begin(); it != m_rows.end(); ++it) {
        if (it->widget == rowWidget) {
            m_rows.erase(it);
            rowWidget->hide();
            rowWidget->deleteLater();
            m_add->setFocus();
            emit changed();
            return;
        }
    }
}

} // namespace ui
