#include "backends/sqlite/local_impressions_pipeline.h"

#include <optional>

#include <spdlog/spdlog.h>

#include <QDateTime>

#include "logging/logging.h"
#include "backends/session_reach.h"
#include "backends/sqlite/local_pipeline.h"
#include "backends/sqlite/sqlite_session.h"
#include "sql/segment_sql.h"
#include "sql/pipeline_sql.h"
#include "backends/sqlite/sqlite_bronze_writer.h"
#include "backends/sqlite/sqlite_executor.h"
#include "backends/sqlite/sqlite_sql.h"

namespace core {

namespace {

const QString kImport = QStringLiteral("import the events");

} // namespace

LocalImpressionsPipeline::LocalImpressionsPipeline(SqliteExecutor& executor,
                                                   std::shared_ptr<const Catalogue> catalogue)
    : m_executor(executor), m_catalogue(std::move(catalogue))
{
}

QFuture<Result<ImportReport>> LocalImpressionsPipeline::importEvents(const QString& path,
                                                                     const ImportOptions& options)
{
    return m_executor.submit<ImportReport>([path, options](QSqlDatabase& db) -> Result<ImportReport> {
        ImportReport report;
        report.method = QStringLiteral("insert");
        SqliteTransaction tx(db);
        if (auto s = tx.begin(kImport); !s)
            return s.error();
        std::optional<SqliteBronzeWriter> writer;
        const QString ingestTime = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
        auto read = readEvents(path, options, report, [&](const BronzeRecord& record) -> Status {
            if (!writer)
                writer.emplace(db, SqliteBronzeWriter::Batch{report.batchId, report.sourceFile, ingestTime},
                               kImport);
            return writer->add(record.line, record.values);
        });
        if (!read)
            return read.error();
        if (options.strict && !report.rejected.isEmpty())
            return rejectedLinesError(report);
        if (auto s = tx.commit(kImport); !s)
            return s.error();
        report.rowsLoaded = writer ? writer->rowsWritten() : 0;
        logging::logger("core.pipeline")
            ->info("imported {} into bronze as batch {}: {} read, {} loaded, {} rejected",
                   report.sourceFile.toStdString(), report.batchId.toStdString(), report.rowsRead,
                   report.rowsLoaded, report.rejected.size());
        return report;
    });
}

QFuture<Result<PipelineReport>> LocalImpressionsPipeline::refresh()
{
    auto catalogue = m_catalogue;
    auto refreshed = m_executor.submit<PipelineReport>([catalogue](QSqlDatabase& db) -> Result<PipelineReport> {
        return LocalPipeline(db, catalogue).refresh();
    });
    // Next on the workspace thread: the reach of every segment, into the cache the refresh cleared.
    m_executor.submit<Done>([catalogue](QSqlDatabase& db) -> Status {
        SqliteSession session(db);
        const SegmentSql sql(SqliteSession::target());
        Status warmed = SessionReach(session, sql, *catalogue).warmCache();
        if (!warmed)
            logging::logger("core.pipeline")->warn("reach after the refresh: {}", warmed.error().toString().toStdString());
        return warmed;
    });
    return refreshed;
}

QFuture<Result<QList<QuarantinedRow>>> LocalImpressionsPipeline::quarantined(int limit)
{
    return m_executor.submit<QList<QuarantinedRow>>(
        [limit](QSqlDatabase& db) -> Result<QList<QuarantinedRow>> {
            const BoundSql sql = PipelineSql(SqlTarget{SqlDialect::Sqlite, {}}).quarantined(limit);
            auto q = SqliteSql::exec(db, sql.sql, sql.params, QStringLiteral("list the quarantined events"));
            if (!q)
                return q.error();
            QList<QuarantinedRow> out;
            while (q.value().next())
                out.append({q.value().value(0).toString(), q.value().value(1).toLongLong(),
                            q.value().value(2).toString(), q.value().value(3).toString()});
            return out;
        });
}

} // namespace core
