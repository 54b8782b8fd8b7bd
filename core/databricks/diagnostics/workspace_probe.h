#pragma once

#include <memory>

#include <QObject>
#include <QPointer>
#include <QUrl>

#include "databricks/diagnostics/diagnostics_probe.h"
#include "databricks/http/retry_policy.h"

class QNetworkAccessManager;

namespace core {

class ApiClient;
class StatementClient;
class WarehouseClient;

// DiagnosticsProbe over the real REST stack. The reachability request goes through an ApiClient
// of its own without credentials and with a short retry budget, so an unreachable host is
// reported in seconds and a bad credential is never mistaken for an unreachable host.
class WorkspaceProbe final : public QObject, public DiagnosticsProbe
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkspaceProbe)

public:
    WorkspaceProbe(QNetworkAccessManager* network, ApiClient* api, WarehouseClient* warehouses,
                   StatementClient* statements, QObject* parent = nullptr);
    ~WorkspaceProbe() override;

    QFuture<Result<HostAnswer>> reachHost() override;
    QFuture<Result<CurrentUser>> currentUser() override;
    QFuture<Result<WarehouseInfo>> warehouse(const QString& id) override;
    QFuture<Result<QList<WarehouseInfo>>> warehouses() override;
    QFuture<Result<StatementResult>> run(const StatementRequest& request) override;

    // The budget of the reachability request (default: 2 attempts, 15 s each).
    void setReachPolicy(const RetryPolicy& policy);

private:
    QNetworkAccessManager* m_network;
    QPointer<ApiClient> m_api;
    QPointer<WarehouseClient> m_warehouses;
    QPointer<StatementClient> m_statements;
    std::unique_ptr<ApiClient> m_anonymous; // no AuthProvider: used only for download()
};

} // namespace core
