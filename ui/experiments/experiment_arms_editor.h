#pragma once

#include <QList>
#include <QWidget>

#include "domain/experiment.h"

class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QVBoxLayout;

namespace ui {

// The arms of a new experiment as rows of a name and a whole-percent weight (2–6 rows, the first
// is the control), with Add arm, a remove button per row and the running total. Adding or
// removing an arm keeps an even split even; weights the user chose are left alone (the total
// says what is missing). Validation is the dialog's: it shows the messages with setIssues.
class ExperimentArmsEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExperimentArmsEditor)

public:
    explicit ExperimentArmsEditor(QWidget* parent = nullptr);

    QList<core::ExperimentArm> arms() const;
    void setArms(const QList<core::ExperimentArm>& arms);
    void addArm();
    void removeArm(int index);
    // 100 split as evenly as whole percents allow, the remainder to the first arms (34/33/33).
    void splitEvenly();
    int total() const;

    // The messages about the arms (their count, names, weights and total), in red under them.
    void setIssues(const QStringList& messages);
    QStringList issues() const { return m_issueTexts; }

    int rowCount() const { return static_cast<int>(m_rows.size()); }
    QLineEdit* nameField(int row) const { return m_rows.at(row).name; }
    QSpinBox* weightField(int row) const { return m_rows.at(row).weight; }
    QPushButton* removeButton(int row) const { return m_rows.at(row).remove; }
    QPushButton* addButton() const { return m_add; }
    QLabel* totalLabel() const { return m_total; }

signals:
    void changed();

private:
    struct Row
    {
        QWidget* box = nullptr;
        QLineEdit* name = nullptr;
        QSpinBox* weight = nullptr;
        QPushButton* remove = nullptr;
    };

    void appendRow(const core::ExperimentArm& arm);
    bool isEvenSplit() const;
    void refresh();
    QString freeName() const;

    QList<Row> m_rows;
    QVBoxLayout* m_rowsLayout;
    QPushButton* m_add;
    QPushButton* m_even;
    QLabel* m_total;
    QLabel* m_issues;
    QStringList m_issueTexts;
    bool m_settingUp = false;
};

} // namespace ui
