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

struct Entry
{
    RowDigest digest;
    int row = -1; // -1: skipped
};

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

    // Digests of the rows, in chunks on every core.
    std::vector<Entry> entries(size_t(rows.size()));
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
            entries[size_t(i)] = Entry{RowDigest::of(row.digest()), int(i)};
        }
    };
    if (chunks.size() > 1)
        QtConcurrent::blockingMap(chunks, digestChunk);
    else if (!chunks.empty())
        digestChunk(chunks.front());

    const auto skipped = std::remove_if(entries.begin(), entries.end(), [](const Entry& e) { return e.row < 0; });
    plan.skipped = int(entries.end() - skipped);
    entries.erase(skipped, entries.end());
    // By digest, then by row: of equal rows the earliest comes first and is the one kept.
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        return a.digest < b.digest || (a.digest == b.digest && a.row < b.row);
    });
    std::sort(sent.begin(), sent.end());
    sent.erase(std::unique(sent.begin(), sent.end()), sent.end());

    std::vector<int> adds;
    auto s = sent.cbegin();
    for (size_t i = 0; i < entries.size(); ++i) {
        const Entry& e = entries[i];
        if (i > 0 && entries[i - 1].digest == e.digest) {
            ++plan.duplicates;
            continue;
        }
        while (s != sent.cend() && *s < e.digest) {
            plan.removes.append(s->toByteArray()); // sent, no longer among the rows
            ++s;
        }
        if (s != sent.cend() && *s == e.digest) {
            ++plan.alreadySent;
            ++s;
        } else {
            adds.push_back(e.row);
        }
    }
    for (; s != sent.cend(); ++s)
        plan.removes.append(s->toByteArray());
    std::sort(adds.begin(), adds.end());
    plan.adds.reserve(qsizetype(adds.size()));
    for (int row : adds)
        plan.adds.append(rows.at(row));
    return plan;
}

} // namespace core
