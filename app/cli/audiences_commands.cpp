#include "audiences_commands.h"

#include <memory>

#include <QDir>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QObject>

#include "activation/audience_export.h"
#include "activation/audience_normaliser.h"
#include "activation/audience_source.h"
#include "activation/sync/audience_sync_state.h"
#include "activation/sync/destination_endpoints.h"
#include "activation/sync/destination_sync_job.h"
#include "backends/audience_store.h"
#include "backends/backend.h"
#include "command_context.h"
#include "exit_code.h"
#include "keychain_secret_store.h"
#include "parsed_args.h"
#include "terminal_progress.h"

namespace segctl {

namespace {

using core::AudiencePlatform;
using Open = CommandContext::Open;

// Counts as the pre-flight writes them (1,234), whatever the machine's locale.
QString count(qint64 n)
{
    static const QLocale english(QLocale::English, QLocale::UnitedStates);
    return english.toString(n);
}

QString rowsText(qint64 n)
{
    return n == 1 ? QStringLiteral("1 row") : QStringLiteral("%1 rows").arg(count(n));
}

int percentOf(qint64 done, qint64 total)
{
    return total > 0 ? int(100 * done / total) : 100;
}

// The segment's members and their identifiers, with a line at a terminal meanwhile.
core::Result<core::AudienceSource> readSource(core::Backend& backend, const QString& segmentId,
                                              TerminalProgress& progress)
{
    progress.show(-1, QStringLiteral("Reading the segment's members and their identifiers…"));
    QObject context; // the store's continuations run on this (the main) thread
    return CommandContext::await(core::readAudienceSource(backend.audiences(), segmentId, &context));
}

// --experiment ID --arm NAME: the segment cut to one arm of an experiment on it. The holdout is
// never activated by default (its people must not see the campaign): --arm holdout needs
// --allow-holdout, e.g. for a suppression list.
core::Result<core::AudienceSource> cutToArm(core::Backend& backend, core::AudienceSource source, const ParsedArgs& args)
{
    const bool experiment = args.isSet(QStringLiteral("experiment"));
    const bool arm = args.isSet(QStringLiteral("arm"));
    if (!experiment && !arm)
        return source;
    if (experiment != arm)
        return core::Error::validation(QStringLiteral("arm_needs_experiment"),
                                       QStringLiteral("--experiment and --arm go together: the experiment and which of "
                                                      "its arms to activate."));
    const QString name = args.value(QStringLiteral("arm")).trimmed();
    if (name == QLatin1String("holdout") && !args.isSet(QStringLiteral("allow-holdout"))) {
        core::Error e = core::Error::validation(
            QStringLiteral("holdout_not_activated"),
            QStringLiteral("The holdout is never activated by default: its people are the comparison that shows "
                           "whether the campaign works, and must not see it."));
        e.remediation = QStringLiteral("Add --allow-holdout to write it anyway (for a suppression list).");
        return e;
    }
    QObject context;
    auto found = CommandContext::await(backend.experiments().get(args.value(QStringLiteral("experiment")).trimmed()));
    if (!found)
        return found.error();
    return core::audienceOfArm(source, found.value(), name);
}

core::AudienceExport::Progress hashingProgress(TerminalProgress& progress)
{
    return [&progress](qint64 done, qint64 total) {
        progress.show(percentOf(done, total),
                      QStringLiteral("Normalising and hashing: %1 of %2 people").arg(count(done), count(total)));
        return true;
    };
}

// The pre-flight blocks: exit code 2 with what to do, after its lines were printed.
core::Error blockedError(const core::AudiencePreflight& preflight, const QString& nothing)
{
    QString why;
    for (const auto& f : preflight.findings) {
        if (f.severity == core::AudiencePreflight::Severity::Blocking) {
            why = f.message;
            break;
        }
    }
    core::Error e = core::Error::validation(QStringLiteral("preflight_blocked"),
                                            QStringLiteral("The pre-flight blocks this audience; %1. %2").arg(nothing, why));
    e.remediation = QStringLiteral("Add --force to go ahead anyway.");
    return e;
}

void printPreflight(CommandContext& context, const core::AudiencePreflight& preflight)
{
    context.print(preflight.lines().join(QLatin1Char('\n')) + QLatin1Char('\n'));
}

const OptionSpec kSegment{QStringLiteral("segment"), QStringLiteral("ID"), QStringLiteral("the segment (required)"), {}};
const OptionSpec kExperiment{QStringLiteral("experiment"), QStringLiteral("ID"),
                             QStringLiteral("with --arm: only the people of one arm of this experiment on the segment"),
                             {}};
const OptionSpec kArm{QStringLiteral("arm"), QStringLiteral("NAME"),
                      QStringLiteral("the experiment's arm to activate, or holdout (needs --allow-holdout)"), {}};
const OptionSpec kAllowHoldout{QStringLiteral("allow-holdout"), {},
                               QStringLiteral("let --arm holdout through (never by default: e.g. a suppression list)"),
                               {}};
const OptionSpec kForce{QStringLiteral("force"), {},
                        QStringLiteral("go ahead even when the pre-flight blocks (fewer than 100 people to match)"), {}};

QString describeOutcome(const core::AudienceBatchReport& b)
{
    const QString what = QStringLiteral("Batch %1 (%2, %3): ")
                             .arg(b.sequence)
                             .arg(core::audienceOperationKey(b.operation), rowsText(b.rows));
    if (b.state == QLatin1String("acknowledged"))
        return what + QStringLiteral("acknowledged");
    if (b.state == QLatin1String("partial"))
        return what + b.message;
    return what + b.state + (b.message.isEmpty() ? QString() : QStringLiteral(" — ") + b.message);
}

} // namespace

QList<CommandSpec> AudiencesCommands::specs()
{
    QList<CommandSpec> out;
    out.append(CommandSpec{
        {QStringLiteral("audiences"), QStringLiteral("export")},
        QStringLiteral("Write a segment's hashed customer-list file for Google Ads or Meta"),
        QStringLiteral(
            "Writes the upload file of a Google Ads Customer Match list or a Meta custom audience: one row per "
            "member of the segment (the people its reach counts) with an identifier the platform can match, "
            "every value normalised by the platform's rules and SHA-256 hashed on this computer (Google keeps "
            "Country and Zip in clear). Columns exactly — google: Email,Phone,First Name,Last Name,Country,Zip; "
            "meta: email,phone,fn,ln,ct,st,zip,country,doby.\n"
            "First it prints the pre-flight: members, members with identifiers, how many can be matched (the "
            "file's rows), coverage per key, values left out and why, and the platform's minimums. Fewer than "
            "100 people to match blocks: nothing is written and the exit code is 2, unless --force.\n"
            "The file is written atomically (an existing file is replaced only once the new one is complete), "
            "so there is no --output - for standard output. Progress is shown on a terminal's stderr."),
        {},
        {kSegment,
         {QStringLiteral("platform"), QStringLiteral("PLATFORM"), QStringLiteral("the ad platform (required)"),
          {QStringLiteral("google"), QStringLiteral("meta")}},
         {QStringLiteral("output"), QStringLiteral("FILE.csv"), QStringLiteral("the file to write (required)"), {}},
         kForce, kExperiment, kArm, kAllowHoldout},
        {QStringLiteral("segctl audiences export --segment 6f1c2d3e-0000-4000-8000-000000000001 --platform google "
                        "--output buyers-google.csv"),
         QStringLiteral("segctl --profile prod audiences export --segment ID --platform meta --output buyers-meta.csv")},
        &AudiencesCommands::exportFile});
    out.append(CommandSpec{
        {QStringLiteral("audiences"), QStringLiteral("sync")},
        QStringLiteral("Bring a destination's platform audience up to date with a segment"),
        QStringLiteral(
            "Sends a segment to a destination (`segctl destinations add`). The rows are the ones `audiences export` "
            "writes for the destination's platform, with the same hashes. The first sync creates the platform "
            "audience (named by the destination's --audience-name, else after the segment); every sync sends "
            "only the difference since the last one: rows to remove, then rows to add, in requests of at most "
            "10,000 rows.\n"
            "It prints the pre-flight (a blocking one stops it with exit code 2 unless --force), the plan (rows "
            "to add, to remove, unchanged) and each batch's outcome. A sync that fails part-way keeps what the "
            "platform acknowledged and exits 3: run it again and it sends what is missing; rows the platform "
            "rejected make it partial (exit 3) and are tried again next time. --dry-run prints the plan and "
            "sends, creates and records nothing (no credentials needed).\n"
            "Credentials come from the keychain, or from the environment for destinations added with "
            "--credentials-from-env. Endpoints (for testing): SEGCTL_GOOGLE_DATAMANAGER_URL, "
            "SEGCTL_GOOGLE_TOKEN_URL, SEGCTL_META_GRAPH_URL, SEGCTL_META_TOKEN_URL."),
        {},
        {kSegment,
         {QStringLiteral("destination"), QStringLiteral("NAME"), QStringLiteral("the destination (required)"), {}},
         {QStringLiteral("dry-run"), {}, QStringLiteral("print the plan; send nothing"), {}},
         kForce,
         {QStringLiteral("batch-rows"), QStringLiteral("N"),
          QStringLiteral("rows per request, 1 to 10,000 (default 10,000)"), {}},
         {QStringLiteral("retries"), QStringLiteral("N"),
          QStringLiteral("tries again per request after throttling or a lost connection, 0 to 20 (default 7)"), {}}},
        {QStringLiteral("segctl audiences sync --segment 6f1c2d3e-0000-4000-8000-000000000001 --destination ads-eu "
                        "--dry-run"),
         QStringLiteral("segctl audiences sync --segment 6f1c2d3e-0000-4000-8000-000000000001 --destination ads-eu")},
        &AudiencesCommands::sync});
    return out;
}

int AudiencesCommands::exportFile(CommandContext& context, const ParsedArgs& args)
{
    const QString segmentId = args.value(QStringLiteral("segment")).trimmed();
    if (segmentId.isEmpty())
        return context.usageError(QStringLiteral("`segctl audiences export` needs --segment ID"));
    if (!args.isSet(QStringLiteral("platform")))
        return context.usageError(QStringLiteral("`segctl audiences export` needs --platform google or --platform meta"));
    const AudiencePlatform platform = *core::parseAudiencePlatform(args.value(QStringLiteral("platform")));
    const QString output = args.value(QStringLiteral("output"));
    if (output.isEmpty())
        return context.usageError(QStringLiteral("`segctl audiences export` needs --output FILE.csv"));
    if (output == QLatin1String("-"))
        return context.usageError(QStringLiteral("--output - is not possible: the audience file is written atomically "
                                                 "and the pre-flight goes to standard output; name a file"));

    auto normaliser = core::AudienceNormaliser::forPlatform(platform);
    if (!normaliser)
        return context.fail(normaliser.error());
    auto backend = context.backend(Open::ExistingOnly);
    if (!backend)
        return context.fail(backend.error());
    TerminalProgress progress;
    auto source = readSource(*backend.value(), segmentId, progress);
    if (source)
        source = cutToArm(*backend.value(), std::move(source).value(), args);
    if (!source) {
        progress.finish();
        return context.fail(source.error());
    }
    const core::AudienceExport exporter(std::make_shared<const core::AudienceNormaliser>(std::move(normaliser.value())));
    auto prepared = exporter.prepare(source.value().members, source.value().people, hashingProgress(progress));
    progress.finish();
    if (!prepared)
        return context.fail(prepared.error());
    const core::AudiencePreflight& preflight = prepared.value().preflight;
    printPreflight(context, preflight);
    const bool force = args.isSet(QStringLiteral("force"));
    if (preflight.blocked() && !force)
        return context.fail(blockedError(preflight, QStringLiteral("nothing was written")));

    const qint64 rows = prepared.value().rows;
    const core::Status written =
        core::AudienceExport::write(prepared.value(), output, [&progress](qint64 done, qint64 total) {
            progress.show(percentOf(done, total), QStringLiteral("Writing: %1 of %2 rows").arg(count(done), count(total)));
            return true;
        });
    progress.finish();
    if (!written)
        return context.fail(written.error());
    context.print(QStringLiteral("%1Wrote %2 to %3 (%4 customer list: %5).\n")
                      .arg(preflight.blocked() ? QStringLiteral("Blocked, written anyway (--force). ") : QString(),
                           rowsText(rows), QDir::toNativeSeparators(output), core::audiencePlatformName(platform),
                           prepared.value().columns.join(QLatin1Char(','))));
    return 0;
}

int AudiencesCommands::sync(CommandContext& context, const ParsedArgs& args)
{
    const QString segmentId = args.value(QStringLiteral("segment")).trimmed();
    if (segmentId.isEmpty())
        return context.usageError(QStringLiteral("`segctl audiences sync` needs --segment ID"));
    const QString name = args.value(QStringLiteral("destination")).trimmed();
    if (name.isEmpty())
        return context.usageError(QStringLiteral("`segctl audiences sync` needs --destination NAME"));
    const auto number = [&](const QString& option, int low, int high, int fallback, int* out) {
        if (!args.isSet(option)) {
            *out = fallback;
            return true;
        }
        bool ok = false;
        *out = args.value(option).toInt(&ok);
        return ok && *out >= low && *out <= high;
    };
    int batchRows = 0;
    if (!number(QStringLiteral("batch-rows"), 1, 10000, 0, &batchRows))
        return context.usageError(QStringLiteral("--batch-rows is a number from 1 to 10000, not “%1”")
                                      .arg(args.value(QStringLiteral("batch-rows")).left(20)));
    core::RetryPolicy policy;
    int retries = policy.maxAttempts - 1;
    if (!number(QStringLiteral("retries"), 0, 20, retries, &retries))
        return context.usageError(QStringLiteral("--retries is a number from 0 to 20, not “%1”")
                                      .arg(args.value(QStringLiteral("retries")).left(20)));
    policy.maxAttempts = retries + 1;
    const bool dryRun = args.isSet(QStringLiteral("dry-run"));

    // The destination first: a wrong name is told before the workspace is read.
    auto state = core::AudienceSyncState::open(core::AudienceSyncState::defaultPath());
    if (!state)
        return context.fail(state.error());
    auto destination = state.value()->destination(name);
    if (!destination)
        return context.fail(destination.error());
    const core::DestinationConfig config = destination.value();
    auto endpoints = core::DestinationEndpoints::fromEnvironment();
    if (!endpoints)
        return context.fail(endpoints.error());
    auto normaliser = core::AudienceNormaliser::forPlatform(config.platform);
    if (!normaliser)
        return context.fail(normaliser.error());

    auto backend = context.backend(Open::ExistingOnly);
    if (!backend)
        return context.fail(backend.error());
    TerminalProgress progress;
    auto source = readSource(*backend.value(), segmentId, progress);
    if (source)
        source = cutToArm(*backend.value(), std::move(source).value(), args);
    if (!source) {
        progress.finish();
        return context.fail(source.error());
    }
    const core::AudienceExport exporter(std::make_shared<const core::AudienceNormaliser>(std::move(normaliser.value())));
    auto audience = exporter.normalise(source.value().members, source.value().people, hashingProgress(progress));
    progress.finish();
    if (!audience)
        return context.fail(audience.error());
    printPreflight(context, audience.value().preflight);
    if (audience.value().preflight.blocked() && !args.isSet(QStringLiteral("force")))
        return context.fail(blockedError(audience.value().preflight, QStringLiteral("nothing was sent")));

    core::AudienceSyncRequest request;
    request.destinationName = config.name;
    request.segmentId = segmentId;
    request.rows = std::move(audience.value().rows);
    request.dryRun = dryRun;
    if (config.audienceName.isEmpty() && config.audienceId.isEmpty()) {
        // The platform audience is named after the segment.
        if (auto segment = CommandContext::await(backend.value()->segments().getSegment(segmentId)))
            request.audienceName = segment.value().name;
    }

    QNetworkAccessManager network;
    secrets::KeychainSecretStore keychain;
    core::DestinationSyncJob job(state.value().get(), &keychain, endpoints.value(), &network, policy);
    if (batchRows > 0)
        job.setBatchRows(batchRows);
    const QString platform = core::audiencePlatformName(config.platform);
    QObject::connect(&job, &core::DestinationSyncJob::planned, [&](const core::AudienceSyncPlan& plan) {
        QString text = QStringLiteral("Plan for %1 (%2 audience %3): %4 to add, %5 to remove, %6 unchanged")
                           .arg(config.name, platform,
                                config.audienceId.isEmpty() ? QStringLiteral("to be created") : config.audienceId,
                                count(plan.adds.size()), count(plan.removes.size()), count(plan.alreadySent));
        if (plan.duplicates > 0)
            text += QStringLiteral("; %1 with the same values as another (sent once)").arg(rowsText(plan.duplicates));
        if (plan.skipped > 0)
            text += QStringLiteral("; %1 %2 cannot match skipped").arg(rowsText(plan.skipped), platform);
        text += plan.isEmpty() ? QStringLiteral(". Nothing to send.\n")
                               : QStringLiteral(", in %1 of at most %2.\n")
                                     .arg(plan.addBatches() + plan.removeBatches() == 1
                                              ? QStringLiteral("1 request")
                                              : QStringLiteral("%1 requests").arg(plan.addBatches() + plan.removeBatches()),
                                          rowsText(plan.batchRows));
        context.print(text);
    });
    QObject::connect(&job, &core::DestinationSyncJob::progress, [&](const core::AudienceSyncProgress& p) {
        progress.show(percentOf(p.rowsDone, p.rowsTotal),
                      QStringLiteral("Syncing: %1 of %2 rows, batch %3 of %4")
                          .arg(count(p.rowsDone), count(p.rowsTotal))
                          .arg(p.batchesDone)
                          .arg(p.batchesTotal));
    });
    QObject::connect(&job, &core::DestinationSyncJob::batchFinished, [&](const core::AudienceBatchReport& batch) {
        progress.finish();
        context.print(describeOutcome(batch) + QLatin1Char('\n'));
    });
    auto result = CommandContext::await(job.start(request));
    progress.finish();
    if (!result)
        return context.fail(result.error());
    const core::AudienceSyncReport& report = result.value();
    if (report.dryRun) {
        context.print(QStringLiteral("Dry run: nothing was sent, created or recorded.\n"));
        return 0;
    }
    const int held = report.plan.sentBefore - report.removed + report.added; // what the platform acknowledged
    const QString summary = QStringLiteral("%1 added, %2 removed, %3 rejected; the audience holds %4 (the segment: %5)")
                                .arg(count(report.added), count(report.removed), count(report.rejected),
                                     rowsText(held), rowsText(report.plan.sizeAfter()));
    if (report.succeeded()) {
        context.print(QStringLiteral("Synced %1 (run %2%3): %4.\n")
                          .arg(config.name)
                          .arg(report.runId)
                          .arg(report.audienceCreated && config.audienceId.isEmpty()
                                   ? QStringLiteral(", %1 audience %2 created or found").arg(platform, report.audienceId)
                                   : QString(),
                               summary));
        return 0;
    }
    context.print(QStringLiteral("Sync of %1 %2 (run %3): %4.\n")
                      .arg(config.name, core::syncRunStateKey(report.state))
                      .arg(report.runId)
                      .arg(summary));
    const QString again = QStringLiteral("`segctl audiences sync --segment %1 --destination \"%2\"`").arg(segmentId, config.name);
    core::Error e;
    e.kind = core::ErrorKind::Remote;
    e.code = QStringLiteral("sync_") + core::syncRunStateKey(report.state);
    if (report.state == core::SyncRunState::Partial) {
        e.userMessage = QStringLiteral("The sync is partial: %1 rejected %2 as invalid.")
                            .arg(platform, rowsText(report.rejected));
        e.remediation = QStringLiteral("Check those people's identifiers; %1 tries them again.").arg(again);
    } else {
        const int batches = report.plan.addBatches() + report.plan.removeBatches();
        e.userMessage = QStringLiteral("The sync did not finish%1%2")
                            .arg(report.failedBatches > 0
                                     ? QStringLiteral(" (%1 of %2 batches failed)").arg(report.failedBatches).arg(batches)
                                     : QString(),
                                 report.error ? QStringLiteral(": ") + report.error->userMessage : QStringLiteral("."));
        e.detail = report.error ? report.error->detail : QString();
        // The platform's own advice when it has one (sign in again, a permission), with the command.
        e.remediation = report.error && !report.error->remediation.isEmpty()
                            ? QStringLiteral("%1 (%2)").arg(report.error->remediation, again)
                            : QStringLiteral("What the platform acknowledged is kept: run %1 again to send the rest.").arg(again);
    }
    context.fail(e);
    return toInt(ExitCode::Backend);
}

} // namespace segctl
