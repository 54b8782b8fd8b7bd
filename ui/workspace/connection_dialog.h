#pragma once

#include <functional>
#include <memory>

#include <QDialog>

#include "common/result.h"
#include "databricks/config/databricks_config_resolver.h"
#include "workspace/workspace_choice.h"

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QStackedWidget;

namespace core {
class BackendDiagnostics;
class DatabricksConnection;
struct LakebaseAccess;
class WorkspaceSession;
} // namespace core

namespace ui {

class DiagnosticsPanel;

// Chooses the workspace: the local workspace file; one of the Databricks profiles of the
// configuration file (with the SDKs' precedence: DATABRICKS_CONFIG_FILE, else ~/.databrickscfg),
// its segments either in Unity Catalog through a SQL warehouse (optional warehouse, catalog and
// schema overrides) or in one of its Lakebase database instances; or a PostgreSQL database by
// its connection string. "Test connection" runs every check of the diagnostics on a separate
// connection before anything is switched (nothing is created or changed); Connect accepts.
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
    // The row of the PostgreSQL entry (after the profiles).
    int postgresRow() const;
    QLineEdit* postgresConnInfo() const { return m_conninfo; }
    QComboBox* segmentsLocation() const { return m_location; }
    QLineEdit* lakebaseInstance() const { return m_instance; }
    QLabel* problemLabel() const { return m_problem; }

public slots:
    void testConnection();
    void accept() override;

private:
    void loadProfiles();
    void addPostgresRow();
    void onRowChanged(int row);
    void browseForWorkspace();
    const core::DatabricksProfileInfo* currentProfile() const;

    void showProblem(const core::Error& error);
    void showLocation();
    void testPostgres(const core::WorkspaceChoice& chosen);
    void testLakebase(const core::WorkspaceChoice& chosen);
    void showDiagnostics(std::unique_ptr<core::BackendDiagnostics> diagnostics);
    void clearTest();

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
    QComboBox* m_location = nullptr;
    QWidget* m_warehouseFields = nullptr;
    QWidget* m_lakebaseFields = nullptr;
    QLineEdit* m_instance = nullptr;
    QLineEdit* m_database = nullptr;
    QLineEdit* m_conninfo = nullptr;
    QLabel* m_source = nullptr;
    QLabel* m_problem = nullptr;
    QPushButton* m_test = nullptr;
    DiagnosticsPanel* m_diagnostics = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    // What a test runs on, cleared from the panel before it goes (in reverse order).
    std::unique_ptr<core::DatabricksConnection> m_testConnection;
    std::shared_ptr<core::LakebaseAccess> m_testAccess;
    std::unique_ptr<core::BackendDiagnostics> m_testDiagnostics;
    quint64 m_testSequence = 0;
};

} // namespace ui
