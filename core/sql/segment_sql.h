#pragma once

#include "domain/segment.h"
#include "sql/sql_dialect.h"
#include "sql/sql_params.h"
#include "domain/segment_query.h"

namespace core {

// The SQL of every segment operation for a shared warehouse (Databricks, and PostgreSQL
// for Lakebase), with every value bound. Writes are idempotent MERGEs keyed by segment id;
// updates are guarded by the version the edit started from, so a stale write affects no row.
// Authorship (created_by, updated_by, changed_by) is the backend's own current_user on the shared
// dialects (PrincipalSql), never a value the client sends. Times are ISO 8601 UTC text with milliseconds, so every dialect reads back exactly what was
// written. Golden files pin the text (tests/unit/golden/segment_*.sql).
class SegmentSql
{
public:
    static const QString kSegmentColumns; // the column list every SELECT of segments returns

    explicit SegmentSql(SqlTarget target);

    BoundSql selectById(const QString& id) const;
    BoundSql selectByIds(const QStringList& ids) const;
    BoundSql list(const SegmentQuery& query) const;
    BoundSql liveNameKeys(const QString& advertiserId, const QString& exceptId) const;
    // Inserts the segment unless its id exists (0 affected rows then). created_by/updated_by
    // are the writer (PrincipalSql::actor) unless asExported (an import keeps the exported
    // authorship; its version row still records who imported it).
    BoundSql insertIfAbsent(const Segment& segment, bool asExported = false) const;
    // Writes the new state if the stored version is still baseVersion (0 affected rows otherwise).
    BoundSql updateIfVersion(const Segment& segment, int baseVersion) const;
    // Records a version; re-running it for the same (segment_id, version) changes nothing.
    BoundSql insertVersion(const SegmentVersion& version) const;
    // Records a version, replacing a row already stored for that (segment_id, version): run by the
    // writer whose guarded write matched, after it, so that version holds the winner's content
    // even when a writer that lost the race recorded its own first.
    BoundSql confirmVersion(const SegmentVersion& version) const;
    BoundSql history(const QString& id) const;
    BoundSql listAdvertisers() const;
    BoundSql upsertAdvertiser(const Advertiser& advertiser) const;
    BoundSql advertiserExists(const QString& id) const;
    BoundSql dataAsOf() const;

    // Plain statements for the backends that write in transactions (SQLite, PostgreSQL): the
    // id's primary key and the live-name unique index are checked by the database itself.
    BoundSql insert(const Segment& segment, bool asExported = false) const;
    // Writes the new state if the stored version is still baseVersion (0 affected rows otherwise).
    BoundSql updateWhereVersion(const Segment& segment, int baseVersion) const;
    BoundSql insertVersionRow(const SegmentVersion& version) const;
    BoundSql upsertAdvertiserRow(const Advertiser& advertiser) const;
    // The reach of a saved segment, cached for one definition hash and one data day.
    BoundSql cachedReach(const QString& id, const QString& definitionHash, const QString& asOf) const;
    BoundSql storeCachedReach(const QString& id, const QString& definitionHash, const QString& asOf, qint64 reach) const;
    BoundSql clearReachCache() const;

    const SqlTarget& target() const { return m_target; }

private:
    BoundSql mergeVersion(const SegmentVersion& version, bool replace) const;
    SqlTarget m_target;
    QString table(const char* name) const { return m_target.table(QLatin1String(name)); }
    QString castInt(const QString& placeholder) const;
    // Who the row says wrote it: the backend's current_user on shared dialects, else name bound.
    QString author(SqlParams& p, const QString& name, bool asExported) const;
};

} // namespace core
