#include "backends/databricks/databricks_connection.h"

#include "backends/databricks/databricks_diagnostics.h"

#include <spdlog/spdlog.h>

#include "databricks/auth/auth_provider_factory.h"
#include "databricks/diagnostics/doctor.h"
#include "databricks/diagnostics/workspace_probe.h"
#include "databricks/http/api_client.h"
#include "databricks/provisioner.h"
#include "databricks/statement/statement_client.h"
#include "databricks/files/volume_files.h"
#include "databricks/jobs/jobs_client.h"
#include "backends/databricks/refresh_jobs.h"
#include "backends/databricks/report_jobs.h"
#include "backends/databricks/databricks_audience_store.h"
#include "backends/databricks/databricks_audit_store.h"
#include "backends/databricks/databricks_comparison_source.h"
#include "backends/databricks/databricks_access_store.h"
#include "backends/databricks/databricks_experiment_store.h"
#include "backends/databricks/databricks_impressions_pipeline.h"
#include "backends/databricks/databricks_metrics_store.h"
#include "backends/databricks/databricks_saved_comparison_store.h"
#include "backends/databricks/databricks_segment_store.h"
#include "databricks/warehouse/warehouse_client.h"
#include "databricks/workspace/workspace_files.h"
#include "logging/logging.h"
#include "sql/provisioning_sql.h"

namespace core {

Result<std::unique_ptr<DatabricksConnection>>
DatabricksConnection::create(const DatabricksConfig& config, const DatabricksConnectionOptions& options,
                             QObject* parent)
{
    if (!options.network || !options.catalogue)
        return Error::internal(
            QStringLiteral("DatabricksConnection needs a QNetworkAccessManager and the catalogue"));
    const QUrl host(config.host.value);
    if (!host.isValid() || host.scheme().isEmpty() || host.host().isEmpty()) {
        Error e = Error::validation(
            QStringLiteral("host_invalid"),
            QStringLiteral("“%1” is not a Databricks workspace URL.").arg(config.host.value));
        e.remediation = QStringLiteral(
            "Set host to the workspace URL, e.g. https://dbc-a1b2c3d4-e5f6.cloud.databricks.com.");
        return e;
    }
    for (const ConfigValue* value : {&config.catalog, &config.schema}) {
        if (!ProvisioningSql::isValidIdentifier(value->value)) {
            Error e = Error::validation(
                QStringLiteral("identifier_invalid"),
                QStringLiteral("“%1” is not a catalog or schema name the app accepts.").arg(value->value));
            e.detail = value->origin;
            e.remediation =
                QStringLiteral("Use letters, digits and _ only (set catalog / schema in the profile%1).")
                    .arg(value->origin.isEmpty() ? QString() : QStringLiteral(", now from ") + value->origin);
            return e;
        }
    }
    AuthDependencies deps;
    deps.network = options.network;
    deps.secrets = options.secrets;
    deps.openBrowser = options.openBrowser;
    deps.requestTimeout = options.retryPolicy.requestTimeout;
    auto auth = createAuthProvider(config, deps);
    if (!auth)
        return auth.error();

    std::unique_ptr<DatabricksConnection> c(new DatabricksConnection(config, options, parent));
    c->m_auth = std::move(auth).value();
    c->m_api = std::make_unique<ApiClient>(options.network, c->m_auth.get(), host, options.retryPolicy);
    c->m_statements = std::make_unique<StatementClient>(c->m_api.get(), config.warehouseId.value);
    c->m_inquiry = std::make_unique<DatabricksStatementInquiry>(c->m_statements.get());
    c->m_statements->setPollBackoff(options.firstPoll, options.maxPoll);
    c->m_warehouses = std::make_unique<WarehouseClient>(c->m_api.get());
    c->m_probe = std::make_unique<WorkspaceProbe>(options.network, c->m_api.get(), c->m_warehouses.get(),
                                                  c->m_statements.get());
    c->m_doctor = std::make_unique<Doctor>(c->m_probe.get(), c->diagnosticsTarget());
    c->m_provisioner = std::make_unique<Provisioner>(c->m_statements.get());
    c->m_store = std::make_unique<DatabricksSegmentStore>(
        c->m_statements.get(), config.catalog.value, config.schema.value, options.catalogue, host.host());
    c->m_metrics = std::make_unique<DatabricksMetricsStore>(c->m_statements.get(), config.catalog.value,
                                                            config.schema.value);
    c->m_comparisons = std::make_unique<DatabricksComparisonSource>(c->m_statements.get(), config.catalog.value,
                                                                    config.schema.value, *c->m_metrics);
    c->m_savedComparisons = std::make_unique<DatabricksSavedComparisonStore>(
        c->m_statements.get(), config.catalog.value, config.schema.value);
    c->m_audiences = std::make_unique<DatabricksAudienceStore>(c->m_statements.get(), config.catalog.value,
                                                               config.schema.value, *c->m_store);
    c->m_experiments = std::make_unique<DatabricksExperimentStore>(c->m_statements.get(), config.catalog.value,
                                                                   config.schema.value);
    c->m_access = std::make_unique<DatabricksAccessStore>(c->m_statements.get(), config.catalog.value,
                                                          config.schema.value);
    c->m_store->setAccess(c->m_access.get());
    c->m_experiments->setAccess(c->m_access.get());
    c->m_audit = std::make_unique<DatabricksAuditStore>(c->m_statements.get(), config.catalog.value, config.schema.value);
    c->m_files = std::make_unique<VolumeFiles>(c->m_api.get());
    c->m_pipeline = std::make_unique<DatabricksImpressionsPipeline>(c->m_statements.get(), c->m_files.get(),
                                                                    c->m_store.get(), config.catalog.value,
                                                                    config.schema.value, options.catalogue);
    c->m_workspaceFiles = std::make_unique<WorkspaceFiles>(c->m_api.get());
    c->m_jobs = std::make_unique<JobsClient>(c->m_api.get());
    c->m_refreshJobs = std::make_unique<RefreshJobs>(c->m_jobs.get(), c->m_workspaceFiles.get(), c->m_statements.get(),
                                                     c->m_pipeline.get(), config.catalog.value, config.schema.value,
                                                     config.warehouseId.value);
    c->m_reportJobs = std::make_unique<ReportJobs>(c->m_jobs.get(), c->m_workspaceFiles.get(), c->m_statements.get(),
                                                   config.catalog.value, config.schema.value, config.warehouseId.value);
    logging::logger("core.databricks")
        ->info("Databricks connection to {} ({}, warehouse {}, {}.{})", config.host.value.toStdString(),
               c->m_auth->describe().toStdString(), config.warehouseId.value.toStdString(),
               config.catalog.value.toStdString(), config.schema.value.toStdString());
    return c;
}

DatabricksConnection::DatabricksConnection(DatabricksConfig config,
                                           const DatabricksConnectionOptions& options, QObject* parent)
    : QObject(parent), m_config(std::move(config)), m_provisionCommand(options.provisionCommand)
{
}

DatabricksConnection::~DatabricksConnection()
{
    // Calls in flight end as Cancelled rather than outliving what they need.
    if (m_statements)
        m_statements->cancelAll();
    if (m_api)
        m_api->cancelAll();
    m_diagnostics.reset();
    m_refreshJobs.reset();
    m_reportJobs.reset();
    m_jobs.reset();
    m_workspaceFiles.reset();
    m_pipeline.reset();
    m_files.reset();
    m_audiences.reset();
    m_audit.reset();
    m_experiments.reset();
    m_access.reset();
    m_savedComparisons.reset();
    m_metrics.reset();
    m_store.reset();
    m_provisioner.reset();
    m_doctor.reset();
    m_probe.reset();
    m_warehouses.reset();
    m_statements.reset();
    m_api.reset();
    m_auth.reset();
}

QString DatabricksConnection::kind() const
{
    return QStringLiteral("databricks");
}

SegmentStore& DatabricksConnection::segments()
{
    return *m_store;
}

MetricsStore& DatabricksConnection::metrics()
{
    return *m_metrics;
}

SavedComparisonStore& DatabricksConnection::savedComparisons()
{
    return *m_savedComparisons;
}

AccessStore& DatabricksConnection::access()
{
    Q_ASSERT(m_access);
    return *m_access;
}

ExperimentStore& DatabricksConnection::experiments()
{
    return *m_experiments;
}

AuditStore& DatabricksConnection::audit()
{
    return *m_audit;
}

ComparisonSource& DatabricksConnection::comparisons()
{
    return *m_comparisons;
}

AudienceStore& DatabricksConnection::audiences()
{
    return *m_audiences;
}

ImpressionsPipeline& DatabricksConnection::pipeline()
{
    return *m_pipeline;
}

ReportScheduler* DatabricksConnection::reportScheduler()
{
    return m_reportJobs.get();
}

StatementInquiry* DatabricksConnection::statementInquiry() { return m_inquiry.get(); }

BackendDiagnostics* DatabricksConnection::diagnostics()
{
    if (!m_diagnostics)
        m_diagnostics = std::make_unique<DatabricksDiagnostics>(*this);
    return m_diagnostics.get();
}

QString DatabricksConnection::displayName() const
{
    return QStringLiteral("%1 · %2.%3").arg(QUrl(m_config.host.value).host(), catalog(), schema());
}

DiagnosticsTarget DatabricksConnection::diagnosticsTarget() const
{
    DiagnosticsTarget t;
    t.host = m_config.host.value;
    t.hostOrigin = m_config.host.origin;
    t.warehouseId = m_config.warehouseId.value;
    t.warehouseOrigin = m_config.warehouseId.origin;
    t.catalog = m_config.catalog.value;
    t.schema = m_config.schema.value;
    t.authType = m_config.authType.value;
    const ConfigValue& credential =
        t.authType == QLatin1String("oauth-m2m") ? m_config.clientSecret : m_config.token;
    t.credentialOrigin = credential.origin;
    t.profile = m_config.profile.value;
    t.configFile = m_config.configFile;
    t.provisionCommand = m_provisionCommand;
    return t;
}

QFuture<Result<CurrentUser>> DatabricksConnection::currentUser()
{
    return m_probe->currentUser();
}

} // namespace core
