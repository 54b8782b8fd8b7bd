#pragma once

#include "backends/audience_store.h"
#include "backends/session_executor.h"
#include "sql/audience_sql.h"
#include "sql/segment_sql.h"

namespace core {

// The audience store of the backends that work through a SqlSession on one worker thread: the
// local SQLite workspace and PostgreSQL/Lakebase. Members come from ReachQueryBuilder's member
// query over the same definition, resolver and last day of data as SessionSegmentStore's reach,
// so their number is the reach. An import is validated whole before anything is written, then
// written in one transaction in chunks (AudienceSql's upserts). Same contract as every backend
// (tests/integration/audience_contract_tests.h).
class SessionAudienceStore final : public AudienceStore
{
public:
    // The executor belongs to the backend and must outlive the store.
    SessionAudienceStore(SessionExecutor& executor, SqlTarget target);

    QFuture<Result<QStringList>> members(const QString& segmentId) override;
    QFuture<Result<QList<CustomerIdentifiers>>> memberIdentifiers(const QString& segmentId) override;
    QFuture<Result<IdentifiersImportReport>>
    importIdentifiers(const QList<CustomerIdentifiers>& rows) override;
    QFuture<Result<qint64>> identifierCount() override;

    // The import's checks and writes inside the caller's transaction (the demo generator's):
    // Validation, before any write, for a row without a user_id or with a birth date that is not
    // YYYY-MM-DD; a later row of a user replaces an earlier one.
    static Result<IdentifiersImportReport> write(SqlSession& session, const SqlTarget& target,
                                                 const QList<CustomerIdentifiers>& rows);

private:
    SessionExecutor& m_executor;
    SegmentSql m_segments;
    AudienceSql m_sql;
};

} // namespace core
