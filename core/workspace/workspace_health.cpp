#include "workspace_health.h"

namespace core {

QString WorkspaceHealth::stateName(State state)
{
    switch (state) {
    case State::Connecting:
        return QStringLiteral("connecting");
    case State::Healthy:
        return QStringLiteral("healthy");
    case State::Degraded:
        return QStringLiteral("degraded");
    case State::Unhealthy:
        return QStringLiteral("unhealthy");
    }
    return {};
}

bool WorkspaceHealth::isWorkspaceProblem(const Error& error)
{
    switch (error.kind) {
    case ErrorKind::Validation:
    case ErrorKind::Conflict:
    case ErrorKind::Cancelled:
        return false;
    case ErrorKind::NotFound: // an unknown segment is the input's problem; a missing table is not
        return error.httpStatus != 0 || !error.code.isEmpty();
    default:
        return true;
    }
}

bool WorkspaceHealth::operator==(const WorkspaceHealth& other) const
{
    const bool sameError =
        error.has_value() == other.error.has_value() &&
        (!error || (error->userMessage == other.error->userMessage && error->code == other.error->code));
    return state == other.state && summary == other.summary && sameError;
}

} // namespace core
