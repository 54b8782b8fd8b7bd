#pragma once

#include <QList>

#include "databricks/diagnostics/diagnostic_check.h"

namespace core {

// Every check of one Doctor run, in the order they ran.
struct DiagnosticsReport
{
    QList<DiagnosticCheck> checks;
    QString principal; // who the checks ran as (from the credentials check); empty if unknown

    // True when every check ran and passed (ok or warning). An empty report has not passed.
    bool allPassed() const;
    qsizetype count(CheckStatus status) const;
    // The first failed check, or nullptr.
    const DiagnosticCheck* firstFailure() const;
    const DiagnosticCheck* find(const QString& id) const;
};

} // namespace core
