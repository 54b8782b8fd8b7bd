#pragma once

#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <array>

namespace core {

// SHA-256 as the ad platforms want it: over the UTF-8 bytes of a normalised value, written as 64
// lowercase hex digits. OpenSSL's SHA-256 (EVP, one context per thread): thread-safe, ~150 ns for
// an e-mail address on a CPU with SHA extensions.
class Sha256Hex
{
public:
    using Digest = std::array<unsigned char, 32>;

    static Digest digest(QByteArrayView bytes);
    // The hash of text's UTF-8 encoding, as hex.
    static QString of(QStringView text);
    static QString hex(const Digest& digest);
};

} // namespace core
