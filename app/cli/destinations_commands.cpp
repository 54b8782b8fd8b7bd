#include "destinations_commands.h"

#include <cstdio>
#include <memory>

#include <spdlog/spdlog.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "activation/sync/audience_sync_state.h"
#include "activation/sync/destination_credentials.h"
#include "command_context.h"
#include "keychain_secret_store.h"
#include "logging/logging.h"
#include "parsed_args.h"
#include "text_table.h"

namespace segctl {

namespace {

using core::AudiencePlatform;
using core::CredentialSource;
using core::DestinationConfig;
using core::DestinationCredentials;

core::Result<std::unique_ptr<core::AudienceSyncState>> openState()
{
    return core::AudienceSyncState::open(core::AudienceSyncState::defaultPath());
}

// One line from standard input (the token), without its line end. Empty when there is none.
QString readSecretLine()
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(in.readLine(64 * 1024)).trimmed();
}

QString describeAccount(const DestinationConfig& d)
{
    if (d.platform == AudiencePlatform::Google)
        return QStringLiteral("%1-%2-%3").arg(d.accountId.left(3), d.accountId.mid(3, 3), d.accountId.mid(6));
    return QStringLiteral("act_") + d.accountId;
}

QString when(const QDateTime& t)
{
    return t.isValid() ? t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")) : QString();
}

const OptionSpec kFormat{QStringLiteral("format"),
                         QStringLiteral("FORMAT"),
                         QStringLiteral("output format (default: table)"),
                         {QStringLiteral("table"), QStringLiteral("json")}};

} // namespace

QList<CommandSpec> DestinationsCommands::specs()
{
    QList<CommandSpec> out;
    out.append(CommandSpec{
        {QStringLiteral("destinations"), QStringLiteral("add")},
        QStringLiteral("Add a Google Ads or Meta audience to sync segments to"),
        QStringLiteral(
            "Adds a destination: a Google Ads customer's Customer Match list (Data Manager API) or a Meta ad "
            "account's custom audience. The platform audience is created by the first `segctl audiences sync` "
            "(named --audience-name, else after the segment); one destination keeps one segment's audience.\n"
            "Credentials never go on the command line: they are read from the environment — Google: "
            "SEGCTL_GOOGLE_CLIENT_ID (or --client-id), SEGCTL_GOOGLE_CLIENT_SECRET, SEGCTL_GOOGLE_REFRESH_TOKEN "
            "(an OAuth client of a Google account with access to the customer, scope "
            "https://www.googleapis.com/auth/datamanager); Meta: SEGCTL_META_ACCESS_TOKEN (a system user's token; "
            "or a long-lived user token with SEGCTL_META_APP_ID (or --app-id) and SEGCTL_META_APP_SECRET, which "
            "lets the app renew it) — or, with --token-stdin, the refresh token (Google) or access token (Meta) "
            "from the first line of standard input. They are stored in the system keychain under the "
            "destination's name; with --credentials-from-env nothing is stored and every sync reads the same "
            "variables again (for machines without a keychain).\n"
            "Endpoints (for testing): SEGCTL_GOOGLE_DATAMANAGER_URL, SEGCTL_GOOGLE_TOKEN_URL, "
            "SEGCTL_META_GRAPH_URL, SEGCTL_META_TOKEN_URL."),
        {{QStringLiteral("PLATFORM"), QStringLiteral("google or meta")},
         {QStringLiteral("NAME"), QStringLiteral("your name for the destination (letters, digits, space . _ -)")}},
        {{QStringLiteral("account"), QStringLiteral("ID"),
          QStringLiteral("Google Ads customer id (123-456-7890) or Meta ad account id (act_…)"), {}},
         {QStringLiteral("login-account"), QStringLiteral("ID"),
          QStringLiteral("Google: the manager account the Google account signs in through"), {}},
         {QStringLiteral("audience-name"), QStringLiteral("NAME"),
          QStringLiteral("name of the platform audience to create (default: the segment's name)"), {}},
         {QStringLiteral("client-id"), QStringLiteral("ID"), QStringLiteral("Google: the OAuth client id"), {}},
         {QStringLiteral("app-id"), QStringLiteral("ID"), QStringLiteral("Meta: the app id, to renew the token"), {}},
         {QStringLiteral("token-stdin"), {}, QStringLiteral("read the refresh/access token from standard input"), {}},
         {QStringLiteral("credentials-from-env"), {},
          QStringLiteral("store no credentials; read them from the environment at every sync"), {}}},
        {QStringLiteral("SEGCTL_GOOGLE_CLIENT_SECRET=… segctl destinations add google ads-eu --account 123-456-7890 "
                        "--client-id 123.apps.googleusercontent.com --token-stdin < refresh-token.txt"),
         QStringLiteral("SEGCTL_META_ACCESS_TOKEN=… segctl destinations add meta fb-main --account act_1234567890")},
        &DestinationsCommands::add});
    out.append(CommandSpec{{QStringLiteral("destinations"), QStringLiteral("list")},
                           QStringLiteral("List the destinations"),
                           QStringLiteral("Lists the destinations with their platform, account, audience, segment, "
                                          "where their credentials are, and their last sync."),
                           {},
                           {kFormat},
                           {QStringLiteral("segctl destinations list --format json")},
                           &DestinationsCommands::list});
    out.append(CommandSpec{
        {QStringLiteral("destinations"), QStringLiteral("remove")},
        QStringLiteral("Remove a destination"),
        QStringLiteral("Removes the destination, what the app knows was sent to it, its sync history and its "
                       "credentials from the keychain. The platform audience itself stays (delete it in Google Ads "
                       "or Meta if it is no longer needed)."),
        {{QStringLiteral("NAME"), QStringLiteral("the destination")}},
        {},
        {QStringLiteral("segctl destinations remove fb-main")},
        &DestinationsCommands::remove});
    out.append(CommandSpec{{QStringLiteral("destinations"), QStringLiteral("history")},
                           QStringLiteral("Show a destination's syncs"),
                           QStringLiteral("Lists the destination's syncs, newest first: when, how they ended "
                                          "(succeeded, partial, failed, cancelled, interrupted), rows added, "
                                          "removed and rejected, batches that failed, and the first error."),
                           {{QStringLiteral("NAME"), QStringLiteral("the destination")}},
                           {kFormat,
                            {QStringLiteral("limit"), QStringLiteral("N"), QStringLiteral("at most N syncs (default 20)"), {}}},
                           {QStringLiteral("segctl destinations history fb-main")},
                           &DestinationsCommands::history});
    return out;
}

int DestinationsCommands::add(CommandContext& context, const ParsedArgs& args)
{
    const auto platform = core::parseAudiencePlatform(args.positional(0));
    if (!platform)
        return context.usageError(
            QStringLiteral("PLATFORM is google or meta, not “%1”").arg(args.positional(0).left(40)));
    DestinationConfig config;
    config.platform = *platform;
    config.name = args.positional(1).trimmed();
    if (core::Status ok = DestinationConfig::validateName(config.name); !ok)
        return context.fail(ok.error());
    if (!args.isSet(QStringLiteral("account")))
        return context.usageError(QStringLiteral("`segctl destinations add` needs --account ID"));
    auto account = DestinationConfig::normaliseAccountId(*platform, args.value(QStringLiteral("account")));
    if (!account)
        return context.fail(account.error());
    config.accountId = account.value();
    if (args.isSet(QStringLiteral("login-account"))) {
        if (*platform != AudiencePlatform::Google)
            return context.usageError(QStringLiteral("--login-account applies to Google destinations"));
        auto login = DestinationConfig::normaliseAccountId(*platform, args.value(QStringLiteral("login-account")));
        if (!login)
            return context.fail(login.error());
        config.loginAccountId = login.value();
    }
    config.audienceName = args.value(QStringLiteral("audience-name")).trimmed();
    if (args.isSet(QStringLiteral("client-id")) && *platform != AudiencePlatform::Google)
        return context.usageError(QStringLiteral("--client-id applies to Google destinations"));
    if (args.isSet(QStringLiteral("app-id")) && *platform != AudiencePlatform::Meta)
        return context.usageError(QStringLiteral("--app-id applies to Meta destinations"));
    const bool fromEnvironment = args.isSet(QStringLiteral("credentials-from-env"));
    if (fromEnvironment && (args.isSet(QStringLiteral("token-stdin")) || args.isSet(QStringLiteral("client-id")) ||
                            args.isSet(QStringLiteral("app-id"))))
        return context.usageError(QStringLiteral("--credentials-from-env reads every credential from the environment at "
                                                 "each sync; it does not take --token-stdin, --client-id or --app-id"));
    config.credentialSource = fromEnvironment ? CredentialSource::Environment : CredentialSource::Keychain;

    DestinationCredentials credentials = DestinationCredentials::fromEnvironment(*platform);
    if (*platform == AudiencePlatform::Google && args.isSet(QStringLiteral("client-id")))
        credentials.clientId = args.value(QStringLiteral("client-id")).trimmed();
    if (*platform == AudiencePlatform::Meta && args.isSet(QStringLiteral("app-id")))
        credentials.appId = args.value(QStringLiteral("app-id")).trimmed();
    if (args.isSet(QStringLiteral("token-stdin"))) {
        const QString token = readSecretLine();
        if (token.isEmpty())
            return context.fail(core::Error::validation(QStringLiteral("missing_credentials"),
                                                        QStringLiteral("--token-stdin was given but standard input "
                                                                       "held no token.")));
        (*platform == AudiencePlatform::Google ? credentials.refreshToken : credentials.accessToken) = token;
    }
    if (core::Status ok = credentials.check(*platform); !ok)
        return context.fail(ok.error());

    auto state = openState();
    if (!state)
        return context.fail(state.error());
    if (state.value()->destination(config.name)) // checked first, so no keychain entry is written for nothing
        return context.fail(core::Error::conflict(QStringLiteral("destination_exists"),
                                                  QStringLiteral("A destination named “%1” already exists.").arg(config.name),
                                                  QStringLiteral("Choose another name, or remove the existing one first.")));
    if (!fromEnvironment) {
        secrets::KeychainSecretStore keychain;
        core::DestinationCredentialStore store(keychain);
        if (core::Status ok = CommandContext::await(store.write(config.name, credentials)); !ok) {
            core::Error e = ok.error();
            if (e.code == QLatin1String("keychain_unavailable")) {
                e.userMessage = QStringLiteral("No system keychain is available to keep the destination's credentials; "
                                               "nothing was added.");
                e.remediation = QStringLiteral("Run a Secret Service keyring (GNOME Keyring or KWallet), or add "
                                               "--credentials-from-env to read them from the environment at every sync.");
            }
            return context.fail(e);
        }
    }
    auto saved = state.value()->addDestination(config);
    if (!saved) {
        if (!fromEnvironment) {
            secrets::KeychainSecretStore keychain;
            CommandContext::await(core::DestinationCredentialStore(keychain).remove(config.name));
        }
        return context.fail(saved.error());
    }
    core::logging::logger("segctl")->info("destination {} added ({} {})", config.name.toStdString(),
                                          core::audiencePlatformKey(config.platform).toStdString(),
                                          config.accountId.toStdString());
    context.print(QStringLiteral("Added destination %1: %2 %3 %4; credentials %5. The audience is created on the "
                                 "first `segctl audiences sync`.\n")
                      .arg(config.name, core::audiencePlatformName(config.platform),
                           config.platform == AudiencePlatform::Google ? QStringLiteral("customer")
                                                                       : QStringLiteral("ad account"),
                           describeAccount(saved.value()),
                           fromEnvironment ? QStringLiteral("read from the environment at every sync (%1)")
                                                 .arg(DestinationCredentials::environmentVariables(config.platform)
                                                          .join(QStringLiteral(", ")))
                                           : QStringLiteral("in the system keychain")));
    return 0;
}

int DestinationsCommands::list(CommandContext& context, const ParsedArgs& args)
{
    auto state = openState();
    if (!state)
        return context.fail(state.error());
    auto destinations = state.value()->destinations();
    if (!destinations)
        return context.fail(destinations.error());
    const bool json = args.value(QStringLiteral("format")) == QLatin1String("json");
    QJsonArray out;
    TextTable table({QStringLiteral("NAME"), QStringLiteral("PLATFORM"), QStringLiteral("ACCOUNT"),
                     QStringLiteral("AUDIENCE"), QStringLiteral("SEGMENT"), QStringLiteral("CREDENTIALS"),
                     QStringLiteral("LAST SYNC")});
    for (const DestinationConfig& d : destinations.value()) {
        auto history = state.value()->history(d.id, 1);
        if (!history)
            return context.fail(history.error());
        const std::optional<core::SyncRun> last =
            history.value().isEmpty() ? std::nullopt : std::optional<core::SyncRun>(history.value().first());
        if (json) {
            QJsonObject o{{QStringLiteral("name"), d.name},
                          {QStringLiteral("platform"), core::audiencePlatformKey(d.platform)},
                          {QStringLiteral("account_id"), d.accountId},
                          {QStringLiteral("audience_id"), d.audienceId},
                          {QStringLiteral("audience_name"), d.audienceName},
                          {QStringLiteral("segment_id"), d.segmentId},
                          {QStringLiteral("credentials"), core::credentialSourceKey(d.credentialSource)},
                          {QStringLiteral("created_at"), d.createdAt.toString(Qt::ISODate)}};
            if (!d.loginAccountId.isEmpty())
                o.insert(QStringLiteral("login_account_id"), d.loginAccountId);
            if (last) {
                o.insert(QStringLiteral("last_sync"), QJsonObject{{QStringLiteral("state"), core::syncRunStateKey(last->state)},
                                                                  {QStringLiteral("started_at"), last->startedAt.toString(Qt::ISODate)},
                                                                  {QStringLiteral("added"), last->added},
                                                                  {QStringLiteral("removed"), last->removed}});
            }
            out.append(o);
            continue;
        }
        table.addRow({d.name, core::audiencePlatformName(d.platform), describeAccount(d),
                      d.audienceId.isEmpty() ? QStringLiteral("(created by the first sync)") : d.audienceId,
                      d.segmentId, core::credentialSourceKey(d.credentialSource),
                      last ? QStringLiteral("%1 %2").arg(core::syncRunStateKey(last->state), when(last->startedAt))
                           : QStringLiteral("never")});
    }
    if (json) {
        context.write(QJsonDocument(out).toJson(QJsonDocument::Indented));
        return 0;
    }
    if (destinations.value().isEmpty()) {
        context.print(QStringLiteral("No destinations. `segctl destinations add google|meta NAME --account ID` adds one.\n"));
        return 0;
    }
    context.print(table.render());
    return 0;
}

int DestinationsCommands::remove(CommandContext& context, const ParsedArgs& args)
{
    auto state = openState();
    if (!state)
        return context.fail(state.error());
    auto destination = state.value()->destination(args.positional(0).trimmed());
    if (!destination)
        return context.fail(destination.error());
    const DestinationConfig d = destination.value();
    if (d.credentialSource == CredentialSource::Keychain) {
        secrets::KeychainSecretStore keychain;
        if (core::Status ok = CommandContext::await(core::DestinationCredentialStore(keychain).remove(d.name)); !ok)
            core::logging::logger("segctl")->warn("the credentials of {} could not be removed from the keychain: {}",
                                                  d.name.toStdString(), ok.error().toString().toStdString());
    }
    if (core::Status ok = state.value()->removeDestination(d.name); !ok)
        return context.fail(ok.error());
    context.print(d.audienceId.isEmpty()
                      ? QStringLiteral("Removed destination %1.\n").arg(d.name)
                      : QStringLiteral("Removed destination %1. The %2 audience %3 stays in account %4; delete it there if "
                                       "it is no longer needed.\n")
                            .arg(d.name, core::audiencePlatformName(d.platform), d.audienceId, describeAccount(d)));
    return 0;
}

int DestinationsCommands::history(CommandContext& context, const ParsedArgs& args)
{
    int limit = 20;
    if (args.isSet(QStringLiteral("limit"))) {
        bool ok = false;
        limit = args.value(QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit < 1)
            return context.usageError(QStringLiteral("--limit is a positive number, not “%1”").arg(args.value(QStringLiteral("limit"))));
    }
    auto state = openState();
    if (!state)
        return context.fail(state.error());
    auto destination = state.value()->destination(args.positional(0).trimmed());
    if (!destination)
        return context.fail(destination.error());
    auto runs = state.value()->history(destination.value().id, limit);
    if (!runs)
        return context.fail(runs.error());
    if (args.value(QStringLiteral("format")) == QLatin1String("json")) {
        QJsonArray out;
        for (const core::SyncRun& r : runs.value())
            out.append(QJsonObject{{QStringLiteral("run_id"), r.id},
                                   {QStringLiteral("segment_id"), r.segmentId},
                                   {QStringLiteral("started_at"), r.startedAt.toString(Qt::ISODate)},
                                   {QStringLiteral("finished_at"), r.finishedAt.isValid() ? r.finishedAt.toString(Qt::ISODate) : QString()},
                                   {QStringLiteral("state"), core::syncRunStateKey(r.state)},
                                   {QStringLiteral("planned_adds"), r.plannedAdds},
                                   {QStringLiteral("planned_removes"), r.plannedRemoves},
                                   {QStringLiteral("added"), r.added},
                                   {QStringLiteral("removed"), r.removed},
                                   {QStringLiteral("rejected"), r.rejected},
                                   {QStringLiteral("failed_batches"), r.failedBatches},
                                   {QStringLiteral("message"), r.message}});
        context.write(QJsonDocument(out).toJson(QJsonDocument::Indented));
        return 0;
    }
    if (runs.value().isEmpty()) {
        context.print(QStringLiteral("%1 has not been synced yet.\n").arg(destination.value().name));
        return 0;
    }
    TextTable table({QStringLiteral("STARTED"), QStringLiteral("STATE"), QStringLiteral("ADDED"), QStringLiteral("REMOVED"),
                     QStringLiteral("REJECTED"), QStringLiteral("FAILED BATCHES"), QStringLiteral("MESSAGE")});
    for (int c = 2; c <= 5; ++c)
        table.setAlign(c, TextTable::Align::Right);
    for (const core::SyncRun& r : runs.value())
        table.addRow({when(r.startedAt), core::syncRunStateKey(r.state),
                      QStringLiteral("%1/%2").arg(r.added).arg(r.plannedAdds),
                      QStringLiteral("%1/%2").arg(r.removed).arg(r.plannedRemoves), QString::number(r.rejected),
                      QString::number(r.failedBatches), r.message.left(100)});
    context.print(table.render());
    return 0;
}

} // namespace segctl
