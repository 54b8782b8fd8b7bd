#pragma once

#include <functional>

#include <QObject>
#include <QPointer>

#include "workspace/workspace_choice.h"

class QDialog;
class QWidget;

namespace core {
class WorkspaceSession;
}

namespace ui {

class ConnectionDialog;
class ConnectionStatus;
class DiagnosticsPanel;
class MainWindowActions;

// The window's part of switching workspaces: the Connection menu's actions (connect,
// diagnostics, create tables), the status bar indicator that always names the active
// workspace and its health, and the dialogs behind them. Switching asks the window first
// (unsaved changes), then the session switches and the window reloads.
class WorkspaceControls final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkspaceControls)

public:
    // Asks whether the window may switch (unsaved changes); calls proceed when it may.
    using WhenReleased = std::function<void(const std::function<void()>& proceed)>;

    WorkspaceControls(core::WorkspaceSession& session, MainWindowActions& actions, QWidget* window,
                      WhenReleased whenReleased);
    ~WorkspaceControls() override;

    ConnectionStatus* status() const { return m_status; }
    // Non-null while shown.
    ConnectionDialog* connectionDialog() const;
    DiagnosticsPanel* diagnosticsPanel() const { return m_diagnosticsPanel; }
    QDialog* diagnosticsWindow() const;

public slots:
    void openConnectionDialog();
    // Shows the diagnostics window and runs the checks.
    void openDiagnostics();
    // The diagnostics window with the tables created first.
    void createTables();

private:
    void ensureDiagnosticsWindow();
    void updateActions();
    void refreshStatus();

    core::WorkspaceSession& m_session;
    MainWindowActions& m_actions;
    QWidget* m_window;
    WhenReleased m_whenReleased;
    ConnectionStatus* m_status = nullptr;
    QPointer<ConnectionDialog> m_connectionDialog;
    QPointer<QDialog> m_diagnosticsWindow;
    DiagnosticsPanel* m_diagnosticsPanel = nullptr;
};

} // namespace ui
