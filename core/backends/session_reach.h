#pragma once

#include <QHash>
#include <QStringList>

#include "backends/sql_session.h"
#include "domain/catalogue.h"
#include "domain/reach_estimate.h"
#include "sql/segment_sql.h"

namespace core {

// The reach of segments on a SQL session (the local workspace, PostgreSQL): what
// SessionSegmentStore answers, and what a metrics refresh works out for every live segment before
// it commits, so that the list's reach column is read from segment_reach_cache rather than
// counted when the window asks (seconds per segment at ten million events).
class SessionReach
{
public:
    SessionReach(SqlSession& session, const SegmentSql& sql, const Catalogue& catalogue);

    // The estimate of a definition, with its waterfall, as of the audience's last day.
    Result<ReachEstimate> estimate(const Definition& definition);
    // The reach of each segment that exists (unknown ids are left out), from the cache when it
    // holds the segment's definition as of the audience's last day; counted and cached otherwise.
    Result<QHash<QString, qint64>> ofSegments(const QStringList& ids);
    // ofSegments() of every live segment: run after a refresh (its own task on the executor, so
    // the refresh is reported done first), the list then reads each reach from the cache.
    Status warmCache();

private:
    SqlSession& m_session;
    const SegmentSql& m_sql;
    const Catalogue& m_catalogue;
};

} // namespace core
