#pragma once

#include "activation/audience_normaliser.h"
#include "activation/audience_preflight.h"
#include "common/result.h"
#include "domain/customer_identifiers.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

class QThreadPool;

namespace core {

// A segment's audience normalised and ready to be written: the pre-flight, and the file's rows
// (one per member who can be matched, in the members' order) as CSV, chunk by chunk.
struct PreparedAudience
{
    AudiencePreflight preflight;
    QStringList columns;         // the platform's header, audienceColumns()
    QList<QByteArray> rowChunks; // CSV records (no header), concatenated they are the file's body
    QList<qint64> rowsPerChunk;  // records in each chunk
    qint64 rows = 0;
};

// A segment's audience as a platform sync sends it: the pre-flight, and the rows of the members
// who can be matched, in the members' order — value for value the rows of the file prepare()
// builds from the same people, so a file and a sync hold the same hashes.
struct NormalisedAudience
{
    AudiencePreflight preflight;
    QList<AudienceRow> rows;
};

// What AudienceExport::run did.
struct AudienceExportOutcome
{
    AudiencePreflight preflight;
    bool written = false; // false when the pre-flight blocked and force was not given
    QString path;
    qint64 rows = 0;
};

// Writes a segment's audience file for an ad platform: a CSV with exactly the platform's header
// (audienceColumns) and one row per member with a value that can match them, every value
// normalised and hashed by the AudienceNormaliser; members without identifiers or with nothing
// usable are counted in the pre-flight and left out.
//  - prepare() normalises and hashes on every thread of the pool (chunks of kChunkSize people,
//    the calling thread working too, results kept in the members' order) and builds the
//    pre-flight; write() writes the file atomically (a temporary file renamed over the target);
//    run() does both, writing only when the pre-flight does not block or force is given;
//    normalise() does the same work as prepare() but keeps the rows as AudienceRows (a sync's).
//  - progress(done, total) is called on the calling thread between chunks (prepare: people
//    normalised; write: rows written); returning false cancels: the call returns an Error of kind
//    Cancelled and no file is written or changed.
// The file is the only place the values go; they are hashed except the keys the platform wants in
// clear (Google's Country and Zip).
class AudienceExport
{
public:
    using Progress = std::function<bool(qint64 done, qint64 total)>;
    static constexpr qsizetype kChunkSize = 4096;

    // pool: nullptr for QThreadPool::globalInstance(). Not owned.
    explicit AudienceExport(std::shared_ptr<const AudienceNormaliser> normaliser, QThreadPool* pool = nullptr);

    // members: the segment's members (its reach); people: the identifiers rows of those members.
    Result<PreparedAudience> prepare(qint64 members, const QList<CustomerIdentifiers>& people,
                                     const Progress& progress = {}) const;
    Result<NormalisedAudience> normalise(qint64 members, const QList<CustomerIdentifiers>& people,
                                         const Progress& progress = {}) const;
    static Status write(const PreparedAudience& audience, const QString& path, const Progress& progress = {});
    Result<AudienceExportOutcome> run(qint64 members, const QList<CustomerIdentifiers>& people, const QString& path,
                                      bool force, const Progress& progress = {}) const;

private:
    std::shared_ptr<const AudienceNormaliser> m_normaliser;
    QThreadPool* m_pool;
};

} // namespace core
