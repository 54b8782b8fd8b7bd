#pragma once

#include <functional>
#include <memory>

#include <QDialog>

#include "common/result.h"
#include "databricks/config/databricks_config_resolver.h"
#include "workspace/workspace_choice.h"

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QStackedWidget;

namespace core {
class DatabricksConnection;
class WorkspaceSession;
} // namespace core

namespace ui {

class DiagnosticsPanel;

// Chooses the workspace: the local workspace file or one of the Databricks profiles of the
// configuration file (with the SDKs' precedence: DATABRICKS_CONFIG_FILE, else ~/.databrickscfg),
// with optional warehouse, catalog and schema overrides. "Test connection" runs every check
// of the diagnostics on a separate connection before anything is switched; Connect accepts.
class ConnectionDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionDialog)

public:
    ConnectionDialog(core::WorkspaceSession& session, QWidget* parent = nullptr);
    ~ConnectionDialog() override;

    // Connect calls this; an error keeps the dialog open and shows it (nothing was switched).
    using Apply = std::function<core::Status(const core::WorkspaceChoice&)>;
    void setApply(Apply apply) { m_apply = std::move(apply); }

    // The choice as the dialog shows it now (what Connect would switch to).
    core::WorkspaceChoice choice() const;
    // Shows this choice (the active one when the dialog opens).
    void select(const core::WorkspaceChoice& choice);

    QListWidget* workspaceList() const { return m_list; }
    DiagnosticsPanel* diagnostics() const { return m_diagnostics; }
    QPushButton* testButton() const { return m_test; }
    QLabel* problemLabel() const { return m_problem; }

public slots:
    void testConnection();
    void accept() override;

private:
    void loadProfiles();
    void onRowChanged(int row);
    void browseForWorkspace();
    const core::DatabricksProfileInfo* currentProfile() const;

    void showProblem(const core::Error& error);

    core::WorkspaceSession& m_session;
    Apply m_apply;
    QList<core::DatabricksProfileInfo> m_profiles;
    QString m_localPath;
    QListWidget* m_list = nullptr;
    QStackedWidget* m_pages = nullptr;
    QLineEdit* m_path = nullptr;
    QLabel* m_profileSummary = nullptr;
    QLineEdit* m_warehouse = nullptr;
    QLineEdit* m_catalog = nullptr;
    QLineEdit* m_schema = nullptr;
    QLabel* m_source = nullptr;
    QLabel* m_problem = nullptr;
    QPushButton* m_test = nullptr;
    DiagnosticsPanel* m_diagnostics = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    std::unique_ptr<core::DatabricksConnection> m_testConnection;
};

} // namespace ui
