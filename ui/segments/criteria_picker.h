#pragma once

#include <QHash>
#include <QList>
#include <QStringList>
#include <QWidget>

#include "common/field_issues.h"

class QCompleter;
class QLabel;
class QLineEdit;
class QStringListModel;
class QToolButton;

namespace ui {

class FlowLayout;

// Picks a list of values from a catalogue: the chosen values as removable chips, plus a
// type-to-search field whose completer matches any part of a label, case-insensitively
// ("soc" finds "Sports › Soccer"). Enter adds the single match (or an exact label or code);
// Backspace in the empty field removes the last chip. Validation messages appear under it.
class CriteriaPicker final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CriteriaPicker)

public:
    struct Option
    {
        QString value;
        QString label;
    };

    // noun: what one value is called, for placeholders and messages ("country", "interest").
    explicit CriteriaPicker(const QString& noun, QWidget* parent = nullptr);

    // The values that can be added now. Labels are remembered, so values chosen earlier
    // that are no longer offered still show their label.
    void setOptions(const QList<Option>& options);
    QStringList values() const { return m_values; }
    // Replaces the chosen values without emitting valuesChanged.
    void setValues(const QStringList& values);
    void setIssues(const FieldIssues& issues);
    QString issueText() const;

    QLineEdit* searchField() const { return m_search; }
    // Adds a value by label or code as if typed and confirmed; false when nothing matched.
    bool addFromText(const QString& text);
    void removeValue(const QString& value);

signals:
    void valuesChanged();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void addValue(const QString& value);
    void rebuildChips();
    void refreshCompletions();
    void updateIssueLabel();
    QString labelOf(const QString& value) const { return m_labels.value(value, value); }

    QString m_noun;
    QList<Option> m_options;
    QHash<QString, QString> m_labels;
    QStringList m_values;
    FieldIssues m_issues;
    QString m_inputMessage;

    QWidget* m_chipArea = nullptr;
    FlowLayout* m_chips = nullptr;
    QLineEdit* m_search = nullptr;
    QToolButton* m_browse = nullptr;
    QCompleter* m_completer = nullptr;
    QStringListModel* m_completions = nullptr;
    QLabel* m_issueLabel = nullptr;
};

} // namespace ui
