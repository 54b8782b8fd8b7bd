#include "segments/criteria_picker.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QEvent>
#include <QHBoxLayout>
#include <QIcon>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QStringListModel>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include "common/flow_layout.h"
#include "common/form_style.h"
#include "common/theme.h"

namespace ui {

CriteriaPicker::CriteriaPicker(const QString& noun, QWidget* parent) : QWidget(parent), m_noun(noun)
{
    m_chipArea = new QWidget(this);
    m_chips = new FlowLayout(m_chipArea, 6);
    m_chipArea->hide();

    m_search = new QLineEdit(this);
    const bool vowel = !noun.isEmpty() && QStringLiteral("aeiou").contains(noun.front().toLower());
    m_search->setPlaceholderText(vowel ? tr("Type to add an %1…").arg(noun)
                                       : tr("Type to add a %1…").arg(noun));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Add %1").arg(noun));
    m_search->setToolTip(tr("Type part of a name or a code, then pick from the list or press Enter."));
    m_search->installEventFilter(this);

    m_completions = new QStringListModel(this);
    m_completer = new QCompleter(m_completions, this);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchContains);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setMaxVisibleItems(12);
    m_search->setCompleter(m_completer);
    connect(m_completer, qOverload<const QString&>(&QCompleter::activated), this,
            [this](const QString& label) {
                addFromText(label);
                // The completer writes the chosen text into the field after this signal; clear afterwards.
                QTimer::singleShot(0, m_search, &QLineEdit::clear);
            });
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        if (m_completer->popup()->isVisible() || m_search->text().trimmed().isEmpty())
            return;
        if (addFromText(m_search->text()))
            m_search->clear();
    });
    connect(m_search, &QLineEdit::textEdited, this, [this] {
        if (!m_inputMessage.isEmpty()) {
            m_inputMessage.clear();
            updateIssueLabel();
        }
    });

    m_browse = new QToolButton(this);
    m_browse->setArrowType(Qt::DownArrow);
    m_browse->setToolTip(tr("Show every %1").arg(noun));
    m_browse->setAccessibleName(tr("Browse %1 values").arg(noun));
    m_browse->setFocusPolicy(Qt::NoFocus);
    connect(m_browse, &QToolButton::clicked, this, [this] {
        m_search->setFocus();
        m_completer->setCompletionPrefix(m_search->text());
        m_completer->complete();
    });

    m_issueLabel = makeIssueLabel(this);

    auto* entry = new QHBoxLayout;
    entry->setContentsMargins(0, 0, 0, 0);
    entry->setSpacing(2);
    entry->addWidget(m_search, 1);
    entry->addWidget(m_browse);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_chipArea);
    layout->addLayout(entry);
    layout->addWidget(m_issueLabel);
}

void CriteriaPicker::setOptions(const QList<Option>& options)
{
    m_options = options;
    for (const auto& o : options)
        m_labels.insert(o.value, o.label);
    refreshCompletions();
    rebuildChips();
}

void CriteriaPicker::setValues(const QStringList& values)
{
    m_values = values;
    m_inputMessage.clear();
    rebuildChips();
    refreshCompletions();
    updateIssueLabel();
}

void CriteriaPicker::setIssues(const FieldIssues& issues)
{
    if (issues == m_issues)
        return;
    m_issues = issues;
    rebuildChips();
    updateIssueLabel();
}

QString CriteriaPicker::issueText() const
{
    return m_issueLabel->isHidden() ? QString() : m_issueLabel->text();
}

bool CriteriaPicker::addFromText(const QString& text)
{
    const QString wanted = text.trimmed();
    if (wanted.isEmpty())
        return false;
    QList<const Option*> partial;
    QList<const Option*> leaf; // "Soccer" names "Sports › Soccer" exactly
    static const QString separator = QStringLiteral(" › ");
    for (const auto& o : m_options) {
        const qsizetype cut = o.label.lastIndexOf(separator);
        if (cut >= 0 && o.label.mid(cut + separator.size()).compare(wanted, Qt::CaseInsensitive) == 0)
            leaf.append(&o);
        if (o.label.compare(wanted, Qt::CaseInsensitive) == 0 ||
            o.value.compare(wanted, Qt::CaseInsensitive) == 0) {
            addValue(o.value);
            return true;
        }
        if (o.label.contains(wanted, Qt::CaseInsensitive) && !m_values.contains(o.value))
            partial.append(&o);
    }
    if (leaf.size() == 1) {
        addValue(leaf.front()->value);
        return true;
    }
    if (partial.size() == 1) {
        addValue(partial.front()->value);
        return true;
    }
    m_inputMessage =
        partial.isEmpty()
            ? tr("No %1 matches “%2”.").arg(m_noun, wanted)
            : tr("“%1” matches %2 values; pick one from the list.").arg(wanted).arg(partial.size());
    updateIssueLabel();
    return false;
}

void CriteriaPicker::addValue(const QString& value)
{
    m_inputMessage.clear();
    if (m_values.contains(value)) {
        updateIssueLabel();
        return;
    }
    m_values.append(value);
    rebuildChips();
    refreshCompletions();
    updateIssueLabel();
    emit valuesChanged();
}

void CriteriaPicker::removeValue(const QString& value)
{
    if (!m_values.removeOne(value))
        return;
    rebuildChips();
    refreshCompletions();
    emit valuesChanged();
}

void CriteriaPicker::rebuildChips()
{
    while (QLayoutItem* item = m_chips->takeAt(0)) {
        if (QWidget* w = item->widget()) {
            w->hide();
            w->deleteLater();
        }
        delete item;
    }
    for (int i = 0; i < m_values.size(); ++i) {
        const QString value = m_values.at(i);
        const bool bad = m_issues.valueIndexes.contains(i);
        auto* chip = new QToolButton(m_chipArea);
        chip->setObjectName(QStringLiteral("chip"));
        chip->setText(QStringLiteral("%1  ✕").arg(labelOf(value)));
        chip->setToolTip(bad ? tr("%1 has a problem (see below). Click to remove it.").arg(labelOf(value))
                             : tr("%1 (%2). Click to remove.").arg(labelOf(value), value));
        chip->setAccessibleName(tr("Remove %1").arg(labelOf(value)));
        chip->setCursor(Qt::PointingHandCursor);
        chip->setStyleSheet(
            bad ? QStringLiteral("QToolButton { background: %1; color: %2; border: 1px solid %3; "
                                 "border-radius: 11px; padding: 2px 10px; }")
                      .arg(Theme::css(Theme::Role::BadChipBackground), Theme::css(Theme::Role::ErrorText),
                           Theme::css(Theme::Role::BadChipBorder))
                : QStringLiteral("QToolButton { background: %1; color: %2; border: 1px solid %3; "
                                 "border-radius: 11px; padding: 2px 10px; }"
                                 "QToolButton:hover { background: %4; }"
                                 "QToolButton:focus { border: 1px solid %5; }")
                      .arg(Theme::css(Theme::Role::ChipBackground), Theme::css(Theme::Role::AccentText),
                           Theme::css(Theme::Role::ChipBorder), Theme::css(Theme::Role::ChipHoverBackground),
                           Theme::css(Theme::Role::ChipFocusBorder)));
        connect(chip, &QToolButton::clicked, this, [this, value] {
            removeValue(value);
            m_search->setFocus();
        });
        m_chips->addWidget(chip);
    }
    m_chipArea->setVisible(!m_values.isEmpty());
    m_chips->invalidate();
    updateGeometry();
}

void CriteriaPicker::refreshCompletions()
{
    QStringList labels;
    labels.reserve(m_options.size());
    for (const auto& o : m_options) {
        if (!m_values.contains(o.value))
            labels.append(o.label);
    }
    m_completions->setStringList(labels);
    m_browse->setEnabled(!labels.isEmpty());
}

void CriteriaPicker::updateIssueLabel()
{
    QStringList lines = m_issues.messages;
    if (!m_inputMessage.isEmpty())
        lines.prepend(m_inputMessage);
    m_issueLabel->setText(lines.join(QLatin1Char('\n')));
    m_issueLabel->setVisible(!lines.isEmpty());
    setProperty("invalid", !m_issues.messages.isEmpty());
}

bool CriteriaPicker::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Backspace && m_search->text().isEmpty() && !m_values.isEmpty()) {
            removeValue(m_values.last());
            return true;
        }
        if (key->key() == Qt::Key_Down && !m_completer->popup()->isVisible()) {
            m_completer->setCompletionPrefix(m_search->text());
            m_completer->complete();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace ui
