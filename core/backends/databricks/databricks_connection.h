#pragma once

#include <chrono>
#include <functional>
#include <memory>

#include <QFuture>
#include <QObject>
#include <QUrl>

#include "backends/backend.h"
#include "backends/databricks/databricks_statement_inquiry.h"
#include "common/result.h"
#include "databricks/config/databricks_config.h"
#include "databricks/diagnostics/current_user.h"
#include "databricks/diagnostics/diagnostics_target.h"
#include "databricks/http/retry_policy.h"

class QNetworkAccessManager;

namespace core {

class ApiClient;
class AuthProvider;
class Catalogue;
class ComparisonSource;
class DatabricksAudienceStore;
class DatabricksComparisonSource;
class DatabricksDiagnostics;
class DatabricksExperimentStore;
class DatabricksAccessStore;
class DatabricksAuditStore;
class DatabricksImpressionsPipeline;
class DatabricksMetricsStore;
class DatabricksSavedComparisonStore;
class DatabricksSegmentStore;
class Doctor;
class ImpressionsPipeline;
class JobsClient;
class RefreshJobs;
class ReportJobs;
class MetricsStore;
class Provisioner;
class SavedComparisonStore;
class SecretStore;
class SegmentStore;
class StatementClient;
class VolumeFiles;
class WorkspaceFiles;
class WarehouseClient;
class WorkspaceProbe;

// What a connection needs from its owner (main.cpp, segctl, a test). Nothing here is owned.
struct DatabricksConnectionOptions
{
    QNetworkAccessManager* network = nullptr;     // required; the connection lives on its thread
    std::shared_ptr<const Catalogue> catalogue;   // required by the segment store
    SecretStore* secrets = nullptr;               // browser sign-in refresh tokens; may be null
    std::function<void(const QUrl&)> openBrowser; // browser sign-in; empty: not offered
    RetryPolicy retryPolicy;                      // the REST layer's retries and timeouts
    std::chrono::milliseconds firstPoll{500};     // statement polling backoff
    std::chrono::milliseconds maxPoll{5000};
    QString provisionCommand = QStringLiteral("segctl provision"); // named in diagnostics fixes
};

// The Databricks backend's factory and bundle: one Databricks connection, wired in one place from a resolved DatabricksConfig:
//   AuthProvider → ApiClient → StatementClient → DatabricksSegmentStore, DatabricksMetricsStore
//                                              → DatabricksComparisonSource (with the metrics)
//                                              → DatabricksSavedComparisonStore
//                                              → DatabricksAudienceStore (with the segment store)
//                                              → DatabricksSavedComparisonStore, DatabricksExperimentStore
//                            → VolumeFiles ──────→ DatabricksImpressionsPipeline (with the two above)
//                            → JobsClient, WorkspaceFiles → RefreshJobs (with the pipeline)
//                            → WarehouseClient
//   WorkspaceProbe → Doctor;  Provisioner
// All owned here, so segctl and the GUI share the wiring. Lives on the network's thread.
class DatabricksConnection final : public QObject, public Backend
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DatabricksConnection)

public:
    // Errors: invalid catalog or schema name, an auth type that cannot be used (no browser for
    // external-browser, databricks-cli), missing options.
    static Result<std::unique_ptr<DatabricksConnection>> create(const DatabricksConfig& config,
                                                                const DatabricksConnectionOptions& options,
                                                                QObject* parent = nullptr);
    ~DatabricksConnection() override;

    const DatabricksConfig& config() const { return m_config; }
    QString host() const { return m_config.host.value; }
    QString warehouseId() const { return m_config.warehouseId.value; }
    QString catalog() const { return m_config.catalog.value; }
    QString schema() const { return m_config.schema.value; }
    // "dbc-a1b2.cloud.databricks.com · main.ad_segments" for status bars and messages.
    QString displayName() const override;

    AuthProvider* auth() const { return m_auth.get(); }
    ApiClient* api() const { return m_api.get(); }
    StatementClient* statements() const { return m_statements.get(); }
    WarehouseClient* warehouses() const { return m_warehouses.get(); }
    QString kind() const override;
    SegmentStore& segments() override;
    MetricsStore& metrics() override;
    ComparisonSource& comparisons() override;
    // Saved comparisons, in a table shared by everyone using catalog.schema.
    SavedComparisonStore& savedComparisons() override;
    // Experiments, in tables shared by everyone using catalog.schema.
    ExperimentStore& experiments() override;
    // Roles per advertiser (advertiser_access, enforced by Unity Catalog row filters).
    AccessStore& access() override;
    AuditStore& audit() override;
    ImpressionsPipeline& pipeline() override;
    // Members and the data engineers' customer_identifiers table (read only).
    AudienceStore& audiences() override;
    BackendDiagnostics* diagnostics() override;
    ReportScheduler* reportScheduler() override;
    StatementInquiry* statementInquiry() override;
    VolumeFiles* volumeFiles() const { return m_files.get(); }
    // The scheduled refresh job of this catalog.schema (Jobs API).
    RefreshJobs* refreshJobs() const { return m_refreshJobs.get(); }
    WorkspaceProbe* probe() const { return m_probe.get(); }
    Doctor* doctor() const { return m_doctor.get(); }
    Provisioner* provisioner() const { return m_provisioner.get(); }

    // Settings for the Doctor, without secrets.
    DiagnosticsTarget diagnosticsTarget() const;
    // Who the credentials belong to (SCIM Me); the principal GRANT fixes name.
    QFuture<Result<CurrentUser>> currentUser();

private:
    DatabricksConnection(DatabricksConfig config, const DatabricksConnectionOptions& options,
                         QObject* parent);

    DatabricksConfig m_config;
    QString m_provisionCommand;
    // Declared in dependency order: destroyed in reverse, the store before what it uses.
    std::unique_ptr<AuthProvider> m_auth;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<StatementClient> m_statements;
    std::unique_ptr<DatabricksStatementInquiry> m_inquiry; // asks m_statements
    std::unique_ptr<WarehouseClient> m_warehouses;
    std::unique_ptr<WorkspaceProbe> m_probe;
    std::unique_ptr<Doctor> m_doctor;
    std::unique_ptr<Provisioner> m_provisioner;
    std::unique_ptr<DatabricksSegmentStore> m_store;
    std::unique_ptr<DatabricksMetricsStore> m_metrics;
    std::unique_ptr<DatabricksComparisonSource> m_comparisons;
    std::unique_ptr<DatabricksSavedComparisonStore> m_savedComparisons;
    std::unique_ptr<DatabricksAudienceStore> m_audiences;
    std::unique_ptr<DatabricksAccessStore> m_access; // before the stores using it are destroyed
    std::unique_ptr<DatabricksExperimentStore> m_experiments;
    std::unique_ptr<DatabricksAuditStore> m_audit;
    std::unique_ptr<VolumeFiles> m_files;
    std::unique_ptr<DatabricksImpressionsPipeline> m_pipeline;
    std::unique_ptr<WorkspaceFiles> m_workspaceFiles;
    std::unique_ptr<JobsClient> m_jobs;
    std::unique_ptr<RefreshJobs> m_refreshJobs;
    std::unique_ptr<ReportJobs> m_reportJobs;
    std::unique_ptr<DatabricksDiagnostics> m_diagnostics;
};

} // namespace core
