#pragma once

#include "common/error.h"

namespace segctl {

// The process exit codes of segctl; scripts rely on them, so they never change.
enum class ExitCode : int {
    Ok = 0,
    Usage = 1,        // unknown command or option, missing or malformed argument
    InvalidInput = 2, // validation failed, a file is malformed or unreadable, an id is unknown
    Backend = 3,      // the workspace (or another backend) failed
    Conflict = 4,     // stale version, name taken, already exists
};

// The one place that maps an error kind to an exit code.
ExitCode exitCodeFor(core::ErrorKind kind);

inline int toInt(ExitCode code) { return static_cast<int>(code); }

} // namespace segctl
