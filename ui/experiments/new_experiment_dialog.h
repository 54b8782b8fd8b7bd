#pragma once

#include <QDialog>
#include <QHash>

#include "analytics/analytics_source.h"
#include "domain/experiment.h"
#include "domain/segment.h"
#include "domain/validation_issue.h"

class QCheckBox;
class QComboBox;
class QDateEdit;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace ui {

class ExperimentArmsEditor;
class ExperimentPowerCalculator;

// Experiments ▸ New Experiment… on the selected segment: name, key (suggested from the name
// until typed), arms with weights, holdout, seed, primary metric and dates, each checked as it
// is typed with ExperimentRules (the message under its field; Create is off while any remains),
// and the power calculator fed with the segment's own last 30 days. Create stores it through the
// backend's ExperimentStore; a refusal (a key already used, say) is shown in the dialog, which
// stays open, and nothing is stored.
class NewExperimentDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NewExperimentDialog)

public:
    NewExperimentDialog(const core::Segment& segment, const AnalyticsSource& source, const QString& user,
                        QWidget* parent = nullptr);

    // The experiment the fields describe (not validated).
    core::Experiment draft() const;
    // The problems of draft(), by field ("name", "key", "arms", "holdout", ...).
    const core::ValidationIssues& issues() const { return m_issues; }
    // Stores the experiment when it is valid (else shows why and stores nothing).
    void create();
    bool isBusy() const { return m_busy || m_readingTraffic; }

    // "spring-banner-test" for "Spring banner test!".
    static QString suggestedKey(const QString& name);

    QLineEdit* nameField() const { return m_name; }
    QLineEdit* keyField() const { return m_key; }
    QLineEdit* seedField() const { return m_seed; }
    ExperimentArmsEditor* armsEditor() const { return m_arms; }
    QDoubleSpinBox* holdoutField() const { return m_holdout; }
    QComboBox* metricField() const { return m_metric; }
    QDateEdit* startField() const { return m_start; }
    QCheckBox* hasEndField() const { return m_hasEnd; }
    QDateEdit* endField() const { return m_end; }
    ExperimentPowerCalculator* calculator() const { return m_calculator; }
    QPushButton* createButton() const { return m_create; }
    // The text under a field ("name", "key", "seed", "arms", "holdout", "start_date", "end_date")
    // or, for "", the dialog's own message (a store's refusal).
    QString issueText(const QString& field) const;

signals:
    void created(const core::Experiment& experiment);
    void busyChanged();

private:
    void validate();
    void readTraffic();
    void showStoreError(const core::Error& error);
    QLabel* issueLabel(const QString& field);

    core::Segment m_segment;
    AnalyticsSource m_source;
    QString m_user;
    core::ValidationIssues m_issues;
    bool m_keyTyped = false;
    bool m_settingKey = false;
    bool m_busy = false;
    bool m_readingTraffic = false;
    QHash<QString, QLabel*> m_issueLabels;

    QLineEdit* m_name;
    QLineEdit* m_key;
    QLineEdit* m_seed;
    ExperimentArmsEditor* m_arms;
    QDoubleSpinBox* m_holdout;
    QComboBox* m_metric;
    QDateEdit* m_start;
    QCheckBox* m_hasEnd;
    QDateEdit* m_end;
    ExperimentPowerCalculator* m_calculator;
    QLabel* m_storeError;
    QDialogButtonBox* m_buttons;
    QPushButton* m_create;
};

} // namespace ui
