#pragma once

#include <memory>
#include <vector>

#include <QWidget>

#include "domain/catalogue.h"
#include "domain/definition_node.h"
#include "common/field_issues.h"

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QVBoxLayout;

namespace ui {

// Edits behaviour rules: "[Clicked] at least [3] times in the last [30] days", one row per
// rule, with add and remove buttons.
class BehaviourRulesEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BehaviourRulesEditor)

public:
    explicit BehaviourRulesEditor(std::shared_ptr<const core::Catalogue> catalogue,
                                  QWidget* parent = nullptr);

    std::vector<core::BehaviourRule> rules() const;
    // Replaces the rows without emitting changed.
    void setRules(const std::vector<core::BehaviourRule>& rules);
    // Issues by rule index.
    void setIssues(const QHash<int, FieldIssues>& issues);
    int ruleCount() const { return static_cast<int>(m_rows.size()); }

signals:
    void changed();

public slots:
    void addRule();

private:
    struct Row
    {
        QWidget* widget = nullptr;
        QComboBox* event = nullptr;
        QSpinBox* count = nullptr;
        QSpinBox* days = nullptr;
        QLabel* issue = nullptr;
    };

    void appendRow(const core::BehaviourRule& rule);
    void removeRow(QWidget* rowWidget);

    std::shared_ptr<const core::Catalogue> m_catalogue;
    std::vector<Row> m_rows;
    QVBoxLayout* m_rowsLayout = nullptr;
    QPushButton* m_add = nullptr;
};

} // namespace ui
