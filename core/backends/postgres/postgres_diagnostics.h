#pragma once

#include <memory>

#include "backends/backend_diagnostics.h"
#include "backends/postgres/pg_connection_settings.h"

namespace core {

class PgExecutor;
class SessionExecutor;

// BackendDiagnostics of a PostgreSQL/Lakebase database: PgDoctor's checks (server and sign-in,
// tables at the app's schema version, privileges with the GRANT that fixes them) and provisioning
// by the numbered migrations. On a connection of its own (the connection dialog's test, which must
// change nothing and works where the backend cannot open), or on an open backend's.
class PostgresDiagnostics final : public BackendDiagnostics
{
public:
    // Its own connection, made with these settings (their password source must outlive it).
    PostgresDiagnostics(PgConnectionSettings settings, QString title, QString provisionCommand);
    // The backend's connection (it must outlive this).
    PostgresDiagnostics(SessionExecutor& executor, QString title, QString printableConnInfo, QString provisionCommand);
    ~PostgresDiagnostics() override;

    QString title() const override { return m_title; }
    QStringList settings() const override;
    QList<CheckInfo> checks() const override;
    QFuture<DiagnosticsReport> run(Progress progress) override;
    bool tablesMissing(const DiagnosticsReport& report) const override;
    QFuture<Result<QStringList>> provision() override;

private:
    std::unique_ptr<PgExecutor> m_own;
    SessionExecutor& m_executor;
    QString m_title;
    QString m_connInfo;
    QString m_provisionCommand;
};

} // namespace core
