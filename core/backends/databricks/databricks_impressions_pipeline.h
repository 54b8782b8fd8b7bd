#pragma once

#include <memory>

#include <QObject>

#include "databricks/statement/statement_request.h"
#include "domain/catalogue.h"
#include "backends/gold_plan.h"
#include "backends/impressions_pipeline.h"
#include "sql/bronze_sql.h"
#include "sql/pipeline_sql.h"

namespace core {

class SegmentStore;
class StatementClient;
class VolumeFiles;

// The impressions pipeline in Databricks Unity Catalog (`<catalog>.<schema>`), through the SQL
// warehouse and the Files API:
//   import   the file is parsed on a worker (EventsCsv); up to insertRowLimit rows go in as
//            parameterised multi-row INSERTs, more are written as CSV to the schema's landing
//            volume (/Volumes/<catalog>/<schema>/landing/bronze/<batch>.csv) and loaded with
//            COPY INTO (which skips a file it has loaded, so repeating it is harmless);
//   refresh  PipelineSql rendered for Databricks: reference values, silver, audience, then the
//            daily metrics of every live segment (definitions from the segment store).
// Lives on the thread of its StatementClient; futures finish there.
class DatabricksImpressionsPipeline final : public ImpressionsPipeline
{
public:
    struct Options
    {
        int insertRowLimit = 500; // files with more loadable rows go through the volume
        int rowsPerInsert = 50;
    };

    DatabricksImpressionsPipeline(StatementClient* statements, VolumeFiles* files, SegmentStore* segments,
                                  QString catalog, QString schema, std::shared_ptr<const Catalogue> catalogue,
                                  Options options);
    DatabricksImpressionsPipeline(StatementClient* statements, VolumeFiles* files, SegmentStore* segments,
                                  QString catalog, QString schema,
                                  std::shared_ptr<const Catalogue> catalogue);
    ~DatabricksImpressionsPipeline() override;

    QFuture<Result<ImportReport>> importEvents(const QString& path, const ImportOptions& options) override;
    QFuture<Result<PipelineReport>> refresh() override;
    QFuture<Result<QList<QuarantinedRow>>> quarantined(int limit) override;

    // What a gold refresh runs now: the last day of data, and the statements (clear, then each
    // live segment's daily metrics; segments whose definition cannot be built are counted).
    using GoldPlan = core::GoldPlan;
    // asOfWhenEmpty: the day to build behaviour windows from when there is no data yet (the
    // scheduled job's script needs its statements anyway); invalid: no segment statements then.
    QFuture<Result<GoldPlan>> planGold(QDate asOfWhenEmpty = {});
    // Adds the catalogue's values to ref_values (what cleaning validates against).
    QFuture<Status> loadReferenceValues();
    const PipelineSql& sql() const { return m_sql; }

private:
    struct Parsed; // an events file read on a worker
    StatementClient* m_statements;
    VolumeFiles* m_files;
    SegmentStore* m_segments;
    QString m_catalog;
    QString m_schema;
    std::shared_ptr<const Catalogue> m_catalogue;
    Options m_options;
    PipelineSql m_sql;
    BronzeSql m_bronze;
    std::unique_ptr<QObject> m_context; // continuations run in its thread and die with the pipeline

    StatementRequest request(const BoundSql& sql, const QString& what) const;
    QFuture<Result<PipelineReport>> runStatements(const QList<PipelineStatement>& statements,
                                                  PipelineReport report);
    QList<PipelineStatement> cleaningStatements() const;
    QFuture<Result<ImportReport>> load(std::shared_ptr<Parsed> parsed);
};

} // namespace core
