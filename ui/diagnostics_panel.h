#pragma once

#include <QPointer>
#include <QWidget>

#include "databricks/diagnostics/diagnostics_report.h"

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace core {
class DatabricksConnection;
}

namespace ui {

// Checks a Databricks connection step by step (core::Doctor) and shows each check as it runs:
// passed, warning, failed with its cause and fix (a GRANT statement to copy where one fixes
// it), or skipped because an earlier one failed. Offers to create the tables when they are
// missing. Used by the Diagnostics window and inside the connection dialog's test.
class DiagnosticsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiagnosticsPanel)

public:
    explicit DiagnosticsPanel(QWidget* parent = nullptr);
    ~DiagnosticsPanel() override;

    // The connection to check (not owned; may be replaced or go away).
    void setConnection(core::DatabricksConnection* connection);
    bool isRunning() const { return m_running; }
    const core::DiagnosticsReport& lastReport() const { return m_report; }
    QTreeWidget* checkList() const { return m_checks; }
    QPlainTextEdit* detailView() const { return m_detail; }
    QPushButton* provisionButton() const { return m_provision; }
    // The report as plain text (for the clipboard and support requests); no secrets.
    QString reportText() const;

public slots:
    void run();
    void provision();

signals:
    void finished(const core::DiagnosticsReport& report);
    void provisioned();

private:
    void resetRows();
    void showCheck(int index, const core::DiagnosticCheck& check);
    void showDetailOf(int index);
    void setRunning(bool running);

    QPointer<core::DatabricksConnection> m_connection;
    QLabel* m_heading = nullptr;
    QLabel* m_settings = nullptr;
    QTreeWidget* m_checks = nullptr;
    QPlainTextEdit* m_detail = nullptr;
    QPushButton* m_runAgain = nullptr;
    QPushButton* m_copyFix = nullptr;
    QPushButton* m_copyReport = nullptr;
    QPushButton* m_provision = nullptr;
    core::DiagnosticsReport m_report;
    bool m_running = false;
    quint64 m_runSequence = 0;
};

} // namespace ui
