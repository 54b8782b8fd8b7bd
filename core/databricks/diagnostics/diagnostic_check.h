#pragma once

#include <QMetaType>
#include <QString>

namespace core {

enum class CheckStatus
{
    Ok,
    Warning, // works, but something deserves attention (a stopped warehouse, degraded health)
    Failed,
    Skipped, // not run: a check it depends on failed (summary says which)
};

// "ok", "warning", "failed", "skipped".
QString checkStatusName(CheckStatus status);

// The outcome of one diagnostic check. Never contains a secret.
struct DiagnosticCheck
{
    QString id;   // stable key: "host", "credentials", "warehouse", ...
    QString name; // "Host reachable"
    CheckStatus status = CheckStatus::Skipped;
    QString summary; // one line: what was found
    QString cause;   // for failures (and warnings): why, in plain language
    QString fix;     // for failures: what to do; a GRANT statement where one fixes it
    QString code;    // the Databricks error code or SQLSTATE behind a failure, if any

    bool passed() const { return status == CheckStatus::Ok || status == CheckStatus::Warning; }
};

} // namespace core

Q_DECLARE_METATYPE(core::DiagnosticCheck)
