#include "backends/session_comparison_source.h"

#include "backends/session_segment_rows.h"
#include "sql/overlap_query_builder.h"

namespace core {

SessionComparisonSource::SessionComparisonSource(SessionExecutor& executor, SqlTarget target, MetricsStore& metrics,
                                                 QList<SessionExecutor*> readers)
    : m_executor(executor), m_readers(std::move(readers)), m_target(std::move(target)), m_metrics(metrics)
{}

QFuture<Result<QList<Segment>>> SessionComparisonSource::segments(const QStringList& ids)
{
    return m_executor.run<QList<Segment>>([target = m_target, ids](SqlSession& db) -> Result<QList<Segment>> {
        SessionSegmentRows rows(db, SegmentSql(target));
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

QFuture<Result<QDate>> SessionComparisonSource::dataAsOf()
{
    const bool sizeWanted = !m_readers.isEmpty();
    return m_executor.run<QDate>(
        [target = m_target, sizeWanted, rows = m_audienceRows](SqlSession& db) -> Result<QDate> {
            if (sizeWanted) {
                auto size = db.query(OverlapQueryBuilder::audienceSizeEstimate(target),
                                     QStringLiteral("read the size of the audience"));
                if (!size)
                    return size.error();
                rows->store(size.value().isEmpty() ? 0 : size.value().rows.first().at(0).toLongLong());
            }
            return SessionSegmentRows(db, SegmentSql(target)).dataAsOf();
        });
}

int SessionComparisonSource::parallelParts() const
{
    const qint64 worth = std::max<qint64>(1, m_audienceRows->load() / kPeoplePerPart);
    return static_cast<int>(std::min<qint64>(1 + m_readers.size(), worth));
}

namespace {

QFuture<Result<QHash<QString, qint64>>> aggregateOn(SessionExecutor& executor, const BoundSql& query,
                                                    const QString& what)
{
    return executor.run<QHash<QString, qint64>>([query, what](SqlSession& db) -> Result<QHash<QString, qint64>> {
        auto rows = db.query(query, what);
        if (!rows)
            return rows.error();
        if (rows.value().isEmpty())
            return Error::internal(QStringLiteral("%1: the aggregate query answered no row").arg(what));
        QHash<QString, qint64> row;
        for (int i = 0; i < rows.value().columns.size(); ++i)
            row.insert(rows.value().columns.at(i), rows.value().rows.first().at(i).toLongLong());
        return row;
    });
}

} // namespace

QFuture<Result<QHash<QString, qint64>>> SessionComparisonSource::aggregateRow(const BoundSql& query, const QString& what)
{
    return aggregateOn(m_executor, query, what);
}

QFuture<Result<QHash<QString, qint64>>> SessionComparisonSource::aggregatePart(const BoundSql& query,
                                                                               const QString& what, int part)
{
    if (part < 0 || part > m_readers.size())
        return QtFuture::makeReadyFuture(Result<QHash<QString, qint64>>(
            Error::internal(QStringLiteral("%1: there is no connection for part %2").arg(what).arg(part + 1))));
    return aggregateOn(part == 0 ? m_executor : *m_readers.at(part - 1), query, what);
}

} // namespace core
