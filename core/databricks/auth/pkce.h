#pragma once

#include <QString>

namespace core {

// Proof Key for Code Exchange (RFC 7636, method S256) and the `state` of an OAuth
// authorization-code flow. All values come from the system's cryptographic random source.
struct Pkce
{
    QString state;     // 32 random bytes, base64url: ties the redirect to this attempt
    QString verifier;  // 64 random bytes, base64url (86 characters; RFC range 43–128)
    QString challenge; // base64url(sha256(verifier)), no padding

    static Pkce generate();
    static QString challengeFor(const QString& verifier);
    static QString randomUrlSafe(int bytes); // base64url without padding
};

} // namespace core
