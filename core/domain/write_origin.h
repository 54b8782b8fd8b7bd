#pragma once

#include <QString>

#include <functional>

namespace core {

// Who makes a change to a shared object, and the idempotency key that names the change on every
// attempt. The key is stored with the version the change makes (segment_versions.change_key), so
// a change whose answer was lost is recognised when it is sent again (OutboxReplayer) instead of
// applied twice. Made from a plain user name where a caller has no key (the key stays empty).
// statementSent, when set, is told the id of each Databricks statement sent for the change as soon
// as Databricks has accepted it (on the thread of the store): the outbox keeps the last one, so
// that after a crash the app asks Databricks what became of it. Other backends never call it: a
// PostgreSQL or SQLite transaction of a process that died is committed whole or not at all.
struct WriteOrigin
{
    WriteOrigin() = default;
    WriteOrigin(QString user, QString changeKey = {}) : user(std::move(user)), changeKey(std::move(changeKey)) {}
    WriteOrigin(const char* user) : user(QString::fromUtf8(user)) {}

    QString user;      // the local user name (shared backends record their own principal instead)
    QString changeKey; // UUID without braces, or empty
    std::function<void(const QString& statementId)> statementSent;

    // The same change made by another principal (a shared backend's own name for the user).
    WriteOrigin as(QString principal) const
    {
        WriteOrigin o = *this;
        o.user = std::move(principal);
        return o;
    }
};

} // namespace core
