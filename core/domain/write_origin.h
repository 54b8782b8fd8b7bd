#pragma once

#include <QString>

namespace core {

// Who makes a change to a shared object, and the idempotency key that names the change on every
// attempt. The key is stored with the version the change makes (segment_versions.change_key), so
// a change whose answer was lost is recognised when it is sent again (OutboxReplayer) instead of
// applied twice. Made from a plain user name where a caller has no key (the key stays empty).
struct WriteOrigin
{
    WriteOrigin() = default;
    WriteOrigin(QString user, QString changeKey = {}) : user(std::move(user)), changeKey(std::move(changeKey)) {}
    WriteOrigin(const char* user) : user(QString::fromUtf8(user)) {}

    QString user;      // the local user name (shared backends record their own principal instead)
    QString changeKey; // UUID without braces, or empty
};

} // namespace core
