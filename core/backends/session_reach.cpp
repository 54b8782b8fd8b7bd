#include "backends/session_reach.h"

#include "backends/session_segment_rows.h"
#include "domain/definition_describer.h"
#include "sql/reach_query_builder.h"

namespace core {

namespace {

constexpr int kReachWindowDays = kDefaultReachWindowDays;

} // namespace

SessionReach::SessionReach(SqlSession& session, const SegmentSql& sql, const Catalogue& catalogue)
    : m_session(session), m_sql(sql), m_catalogue(catalogue)
{
}

Result<ReachEstimate> SessionReach::estimate(const Definition& definition)
{
    SessionSegmentRows rows(m_session, m_sql);
    auto asOf = rows.dataAsOf();
    if (!asOf)
        return asOf.error();
    if (!asOf.value().isValid()) {
        ReachEstimate empty;
        empty.windowDays = kReachWindowDays;
        return empty; // no audience data yet: nobody to reach
    }
    const ReachQueryBuilder builder(m_sql.target(), asOf.value(), kReachWindowDays, rows.resolver());
    auto bound = builder.build(definition);
    if (!bound)
        return bound.error();
    auto counted = m_session.query(bound.value(), QStringLiteral("estimate the reach"));
    if (!counted)
        return counted.error();
    if (counted.value().isEmpty())
        return Error::internal(QStringLiteral("reach query returned no row"));
    const SqlRows& row = counted.value();
    ReachEstimate estimate = builder.read(definition, [&](const QString& column) { return row.value(0, column).toLongLong(); });
    const DefinitionDescriber describer(std::shared_ptr<const Catalogue>(std::shared_ptr<const Catalogue>{}, &m_catalogue),
                                        [&rows](const QString& id) {
                                            auto s = rows.find(id);
                                            return s && s.value() ? s.value()->name : QString();
                                        });
    for (auto& step : estimate.waterfall)
        step.label = describer.describe(definition.root().children[static_cast<std::size_t>(step.conditionIndex)]);
    return estimate;
}

Result<QHash<QString, qint64>> SessionReach::ofSegments(const QStringList& ids)
{
    SessionSegmentRows rows(m_session, m_sql);
    auto asOf = rows.dataAsOf();
    if (!asOf)
        return asOf.error();
    const QString asOfText = asOf.value().toString(Qt::ISODate);
    QHash<QString, qint64> out;
    if (!asOf.value().isValid()) { // no audience data yet: nobody to reach, nothing to cache
        for (const auto& id : ids) {
            auto segment = rows.find(id);
            if (!segment)
                return segment.error();
            if (segment.value())
                out.insert(id, 0);
        }
        return out;
    }
    for (const auto& id : ids) {
        auto segment = rows.find(id);
        if (!segment)
            return segment.error();
        if (!segment.value())
            continue;
        const QString hash = segment.value()->definitionHash;
        auto cached = m_session.query(m_sql.cachedReach(id, hash, asOfText), QStringLiteral("read the reach cache"));
        if (!cached)
            return cached.error();
        if (!cached.value().isEmpty()) {
            out.insert(id, cached.value().value(0, QStringLiteral("reach")).toLongLong());
            continue;
        }
        auto counted = estimate(segment.value()->definition);
        if (!counted)
            return counted.error();
        out.insert(id, counted.value().reach);
        auto stored = m_session.execute(m_sql.storeCachedReach(id, hash, asOfText, counted.value().reach),
                                        QStringLiteral("update the reach cache"));
        if (!stored)
            return stored.error();
    }
    return out;
}

Status SessionReach::warmCache()
{
    SessionSegmentRows rows(m_session, m_sql);
    auto live = rows.list(SegmentQuery{});
    if (!live)
        return live.error();
    QStringList ids;
    for (const Segment& s : live.value())
        ids.append(s.id);
    auto counted = ofSegments(ids);
    if (!counted)
        return counted.error();
    return success();
}

} // namespace core
