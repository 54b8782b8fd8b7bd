#pragma once

#include <QString>

namespace core {

// What went wrong, coarse enough for the UI to choose an icon and a reaction.
enum class ErrorKind {
    Validation, // the input is wrong; the message says which field and why
    NotFound,   // the object does not exist (or no longer does)
    Conflict,   // someone else changed it first, or a unique name is taken
    Storage,    // the local database failed
    Io,         // a file could not be read or written
    Parse,      // a file or response is malformed
    Network,    // host unreachable, connection reset, TLS
    Timeout,    // an operation ran past its deadline
    Auth,       // missing, invalid or expired credentials
    Permission, // authenticated but not allowed (missing grant)
    Http,       // other HTTP status
    Remote,     // the remote service reported a failure (e.g. statement FAILED)
    Cancelled,  // the user cancelled
    Internal,   // a bug: an invariant was broken
};

QString errorKindName(ErrorKind kind);

// The one error type of the project. The UI shows userMessage and remediation;
// logs get detail. None of the fields may contain secrets.
struct Error
{
    ErrorKind kind = ErrorKind::Internal;
    int httpStatus = 0;    // 0 when not an HTTP error
    QString code;          // Databricks error_code, SQLSTATE or a project code such as "name_taken"
    QString userMessage;   // one sentence a marketer understands
    QString detail;        // technical detail for logs and the diagnostics panel
    QString remediation;   // what to do next

    static Error validation(QString code, QString message, QString detail = {});
    static Error notFound(QString message, QString detail = {});
    static Error conflict(QString code, QString message, QString remediation = {});
    static Error storage(QString message, QString detail, QString remediation = {});
    static Error io(QString message, QString detail = {});
    static Error parse(QString message, QString detail = {});
    static Error internal(QString detail);

    // One line for logs and the command line: "<kind>[ code]: message (detail) — remediation".
    QString toString() const;
};

} // namespace core
