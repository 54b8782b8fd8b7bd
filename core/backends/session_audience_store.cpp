#include "backends/session_audience_store.h"

#include <functional>

#include <spdlog/spdlog.h>

#include "backends/session_segment_rows.h"
#include "domain/reach_estimate.h"
#include "logging/logging.h"

namespace core {

namespace {

// Finds the live segment `id` and hands `build` the reach builder its reach is counted with
// (null when there is no audience data yet: nobody is a member then) and its definition.
template <typename T>
Result<T> withAudienceOf(SqlSession& db, const SegmentSql& sql, const QString& id,
                         const std::function<Result<T>(const ReachQueryBuilder*, const Definition&)>& build)
{
    SessionSegmentRows rows(db, sql);
    auto segment = rows.require(id);
    if (!segment)
        return segment.error();
    if (segment.value().isDeleted())
        return Error::notFound(QStringLiteral("The segment “%1” (id %2) is deleted; it has no members.")
                                   .arg(segment.value().name, id));
    auto asOf = rows.dataAsOf();
    if (!asOf)
        return asOf.error();
    if (!asOf.value().isValid())
        return build(nullptr, segment.value().definition);
    const ReachQueryBuilder reach(sql.target(), asOf.value(), kDefaultReachWindowDays, rows.resolver());
    return build(&reach, segment.value().definition);
}

} // namespace

SessionAudienceStore::SessionAudienceStore(SessionExecutor& executor, SqlTarget target)
    : m_executor(executor), m_segments(target), m_sql(std::move(target))
{
}

QFuture<Result<QStringList>> SessionAudienceStore::members(const QString& segmentId)
{
    return m_executor.run<QStringList>([this, segmentId](SqlSession& db) -> Result<QStringList> {
        return withAudienceOf<QStringList>(
            db, m_segments, segmentId,
            [&](const ReachQueryBuilder* reach, const Definition& definition) -> Result<QStringList> {
                if (!reach)
                    return QStringList();
                auto bound = m_sql.members(*reach, definition);
                if (!bound)
                    return bound.error();
                auto rows = db.query(bound.value(), QStringLiteral("list the segment's members"));
                if (!rows)
                    return rows.error();
                const int column = rows.value().column(QStringLiteral("user_id"));
                QStringList out;
                out.reserve(rows.value().size());
                for (const auto& row : rows.value().rows)
                    out.append(row.value(column).toString());
                return out;
            });
    });
}

QFuture<Result<QList<CustomerIdentifiers>>> SessionAudienceStore::memberIdentifiers(const QString& segmentId)
{
    using Rows = QList<CustomerIdentifiers>;
    return m_executor.run<Rows>([this, segmentId](SqlSession& db) -> Result<Rows> {
        return withAudienceOf<Rows>(
            db, m_segments, segmentId,
            [&](const ReachQueryBuilder* reach, const Definition& definition) -> Result<Rows> {
                if (!reach)
                    return Rows();
                auto bound = m_sql.memberIdentifiers(*reach, definition);
                if (!bound)
                    return bound.error();
                auto rows = db.query(bound.value(), QStringLiteral("read the members' identifiers"));
                if (!rows)
                    return rows.error();
                const SqlRows& r = rows.value();
                Rows out;
                out.reserve(r.size());
                for (qsizetype i = 0; i < r.size(); ++i)
                    out.append(AudienceSql::read([&](const QString& column) { return r.value(i, column); }));
                return out;
            });
    });
}

Result<IdentifiersImportReport> SessionAudienceStore::write(SqlSession& session, const SqlTarget& target,
                                                            const QList<CustomerIdentifiers>& rows)
{
    if (auto ok = checkIdentifierRows(rows); !ok)
        return ok.error();
    const AudienceSql sql(target);
    const QList<CustomerIdentifiers> distinct = latestPerUser(rows);
    const QString action = QStringLiteral("store the identifiers");
    IdentifiersImportReport report;
    report.rowsRead = rows.size();
    for (qsizetype start = 0; start < distinct.size(); start += AudienceSql::kRowsPerUpsert) {
        const QList<CustomerIdentifiers> chunk = distinct.mid(start, AudienceSql::kRowsPerUpsert);
        QStringList ids;
        ids.reserve(chunk.size());
        for (const auto& row : chunk)
            ids.append(row.userId);
        auto existing = session.query(sql.countExisting(ids), action);
        if (!existing)
            return existing.error();
        report.replaced +=
            existing.value().isEmpty() ? 0 : existing.value().value(0, QStringLiteral("n")).toLongLong();
        auto written = session.execute(sql.upsert(chunk), action);
        if (!written)
            return written.error();
        report.stored += chunk.size();
    }
    return report;
}

QFuture<Result<IdentifiersImportReport>>
SessionAudienceStore::importIdentifiers(const QList<CustomerIdentifiers>& rows)
{
    return m_executor.run<IdentifiersImportReport>(
        [this, rows](SqlSession& db) -> Result<IdentifiersImportReport> {
            const QString action = QStringLiteral("store the identifiers");
            if (auto ok = checkIdentifierRows(rows); !ok)
                return ok.error(); // refused before a transaction is opened
            SqlTransaction tx(db);
            if (auto s = tx.begin(action); !s)
                return s.error();
            auto report = write(db, m_sql.target(), rows);
            if (!report)
                return report;
            if (auto s = tx.commit(action); !s)
                return s.error();
            logging::logger("core.store")
                ->info("identifiers stored: {} users ({} replaced) from {} rows", report.value().stored,
                       report.value().replaced, report.value().rowsRead);
            return report;
        });
}

QFuture<Result<qint64>> SessionAudienceStore::identifierCount()
{
    return m_executor.run<qint64>([this](SqlSession& db) -> Result<qint64> {
        auto rows = db.query(m_sql.count(), QStringLiteral("count the identifiers"));
        if (!rows)
            return rows.error();
        return rows.value().isEmpty() ? 0 : rows.value().value(0, QStringLiteral("n")).toLongLong();
    });
}

} // namespace core
