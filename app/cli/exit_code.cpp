#include "exit_code.h"

namespace segctl {

ExitCode exitCodeFor(const core::Error& error)
{
    if (error.code == QLatin1String("name_taken"))
        return ExitCode::Conflict;
    // Something Databricks could not find (a table not provisioned, a warehouse id) is a
    // backend problem, not an unknown id typed by the user.
    if (error.kind == core::ErrorKind::NotFound && error.httpStatus != 0)
        return ExitCode::Backend;
    switch (error.kind) {
    case core::ErrorKind::Validation:
    case core::ErrorKind::Parse:
    case core::ErrorKind::NotFound:
    case core::ErrorKind::Io:
        return ExitCode::InvalidInput;
    case core::ErrorKind::Conflict:
        return ExitCode::Conflict;
    case core::ErrorKind::Storage:
    case core::ErrorKind::Network:
    case core::ErrorKind::Timeout:
    case core::ErrorKind::Auth:
    case core::ErrorKind::Permission:
    case core::ErrorKind::Http:
    case core::ErrorKind::Remote:
    case core::ErrorKind::Cancelled:
    case core::ErrorKind::Internal:
        return ExitCode::Backend;
    }
    return ExitCode::Backend;
}

} // namespace segctl
