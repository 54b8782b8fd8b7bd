#pragma once

#include <memory>

#include "backends/impressions_pipeline.h"
#include "domain/catalogue.h"
#include "sql/bronze_sql.h"
#include "sql/pipeline_sql.h"

namespace core {

class SessionExecutor;

// The impressions pipeline in a PostgreSQL (or Lakebase) database, on its executor's worker
// (PgExecutor), PipelineSql and BronzeSql rendered for PostgreSQL, every value a protocol
// parameter:
//   import   the file is read on the worker (readEvents) and its loadable records go to bronze
//            as one new batch, in multi-row INSERTs of rowsPerInsert records (2 + 14 per record
//            parameters: far below PostgreSQL's 65,535), all in one transaction, so a failed
//            or strict import (any rejected line) leaves nothing;
//   refresh  one transaction: an advisory lock (refreshes of one database run one after
//            another), reference values, silver (staged in a temporary table), the audience,
//            then the daily metrics of every live segment (GoldPlan, as on Databricks) and a
//            cleared reach cache (the audience changed). A failure changes nothing.
class PostgresImpressionsPipeline final : public ImpressionsPipeline
{
public:
    struct Options
    {
        int rowsPerInsert = 1000; // 14,002 parameters a statement
    };

    // The executor belongs to the backend and must outlive the pipeline.
    PostgresImpressionsPipeline(SessionExecutor& executor, std::shared_ptr<const Catalogue> catalogue,
                                Options options);
    PostgresImpressionsPipeline(SessionExecutor& executor, std::shared_ptr<const Catalogue> catalogue);

    QFuture<Result<ImportReport>> importEvents(const QString& path, const ImportOptions& options) override;
    QFuture<Result<PipelineReport>> refresh() override;
    QFuture<Result<QList<QuarantinedRow>>> quarantined(int limit) override;

    const PipelineSql& sql() const { return m_sql; }

private:
    SessionExecutor& m_executor;
    std::shared_ptr<const Catalogue> m_catalogue;
    Options m_options;
    PipelineSql m_sql;
    BronzeSql m_bronze;
};

} // namespace core
