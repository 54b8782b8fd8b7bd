#pragma once

#include <QByteArray>

#include <array>
#include <cstring>

namespace core {

// AudienceRow::digest() as a value: 32 bytes, ordered bytewise, for sorted sets of a million
// rows without a heap allocation each.
struct RowDigest
{
    std::array<char, 32> bytes{};

    static RowDigest of(const QByteArray& digest)
    {
        RowDigest d;
        std::memcpy(d.bytes.data(), digest.constData(), std::min<size_t>(32, size_t(digest.size())));
        return d;
    }
    QByteArray toByteArray() const { return QByteArray(bytes.data(), qsizetype(bytes.size())); }

    friend bool operator<(const RowDigest& a, const RowDigest& b)
    {
        return std::memcmp(a.bytes.data(), b.bytes.data(), 32) < 0;
    }
    friend bool operator==(const RowDigest& a, const RowDigest& b)
    {
        return std::memcmp(a.bytes.data(), b.bytes.data(), 32) == 0;
    }
};

} // namespace core
