#pragma once

#include <optional>

#include <QSet>

#include "backends/sql_session.h"
#include "common/result.h"
#include "domain/segment.h"
#include "domain/segment_query.h"
#include "domain/segment_validator.h"
#include "sql/segment_sql.h"

namespace core {

// Reads and writes the segment rows of a backend that works through a SqlSession (the local
// SQLite workspace, PostgreSQL/Lakebase), with SegmentSql's statements for its dialect.
// Called on the backend's worker thread, inside the caller's transaction where it writes.
class SessionSegmentRows
{
public:
    SessionSegmentRows(SqlSession& session, SegmentSql sql) : m_session(session), m_sql(std::move(sql)) {}

    Result<std::optional<Segment>> find(const QString& id);
    // NotFound when there is no such segment.
    Result<Segment> require(const QString& id);
    Result<QList<Segment>> list(const SegmentQuery& query);
    // Name keys of the advertiser's live segments other than exceptId.
    Result<QSet<QString>> takenNames(const QString& advertiserId, const QString& exceptId);
    Result<bool> advertiserExists(const QString& advertiserId);
    // Looks up live segments' definitions (for validation and SQL building).
    SegmentValidator::SegmentResolver resolver();
    // Persists a prepared change: the row (inserted when there is no before, else updated if still
    // at before's version: a Conflict otherwise), its version record, its audit entry (before and
    // after) and a fresh reach cache.
    // changeKey: the idempotency key kept with the version row (empty: NULL).
    Status record(const Segment& segment, const std::optional<Segment>& before, const QString& change,
                  const QString& changeKey = {});
    Result<QList<SegmentVersion>> history(const QString& id);
    // The last day with audience data (invalid when there is none yet); reach windows end there.
    Result<QDate> dataAsOf();

private:
    SqlSession& m_session;
    SegmentSql m_sql;
};

} // namespace core
