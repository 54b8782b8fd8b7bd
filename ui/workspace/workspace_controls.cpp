#include "workspace/workspace_controls.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QVBoxLayout>

#include "workspace/connection_dialog.h"
#include "workspace/connection_status.h"
#include "workspace/diagnostics_panel.h"
#include "shell/main_window_actions.h"
#include "workspace/workspace_session.h"

namespace ui {

WorkspaceControls::WorkspaceControls(core::WorkspaceSession& session, MainWindowActions& actions,
                                     QWidget* window, WhenReleased whenReleased)
    : QObject(window), m_session(session), m_actions(actions), m_window(window),
      m_whenReleased(std::move(whenReleased))
{
    m_status = new ConnectionStatus(window);
    connect(m_status, &ConnectionStatus::clicked, this, &WorkspaceControls::openDiagnostics);
    connect(m_actions.connectWorkspace, &QAction::triggered, this, &WorkspaceControls::openConnectionDialog);
    connect(m_actions.diagnostics, &QAction::triggered, this, &WorkspaceControls::openDiagnostics);
    connect(m_actions.createTables, &QAction::triggered, this, &WorkspaceControls::createTables);
    connect(&m_session, &core::WorkspaceSession::activated, this, [this] {
        if (m_diagnosticsPanel)
            m_diagnosticsPanel->setDiagnostics(m_session.diagnostics());
        refreshStatus();
        updateActions();
    });
    connect(&m_session, &core::WorkspaceSession::healthChanged, this, [this] {
        // A workspace that opens in the background (local, PostgreSQL, Lakebase) has its checks
        // once it is open.
        const auto diagnostics = m_session.diagnostics();
        if (m_diagnosticsPanel && m_diagnosticsPanel->diagnostics() != diagnostics.get())
            m_diagnosticsPanel->setDiagnostics(diagnostics);
        refreshStatus();
        updateActions();
    });
    refreshStatus();
    updateActions();
}

WorkspaceControls::~WorkspaceControls() = default;

ConnectionDialog* WorkspaceControls::connectionDialog() const
{
    return m_connectionDialog.data();
}

QDialog* WorkspaceControls::diagnosticsWindow() const
{
    return m_diagnosticsWindow.data();
}

void WorkspaceControls::refreshStatus()
{
    m_status->setWorkspace(m_session.store().backendKind(), m_session.store().displayName());
    m_status->setHealth(m_session.health());
}

void WorkspaceControls::updateActions()
{
    m_actions.connectWorkspace->setEnabled(true);
    m_actions.diagnostics->setEnabled(true);
    m_actions.createTables->setEnabled(m_session.diagnostics() != nullptr);
}

void WorkspaceControls::openConnectionDialog()
{
    if (m_connectionDialog) {
        m_connectionDialog->raise();
        m_connectionDialog->activateWindow();
        return;
    }
    auto* dialog = new ConnectionDialog(m_session, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setApply([this](const core::WorkspaceChoice& choice) -> core::Status {
        if (choice == m_session.choice())
            return core::success(); // nothing to switch
        // Resolve first so a bad choice is reported in the dialog, changing nothing.
        if (choice.isDatabricks() || choice.kind == core::WorkspaceChoice::Kind::Lakebase) {
            auto probe = m_session.openConnection(choice);
            if (!probe)
                return probe.error();
        }
        m_whenReleased([this, choice] {
            const core::Status switched = m_session.activate(choice);
            Q_UNUSED(switched); // resolved above; a failure here would already have been shown
        });
        return core::success();
    });
    m_connectionDialog = dialog;
    dialog->open();
}

void WorkspaceControls::ensureDiagnosticsWindow()
{
    if (m_diagnosticsWindow)
        return;
    auto* window = new QDialog(m_window);
    window->setWindowTitle(tr("Diagnostics"));
    window->setObjectName(QStringLiteral("diagnosticsWindow"));
    m_diagnosticsPanel = new DiagnosticsPanel(window);
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, window);
    connect(close, &QDialogButtonBox::rejected, window, &QDialog::reject);
    auto* layout = new QVBoxLayout(window);
    layout->addWidget(m_diagnosticsPanel, 1);
    layout->addWidget(close);
    window->resize(760, 520);
    connect(m_diagnosticsPanel, &DiagnosticsPanel::finished, &m_session,
            &core::WorkspaceSession::checkHealth);
    connect(window, &QObject::destroyed, this, [this] { m_diagnosticsPanel = nullptr; });
    m_diagnosticsWindow = window;
}

void WorkspaceControls::openDiagnostics()
{
    ensureDiagnosticsWindow();
    m_diagnosticsPanel->setDiagnostics(m_session.diagnostics());
    m_diagnosticsWindow->show();
    m_diagnosticsWindow->raise();
    if (m_session.diagnostics())
        m_diagnosticsPanel->run();
}

void WorkspaceControls::createTables()
{
    if (!m_session.diagnostics())
        return;
    ensureDiagnosticsWindow();
    m_diagnosticsPanel->setDiagnostics(m_session.diagnostics());
    m_diagnosticsWindow->show();
    m_diagnosticsPanel->provision();
}

} // namespace ui
