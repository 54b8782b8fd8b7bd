#pragma once

#include "common/result.h"
#include "domain/segment.h"
#include "domain/segment_validator.h"
#include "domain/segment_query.h"

#include <QSet>
#include <QSqlDatabase>

#include <optional>

namespace core {

// Reads and writes segment rows of a local workspace; called on the workspace thread only.
class SqliteSegmentRows
{
public:
    explicit SqliteSegmentRows(QSqlDatabase& db) : m_db(db) {}

    Result<std::optional<Segment>> find(const QString& id);
    Result<Segment> require(const QString& id);
    Result<QList<Segment>> list(const SegmentQuery& query);
    // Name keys of the advertiser's live segments other than exceptId.
    Result<QSet<QString>> takenNames(const QString& advertiserId, const QString& exceptId);
    Result<bool> advertiserExists(const QString& advertiserId);
    // Looks up live segments' definitions (for validation and SQL building).
    SegmentValidator::SegmentResolver resolver();

    Status insert(const Segment& segment);
    // Writes the new state only if the stored version is still expectedVersion.
    Status update(const Segment& segment, int expectedVersion);
    Status insertVersion(const SegmentVersion& version);
    // Persists a prepared change: the row (inserted when baseVersion is 0, else updated if still
    // at baseVersion), its version record, and a fresh reach cache. Inside the caller's transaction.
    Status record(const Segment& segment, int baseVersion, const QString& change);
    Result<QList<SegmentVersion>> history(const QString& id);
    Status invalidateReachCache();
    // The last day with audience data (invalid when there is none yet); reach windows end there.
    Result<QDate> dataAsOf();

private:
    QSqlDatabase& m_db;
};

} // namespace core
