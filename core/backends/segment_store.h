#pragma once

#include "common/result.h"
#include "domain/segment.h"
#include "domain/reach_estimate.h"
#include "domain/segment_query.h"
#include "domain/write_origin.h"

#include <QFuture>
#include <QHash>
#include <QList>

namespace core {

enum class ImportOutcome { Inserted, Unchanged };

// The one contract every backend (local SQLite workspace, Databricks, Lakebase) implements.
// Every call returns at once; the future finishes exactly once with the value or an Error.
// A write's future succeeds only after the backend confirmed the write.
// The tests in tests/integration/store_contract_tests.h define the behaviour.
class SegmentStore
{
public:
    virtual ~SegmentStore() = default;

    // "local" or "databricks"; shown in the status bar with displayName().
    virtual QString backendKind() const = 0;
    virtual QString displayName() const = 0;

    virtual QFuture<Result<QList<Advertiser>>> listAdvertisers() = 0;
    // Adds or renames an advertiser.
    virtual QFuture<Status> saveAdvertiser(const Advertiser& advertiser) = 0;

    virtual QFuture<Result<QList<Segment>>> listSegments(const SegmentQuery& query) = 0;
    // Deleted segments are returned too (isDeleted() tells).
    virtual QFuture<Result<Segment>> getSegment(const QString& id) = 0;

    // Writes take the author and the change's idempotency key (WriteOrigin, made from a plain user
    // name too); the key is stored with the version the write makes (SegmentVersion::changeKey).
    // draft.version must be 0; an empty id gets a new UUID. Validates, then stores version 1.
    virtual QFuture<Result<Segment>> createSegment(const Segment& draft, const WriteOrigin& origin) = 0;
    // edited.version is the version the edit started from; a stale one is refused (Conflict).
    virtual QFuture<Result<Segment>> updateSegment(const Segment& edited, const WriteOrigin& origin) = 0;
    // Soft delete, guarded by the version the user saw.
    virtual QFuture<Result<Segment>> deleteSegment(const QString& id, int baseVersion, const WriteOrigin& origin) = 0;
    virtual QFuture<Result<Segment>> restoreSegment(const QString& id, const WriteOrigin& origin) = 0;
    virtual QFuture<Result<QList<SegmentVersion>>> segmentHistory(const QString& id) = 0;
    // "Restore this version": stores a NEW version (change "reverted") whose name, description,
    // status and definition are those of the given old version; old versions are never rewritten.
    // Guarded by baseVersion, the current version the user saw (Conflict when stale). NotFound for
    // an unknown version; Conflict when the segment is deleted; Validation when it already has that
    // content or the old content is no longer valid (a name now taken, a segment it refers to gone).
    virtual QFuture<Result<Segment>> restoreVersion(const QString& id, int version, int baseVersion,
                                                    const WriteOrigin& origin) = 0;

    // Stores an exported segment exactly as it was (id, version, timestamps). Importing the
    // same segment again is Unchanged; a different segment under the same id is a Conflict.
    virtual QFuture<Result<ImportOutcome>> importSegment(const Segment& segment) = 0;

    virtual QFuture<Result<ReachEstimate>> estimateReach(const Definition& definition,
                                                         const QString& advertiserId) = 0;
    // Reach of saved segments, by id (missing ids are left out).
    virtual QFuture<Result<QHash<QString, qint64>>> reachOfSegments(const QStringList& ids) = 0;
};

} // namespace core
