#include "activation/sync/audience_sync_plan.h"

#include <algorithm>

namespace core {

namespace {

int batchesOf(qsizetype rows, int batchRows)
{
    return batchRows > 0 ? int((rows + batchRows - 1) / batchRows) : 0;
}

} // namespace

int AudienceSyncPlan::addBatches() const
{
    return batchesOf(adds.size(), batchRows);
}

int AudienceSyncPlan::removeBatches() const
{
    return batchesOf(removes.size(), batchRows);
}

AudienceSyncPlan AudienceSyncPlan::compute(const QList<AudienceRow>& rows, const QSet<QByteArray>& sent,
                                           const std::function<bool(const AudienceRow&)>& canSend, int batchRows)
{
    AudienceSyncPlan plan;
    plan.rowsNow = int(rows.size());
    plan.sentBefore = int(sent.size());
    plan.batchRows = batchRows;
    QSet<QByteArray> now;
    now.reserve(rows.size());
    for (const AudienceRow& row : rows) {
        if (!row.hasAnyValue() || (canSend && !canSend(row))) {
            ++plan.skipped;
            continue;
        }
        const QByteArray digest = row.digest();
        if (now.contains(digest)) {
            ++plan.duplicates;
            continue;
        }
        now.insert(digest);
        if (sent.contains(digest))
            ++plan.alreadySent;
        else
            plan.adds.append(row);
    }
    for (const QByteArray& digest : sent) {
        if (!now.contains(digest))
            plan.removes.append(digest);
    }
    std::sort(plan.removes.begin(), plan.removes.end()); // the same plan for the same state
    return plan;
}

} // namespace core
