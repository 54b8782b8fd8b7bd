#pragma once

#include <QFuture>
#include <QList>

#include "common/result.h"
#include "databricks/diagnostics/current_user.h"
#include "databricks/statement/statement_request.h"
#include "databricks/warehouse/warehouse_info.h"

namespace core {

// Any HTTP answer from the workspace host.
struct HostAnswer
{
    int httpStatus = 0;
    bool looksLikeDatabricks = true; // false: e.g. an HTML page (a proxy or a sign-in page)
    qint64 elapsedMs = 0;
};

// What the Doctor asks of a workspace. WorkspaceProbe answers over REST; tests answer with fakes.
// Every future finishes exactly once, on the caller's thread.
class DiagnosticsProbe
{
public:
    virtual ~DiagnosticsProbe() = default;

    // An unauthenticated request to the host: any HTTP status is an answer; only network
    // failures (no such host, refused, TLS, timeout) are Errors.
    virtual QFuture<Result<HostAnswer>> reachHost() = 0;
    // SCIM Me with the configured credentials.
    virtual QFuture<Result<CurrentUser>> currentUser() = 0;
    virtual QFuture<Result<WarehouseInfo>> warehouse(const QString& id) = 0;
    virtual QFuture<Result<QList<WarehouseInfo>>> warehouses() = 0;
    virtual QFuture<Result<StatementResult>> run(const StatementRequest& request) = 0;
};

} // namespace core
