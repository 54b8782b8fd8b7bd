#pragma once

#include <QWidget>

#include "workspace/workspace_health.h"

class QLabel;

namespace ui {

// The status bar's "where am I and does it work" indicator: an icon for the kind of workspace
// (local file or Databricks), a coloured dot for its health, and its name. The tooltip gives
// the health in words; a click asks for the diagnostics.
class ConnectionStatus final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionStatus)

public:
    explicit ConnectionStatus(QWidget* parent = nullptr);

    void setWorkspace(const QString& backendKind, const QString& displayName);
    void setHealth(const core::WorkspaceHealth& health);

    core::WorkspaceHealth::State state() const { return m_health.state; }
    QString text() const;

signals:
    void clicked();

protected:
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    void refresh();

    QLabel* m_kindIcon = nullptr;
    QLabel* m_dot = nullptr;
    QLabel* m_name = nullptr;
    QString m_kind;
    QString m_displayName;
    core::WorkspaceHealth m_health;
};

} // namespace ui
