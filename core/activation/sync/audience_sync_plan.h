#pragma once

#include "activation/audience_delta.h"
#include "domain/audience.h"

#include <QByteArray>
#include <QList>

#include <functional>
#include <vector>

namespace core {

// What a sync will do: the rows to add (their digest is not in the destination's sent set) and
// the sent rows to remove (their digest is no longer among the rows now), with the counts a
// dry run prints. Rows the platform cannot match on are skipped; rows equal to an earlier one
// are one platform row.
struct AudienceSyncPlan
{
    int rowsNow = 0;      // rows given
    int skipped = 0;      // without an identifier the platform matches on
    int duplicates = 0;   // same values as an earlier row
    int alreadySent = 0;  // held by the platform already (unchanged)
    int sentBefore = 0;   // size of the sent set before the sync
    QList<AudienceRow> adds;    // in the order of the rows given
    QList<QByteArray> removes;  // digests of sent rows, in digest order
    int batchRows = 0;

    int addBatches() const;
    int removeBatches() const;
    bool isEmpty() const { return adds.isEmpty() && removes.isEmpty(); }
    // The audience's size once the plan is applied.
    int sizeAfter() const { return alreadySent + int(adds.size()); }

    // The difference itself is AudienceDelta's; this adds the rows the platform cannot take and
    // the counts. canSend is called from worker threads (the digests of a million rows are
    // computed on every core): it must only look at the row. sent: the sent set's digests, in
    // any order.
    static AudienceSyncPlan compute(const QList<AudienceRow>& rows, std::vector<RowDigest> sent,
                                    const std::function<bool(const AudienceRow&)>& canSend, int batchRows);
};

} // namespace core
