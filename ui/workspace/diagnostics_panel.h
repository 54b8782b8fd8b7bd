#pragma once

#include <memory>

#include <QWidget>

#include "databricks/diagnostics/diagnostics_report.h"

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace core {
class BackendDiagnostics;
}

namespace ui {

// Checks a shared workspace step by step (core::BackendDiagnostics: Databricks' Doctor, or the
// PostgreSQL/Lakebase checks) and shows each check as it runs: passed, warning, failed with its
// cause and fix (a GRANT statement to copy where one fixes it), or skipped because an earlier one
// failed. Offers to create the tables when they are missing. Used by the Diagnostics window and
// inside the connection dialog's test.
class DiagnosticsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiagnosticsPanel)

public:
    explicit DiagnosticsPanel(QWidget* parent = nullptr);
    ~DiagnosticsPanel() override;

    // What to check (kept alive while the panel shows it; null: the local workspace, nothing to check).
    void setDiagnostics(std::shared_ptr<core::BackendDiagnostics> diagnostics);
    const core::BackendDiagnostics* diagnostics() const { return m_diagnostics.get(); }
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

    std::shared_ptr<core::BackendDiagnostics> m_diagnostics;
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
