#pragma once

#include "common/result.h"
#include "domain/audience.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <array>
#include <vector>

namespace core {

// A row's identity in a destination's sent set: the 32 bytes of AudienceRow::digest().
using RowDigest = std::array<unsigned char, 32>;

// What a sync sends to bring a platform audience from the rows last sent to the rows now: the
// rows to add (their digest was not sent) and the digests to remove (sent, not there any more).
// Both sets are sorted vectors of 32-byte digests and compared in one merge pass (two sets of a
// million digests in well under a second). A row that appears twice now is added once.
struct AudienceDelta
{
    QList<qsizetype> toAdd;           // indices into the rows now, ascending
    std::vector<RowDigest> toRemove;  // sorted
    std::vector<RowDigest> sentAfter; // the rows now as a sorted set: what was sent once the sync succeeds

    // sent: the digests last sent (any order, repeats ignored); now: the digest of each row now.
    static AudienceDelta between(std::vector<RowDigest> sent, const std::vector<RowDigest>& now);
    static AudienceDelta between(std::vector<RowDigest> sent, const QList<AudienceRow>& now);

    static RowDigest digestOf(const AudienceRow& row);
    // A sent set as bytes (32 per digest, sorted) for storage, and back; unpack refuses a length
    // that is not a multiple of 32 and sorts what is not sorted.
    static QByteArray pack(const std::vector<RowDigest>& digests);
    static Result<std::vector<RowDigest>> unpack(QByteArrayView bytes);
};

} // namespace core
