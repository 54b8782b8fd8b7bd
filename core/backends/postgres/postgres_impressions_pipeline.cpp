#include "backends/postgres/postgres_impressions_pipeline.h"
#include "backends/session_reach.h"

#include <spdlog/spdlog.h>

#include <QElapsedTimer>

#include "backends/gold_plan.h"
#include "backends/pipeline_outcome.h"
#include "backends/session_executor.h"
#include "backends/session_segment_rows.h"
#include "logging/logging.h"
#include "sql/segment_sql.h"

namespace core {

namespace {

const QString kImport = QStringLiteral("import the events");
const QString kRefresh = QStringLiteral("refresh the analytics");

auto log()
{
    return logging::logger("core.pipeline");
}

// Runs the statements in order, each feeding the report with its counter.
Status run(SqlSession& db, const QList<PipelineStatement>& statements, PipelineReport& report)
{
    for (const auto& statement : statements) {
        QElapsedTimer clock;
        clock.start();
        if (PipelineOutcome::answersRows(statement.counter)) {
            auto rows = db.query(statement.sql, kRefresh);
            if (!rows)
                return rows.error();
            PipelineOutcome::absorb(report, statement.counter, rows.value().rows, 0);
        } else {
            auto changed = db.execute(statement.sql, kRefresh);
            if (!changed)
                return changed.error();
            PipelineOutcome::absorb(report, statement.counter, {}, changed.value());
        }
        log()->debug("  {} ms: {}", clock.elapsed(), statement.step.toStdString());
    }
    return success();
}

} // namespace

PostgresImpressionsPipeline::PostgresImpressionsPipeline(SessionExecutor& executor,
                                                         std::shared_ptr<const Catalogue> catalogue,
                                                         Options options)
    : m_executor(executor), m_catalogue(std::move(catalogue)), m_options(options),
      m_sql(SqlTarget{SqlDialect::Postgres, {}}), m_bronze(m_sql.target())
{
    m_options.rowsPerInsert = std::max(m_options.rowsPerInsert, 1);
}

PostgresImpressionsPipeline::PostgresImpressionsPipeline(SessionExecutor& executor,
                                                         std::shared_ptr<const Catalogue> catalogue)
    : PostgresImpressionsPipeline(executor, std::move(catalogue), Options{})
{
}

QFuture<Result<ImportReport>> PostgresImpressionsPipeline::importEvents(const QString& path,
                                                                        const ImportOptions& options)
{
    return m_executor.run<ImportReport>(
        [bronze = m_bronze, rowsPerInsert = m_options.rowsPerInsert, path,
         options](SqlSession& db) -> Result<ImportReport> {
            ImportReport report;
            report.method = QStringLiteral("insert");
            SqlTransaction tx(db);
            if (auto s = tx.begin(kImport); !s)
                return s.error();
            QList<BronzeRecord> chunk;
            auto flush = [&]() -> Status {
                if (chunk.isEmpty())
                    return success();
                auto inserted = db.execute(bronze.insert(report.batchId, report.sourceFile, chunk), kImport);
                if (!inserted)
                    return inserted.error();
                report.rowsLoaded += inserted.value();
                chunk.clear();
                return success();
            };
            auto read = readEvents(path, options, report, [&](const BronzeRecord& record) -> Status {
                chunk.append(record);
                return chunk.size() >= rowsPerInsert ? flush() : success();
            });
            if (!read)
                return read.error(); // the transaction rolls back: nothing of the file stays
            if (options.strict && !report.rejected.isEmpty())
                return rejectedLinesError(report);
            if (auto s = flush(); !s)
                return s.error();
            if (auto s = tx.commit(kImport); !s)
                return s.error();
            log()->info("imported {} into PostgreSQL bronze as batch {}: {} read, {} loaded, {} rejected",
                        report.sourceFile.toStdString(), report.batchId.toStdString(), report.rowsRead,
                        report.rowsLoaded, report.rejected.size());
            return report;
        });
}

QFuture<Result<PipelineReport>> PostgresImpressionsPipeline::refresh()
{
    auto refreshed = m_executor.run<PipelineReport>(
        [sql = m_sql, catalogue = m_catalogue](SqlSession& db) -> Result<PipelineReport> {
            QElapsedTimer clock;
            clock.start();
            SqlTransaction tx(db);
            if (auto s = tx.begin(kRefresh); !s)
                return s.error();
            PipelineReport report;
            if (auto s = run(db, sql.lockRefresh() + sql.referenceValues(*catalogue) + sql.silver() + sql.audience(),
                             report);
                !s)
                return s.error();
            auto asOf = db.query(sql.dataAsOf(), kRefresh);
            if (!asOf)
                return asOf.error();
            SessionSegmentRows rows(db, SegmentSql(sql.target()));
            auto segments = rows.list(SegmentQuery{});
            if (!segments)
                return segments.error();
            const GoldPlan plan = GoldPlan::of(
                sql, segments.value(),
                asOf.value().isEmpty() ? QDate() : asOf.value().value(0, QStringLiteral("as_of")).toDate());
            plan.countIn(report);
            const PipelineStatement forgetReach{QStringLiteral("forget cached reach"),
                                                SegmentSql(sql.target()).clearReachCache()};
            if (auto s = run(db, plan.statements + QList<PipelineStatement>{forgetReach}, report); !s)
                return s.error();
            if (auto s = tx.commit(kRefresh); !s)
                return s.error();
            log()->info("PostgreSQL refresh in {} ms: {} bronze rows, {} to silver, {} duplicates, {} quarantined, "
                        "{} users, {} segments ({} skipped)",
                        clock.elapsed(), report.bronzeRowsProcessed, report.silverRowsAdded,
                        report.duplicatesSkipped, report.quarantined, report.audienceUsers,
                        report.segmentsRefreshed, report.segmentsSkipped);
            return report;
        });
    // Next on the database thread: the reach of every segment, into the cache the refresh cleared.
    m_executor.run<Done>([sql = m_sql, catalogue = m_catalogue](SqlSession& db) -> Status {
        const SegmentSql segments(sql.target());
        Status warmed = SessionReach(db, segments, *catalogue).warmCache();
        if (!warmed)
            log()->warn("reach after the refresh: {}", warmed.error().toString().toStdString());
        return warmed;
    });
    return refreshed;
}

QFuture<Result<QList<QuarantinedRow>>> PostgresImpressionsPipeline::quarantined(int limit)
{
    return m_executor.run<QList<QuarantinedRow>>([sql = m_sql.quarantined(limit)](SqlSession& db)
                                                     -> Result<QList<QuarantinedRow>> {
        auto rows = db.query(sql, QStringLiteral("list the quarantined events"));
        if (!rows)
            return rows.error();
        QList<QuarantinedRow> out;
        for (const auto& row : rows.value().rows)
            out.append({row.value(0).toString(), row.value(1).toLongLong(), row.value(2).toString(),
                        row.value(3).toString()});
        return out;
    });
}

} // namespace core
