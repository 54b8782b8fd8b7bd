#include "backends/databricks/databricks_impressions_pipeline.h"

#include <spdlog/spdlog.h>

#include <QtConcurrent/QtConcurrentRun>

#include "backends/pipeline_outcome.h"
#include "databricks/files/volume_files.h"
#include "databricks/statement/statement_sequence.h"
#include "export/csv_writer.h"
#include "logging/logging.h"
#include "sql/provisioning_sql.h"
#include "backends/segment_store.h"

namespace core {

namespace {

auto log()
{
    return logging::logger("core.pipeline");
}

template <typename T> QFuture<Result<T>> ready(Result<T> value)
{
    return QtFuture::makeReadyFuture(std::move(value));
}

// Rows a DML statement inserted (num_inserted_rows, else num_affected_rows).
qint64 insertedRows(const StatementResult& r)
{
    if (r.column(QStringLiteral("num_inserted_rows")) >= 0 && !r.rows.isEmpty())
        return r.value(0, QStringLiteral("num_inserted_rows")).toLongLong();
    return std::max<qint64>(r.affectedRows(), 0);
}

} // namespace

// An events file read and checked on a worker: the report so far, the records (kept only while
// few enough for INSERTs) and the file as the landing CSV for COPY INTO.
struct DatabricksImpressionsPipeline::Parsed
{
    ImportReport report;
    QList<BronzeRecord> records;
    qint64 loadable = 0;
    QByteArray landingCsv;
};

DatabricksImpressionsPipeline::DatabricksImpressionsPipeline(StatementClient* statements, VolumeFiles* files,
                                                             SegmentStore* segments, QString catalog,
                                                             QString schema,
                                                             std::shared_ptr<const Catalogue> catalogue,
                                                             Options options)
    : m_statements(statements), m_files(files), m_segments(segments), m_catalog(std::move(catalog)),
      m_schema(std::move(schema)), m_catalogue(std::move(catalogue)), m_options(options),
      m_sql(SqlTarget{SqlDialect::Databricks, QStringLiteral("`%1`.`%2`.").arg(m_catalog, m_schema)}),
      m_bronze(m_sql.target()), m_context(std::make_unique<QObject>())
{
    m_context->moveToThread(statements->thread());
}

DatabricksImpressionsPipeline::DatabricksImpressionsPipeline(StatementClient* statements, VolumeFiles* files,
                                                             SegmentStore* segments, QString catalog,
                                                             QString schema,
                                                             std::shared_ptr<const Catalogue> catalogue)
    : DatabricksImpressionsPipeline(statements, files, segments, std::move(catalog), std::move(schema),
                                    std::move(catalogue), Options{})
{
}

DatabricksImpressionsPipeline::~DatabricksImpressionsPipeline() = default;

StatementRequest DatabricksImpressionsPipeline::request(const BoundSql& sql, const QString& what) const
{
    StatementRequest r;
    r.sql = sql.sql;
    r.params = sql.params;
    r.catalog = m_catalog;
    r.schema = m_schema;
    r.what = what;
    r.waitTimeout = std::chrono::seconds(50); // long statements: answer inline when possible, else poll
    r.deadline = std::chrono::hours(2);
    return r;
}

QFuture<Result<ImportReport>> DatabricksImpressionsPipeline::importEvents(const QString& path,
                                                                          const ImportOptions& options)
{
    const int limit = m_options.insertRowLimit;
    return QtConcurrent::run([path, limit, options]() -> Result<std::shared_ptr<Parsed>> {
               auto parsed = std::make_shared<Parsed>();
               ImportReport& report = parsed->report;
               CsvWriter::Options writerOptions;
               writerOptions.formulaGuard = false; // the file is data for COPY INTO, not for a spreadsheet
               CsvWriter landing(writerOptions);
               landing.writeRow(BronzeSql::landingColumns());
               auto read = readEvents(path, options, report, [&](const BronzeRecord& record) -> Status {
                   for (const auto& v : record.values)
                       landing.addField(v);
                   landing.addField(report.sourceFile);
                   landing.addNumber(record.line);
                   landing.addField(report.batchId);
                   landing.endRow();
                   if (++parsed->loadable <= limit)
                       parsed->records.append(record);
                   else
                       parsed->records.clear();
                   return success();
               });
               if (!read)
                   return read.error();
               parsed->landingCsv = landing.takeData();
               return parsed;
           })
        .then(m_context.get(),
              [this, options](const Result<std::shared_ptr<Parsed>>& parsed) -> QFuture<Result<ImportReport>> {
                  if (!parsed)
                      return ready<ImportReport>(parsed.error());
                  if (options.strict && !parsed.value()->report.rejected.isEmpty())
                      return ready<ImportReport>(rejectedLinesError(parsed.value()->report));
                  if (importCancelRequested(options)) // the last moment before anything is sent
                      return ready<ImportReport>(importCancelled(parsed.value()->report.sourceFile));
                  return load(parsed.value());
              })
        .unwrap();
}

QFuture<Result<ImportReport>> DatabricksImpressionsPipeline::load(std::shared_ptr<Parsed> parsed)
{
    ImportReport& report = parsed->report;
    auto done = [parsed](qint64 loaded) -> Result<ImportReport> {
        parsed->report.rowsLoaded = loaded;
        const ImportReport& r = parsed->report;
        log()->info("imported {} into Databricks bronze as batch {} ({}): {} read, {} loaded, {} rejected",
                    r.sourceFile.toStdString(), r.batchId.toStdString(), r.method.toStdString(), r.rowsRead,
                    r.rowsLoaded, r.rejected.size());
        return r;
    };
    if (parsed->loadable <= m_options.insertRowLimit) {
        report.method = QStringLiteral("insert");
        QList<StatementRequest> inserts;
        for (qsizetype start = 0; start < parsed->records.size(); start += m_options.rowsPerInsert)
            inserts.append(request(m_bronze.insert(report.batchId, report.sourceFile,
                                                   parsed->records.mid(start, m_options.rowsPerInsert)),
                                   QStringLiteral("load %1 into bronze").arg(report.sourceFile)));
        return StatementSequence::run(m_statements, inserts, m_context.get())
            .then(m_context.get(), [done](Result<QList<StatementResult>> results) -> Result<ImportReport> {
                if (!results)
                    return results.error();
                qint64 loaded = 0;
                for (const auto& r : results.value())
                    loaded += insertedRows(r);
                return done(loaded);
            });
    }
    report.method = QStringLiteral("copy into");
    const QString path = QStringLiteral("%1/bronze/%2.csv")
                             .arg(ProvisioningSql(m_catalog, m_schema).landingPath(), report.batchId);
    const StatementRequest copy =
        request({m_bronze.copyInto(path), {}}, QStringLiteral("load %1 into bronze").arg(report.sourceFile));
    QPointer<StatementClient> statements = m_statements;
    return m_files->upload(path, parsed->landingCsv)
        .then(m_context.get(),
              [statements, copy](Status uploaded) -> QFuture<Result<StatementResult>> {
                  if (!uploaded)
                      return ready<StatementResult>(uploaded.error());
                  if (!statements)
                      return ready<StatementResult>(
                          Error::internal(QStringLiteral("StatementClient destroyed")));
                  return statements->execute(copy);
              })
        .unwrap()
        .then(m_context.get(), [done](Result<StatementResult> copied) -> Result<ImportReport> {
            if (!copied)
                return copied.error();
            return done(insertedRows(copied.value()));
        });
}

QList<PipelineStatement> DatabricksImpressionsPipeline::cleaningStatements() const
{
    return m_sql.referenceValues(*m_catalogue) + m_sql.silver() + m_sql.audience();
}

QFuture<Result<PipelineReport>>
DatabricksImpressionsPipeline::runStatements(const QList<PipelineStatement>& statements,
                                             PipelineReport report)
{
    QList<StatementRequest> requests;
    for (const auto& st : statements)
        requests.append(request(st.sql, QStringLiteral("refresh the metrics (%1)").arg(st.step)));
    return StatementSequence::run(m_statements, requests, m_context.get())
        .then(m_context.get(),
              [statements, report](Result<QList<StatementResult>> results) mutable -> Result<PipelineReport> {
                  if (!results)
                      return results.error();
                  for (qsizetype i = 0; i < statements.size(); ++i) {
                      const StatementResult& r = results.value().at(i);
                      PipelineOutcome::absorb(report, statements.at(i).counter, r.rows, insertedRows(r));
                  }
                  return report;
              });
}

QFuture<Result<PipelineReport>> DatabricksImpressionsPipeline::refresh()
{
    auto report = std::make_shared<PipelineReport>();
    return runStatements(cleaningStatements(), PipelineReport{})
        .then(m_context.get(),
              [this, report](const Result<PipelineReport>& cleaned) -> QFuture<Result<GoldPlan>> {
                  if (!cleaned)
                      return ready<GoldPlan>(cleaned.error());
                  *report = cleaned.value();
                  return planGold();
              })
        .unwrap()
        .then(m_context.get(),
              [this, report](Result<GoldPlan> plan) -> QFuture<Result<PipelineReport>> {
                  if (!plan)
                      return ready<PipelineReport>(plan.error());
                  plan.value().countIn(*report);
                  return runStatements(plan.value().statements, *report);
              })
        .unwrap();
}

QFuture<Result<GoldPlan>> DatabricksImpressionsPipeline::planGold(QDate asOfWhenEmpty)
{
    auto asOf = std::make_shared<QDate>();
    return m_statements
        ->execute(request(m_sql.dataAsOf(), QStringLiteral("refresh the metrics (data as of)")))
        .then(m_context.get(),
              [this, asOf](Result<StatementResult> r) -> QFuture<Result<QList<Segment>>> {
                  if (!r)
                      return ready<QList<Segment>>(r.error());
                  *asOf = QDate::fromString(r.value().value(0, QStringLiteral("as_of")).toString().left(10),
                                            Qt::ISODate);
                  return m_segments->listSegments(SegmentQuery{});
              })
        .unwrap()
        .then(m_context.get(),
              [this, asOf, asOfWhenEmpty](Result<QList<Segment>> segments) -> Result<GoldPlan> {
                  if (!segments)
                      return segments.error();
                  return GoldPlan::of(m_sql, segments.value(), asOf->isValid() ? *asOf : asOfWhenEmpty);
              });
}

QFuture<Status> DatabricksImpressionsPipeline::loadReferenceValues()
{
    return runStatements(m_sql.referenceValues(*m_catalogue), PipelineReport{})
        .then(m_context.get(), [](Result<PipelineReport> r) -> Status {
            if (!r)
                return r.error();
            return success();
        });
}

QFuture<Result<QList<QuarantinedRow>>> DatabricksImpressionsPipeline::quarantined(int limit)
{
    return m_statements
        ->execute(request(m_sql.quarantined(limit), QStringLiteral("list the quarantined events")))
        .then(m_context.get(), [](Result<StatementResult> r) -> Result<QList<QuarantinedRow>> {
            if (!r)
                return r.error();
            QList<QuarantinedRow> out;
            for (const auto& row : r.value().rows)
                out.append({row.value(0).toString(), row.value(1).toLongLong(), row.value(2).toString(),
                            row.value(3).toString()});
            return out;
        });
}

} // namespace core
