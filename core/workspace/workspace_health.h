#pragma once

#include <optional>

#include <QString>

#include "common/error.h"

namespace core {

// Whether the active workspace works, for the status bar: what it is, and if something is
// wrong, what. Never contains a secret.
struct WorkspaceHealth
{
    enum class State
    {
        Connecting, // opening the workspace / first check still running
        Healthy,    // the last check or call succeeded
        Degraded,   // usable, but something deserves attention (a stopped or degraded warehouse)
        Unhealthy,  // the last check or call failed for a reason of the workspace (not of the input)
    };

    State state = State::Connecting;
    QString summary;            // "Warehouse “Shared” running · signed in as alice@example.com"
    std::optional<Error> error; // why it is unhealthy

    // "connecting", "healthy", "degraded", "unhealthy".
    static QString stateName(State state);
    // Errors that say the workspace (connection, credentials, warehouse, storage) is in trouble,
    // as opposed to errors about the user's input (validation, conflicts, unknown ids).
    static bool isWorkspaceProblem(const Error& error);

    bool operator==(const WorkspaceHealth&) const;
};

} // namespace core
