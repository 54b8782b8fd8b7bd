#include "backends/databricks/databricks_audience_store.h"

#include "backends/segment_store.h"
#include "databricks/statement/statement_client.h"
#include "domain/reach_estimate.h"
#include "domain/segment_validator.h"

namespace core {

namespace {

template <typename T> QFuture<Result<T>> ready(Result<T> value)
{
    return QtFuture::makeReadyFuture(std::move(value));
}

} // namespace

DatabricksAudienceStore::DatabricksAudienceStore(StatementClient* statements, QString catalog, QString schema,
                                                 SegmentStore& segments)
    : m_statements(statements), m_catalog(std::move(catalog)), m_schema(std::move(schema)),
      m_segmentStore(segments),
      m_segments(SqlTarget{SqlDialect::Databricks, QStringLiteral("`%1`.`%2`.").arg(m_catalog, m_schema)}),
      m_sql(m_segments.target()), m_context(std::make_unique<QObject>())
{
    m_context->moveToThread(statements->thread());
}

DatabricksAudienceStore::~DatabricksAudienceStore() = default;

QFuture<Result<StatementResult>> DatabricksAudienceStore::run(const BoundSql& sql, const QString& what,
                                                              bool externalLinks)
{
    StatementRequest request = StatementRequest::of(sql, m_catalog, m_schema, what);
    request.externalLinks = externalLinks;
    return m_statements->execute(request);
}

QFuture<Result<StatementResult>> DatabricksAudienceStore::audienceQuery(const QString& segmentId, Build build,
                                                                        const QString& what)
{
    return m_segmentStore.getSegment(segmentId)
        .then(m_context.get(),
              [this, segmentId, build, what](Result<Segment> segment) {
                  if (!segment)
                      return ready<StatementResult>(segment.error());
                  if (segment.value().isDeleted())
                      return ready<StatementResult>(Error::notFound(
                          QStringLiteral("The segment “%1” (id %2) is deleted; it has no members.")
                              .arg(segment.value().name, segmentId)));
                  const Segment s = segment.value();
                  // References resolve among the advertiser's live segments, as the reach does.
                  QFuture<Result<QList<Segment>>> known = ready<QList<Segment>>(QList<Segment>{});
                  if (!s.definition.referencedSegments().isEmpty()) {
                      SegmentQuery sameAdvertiser;
                      sameAdvertiser.advertiserId = s.advertiserId;
                      known = m_segmentStore.listSegments(sameAdvertiser);
                  }
                  return known
                      .then(m_context.get(),
                            [this, s, build, what](Result<QList<Segment>> known) {
                                if (!known)
                                    return ready<StatementResult>(known.error());
                                const auto resolver = SegmentValidator::resolverOf(known.value());
                                return run(m_segments.dataAsOf(), what)
                                    .then(m_context.get(),
                                          [this, s, resolver, build, what](Result<StatementResult> r) {
                                              if (!r)
                                                  return ready<StatementResult>(r.error());
                                              const QDate asOf = QDate::fromString(
                                                  r.value().value(0, QStringLiteral("as_of")).toString(),
                                                  Qt::ISODate);
                                              if (!asOf.isValid()) // no audience data yet: nobody
                                                  return ready<StatementResult>(StatementResult{});
                                              const ReachQueryBuilder reach(m_segments.target(), asOf,
                                                                            kDefaultReachWindowDays,
                                                                            resolver);
                                              auto bound = build(reach, s.definition);
                                              if (!bound)
                                                  return ready<StatementResult>(bound.error());
                                              return run(bound.value(), what, true);
                                          })
                                    .unwrap();
                            })
                      .unwrap();
              })
        .unwrap();
}

QFuture<Result<QStringList>> DatabricksAudienceStore::members(const QString& segmentId)
{
    return audienceQuery(
               segmentId,
               [this](const ReachQueryBuilder& reach, const Definition& definition) {
                   return m_sql.members(reach, definition);
               },
               QStringLiteral("list the segment's members"))
        .then(m_context.get(), [](Result<StatementResult> r) -> Result<QStringList> {
            if (!r)
                return r.error();
            const int column = r.value().column(QStringLiteral("user_id"));
            QStringList out;
            out.reserve(r.value().rows.size());
            for (const auto& row : r.value().rows)
                out.append(row.value(column).toString());
            return out;
        });
}

QFuture<Result<QList<CustomerIdentifiers>>>
DatabricksAudienceStore::memberIdentifiers(const QString& segmentId)
{
    using Rows = QList<CustomerIdentifiers>;
    return audienceQuery(
               segmentId,
               [this](const ReachQueryBuilder& reach, const Definition& definition) {
                   return m_sql.memberIdentifiers(reach, definition);
               },
               QStringLiteral("read the members' identifiers"))
        .then(m_context.get(), [](Result<StatementResult> r) -> Result<Rows> {
            if (!r)
                return r.error();
            const StatementResult& result = r.value();
            Rows out;
            out.reserve(result.rows.size());
            for (qsizetype i = 0; i < result.rows.size(); ++i)
                out.append(AudienceSql::read([&](const QString& column) { return result.value(i, column); }));
            return out;
        });
}

QFuture<Result<IdentifiersImportReport>>
DatabricksAudienceStore::importIdentifiers(const QList<CustomerIdentifiers>&)
{
    Error e;
    e.kind = ErrorKind::Permission;
    e.code = QStringLiteral("identifiers_read_only");
    e.userMessage =
        QStringLiteral("The identifiers on Databricks are the table %1.%2.customer_identifiers, which the "
                       "data engineers fill; the app does not write it.")
            .arg(m_catalog, m_schema);
    e.remediation =
        QStringLiteral("Ask your data engineers to load the rows into %1.%2.customer_identifiers, or import "
                       "them into a local workspace or PostgreSQL instead.")
            .arg(m_catalog, m_schema);
    return ready<IdentifiersImportReport>(e);
}

QFuture<Result<qint64>> DatabricksAudienceStore::identifierCount()
{
    return run(m_sql.count(), QStringLiteral("count the identifiers"))
        .then(m_context.get(), [](Result<StatementResult> r) -> Result<qint64> {
            if (!r)
                return r.error();
            return r.value().rows.isEmpty() ? 0 : r.value().value(0, QStringLiteral("n")).toLongLong();
        });
}

} // namespace core
