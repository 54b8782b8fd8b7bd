#pragma once

#include "common/result.h"
#include "domain/audience.h"

#include <QFuture>
#include <QList>
#include <QString>

namespace core {

// Meta's upload session of one operation (adds, or removes) of a sync: a random id, the batch's
// place 1..n and whether it is the last; estimatedTotal is the operation's row count. Google
// has no sessions and ignores it.
struct AudienceUploadSession
{
    qint64 id = 0;
    int batchSequence = 1;
    bool lastBatch = true;
    int estimatedTotal = 0;
};

// One request's worth of rows for an audience (at most the destination's maxBatchRows()).
struct AudienceBatch
{
    QString audienceId;
    QList<AudienceRow> rows;
    AudienceUploadSession session;
};

// What the platform acknowledged of a batch. accepted + rejected = rows sent. rejectedRows are
// the batch positions the platform named as invalid (they stay out of the sent set, so the
// next sync tries them again); a platform may report more rejected rows than it names
// (rejected > rejectedRows.size()): those cannot be told apart and count as sent.
struct AudienceBatchResult
{
    int accepted = 0;
    int rejected = 0;
    QList<int> rejectedRows;
    QStringList problems; // the platform's reasons, a few, without values
    QString requestId;    // the platform's id of the request (Google requestId, Meta session id)
};

// An ad platform's audience as the sync sees it: made once, then rows added and removed in
// batches. Implementations hold their own ApiClient (the project's one call shape) and
// AuthProvider and send only hashed values (and Google's plain Country and Zip). Futures finish
// on the thread the destination lives on.
class AudienceDestination
{
public:
    virtual ~AudienceDestination() = default;

    virtual AudiencePlatform platform() const = 0;
    // The most rows one add or remove request may carry (both platforms: 10,000).
    virtual int maxBatchRows() const = 0;
    // Whether a row has what the platform matches people on (an e-mail, a phone, or a name
    // with a place); rows without are not sent and counted as skipped. The function only looks
    // at the row: it may be called from any thread, also after the destination is gone.
    using RowFilter = bool (*)(const AudienceRow& row);
    virtual RowFilter rowFilter() const = 0;
    bool canSend(const AudienceRow& row) const { return rowFilter()(row); }

    // The platform audience called `name` in the destination's account: the existing one of that
    // name, else a new one. Its id.
    virtual QFuture<Result<QString>> ensureAudience(const QString& name) = 0;
    virtual QFuture<Result<AudienceBatchResult>> addRows(const AudienceBatch& batch) = 0;
    virtual QFuture<Result<AudienceBatchResult>> removeRows(const AudienceBatch& batch) = 0;

    // Fails the requests in flight with Cancelled (the platform may have acted on them).
    virtual void cancelAll() = 0;
};

} // namespace core
