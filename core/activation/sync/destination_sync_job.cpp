#include "activation/sync/destination_sync_job.h"

#include "activation/sync/destination_credentials.h"
#include "activation/sync/destination_factory.h"
#include "activation/sync/destination_promise.h"
#include "databricks/auth/secret_store.h"
#include "logging/logging.h"

#include <spdlog/spdlog.h>

namespace core {

struct DestinationSyncJobState
{
    SharedPromise<Result<AudienceSyncReport>> promise;
};

DestinationSyncJob::DestinationSyncJob(AudienceSyncState* state, SecretStore* secrets, DestinationEndpoints endpoints,
                                       QNetworkAccessManager* network, RetryPolicy policy, QObject* parent)
    : QObject(parent), m_state(state), m_secrets(secrets), m_endpoints(std::move(endpoints)), m_network(network),
      m_policy(policy)
{
}

DestinationSyncJob::~DestinationSyncJob()
{
    m_sync.reset(); // finishes a run in flight (Cancelled) before the destination goes
    m_destination.reset();
    if (m_job)
        m_job->promise.finish(Error{ErrorKind::Cancelled, 0, QStringLiteral("cancelled"),
                                    QStringLiteral("The sync was cancelled."), {}, {}});
}

QFuture<Result<AudienceSyncReport>> DestinationSyncJob::start(AudienceSyncRequest request)
{
    if (m_job)
        return QtFuture::makeReadyFuture(Result<AudienceSyncReport>(
            Error::internal(QStringLiteral("DestinationSyncJob::start called twice"))));
    m_job = std::make_shared<DestinationSyncJobState>();
    auto future = m_job->promise.future();
    m_request = std::move(request);
    auto config = m_state->destination(m_request.destinationName);
    if (!config) {
        m_job->promise.finish(config.error());
        return future;
    }
    if (m_request.dryRun) {
        // The plan needs no credentials: a client with placeholders is never asked to send.
        DestinationCredentials placeholder;
        placeholder.clientId = placeholder.clientSecret = placeholder.refreshToken = placeholder.accessToken =
            QStringLiteral("unused");
        run(config.value(), placeholder);
        return future;
    }
    if (config.value().credentialSource == CredentialSource::Environment) {
        run(config.value(), DestinationCredentials::fromEnvironment(config.value().platform, m_environment));
        return future;
    }
    if (!m_secrets) {
        m_job->promise.finish(Error::internal(QStringLiteral("no SecretStore for keychain credentials")));
        return future;
    }
    const DestinationConfig destination = config.value();
    DestinationCredentialStore(*m_secrets).read(destination.name).then(this, [this, destination](Result<DestinationCredentials> c) {
        if (!c)
            return m_job->promise.finish(c.error());
        if (m_cancelled)
            return m_job->promise.finish(Error{ErrorKind::Cancelled, 0, QStringLiteral("cancelled"),
                                               QStringLiteral("The sync was cancelled."), {}, {}});
        run(destination, c.value());
    });
    return future;
}

void DestinationSyncJob::run(const DestinationConfig& config, const DestinationCredentials& credentials)
{
    std::function<void(const QString&)> renewed;
    if (config.platform == AudiencePlatform::Meta && config.credentialSource == CredentialSource::Keychain && m_secrets) {
        SecretStore* secrets = m_secrets;
        const QString name = config.name;
        renewed = [secrets, name, credentials](const QString& token) {
            DestinationCredentials updated = credentials;
            updated.accessToken = token;
            DestinationCredentialStore(*secrets).write(name, updated).then([name](Status ok) {
                if (!ok)
                    logging::logger("core.activation")
                        ->warn("the renewed Meta token of {} could not be kept: {}", name.toStdString(),
                               ok.error().toString().toStdString());
            });
        };
    }
    auto destination = DestinationFactory::create(config, credentials, m_endpoints, m_network, m_policy, renewed);
    if (!destination)
        return m_job->promise.finish(destination.error());
    m_destination = std::move(destination.value());
    m_sync = std::make_unique<AudienceSync>(m_state, m_destination.get());
    if (m_batchRows > 0)
        m_sync->setBatchRows(m_batchRows);
    connect(m_sync.get(), &AudienceSync::planned, this, &DestinationSyncJob::planned);
    connect(m_sync.get(), &AudienceSync::progress, this, &DestinationSyncJob::progress);
    connect(m_sync.get(), &AudienceSync::batchFinished, this, &DestinationSyncJob::batchFinished);
    auto job = m_job;
    m_sync->run(m_request).then(this, [job](Result<AudienceSyncReport> report) { job->promise.finish(std::move(report)); });
    if (m_cancelled)
        m_sync->cancel();
}

void DestinationSyncJob::cancel()
{
    m_cancelled = true;
    if (m_sync)
        m_sync->cancel();
}

} // namespace core
