#include "activation/audience_delta.h"

#include <QtEndian>

#include <algorithm>
#include <cstring>
#include <utility>

namespace core {

namespace {

// The first 8 bytes as a big-endian number: for hashes they nearly always decide the order.
inline quint64 prefix(const RowDigest& d)
{
    quint64 v;
    std::memcpy(&v, d.data(), sizeof v);
    return qFromBigEndian(v);
}

// Byte order (the same as std::array's operator<), prefix first.
inline int compare(const RowDigest& a, const RowDigest& b)
{
    const quint64 pa = prefix(a);
    const quint64 pb = prefix(b);
    if (pa != pb)
        return pa < pb ? -1 : 1;
    return std::memcmp(a.data() + 8, b.data() + 8, a.size() - 8);
}

inline bool less(const RowDigest& a, const RowDigest& b)
{
    return compare(a, b) < 0;
}

void sortUnique(std::vector<RowDigest>& digests)
{
    std::sort(digests.begin(), digests.end(), less);
    digests.erase(std::unique(digests.begin(), digests.end()), digests.end());
}

} // namespace

AudienceDelta AudienceDelta::between(std::vector<RowDigest> sent, const std::vector<RowDigest>& now)
{
    sortUnique(sent);
    // The rows now by digest; of a repeated digest the first row stays.
    std::vector<std::pair<RowDigest, qsizetype>> current;
    current.reserve(now.size());
    for (size_t i = 0; i < now.size(); ++i)
        current.emplace_back(now[i], static_cast<qsizetype>(i));
    std::sort(current.begin(), current.end(), [](const auto& a, const auto& b) {
        const int order = compare(a.first, b.first);
        return order < 0 || (order == 0 && a.second < b.second);
    });
    current.erase(std::unique(current.begin(), current.end(),
                              [](const auto& a, const auto& b) { return a.first == b.first; }),
                  current.end());

    AudienceDelta delta;
    delta.sentAfter.reserve(current.size());
    size_t s = 0;
    size_t c = 0;
    while (s < sent.size() || c < current.size()) {
        const int order = s == sent.size() ? 1 : c == current.size() ? -1 : compare(sent[s], current[c].first);
        if (order < 0) {
            delta.toRemove.push_back(sent[s++]);
        } else if (order > 0) {
            delta.toAdd.append(current[c].second);
            delta.sentAfter.push_back(current[c++].first);
        } else {
            delta.sentAfter.push_back(current[c++].first);
            ++s;
        }
    }
    std::sort(delta.toAdd.begin(), delta.toAdd.end());
    return delta;
}

AudienceDelta AudienceDelta::between(std::vector<RowDigest> sent, const QList<AudienceRow>& now)
{
    std::vector<RowDigest> digests;
    digests.reserve(static_cast<size_t>(now.size()));
    for (const AudienceRow& row : now)
        digests.push_back(digestOf(row));
    return between(std::move(sent), digests);
}

RowDigest AudienceDelta::digestOf(const AudienceRow& row)
{
    return row.digestBytes();
}

QByteArray AudienceDelta::pack(const std::vector<RowDigest>& digests)
{
    QByteArray out;
    out.reserve(static_cast<qsizetype>(digests.size() * sizeof(RowDigest)));
    for (const RowDigest& d : digests)
        out.append(reinterpret_cast<const char*>(d.data()), static_cast<qsizetype>(d.size()));
    return out;
}

Result<std::vector<RowDigest>> AudienceDelta::unpack(QByteArrayView bytes)
{
    constexpr qsizetype size = static_cast<qsizetype>(sizeof(RowDigest));
    if (bytes.size() % size != 0) {
        Error e = Error::parse(QStringLiteral("The record of what was last sent is damaged."),
                               QStringLiteral("sent set of %1 bytes is not a whole number of 32-byte digests").arg(bytes.size()));
        e.code = QStringLiteral("sent_set_damaged");
        e.remediation = QStringLiteral("Sync again from scratch: the destination's audience will be replaced.");
        return e;
    }
    std::vector<RowDigest> out(static_cast<size_t>(bytes.size() / size));
    for (size_t i = 0; i < out.size(); ++i)
        std::memcpy(out[i].data(), bytes.data() + static_cast<qsizetype>(i) * size, sizeof(RowDigest));
    if (!std::is_sorted(out.begin(), out.end(), less))
        sortUnique(out);
    return out;
}

} // namespace core
