// A process that syncs a destination and is killed (SIGKILL) while its sync is under way, for
// activation_sync_tests' "killed half-way and resumed" case: the state it leaves is what a
// crash or a closed laptop leaves.
//
// activation_sync_child STATE_PATH DESTINATION google|meta ROWS BATCH_ROWS KILL_AFTER_BATCHES
// Endpoints and credentials come from the environment (SEGCTL_*; the destination's credentials
// are CredentialSource::Environment). Exit code 3 when the sync ended before the kill.
#include <csignal>

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QTimer>

#include "activation/sync/destination_sync_job.h"
#include "common/future_wait.h"
#include "logging/logging.h"
#include "support/activation_rows.h"

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 7)
        return 1;
    core::logging::initialize(QString(), false, core::logging::Console::Nothing);
    auto state = core::AudienceSyncState::open(args.at(1));
    auto endpoints = core::DestinationEndpoints::fromEnvironment();
    const auto platform = core::parseAudiencePlatform(args.at(3));
    if (!state || !endpoints || !platform)
        return 2;
    QNetworkAccessManager network;
    core::RetryPolicy policy;
    policy.firstDelay = std::chrono::milliseconds(20);
    core::DestinationSyncJob job(state.value().get(), nullptr, endpoints.value(), &network, policy);
    job.setBatchRows(args.at(5).toInt());
    const int killAfter = args.at(6).toInt();
    QObject::connect(&job, &core::DestinationSyncJob::progress, [killAfter](const core::AudienceSyncProgress& p) {
        if (p.batchesDone == killAfter) // the next batch is on its way: die while it is
            QTimer::singleShot(5, [] { std::raise(SIGKILL); });
    });
    core::AudienceSyncRequest request;
    request.destinationName = args.at(2);
    request.segmentId = QStringLiteral("seg-1");
    request.rows = testsupport::rows(*platform, 0, args.at(4).toInt());
    core::awaitFuture(job.start(request));
    return 3;
}
