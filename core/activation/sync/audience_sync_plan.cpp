#include "activation/sync/audience_sync_plan.h"

#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <numeric>

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

AudienceSyncPlan AudienceSyncPlan::compute(const QList<AudienceRow>& rows, std::vector<RowDigest> sent,
                                           const std::function<bool(const AudienceRow&)>& canSend, int batchRows)
{
    AudienceSyncPlan plan;
    plan.rowsNow = int(rows.size());
    plan.sentBefore = int(sent.size());
    plan.batchRows = batchRows;

    // Digests of the rows the platform can take, in chunks on every core.
    std::vector<RowDigest> digests(size_t(rows.size()));
    std::vector<char> sendable(size_t(rows.size()), 0);
    constexpr qsizetype kChunk = 8192;
    std::vector<qsizetype> chunks;
    for (qsizetype from = 0; from < rows.size(); from += kChunk)
        chunks.push_back(from);
    const auto digestChunk = [&](qsizetype from) {
        const qsizetype to = std::min(rows.size(), from + kChunk);
        for (qsizetype i = from; i < to; ++i) {
            const AudienceRow& row = rows.at(i);
            if (!row.hasAnyValue() || (canSend && !canSend(row)))
                continue;
            digests[size_t(i)] = AudienceDelta::digestOf(row);
            sendable[size_t(i)] = 1;
        }
    };
    if (chunks.size() > 1)
        QtConcurrent::blockingMap(chunks, digestChunk);
    else if (!chunks.empty())
        digestChunk(chunks.front());

    std::vector<RowDigest> now;
    std::vector<qsizetype> positions; // now[i] is rows[positions[i]]
    now.reserve(digests.size());
    positions.reserve(digests.size());
    for (size_t i = 0; i < digests.size(); ++i) {
        if (!sendable[i])
            continue;
        now.push_back(digests[i]);
        positions.push_back(qsizetype(i));
    }
    plan.skipped = int(rows.size() - qsizetype(now.size()));

    const AudienceDelta delta = AudienceDelta::between(std::move(sent), now);
    plan.duplicates = int(now.size() - delta.sentAfter.size());
    plan.adds.reserve(delta.toAdd.size());
    for (qsizetype i : delta.toAdd) // ascending, so in the order of the rows
        plan.adds.append(rows.at(positions[size_t(i)]));
    plan.alreadySent = int(delta.sentAfter.size()) - int(plan.adds.size());
    plan.removes.reserve(qsizetype(delta.toRemove.size()));
    for (const RowDigest& d : delta.toRemove)
        plan.removes.append(QByteArray(reinterpret_cast<const char*>(d.data()), qsizetype(d.size())));
    return plan;
}

} // namespace core
