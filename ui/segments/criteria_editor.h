#pragma once

#include <map>
#include <memory>

#include <QWidget>

#include "segments/criteria_picker.h"
#include "domain/catalogue.h"
#include "domain/simple_definition.h"
#include "common/field_issues.h"

class QLabel;
class QToolButton;

namespace ui {

class BehaviourRulesEditor;

// The criteria part of the segment form: who to include (a picker per dimension, behaviour
// rules, other segments) and who to exclude. Edits a core::SimpleDefinition; a picker left
// empty leaves its dimension unconstrained. Regions offered are those of the chosen countries.
class CriteriaEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CriteriaEditor)

public:
    explicit CriteriaEditor(std::shared_ptr<const core::Catalogue> catalogue, QWidget* parent = nullptr);

    core::SimpleDefinition definition() const;
    // Replaces the content without emitting changed.
    void setDefinition(const core::SimpleDefinition& definition);
    // Other segments of the advertiser that can be included or excluded.
    void setSegmentOptions(const QList<CriteriaPicker::Option>& options);
    // Issues keyed by the field names of SimpleDefinition::toDefinition ("include.country",
    // "behaviour[0]", "exclude.segments") plus "definition" for the definition as a whole.
    void setIssues(const IssuesByField& issues);

    CriteriaPicker* includePicker(core::Dimension dimension) const { return m_include.at(dimension); }
    CriteriaPicker* excludePicker(core::Dimension dimension) const { return m_exclude.at(dimension); }
    CriteriaPicker* includeSegmentsPicker() const { return m_includeSegments; }
    CriteriaPicker* excludeSegmentsPicker() const { return m_excludeSegments; }
    BehaviourRulesEditor* behaviourEditor() const { return m_behaviours; }
    QString generalIssueText() const;

signals:
    void changed();

private:
    QWidget* buildIncludeSection();
    QWidget* buildExcludeSection();
    CriteriaPicker* makePicker(core::Dimension dimension);
    void updateRegionOptions();
    void setExclusionsVisible(bool visible);

    std::shared_ptr<const core::Catalogue> m_catalogue;
    std::map<core::Dimension, CriteriaPicker*> m_include;
    std::map<core::Dimension, CriteriaPicker*> m_exclude;
    CriteriaPicker* m_includeSegments = nullptr;
    CriteriaPicker* m_excludeSegments = nullptr;
    BehaviourRulesEditor* m_behaviours = nullptr;
    QLabel* m_generalIssue = nullptr;
    QToolButton* m_exclusionToggle = nullptr;
    QWidget* m_exclusionBody = nullptr;
};

} // namespace ui
