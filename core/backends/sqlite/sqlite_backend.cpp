#include "backends/sqlite/sqlite_backend.h"

#include <spdlog/spdlog.h>

#include <QDir>
#include <QThread>

#include "backends/sqlite/local_impressions_pipeline.h"
#include "backends/sqlite/local_pipeline.h"
#include "backends/session_access_store.h"
#include "backends/session_audience_store.h"
#include "backends/session_audit_store.h"
#include "backends/session_comparison_source.h"
#include "backends/session_experiment_store.h"
#include "backends/sqlite/sqlite_executor.h"
#include "backends/session_metrics_store.h"
#include "backends/sqlite/sqlite_migrator.h"
#include "backends/session_saved_comparison_store.h"
#include "backends/session_segment_store.h"
#include "backends/sqlite/sqlite_session.h"
#include "backends/sqlite/sqlite_sql.h"
#include "logging/logging.h"
#include "sql/pipeline_state_sql.h"

namespace core {

namespace {

std::unique_ptr<SqliteExecutor> readerFor(const SqliteExecutor& executor)
{
    if (QThread::idealThreadCount() < 2)
        return nullptr;
    auto reader = std::make_unique<SqliteExecutor>(executor.path());
    reader->post([](Result<SqlSession*>) {}); // opens its connection now, not in the first comparison
    return reader;
}

QList<SessionExecutor*> readers(const std::unique_ptr<SqliteExecutor>& reader)
{
    return reader ? QList<SessionExecutor*>{reader.get()} : QList<SessionExecutor*>{};
}

} // namespace

SqliteBackend::SqliteBackend(std::unique_ptr<SqliteExecutor> executor, std::shared_ptr<const Catalogue> catalogue)
    : m_executor(std::move(executor)), m_reader(readerFor(*m_executor)), m_segments(std::make_unique<SessionSegmentStore>(
          *m_executor, SqliteSession::target(), catalogue, QStringLiteral("local"),
          QStringLiteral("Local workspace — %1").arg(m_executor->path()))),
      m_metrics(std::make_unique<SessionMetricsStore>(*m_executor, SqliteSession::target())),
      m_comparisons(std::make_unique<SessionComparisonSource>(*m_executor, SqliteSession::target(), *m_metrics,
                                                               readers(m_reader))),
      m_savedComparisons(std::make_unique<SessionSavedComparisonStore>(
          *m_executor, SqliteSession::target(),
          QStringLiteral("the local workspace file %1").arg(QDir::toNativeSeparators(m_executor->path())))),
      m_experiments(std::make_unique<SessionExperimentStore>(*m_executor, SqliteSession::target())),
      m_audit(std::make_unique<SessionAuditStore>(*m_executor, SqliteSession::target())),
      m_pipeline(std::make_unique<LocalImpressionsPipeline>(*m_executor, std::move(catalogue))),
      m_audiences(std::make_unique<SessionAudienceStore>(*m_executor, SqliteSession::target())),
      m_access(std::make_unique<SessionAccessStore>(*m_executor, SqliteSession::target(), SessionAccessStore::osUser()))
{}

SqliteBackend::~SqliteBackend()
{
    m_reader.reset(); // finishes queued work while the stores it runs for are alive
    m_executor.reset();
}

Result<std::unique_ptr<SqliteBackend>> SqliteBackend::open(const QString& path,
                                                                    std::shared_ptr<const Catalogue> catalogue)
{
    auto executor = std::make_unique<SqliteExecutor>(path);
    auto migrated = executor->submit<Done>([catalogue](QSqlDatabase& db) -> Status {
        if (auto s = SqliteMigrator::migrate(db); !s)
            return s;
        // A migration that reshaped derived tables asks for them to be rebuilt from silver.
        const PipelineStateSql state(SqliteSession::target());
        const BoundSql has = state.has(PipelineStateSql::kAudienceRebuildNeeded);
        auto flag = SqliteSql::exec(db, has.sql, has.params, QStringLiteral("open the workspace"));
        if (!flag)
            return flag.error();
        const bool rebuild = flag.value().next() && flag.value().value(0).toInt() > 0;
        flag.value().finish();
        if (!rebuild)
            return success();
        logging::logger("core.store")->info("rebuilding the audience after a schema upgrade");
        auto report = LocalPipeline(db, catalogue).refresh();
        if (!report)
            return report.error();
        const BoundSql clear = state.remove(PipelineStateSql::kAudienceRebuildNeeded);
        auto cleared = SqliteSql::exec(db, clear.sql, clear.params, QStringLiteral("open the workspace"));
        if (!cleared)
            return cleared.error();
        return success();
    });
    migrated.waitForFinished();
    if (!migrated.result())
        return migrated.result().error();
    return std::unique_ptr<SqliteBackend>(new SqliteBackend(std::move(executor), std::move(catalogue)));
}

QString SqliteBackend::kind() const { return QStringLiteral("local"); }

QString SqliteBackend::displayName() const { return m_segments->displayName(); }

const QString& SqliteBackend::path() const { return m_executor->path(); }

SegmentStore& SqliteBackend::segments() { return *m_segments; }

MetricsStore& SqliteBackend::metrics() { return *m_metrics; }

ComparisonSource& SqliteBackend::comparisons() { return *m_comparisons; }

SavedComparisonStore& SqliteBackend::savedComparisons() { return *m_savedComparisons; }

ExperimentStore& SqliteBackend::experiments() { return *m_experiments; }

AuditStore& SqliteBackend::audit() { return *m_audit; }

ImpressionsPipeline& SqliteBackend::pipeline() { return *m_pipeline; }

AudienceStore& SqliteBackend::audiences() { return *m_audiences; }

AccessStore& SqliteBackend::access() { return *m_access; }

} // namespace core
