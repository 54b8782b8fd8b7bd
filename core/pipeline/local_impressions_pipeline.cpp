#include "pipeline/local_impressions_pipeline.h"

#include <spdlog/spdlog.h>

#include <QDateTime>
#include <QFileInfo>
#include <QUuid>

#include "logging/logging.h"
#include "pipeline/local_pipeline.h"
#include "sql/pipeline_sql.h"
#include "store/sqlite/sqlite_bronze_writer.h"
#include "store/sqlite/sqlite_executor.h"
#include "store/sqlite/sqlite_sql.h"

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
        auto bytes = readEventsFile(path);
        if (!bytes)
            return bytes.error();
        ImportReport report;
        report.sourceFile = QFileInfo(path).fileName();
        report.batchId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        report.method = QStringLiteral("insert");
        EventsCsv csv(std::move(bytes).value(), report.sourceFile);
        if (auto s = csv.readHeader(); !s)
            return s.error();
        SqliteTransaction tx(db);
        if (auto s = tx.begin(kImport); !s)
            return s.error();
        SqliteBronzeWriter writer(
            db,
            {report.batchId, report.sourceFile, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
            kImport);
        BronzeRecord record;
        while (true) {
            auto more = csv.next(record);
            if (!more)
                return more.error();
            if (!more.value())
                break;
            if (auto s = writer.add(record.line, record.values); !s)
                return s.error();
        }
        if (auto s = writer.flush(); !s)
            return s.error();
        report.rowsRead = csv.rowsRead();
        report.rejected = csv.rejected();
        if (options.strict && !report.rejected.isEmpty())
            return rejectedLinesError(report);
        if (auto s = tx.commit(kImport); !s)
            return s.error();
        report.rowsLoaded = writer.rowsWritten();
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
    return m_executor.submit<PipelineReport>([catalogue](QSqlDatabase& db) -> Result<PipelineReport> {
        return LocalPipeline(db, catalogue).refresh();
    });
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
