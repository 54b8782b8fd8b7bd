#include "databricks/diagnostics/diagnostics_report.h"

#include <algorithm>

namespace core {

bool DiagnosticsReport::allPassed() const
{
    return !checks.isEmpty() &&
           std::all_of(checks.cbegin(), checks.cend(), [](const DiagnosticCheck& c) { return c.passed(); });
}

qsizetype DiagnosticsReport::count(CheckStatus status) const
{
    return std::count_if(checks.cbegin(), checks.cend(),
                         [status](const DiagnosticCheck& c) { return c.status == status; });
}

const DiagnosticCheck* DiagnosticsReport::firstFailure() const
{
    for (const auto& c : checks) {
        if (c.status == CheckStatus::Failed)
            return &c;
    }
    return nullptr;
}

const DiagnosticCheck* DiagnosticsReport::find(const QString& id) const
{
    for (const auto& c : checks) {
        if (c.id == id)
            return &c;
    }
    return nullptr;
}

} // namespace core
