#pragma once

#include "activation/sync/audience_sync.h"
#include "activation/sync/destination_credentials.h"
#include "activation/sync/destination_endpoints.h"
#include "databricks/http/retry_policy.h"

#include <QFuture>
#include <QObject>
#include <QProcessEnvironment>

#include <memory>

class QNetworkAccessManager;

namespace core {

class SecretStore;

// One sync of a destination with everything wired, as `segctl audiences sync` and the window
// run it: reads the destination (AudienceSyncState), its credentials (the SecretStore, or the
// environment for CredentialSource::Environment), builds the platform client
// (DestinationFactory) and runs AudienceSync. A renewed Meta long-lived token is written back to
// the SecretStore, so the next run exchanges the fresh one. The plan, progress and batches are
// relayed. Lives on the thread of its QNetworkAccessManager; one run per job.
class DestinationSyncJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DestinationSyncJob)

public:
    DestinationSyncJob(AudienceSyncState* state, SecretStore* secrets, DestinationEndpoints endpoints,
                       QNetworkAccessManager* network, RetryPolicy policy = {}, QObject* parent = nullptr);
    ~DestinationSyncJob() override;

    // Where CredentialSource::Environment credentials are read (default: the process's).
    void setEnvironment(QProcessEnvironment environment) { m_environment = std::move(environment); }
    // Rows per request (0: the platform's maximum).
    void setBatchRows(int rows) { m_batchRows = rows; }

    // The plan, or the report of the run (AudienceSync::run). A dry run reads no credentials.
    QFuture<Result<AudienceSyncReport>> start(AudienceSyncRequest request);
    void cancel();

signals:
    void planned(const core::AudienceSyncPlan& plan);
    void progress(const core::AudienceSyncProgress& progress);
    void batchFinished(const core::AudienceBatchReport& batch);

private:
    void run(const DestinationConfig& config, const DestinationCredentials& credentials);

    AudienceSyncState* m_state;
    SecretStore* m_secrets;
    DestinationEndpoints m_endpoints;
    QNetworkAccessManager* m_network;
    RetryPolicy m_policy;
    QProcessEnvironment m_environment = QProcessEnvironment::systemEnvironment();
    int m_batchRows = 0;
    bool m_cancelled = false;
    AudienceSyncRequest m_request;
    std::shared_ptr<struct DestinationSyncJobState> m_job;
    std::unique_ptr<AudienceDestination> m_destination;
    std::unique_ptr<AudienceSync> m_sync;
};

} // namespace core
