#pragma once

#include "common/error.h"

#include <optional>

namespace core {

// A version row refused by the unique index on change_key (PostgreSQL 23505, SQLite 2067): the
// same change (its idempotency key) was sent twice, and the workspace refuses it whole. The Conflict
// change_applied_already, naming where the key was found ("the segment's history"); nullopt for
// any other failure, or a write without a key.
inline std::optional<Error> changeAppliedAlready(const Error& failure, const QString& changeKey, const QString& history)
{
    const QString& code = failure.code;
    if (changeKey.isEmpty() || (code != QLatin1String("23505") && code != QLatin1String("2067")))
        return std::nullopt;
    return Error::conflict(QStringLiteral("change_applied_already"),
                           QStringLiteral("This change was saved already (its key is in %1).").arg(history),
                           QStringLiteral("Nothing to do: the change is in the workspace once."));
}

} // namespace core
