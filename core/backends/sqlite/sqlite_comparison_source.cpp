#include "backends/sqlite/sqlite_comparison_source.h"

#include <QSqlRecord>

#include "backends/sqlite/sqlite_executor.h"
#include "backends/session_segment_rows.h"
#include "backends/sqlite/sqlite_session.h"
#include "backends/sqlite/sqlite_sql.h"

namespace core {

SqliteComparisonSource::SqliteComparisonSource(SqliteExecutor& executor, MetricsStore& metrics)
    : m_executor(executor), m_metrics(metrics)
{
}

SqlTarget SqliteComparisonSource::sqlTarget() const
{
    return SqlTarget{SqlDialect::Sqlite, {}};
}

QFuture<Result<QList<Segment>>> SqliteComparisonSource::segments(const QStringList& ids)
{
    return m_executor.submit<QList<Segment>>([ids](QSqlDatabase& db) -> Result<QList<Segment>> {
        SqliteSession rowsSession(db);
        SessionSegmentRows rows(rowsSession, SegmentSql(SqliteSession::target()));
        QList<Segment> found;
        QSet<QString> asked;
        for (QStringList next = ids; !next.isEmpty(); next = unreadReferences(found, asked)) {
            for (const auto& id : next) {
                asked.insert(id);
                auto s = rows.find(id);
                if (!s)
                    return s.error();
                if (s.value())
                    found.append(*s.value());
            }
        }
        return found;
    });
}

QFuture<Result<QDate>> SqliteComparisonSource::dataAsOf()
{
    return m_executor.run<QDate>([](SqlSession& session) { return SessionSegmentRows(session, SegmentSql(SqliteSession::target())).dataAsOf(); });
}

QFuture<Result<QHash<QString, qint64>>> SqliteComparisonSource::aggregateRow(const BoundSql& query,
                                                                             const QString& what)
{
    return m_executor.submit<QHash<QString, qint64>>(
        [query, what](QSqlDatabase& db) -> Result<QHash<QString, qint64>> {
            auto q = SqliteSql::exec(db, query.sql, query.params, what);
            if (!q)
                return q.error();
            if (!q.value().next())
                return Error::internal(QStringLiteral("%1: the aggregate query answered no row").arg(what));
            const QSqlRecord record = q.value().record();
            QHash<QString, qint64> row;
            for (int i = 0; i < record.count(); ++i)
                row.insert(record.fieldName(i), q.value().value(i).toLongLong());
            return row;
        });
}

} // namespace core
