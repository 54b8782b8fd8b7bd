#pragma once

#include <QString>

#include "databricks/diagnostics/diagnostics_report.h"

namespace segctl {

class CommandContext;

// How `segctl doctor` prints checks, for every shared backend (Databricks, PostgreSQL/Lakebase).
class DiagnosticsPrinter
{
public:
    // "✓ Name: summary" and, for failures and warnings, the cause, fix and code lines.
    static QString checkText(const core::DiagnosticCheck& check);
    // Prints the tally ("3 of 4 checks passed, 1 failed.") and, when a check failed, one error line
    // naming the first failure with its fix. Answers the exit code: 0 when all passed, else 3.
    static int finish(CommandContext& context, const core::DiagnosticsReport& report);
};

} // namespace segctl
