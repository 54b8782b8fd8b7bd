#pragma once

#include "backends/backend_diagnostics.h"

namespace core {

class DatabricksConnection;

// BackendDiagnostics of a Databricks connection: its Doctor (host, credentials, warehouse,
// SELECT 1, catalog, schema, tables, privileges) and its Provisioner. Lives as long as the
// connection that owns it, on its thread.
class DatabricksDiagnostics final : public BackendDiagnostics
{
public:
    explicit DatabricksDiagnostics(DatabricksConnection& connection);

    QString title() const override;
    QStringList settings() const override;
    QList<CheckInfo> checks() const override;
    QFuture<DiagnosticsReport> run(Progress progress) override;
    bool tablesMissing(const DiagnosticsReport& report) const override;
    QFuture<Result<QStringList>> provision() override;

private:
    DatabricksConnection& m_connection;
};

} // namespace core
