#include "analytics/comparison_builder.h"

#include <spdlog/spdlog.h>

#include <QElapsedTimer>
#include <QSqlRecord>

#include "logging/logging.h"
#include "sql/overlap_query_builder.h"
#include "store/reach_estimate.h"
#include "store/sqlite/sqlite_executor.h"
#include "store/sqlite/sqlite_metrics_store.h"
#include "store/sqlite/sqlite_segment_rows.h"
#include "store/sqlite/sqlite_sql.h"

namespace core {

namespace {

const QString kAction = QStringLiteral("compare the segments");
const SqlTarget kSqlite{SqlDialect::Sqlite, {}};

// Runs a one-row aggregate query and hands its columns (by name) to read.
Status readOneRow(QSqlDatabase& db, const BoundSql& bound,
                  const std::function<void(const std::function<qint64(const QString&)>&)>& read)
{
    auto q = SqliteSql::exec(db, bound.sql, bound.params, kAction);
    if (!q)
        return q.error();
    if (!q.value().next())
        return Error::internal(QStringLiteral("aggregate query returned no row"));
    const QSqlRecord record = q.value().record();
    read([&](const QString& column) { return q.value().value(record.indexOf(column)).toLongLong(); });
    return success();
}

class ComparisonAssembly
{
public:
    ComparisonAssembly(QSqlDatabase& db, std::shared_ptr<const Catalogue> catalogue)
        : m_db(db), m_rows(db), m_catalogue(std::move(catalogue))
    {
    }

    Result<Comparison> run(const ComparisonRequest& request)
    {
        QElapsedTimer clock;
        clock.start();
        if (auto s = request.validate(); !s)
            return s.error();
        Comparison c;
        c.request = request;
        c.reachWindowDays = kDefaultReachWindowDays;
        if (auto s = loadSegments(c); !s)
            return s.error();
        auto asOf = m_rows.dataAsOf();
        if (!asOf)
            return asOf.error();
        c.asOf = asOf.value();
        c.range = request.usesDefaultRange()
                      ? DateRange::endingOn(c.asOf.isValid() ? c.asOf : QDate::currentDate(),
                                            ComparisonRequest::kDefaultRangeDays)
                      : request.range;
        if (auto s = readMetrics(c); !s)
            return s.error();
        const qint64 metricsMs = clock.elapsed();
        if (auto s = readAudience(c); !s)
            return s.error();
        const qint64 audienceMs = clock.elapsed();
        QList<Definition> definitions;
        QList<KpiSummary> kpis;
        for (const auto& s : c.segments) {
            definitions.append(s.segment.definition);
            kpis.append(s.kpis);
        }
        c.definitionDiff = DefinitionDiffer(m_catalogue, [this](const QString& id) {
                               return segmentName(id);
                           }).diff(definitions);
        c.tests = PairwiseSignificance::run(c.names(), kpis);
        logging::logger("core.analytics")
            ->debug("comparison of {} segments: segments and metrics {} ms, audience {} ms, total {} ms",
                    c.count(), metricsMs, audienceMs - metricsMs, clock.elapsed());
        return c;
    }

private:
    QSqlDatabase& m_db;
    SqliteSegmentRows m_rows;
    std::shared_ptr<const Catalogue> m_catalogue;

    QString segmentName(const QString& id)
    {
        auto s = m_rows.find(id);
        return s && s.value() ? s.value()->name : QString();
    }

    Status loadSegments(Comparison& c)
    {
        for (const auto& id : c.request.segmentIds) {
            auto found = m_rows.find(id);
            if (!found)
                return found.error();
            if (!found.value())
                return Error::notFound(
                    QStringLiteral("One of the chosen segments no longer exists (id %1).").arg(id));
            if (found.value()->isDeleted()) {
                Error e = Error::validation(
                    QStringLiteral("segment_deleted"),
                    QStringLiteral("“%1” was deleted, so it cannot be compared.").arg(found.value()->name));
                e.remediation = QStringLiteral("Restore it first, or choose another segment.");
                return e;
            }
            ComparedSegment s;
            s.segment = *found.value();
            c.segments.append(s);
        }
        return success();
    }

    Status readMetrics(Comparison& c)
    {
        for (auto& s : c.segments) {
            auto rows = SqliteMetricsStore::read(m_db, s.segment.id, c.range.first, c.range.last);
            if (!rows)
                return rows.error();
            s.daily = rows.value();
            s.kpis = KpiSummary::of(s.daily, c.range);
        }
        return success();
    }

    // Reach, overlap and distinct users over the range, in one pass over the audience.
    Status readAudience(Comparison& c)
    {
        const int n = c.count();
        c.overlap.shared = QList<QList<qint64>>(n, QList<qint64>(n, 0));
        if (c.asOf.isValid()) { // without audience data there is nobody to reach
            QList<OverlapQueryBuilder::Segment> segments;
            for (const auto& s : c.segments)
                segments.append({s.segment.definition, s.segment.advertiserId});
            const OverlapQueryBuilder builder(kSqlite, c.asOf, c.reachWindowDays, m_rows.resolver());
            auto bound = builder.build(segments, c.range.first, c.range.last);
            if (!bound)
                return bound.error();
            auto read = readOneRow(m_db, bound.value(), [&](const auto& value) {
                c.overlap = OverlapMatrix::fromQueryRow(n, value);
                for (int i = 0; i < n; ++i)
                    c.segments[i].kpis.uniqueUsers = value(OverlapQueryBuilder::usersColumn(i));
            });
            if (!read)
                return read;
        }
        c.overlap.asOf = c.asOf;
        c.overlap.windowDays = c.reachWindowDays;
        for (int i = 0; i < n; ++i) {
            c.segments[i].reach = c.overlap.size(i);
            if (!c.segments[i].kpis.uniqueUsers)
                c.segments[i].kpis.uniqueUsers = 0;
        }
        return success();
    }
};

} // namespace

ComparisonBuilder::ComparisonBuilder(SqliteExecutor& executor, std::shared_ptr<const Catalogue> catalogue)
    : m_executor(executor), m_catalogue(std::move(catalogue))
{
}

QFuture<Result<Comparison>> ComparisonBuilder::build(const ComparisonRequest& request) const
{
    return m_executor.submit<Comparison>([catalogue = m_catalogue, request](QSqlDatabase& db) {
        return ComparisonAssembly(db, catalogue).run(request);
    });
}

} // namespace core
