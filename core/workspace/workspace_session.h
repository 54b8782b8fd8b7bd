#pragma once

#include <chrono>
#include <memory>

#include <QFuture>
#include <QObject>
#include <QTimer>

#include "common/result.h"
#include "databricks/config/databricks_config_resolver.h"
#include "backends/databricks/databricks_connection.h"
#include "databricks/diagnostics/databricks_error_advisor.h"
#include "offline/outbox_backend.h"
#include "workspace/switchable_segment_store.h"
#include "workspace/workspace_choice.h"
#include "workspace/workspace_health.h"

namespace core {

class BackendDiagnostics;
class Catalogue;

// The workspace the app works on, and the switch between the local workspace and Databricks
// connections. The window holds store() for good; activate() swaps what is behind it. It also
// keeps the workspace's health: every call the window makes reports into it, and a Databricks
// connection is checked (credentials, warehouse state — REST only, no SQL, so a stopped
// warehouse is not woken) when activated and then periodically.
// With an outbox (setOutbox), a shared workspace works offline: its segments go through the
// outbox (OutboxBackend), one that cannot be reached at start stays the chosen workspace,
// offline, answering from its read cache (and is opened again on every health check), and the
// waiting changes are replayed whenever it is found healthy.
// Lives on the GUI thread; never holds or logs a secret beyond what the connection needs.
class WorkspaceSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkspaceSession)

public:
    // options: the template for Databricks connections (network, catalogue, secrets, browser);
    // resolver: where profiles and the environment are read from.
    WorkspaceSession(std::shared_ptr<const Catalogue> catalogue, DatabricksConnectionOptions options,
                     DatabricksConfigResolver resolver, QObject* parent = nullptr);
    ~WorkspaceSession() override;

    SwitchableSegmentStore& store() { return *m_store; }
    // The backend open now, with all its stores (null while it opens, after it failed to, or
    // while a shared workspace is offline since the start).
    std::shared_ptr<Backend> backend() const;
    // While a shared workspace is offline since the start: its OutboxBackend, of which only
    // segments() and metrics() answer (from the read cache). Null otherwise.
    std::shared_ptr<Backend> offlineBackend() const;
    // Where shared workspaces keep their offline changes and read cache; set before activate().
    // Null: no offline work (a write that cannot reach the backend fails).
    void setOutbox(Outbox* outbox) { m_outbox = outbox; }
    Outbox* outbox() const { return m_outbox; }
    // The open shared workspace through its outbox (null for the local one or while opening).
    OutboxBackend* outboxBackend() const;
    // The outbox's key of the chosen workspace.
    QString outboxWorkspace() const { return m_choice.outboxKey(); }
    // When the segment list or metrics shown are from the read cache: its time (else invalid).
    QDateTime readCacheAsOf() const { return m_readCacheAsOf; }
    // Sends the chosen shared workspace's waiting changes now (a ready empty report when there
    // is nothing to send or no backend to send to); outboxSynced() follows.
    QFuture<ReplayReport> syncOutbox();
    // The checks of the open shared workspace (null for the local one, or while none is open).
    std::shared_ptr<BackendDiagnostics> diagnostics() const;
    const WorkspaceChoice& choice() const { return m_choice; }
    // The active Databricks connection; null for the local workspace.
    DatabricksConnection* databricks() const { return m_connection.get(); }
    const WorkspaceHealth& health() const { return m_health; }
    // Who the Databricks credentials belong to, once the health check found out (else empty).
    QString principal() const { return m_principal; }
    const DatabricksConfigResolver& resolver() const { return m_resolver; }

    // Switches to the chosen workspace. A Databricks choice whose settings cannot be resolved
    // (no profile, no host, no credentials, bad host) is refused with that error and nothing
    // changes. Opening happens in the background; health() follows it.
    Status activate(const WorkspaceChoice& choice);
    // Keeps a shared choice that cannot be opened now (`why`) as the workspace, offline: its
    // read cache and outbox answer; activate() is tried again on every health check. Needs an outbox.
    Status activateOffline(const WorkspaceChoice& choice, const Error& why);

    // A separate connection for the same kind of choice (the connection dialog tests one
    // before switching to it). Errors as activate().
    Result<std::unique_ptr<DatabricksConnection>> openConnection(const WorkspaceChoice& choice,
                                                                 QObject* parent = nullptr) const;

    // The error with its fix, worded for the GUI (a missing GRANT named, tables to create).
    Error explain(const Error& error) const;
    void setAdvisorWording(DatabricksErrorAdvisor::Wording wording) { m_wording = std::move(wording); }

    // Checks the connection now (Databricks: credentials and warehouse; local: is it open).
    void checkHealth();
    void setHealthCheckInterval(std::chrono::milliseconds interval);

signals:
    // activate() switched; the window reloads everything.
    void activated(const core::WorkspaceChoice& choice);
    void healthChanged(const core::WorkspaceHealth& health);
    // A replay of the outbox ended (the window refreshes, the conflicts wait in the outbox).
    void outboxSynced(const core::ReplayReport& report);
    // The segment list now comes from the read cache as of `asOf` (offline), or live again (invalid).
    void readCacheShown(const QDateTime& asOf);

private:
    Result<DatabricksConfig> resolve(const WorkspaceChoice& choice) const;
    QFuture<SwitchableSegmentStore::Opened> openLocal(const QString& path) const;
    QFuture<SwitchableSegmentStore::Opened> openPostgres(const QString& conninfo) const;
    QFuture<SwitchableSegmentStore::Opened> openLakebase(const WorkspaceChoice& choice) const;
    void adoptConnection(std::unique_ptr<DatabricksConnection> connection);
    void checkPostgres();
    void setHealth(WorkspaceHealth health);
    void onCallFinished(const std::optional<Error>& outcome);
    void checkDatabricks();
    QFuture<SwitchableSegmentStore::Opened> withOutbox(QFuture<SwitchableSegmentStore::Opened> opening,
                                                       const QString& kind, const QString& name);
    void onHealthTimer();
    void watchReadCache(OutboxBackend& backend);

    std::shared_ptr<const Catalogue> m_catalogue;
    DatabricksConnectionOptions m_options;
    DatabricksConfigResolver m_resolver;
    DatabricksErrorAdvisor::Wording m_wording;
    WorkspaceChoice m_choice;
    std::shared_ptr<DatabricksConnection> m_connection;
    // Set when the session goes: a connection nobody else holds is then deleted at once
    // (its network manager may go right after), not from an event loop that may not run again.
    std::shared_ptr<bool> m_deleteConnectionsNow = std::make_shared<bool>(false);
    std::unique_ptr<SwitchableSegmentStore> m_store;
    WorkspaceHealth m_health;
    QString m_principal;
    quint64 m_checkSequence = 0;
    QTimer m_healthTimer;
    Outbox* m_outbox = nullptr;
    bool m_syncing = false;
    QDateTime m_readCacheAsOf;
};

} // namespace core
