#include "analytics/comparison_builder.h"

#include <spdlog/spdlog.h>

#include <QElapsedTimer>

#include "backends/comparison_source.h"
#include "domain/segment_validator.h"
#include "logging/logging.h"
#include "sql/overlap_query_builder.h"
#include "backends/metrics_store.h"
#include "domain/reach_estimate.h"

namespace core {

namespace {

template <typename T> QFuture<Result<T>> ready(Result<T> value)
{
    return QtFuture::makeReadyFuture(std::move(value));
}

using MetricsFuture = QFuture<Result<QList<DailyMetrics>>>;
using RowFuture = QFuture<Result<QHash<QString, qint64>>>;

// One build: the comparison filled step by step as the backend answers. Shared by the
// continuations, so the builder itself may go before the future finishes.
class ComparisonAssembly : public std::enable_shared_from_this<ComparisonAssembly>
{
public:
    ComparisonAssembly(ComparisonSource& source, std::shared_ptr<const Catalogue> catalogue,
                       const ComparisonRequest& request)
        : m_source(source), m_catalogue(std::move(catalogue))
    {
        m_c.request = request;
        m_c.reachWindowDays = kDefaultReachWindowDays;
        m_clock.start();
    }

    QFuture<Result<Comparison>> run()
    {
        auto self = shared_from_this();
        QFuture<Result<QDate>> asOf = m_source.dataAsOf();
        return m_source.segments(m_c.request.segmentIds)
            .then([self, asOf](Result<QList<Segment>> found) mutable {
                if (!found)
                    return ready<Comparison>(found.error());
                if (auto s = self->takeSegments(found.value()); !s)
                    return ready<Comparison>(s.error());
                return asOf
                    .then([self](Result<QDate> day) {
                        if (!day)
                            return ready<Comparison>(day.error());
                        self->setAsOf(day.value());
                        return self->readFigures();
                    })
                    .unwrap();
            })
            .unwrap();
    }

private:
    ComparisonSource& m_source;
    std::shared_ptr<const Catalogue> m_catalogue;
    Comparison m_c;
    QList<Segment> m_known; // the compared segments and those their definitions refer to
    QElapsedTimer m_clock;
    qint64 m_segmentsMs = 0;

    Status takeSegments(const QList<Segment>& found)
    {
        m_known = found;
        for (const auto& id : m_c.request.segmentIds) {
            const auto it =
                std::find_if(found.begin(), found.end(), [&](const Segment& s) { return s.id == id; });
            if (it == found.end())
                return Error::notFound(
                    QStringLiteral("One of the chosen segments no longer exists (id %1).").arg(id));
            if (it->isDeleted()) {
                Error e = Error::validation(
                    QStringLiteral("segment_deleted"),
                    QStringLiteral("“%1” was deleted, so it cannot be compared.").arg(it->name));
                e.remediation = QStringLiteral("Restore it first, or choose another segment.");
                return e;
            }
            ComparedSegment s;
            s.segment = *it;
            m_c.segments.append(s);
        }
        return success();
    }

    void setAsOf(QDate asOf)
    {
        m_segmentsMs = m_clock.elapsed();
        m_c.asOf = asOf;
        m_c.range = m_c.request.usesDefaultRange()
                        ? DateRange::endingOn(asOf.isValid() ? asOf : QDate::currentDate(),
                                              ComparisonRequest::kDefaultRangeDays)
                        : m_c.request.range;
    }

    // The daily metrics of every segment and the audience query, all asked for at once.
    QFuture<Result<Comparison>> readFigures()
    {
        QList<MetricsFuture> metrics;
        for (const auto& s : m_c.segments)
            metrics.append(m_source.metrics().dailyMetrics(s.segment.id, m_c.range.first, m_c.range.last));
        RowFuture audience = readAudience();
        auto self = shared_from_this();
        return QtFuture::whenAll(metrics.begin(), metrics.end())
            .then([self, audience](const QList<MetricsFuture>& done) mutable {
                for (qsizetype i = 0; i < done.size(); ++i) {
                    Result<QList<DailyMetrics>> rows = done[i].result();
                    if (!rows)
                        return ready<Comparison>(rows.error());
                    ComparedSegment& s = self->m_c.segments[i];
                    s.daily = std::move(rows).value();
                    s.kpis = KpiSummary::of(s.daily, self->m_c.range);
                }
                return audience.then([self](Result<QHash<QString, qint64>> row) -> Result<Comparison> {
                    if (!row)
                        return row.error();
                    return self->finish(row.value());
                });
            })
            .unwrap();
    }

    // Reach, overlap and distinct users over the range, in one pass over the audience (in as
    // many disjoint parts as the backend reads at once, added up); no query (an empty row)
    // without audience data: there is nobody to reach. (Like the metrics, read in tasks of their
    // own, parts on separate connections could straddle a refresh that commits between them; the
    // view reads again after a refresh.)
    RowFuture readAudience()
    {
        if (!m_c.asOf.isValid())
            return ready<QHash<QString, qint64>>(QHash<QString, qint64>{});
        QList<OverlapQueryBuilder::Segment> segments;
        for (const auto& s : m_c.segments)
            segments.append({s.segment.definition, s.segment.advertiserId});
        const OverlapQueryBuilder builder(m_source.sqlTarget(), m_c.asOf, m_c.reachWindowDays,
                                          SegmentValidator::resolverOf(m_known));
        const QString what = QStringLiteral("compare the segments");
        const int count = std::max(1, m_source.parallelParts());
        if (count == 1) {
            auto bound = builder.build(segments, m_c.range.first, m_c.range.last);
            if (!bound)
                return ready<QHash<QString, qint64>>(bound.error());
            return m_source.aggregateRow(bound.value(), what);
        }
        QList<RowFuture> parts;
        for (int i = 0; i < count; ++i) {
            auto bound = builder.build(segments, m_c.range.first, m_c.range.last, {i, count});
            if (!bound)
                return ready<QHash<QString, qint64>>(bound.error());
            parts.append(m_source.aggregatePart(bound.value(), what, i));
        }
        return QtFuture::whenAll(parts.begin(), parts.end())
            .then([](const QList<RowFuture>& done) -> Result<QHash<QString, qint64>> {
                QHash<QString, qint64> sum;
                for (const auto& part : done) {
                    Result<QHash<QString, qint64>> row = part.result();
                    if (!row)
                        return row.error();
                    for (auto it = row.value().cbegin(); it != row.value().cend(); ++it)
                        sum[it.key()] += it.value();
                }
                return sum;
            });
    }

    Result<Comparison> finish(const QHash<QString, qint64>& row)
    {
        const qint64 figuresMs = m_clock.elapsed();
        const int n = m_c.count();
        const auto value = [&row](const QString& column) { return row.value(column, 0); };
        m_c.overlap = OverlapMatrix::fromQueryRow(n, value);
        m_c.overlap.asOf = m_c.asOf;
        m_c.overlap.windowDays = m_c.reachWindowDays;
        QList<Definition> definitions;
        QList<KpiSummary> kpis;
        for (int i = 0; i < n; ++i) {
            ComparedSegment& s = m_c.segments[i];
            s.kpis.uniqueUsers = value(OverlapQueryBuilder::usersColumn(i));
            s.reach = m_c.overlap.size(i);
            definitions.append(s.segment.definition);
            kpis.append(s.kpis);
        }
        QHash<QString, QString> names;
        for (const auto& s : m_known)
            names.insert(s.id, s.name);
        m_c.definitionDiff = DefinitionDiffer(m_catalogue, [names](const QString& id) {
                                 return names.value(id);
                             }).diff(definitions);
        m_c.tests = PairwiseSignificance::run(m_c.names(), kpis);
        logging::logger("core.analytics")
            ->debug("comparison of {} segments: segments {} ms, metrics and audience {} ms, total {} ms", n,
                    m_segmentsMs, figuresMs - m_segmentsMs, m_clock.elapsed());
        return m_c;
    }
};

} // namespace

ComparisonBuilder::ComparisonBuilder(ComparisonSource& source, std::shared_ptr<const Catalogue> catalogue)
    : m_source(source), m_catalogue(std::move(catalogue))
{
}

QFuture<Result<Comparison>> ComparisonBuilder::build(const ComparisonRequest& request) const
{
    if (auto s = request.validate(); !s)
        return ready<Comparison>(s.error());
    return std::make_shared<ComparisonAssembly>(m_source, m_catalogue, request)->run();
}

} // namespace core
