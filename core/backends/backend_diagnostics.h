#pragma once

#include <functional>

#include <QFuture>
#include <QList>
#include <QStringList>

#include "common/result.h"
#include "databricks/diagnostics/diagnostics_report.h"

namespace core {

// The step-by-step checks of a shared workspace (Databricks, PostgreSQL/Lakebase), as the
// Diagnostics window and `segctl doctor` show them: each check with its cause and fix, and
// creating the tables where they are missing. Read-only except provision(). The local workspace
// has none (Backend::diagnostics() is null). Used from the thread that made it.
class BackendDiagnostics
{
public:
    struct CheckInfo
    {
        QString id;
        QString name;
    };
    // Told each check as it finishes, in order (on the diagnostics' thread).
    using Progress = std::function<void(int index, const DiagnosticCheck& check)>;

    virtual ~BackendDiagnostics() = default;

    // "Databricks dbc-a1b2.cloud.databricks.com · main.ad_segments", "PostgreSQL host=… dbname=…".
    virtual QString title() const = 0;
    // What is checked, one line each (host, warehouse, user…); never a secret.
    virtual QStringList settings() const = 0;
    // The checks, in the order they run.
    virtual QList<CheckInfo> checks() const = 0;
    // Runs every check; the report has every check (skipped ones say which failure stopped them).
    virtual QFuture<DiagnosticsReport> run(Progress progress) = 0;
    // Whether a report shows tables to create (provision() then fixes it).
    virtual bool tablesMissing(const DiagnosticsReport& report) const = 0;
    // Creates the missing schema and tables; answers what was done, one line per object.
    virtual QFuture<Result<QStringList>> provision() = 0;
};

} // namespace core
