#pragma once

#include <QHash>
#include <QSet>
#include <QWidget>

#include "segments/criteria_picker.h"
#include "domain/catalogue.h"
#include "domain/segment.h"
#include "domain/segment_validator.h"
#include "common/field_issues.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;

namespace ui {

class CriteriaEditor;

// Edits one segment: name, description, status and criteria. Validates as you type with
// core::SegmentValidator and shows each issue under its field; Save is disabled while
// anything is invalid. A definition the form cannot show (not the simple shape) is shown
// read-only as JSON. The form never talks to a store: it emits saveRequested.
class SegmentForm final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SegmentForm)

public:
    explicit SegmentForm(std::shared_ptr<const core::Catalogue> catalogue, QWidget* parent = nullptr);

    // Shows a stored segment; the form is clean afterwards.
    void load(const core::Segment& segment);
    // Starts a new, empty segment of the advertiser.
    void startNew(const QString& advertiserId);
    // Shows nothing (no advertiser, or nothing selected).
    void clear();
    // The stored segment changed underneath edits that continued meanwhile (typed while a
    // save was running): keep the edits, compare them with the new base from now on.
    void rebase(const core::Segment& stored);

    // The segment as stored when loaded (id empty for a new one).
    const core::Segment& base() const { return m_base; }
    // The base with the user's edits applied; version is the base version.
    core::Segment edited() const;
    bool hasSegment() const { return m_active; }
    bool isNew() const { return m_active && m_base.id.isEmpty(); }
    bool isDirty() const;
    bool isValid() const { return m_active && m_issues.isEmpty(); }
    bool isDefinitionValid() const { return m_definitionValid; }
    bool isDefinitionReadOnly() const { return m_readOnlyDefinition; }
    const core::ValidationIssues& issues() const { return m_issues; }
    // Issue text currently shown under a field ("name", "description", "definition", ...).
    QString shownIssue(const QString& field) const;

    // Names (SegmentValidator::nameKey) the segment may not take: the advertiser's other live segments.
    void setTakenNames(const QSet<QString>& nameKeys);
    // The advertiser's other segments: offered for include/exclude, used to check references.
    void setOtherSegments(const QList<core::Segment>& segments);

    QLineEdit* nameField() const { return m_name; }
    QPlainTextEdit* descriptionField() const { return m_description; }
    QComboBox* statusField() const { return m_status; }
    CriteriaEditor* criteria() const { return m_criteria; }
    QPushButton* saveButton() const { return m_save; }

signals:
    void editedChanged(); // any edit
    void validityChanged(bool valid);
    void dirtyChanged(bool dirty);
    void definitionChanged(const core::Definition& definition); // a valid definition to estimate
    void definitionInvalid();                                   // the criteria cannot be estimated now
    void saveRequested();
    void revertRequested();

private:
    void fill(const core::Segment& segment);
    void revalidate();
    void onEdited();
    void setIssueText(QLabel* label, const QStringList& messages);
    void updateHeader();
    core::Definition currentDefinition(QHash<QString, QString>* fieldOfPath) const;

    std::shared_ptr<const core::Catalogue> m_catalogue;
    core::SegmentValidator m_validator;
    core::Segment m_base;
    bool m_active = false;
    bool m_readOnlyDefinition = false;
    bool m_filling = false;
    bool m_definitionValid = false;
    bool m_lastValid = false;
    bool m_lastDirty = false;
    bool m_touched = false; // a new segment shows its problems only once the user starts editing
    core::ValidationIssues m_issues;
    QSet<QString> m_takenNames;
    QHash<QString, core::Definition> m_otherDefinitions;
    QString m_lastEstimatedHash;

    QLabel* m_title = nullptr;
    QLabel* m_meta = nullptr;
    QLabel* m_generalIssue = nullptr;
    QLineEdit* m_name = nullptr;
    QLabel* m_nameIssue = nullptr;
    QPlainTextEdit* m_description = nullptr;
    QLabel* m_descriptionIssue = nullptr;
    QComboBox* m_status = nullptr;
    QLabel* m_statusIssue = nullptr;
    QStackedWidget* m_definitionStack = nullptr;
    CriteriaEditor* m_criteria = nullptr;
    QPlainTextEdit* m_json = nullptr;
    QPushButton* m_save = nullptr;
    QPushButton* m_revert = nullptr;
    QWidget* m_body = nullptr;
    QWidget* m_details = nullptr;
    QWidget* m_criteriaBox = nullptr;
    QLabel* m_empty = nullptr;
};

} // namespace ui
