#include "backends/postgres/postgres_backend.h"

#include "backends/postgres/pg_executor.h"
#include "backends/postgres/pg_migrator.h"
#include "backends/postgres/postgres_diagnostics.h"
#include "backends/postgres/postgres_impressions_pipeline.h"
#include "backends/session_access_store.h"
#include "backends/session_audience_store.h"
#include "backends/session_audit_store.h"
#include "backends/session_comparison_source.h"
#include "backends/session_experiment_store.h"
#include "backends/session_metrics_store.h"
#include "backends/session_saved_comparison_store.h"
#include "backends/session_segment_store.h"

namespace core {

namespace {

PostgresBackend::Naming completed(PostgresBackend::Naming naming, const QString& conninfo)
{
    if (naming.displayName.isEmpty())
        naming.displayName = QStringLiteral("PostgreSQL — %1").arg(conninfo);
    if (naming.provisionCommand.isEmpty())
        naming.provisionCommand = QStringLiteral("segctl --postgres '%1' provision").arg(conninfo);
    return naming;
}

} // namespace

PostgresBackend::PostgresBackend(std::unique_ptr<PgExecutor> executor, std::shared_ptr<const Catalogue> catalogue,
                                 Naming naming)
    : m_executor(std::move(executor)),
      m_segments(std::make_unique<SessionSegmentStore>(*m_executor, SqlTarget{SqlDialect::Postgres, {}},
                                                       catalogue, QStringLiteral("postgres"),
                                                       naming.displayName)),
      m_metrics(std::make_unique<SessionMetricsStore>(*m_executor, SqlTarget{SqlDialect::Postgres, {}})),
      m_comparisons(std::make_unique<SessionComparisonSource>(*m_executor, SqlTarget{SqlDialect::Postgres, {}}, *m_metrics)),
      m_savedComparisons(std::make_unique<SessionSavedComparisonStore>(
          *m_executor, SqlTarget{SqlDialect::Postgres, {}},
          QStringLiteral("%1, shared by everyone using it").arg(naming.displayName))),
      m_experiments(std::make_unique<SessionExperimentStore>(*m_executor, SqlTarget{SqlDialect::Postgres, {}})),
      m_audit(std::make_unique<SessionAuditStore>(*m_executor, SqlTarget{SqlDialect::Postgres, {}})),
      m_pipeline(std::make_unique<PostgresImpressionsPipeline>(*m_executor, std::move(catalogue))),
      m_audiences(std::make_unique<SessionAudienceStore>(*m_executor, SqlTarget{SqlDialect::Postgres, {}})),
      m_access(std::make_unique<SessionAccessStore>(*m_executor, SqlTarget{SqlDialect::Postgres, {}}, SessionAccessStore::osUser())),
      m_diagnostics(std::make_unique<PostgresDiagnostics>(
          *m_executor, naming.displayName, m_executor->printableConnInfo(), naming.provisionCommand))
{}

PostgresBackend::~PostgresBackend()
{
    m_executor.reset(); // finishes queued work while the stores it runs for are alive
}

Result<std::unique_ptr<PostgresBackend>> PostgresBackend::open(PgConnectionSettings settings,
                                                              std::shared_ptr<const Catalogue> catalogue, Naming naming)
{
    auto executor = std::make_unique<PgExecutor>(std::move(settings));
    auto migrated = executor->submit<Done>([](SqlSession& session) { return PgMigrator::migrate(session); });
    migrated.waitForFinished();
    if (!migrated.result())
        return migrated.result().error();
    naming = completed(std::move(naming), executor->printableConnInfo());
    return std::unique_ptr<PostgresBackend>(new PostgresBackend(std::move(executor), std::move(catalogue), std::move(naming)));
}

QString PostgresBackend::kind() const { return QStringLiteral("postgres"); }

QString PostgresBackend::displayName() const { return m_segments->displayName(); }

SegmentStore& PostgresBackend::segments() { return *m_segments; }

MetricsStore& PostgresBackend::metrics() { return *m_metrics; }

ComparisonSource& PostgresBackend::comparisons() { return *m_comparisons; }

SavedComparisonStore& PostgresBackend::savedComparisons() { return *m_savedComparisons; }

ExperimentStore& PostgresBackend::experiments() { return *m_experiments; }

AuditStore& PostgresBackend::audit() { return *m_audit; }

ImpressionsPipeline& PostgresBackend::pipeline() { return *m_pipeline; }

AudienceStore& PostgresBackend::audiences() { return *m_audiences; }

AccessStore& PostgresBackend::access() { return *m_access; }

BackendDiagnostics* PostgresBackend::diagnostics() { return m_diagnostics.get(); }

} // namespace core
