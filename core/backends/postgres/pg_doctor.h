#pragma once

#include <QFuture>
#include <QStringList>

#include "backends/session_executor.h"
#include "databricks/diagnostics/diagnostics_report.h"

namespace core {

// Checks a PostgreSQL/Lakebase workspace the way segctl doctor checks Databricks, read-only,
// in order, each failure with its cause and the fix (a GRANT where one fixes it):
//   server      the server answers and signs us in to the database (who, which version)
//   schema      the app's tables exist at the schema version this app expects
//   privileges  the signed-in role may read and write every table of the app
// A check whose prerequisite failed is Skipped, saying which one.
class PgDoctor
{
public:
    // executor: the backend's connection; provisionCommand: what creates the tables
    // ("segctl --postgres '…' provision"), named in fixes.
    PgDoctor(SessionExecutor& executor, QString provisionCommand);

    // The tables the app reads and writes in PostgreSQL.
    static QStringList tables();

    // Finishes once with the report (a connection that fails is the first check's failure).
    QFuture<DiagnosticsReport> run();

private:
    SessionExecutor& m_executor;
    QString m_provisionCommand;
};

} // namespace core
