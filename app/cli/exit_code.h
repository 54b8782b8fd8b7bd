#pragma once

#include "common/error.h"

namespace segctl {

// The process exit codes of segctl; scripts rely on them, so they never change.
enum class ExitCode : int
{
    Ok = 0,
    Usage = 1,        // unknown command or option, missing or malformed argument
    InvalidInput = 2, // validation failed, a file is malformed or unreadable, an id is unknown
    Backend = 3,      // the workspace (or another backend) failed
    Conflict = 4,     // stale version, name taken, already exists
};

// The one place that maps an error to an exit code: by its kind, except that a name already
// taken is a conflict with what is stored even where core reports it as a validation issue
// (create/update report Validation "name_taken", import and restore report Conflict).
ExitCode exitCodeFor(const core::Error& error);

inline int toInt(ExitCode code)
{
    return static_cast<int>(code);
}

} // namespace segctl
