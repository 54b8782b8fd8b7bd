#include "pipeline/local_pipeline.h"

#include <spdlog/spdlog.h>

#include <QElapsedTimer>

#include "logging/logging.h"
#include "sql/pipeline_sql.h"
#include "store/sqlite/sqlite_segment_rows.h"
#include "store/sqlite/sqlite_sql.h"

namespace core {

namespace {

const QString kAction = QStringLiteral("refresh the analytics");
const PipelineSql kSql(SqlTarget{SqlDialect::Sqlite, {}});

} // namespace

LocalPipeline::LocalPipeline(QSqlDatabase& db, std::shared_ptr<const Catalogue> catalogue)
    : m_db(db), m_catalogue(std::move(catalogue))
{
}

Status LocalPipeline::run(const QList<PipelineStatement>& statements, PipelineReport& report)
{
    for (const auto& statement : statements) {
        auto q = SqliteSql::exec(m_db, statement.sql.sql, statement.sql.params, kAction);
        if (!q)
            return q.error();
        QSqlQuery& query = q.value();
        switch (statement.counter) {
        case PipelineCounter::None:
            break;
        case PipelineCounter::Processed:
        case PipelineCounter::Audience:
            absorb(report, statement.counter, query.next() ? query.value(0).toLongLong() : 0);
            break;
        case PipelineCounter::Quarantined:
        case PipelineCounter::SilverAdded:
            absorb(report, statement.counter, query.numRowsAffected());
            break;
        case PipelineCounter::Reasons:
            while (query.next())
                absorbReason(report, query.value(0).toString(), query.value(1).toLongLong());
            break;
        }
    }
    return success();
}

Result<PipelineReport> LocalPipeline::refresh(const Progress& progress)
{
    QElapsedTimer clock;
    clock.start();
    auto say = [&](int percent, const QString& step) {
        logging::logger("core.pipeline")->debug("{} ms: {}", clock.elapsed(), step.toStdString());
        if (progress)
            progress(percent, step);
    };
    SqliteTransaction tx(m_db);
    if (auto s = tx.begin(kAction); !s)
        return s.error();
    PipelineReport report;
    say(0, QStringLiteral("Loading reference values"));
    if (auto s = run(kSql.referenceValues(*m_catalogue), report); !s)
        return s.error();
    say(10, QStringLiteral("Cleaning events (silver)"));
    if (auto s = run(kSql.silver(), report); !s)
        return s.error();
    say(40, QStringLiteral("Building the audience"));
    if (auto s = run(kSql.audience(), report); !s)
        return s.error();
    say(70, QStringLiteral("Computing daily segment metrics (gold)"));
    if (auto s = refreshGold(report); !s)
        return s.error();
    if (auto s = run({{QStringLiteral("forget cached reach"),
                       {QStringLiteral("DELETE FROM segment_reach_cache"), {}}}},
                     report);
        !s)
        return s.error();
    if (auto s = tx.commit(kAction); !s)
        return s.error();
    say(100, QStringLiteral("Done"));
    logging::logger("core.pipeline")
        ->info("refresh in {} ms: {} bronze rows, {} to silver, {} duplicates, {} quarantined, {} users, {} "
               "segments "
               "({} skipped)",
               clock.elapsed(), report.bronzeRowsProcessed, report.silverRowsAdded, report.duplicatesSkipped,
               report.quarantined, report.audienceUsers, report.segmentsRefreshed, report.segmentsSkipped);
    return report;
}

Status LocalPipeline::refreshGold(PipelineReport& report)
{
    SqliteSegmentRows rows(m_db);
    auto segments = rows.list(SegmentQuery{});
    if (!segments)
        return segments.error();
    QDate asOf;
    {
        auto q = SqliteSql::exec(m_db, kSql.dataAsOf().sql, QList<SqlParam>{}, kAction);
        if (!q)
            return q.error();
        if (q.value().next())
            asOf = QDate::fromString(q.value().value(0).toString(), Qt::ISODate);
    } // the statement must be finished before tables are dropped
    if (auto s = run(kSql.clearGold(), report); !s)
        return s;
    if (!asOf.isValid())
        return success(); // no events yet
    const auto resolver = rows.resolver();
    for (const auto& segment : segments.value()) {
        auto statements = kSql.gold(segment, asOf, resolver);
        if (!statements) {
            ++report.segmentsSkipped;
            logging::logger("core.pipeline")
                ->warn("segment {} skipped: {}", segment.id.toStdString(),
                       statements.error().toString().toStdString());
            continue;
        }
        if (auto s = run(statements.value(), report); !s)
            return s;
        ++report.segmentsRefreshed;
    }
    return success();
}

} // namespace core
