#pragma once

#include <memory>

#include "domain/catalogue.h"
#include "backends/impressions_pipeline.h"

namespace core {

class SqliteExecutor;

// The impressions pipeline of the local workspace, run on its executor's thread: an import is
// one transaction (bronze gets all loadable rows of the file or none), and so is a refresh
// (LocalPipeline).
class LocalImpressionsPipeline final : public ImpressionsPipeline
{
public:
    LocalImpressionsPipeline(SqliteExecutor& executor, std::shared_ptr<const Catalogue> catalogue);

    QFuture<Result<ImportReport>> importEvents(const QString& path, const ImportOptions& options) override;
    QFuture<Result<PipelineReport>> refresh() override;
    QFuture<Result<QList<QuarantinedRow>>> quarantined(int limit) override;

private:
    SqliteExecutor& m_executor;
    std::shared_ptr<const Catalogue> m_catalogue;
};

} // namespace core
