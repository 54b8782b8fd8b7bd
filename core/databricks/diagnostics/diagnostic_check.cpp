#include "databricks/diagnostics/diagnostic_check.h"

namespace core {

QString checkStatusName(CheckStatus status)
{
    switch (status) {
    case CheckStatus::Ok:
        return QStringLiteral("ok");
    case CheckStatus::Warning:
        return QStringLiteral("warning");
    case CheckStatus::Failed:
        return QStringLiteral("failed");
    case CheckStatus::Skipped:
        return QStringLiteral("skipped");
    }
    return QStringLiteral("failed");
}

} // namespace core
