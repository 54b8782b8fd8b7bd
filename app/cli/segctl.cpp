#include "segctl.h"

#include <algorithm>
#include <cstdio>

#include <spdlog/spdlog.h>

#include <QDir>
#include <QFileInfo>

#include "analytics_commands.h"
#include "audit_commands.h"
#include "arg_parser.h"
#include "access_commands.h"
#include "audiences_commands.h"
#include "command_context.h"
#include "databricks_commands.h"
#include "demo_command.h"
#include "destinations_commands.h"
#include "errors_commands.h"
#include "experiments_commands.h"
#include "exit_code.h"
#include "jobs_commands.h"
#include "reports_commands.h"
#include "forecast_commands.h"
#include "identifiers_commands.h"
#include "logging/logging.h"
#include "outbox_commands.h"
#include "reach_command.h"
#include "reference_document.h"
#include "segments_commands.h"
#include "settings/app_paths.h"

namespace segctl {

namespace {

// The log file gets everything; the terminal gets only segctl's own one-line errors, unless
// --verbose asks for the log on stderr too.
void setUpLogging(bool verbose)
{
    core::logging::initialize(core::AppPaths::logDir(), verbose,
                              verbose ? core::logging::Console::Everything : core::logging::Console::Nothing);
}

bool isHelp(const QString& token)
{
    return token == QLatin1String("--help") || token == QLatin1String("-h");
}

void printOut(const QString& text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stdout);
    std::fflush(stdout);
}

} // namespace

Segctl::Segctl()
{
    m_commands = SegmentsCommands::specs();
    m_commands.append(ReachCommand::spec());
    m_commands.append(DemoCommand::spec());
    m_commands.append(DatabricksCommands::specs());
    m_commands.append(ForecastCommands::specs());
    m_commands.append(AnalyticsCommands::specs());
    m_commands.append(IdentifiersCommands::specs());
    m_commands.append(ExperimentsCommands::specs());
    m_commands.append(JobsCommands::specs());
    m_commands.append(ReportsCommands::specs());
    m_commands.append(DestinationsCommands::specs());
    m_commands.append(AudiencesCommands::specs());
    m_commands.append(ErrorsCommands::specs());
    m_commands.append(OutboxCommands::specs());
    m_commands.append(AccessCommands::specs());
    m_commands.append(AuditCommands::specs());
}

namespace {

const QStringList kDatabricksSelectors{QStringLiteral("profile"), QStringLiteral("host")};
const QStringList kDatabricksSettings{QStringLiteral("warehouse"), QStringLiteral("catalog"),
                                      QStringLiteral("schema")};

} // namespace

QList<OptionSpec> Segctl::globalOptions()
{
    return {
        {QStringLiteral("workspace"),
         QStringLiteral("PATH"),
         QStringLiteral("the workspace file (default: %1)")
             .arg(QDir::toNativeSeparators(core::AppPaths::defaultWorkspacePath())),
         {}},
        {QStringLiteral("profile"),
         QStringLiteral("NAME"),
         QStringLiteral("use Databricks: this profile of ~/.databrickscfg (or of DATABRICKS_CONFIG_FILE)"),
         {}},
        {QStringLiteral("host"),
         QStringLiteral("URL"),
         QStringLiteral("use Databricks: this workspace URL (credentials from DATABRICKS_TOKEN or "
                        "DATABRICKS_CLIENT_ID/SECRET)"),
         {}},
        {QStringLiteral("warehouse"),
         QStringLiteral("ID"),
         QStringLiteral("Databricks: the SQL warehouse id (default: warehouse_id, DATABRICKS_WAREHOUSE_ID)"),
         {}},
        {QStringLiteral("catalog"),
         QStringLiteral("NAME"),
         QStringLiteral("Databricks: the Unity Catalog catalog (default: the profile's catalog, else main)"),
         {}},
        {QStringLiteral("schema"),
         QStringLiteral("NAME"),
         QStringLiteral("Databricks: the schema (default: the profile's schema, else ad_segments)"),
         {}},
        {QStringLiteral("postgres"),
         QStringLiteral("CONNINFO"),
         QStringLiteral("use PostgreSQL: a libpq connection string or URI, e.g. 'host=db port=5432 dbname=segments "
                        "user=sam' (password from PGPASSWORD or ~/.pgpass)"),
         {}},
        {QStringLiteral("lakebase"),
         QStringLiteral("INSTANCE"),
         QStringLiteral("use Lakebase: this database instance of the Databricks workspace --profile/--host choose "
                        "(signed in with its credentials)"),
         {}},
        {QStringLiteral("database"),
         QStringLiteral("NAME"),
         QStringLiteral("Lakebase: the database (default: databricks_postgres)"),
         {}},
        {QStringLiteral("verbose"), {}, QStringLiteral("also write the log to stderr"), {}},
        {QStringLiteral("help"), {}, QStringLiteral("show this help"), {}},
    };
}

QList<const CommandSpec*> Segctl::commandsIn(const QString& group) const
{
    QList<const CommandSpec*> out;
    for (const auto& c : m_commands) {
        if (c.path.first() == group)
            out.append(&c);
    }
    return out;
}

int Segctl::usage(const QString& message) const
{
    printErrorLine(QStringLiteral("segctl: error: ") + message);
    return toInt(ExitCode::Usage);
}

QString Segctl::topLevelHelp() const
{
    QList<QPair<QString, QString>> rows;
    qsizetype width = 0;
    for (const auto& c : m_commands) {
        QString usage = c.displayName();
        for (const auto& p : c.positionals)
            usage += QLatin1Char(' ') + p.name;
        rows.append({usage, c.summary});
        width = std::max(width, usage.size());
    }
    QString commands;
    for (const auto& r : rows)
        commands += QStringLiteral("  ") + r.first.leftJustified(width + 3) + r.second + QLatin1Char('\n');
    return QStringLiteral("segctl — Advertiser Segment Builder on the command line\n\n"
                          "Usage: segctl <command> [arguments] [options]\n\n"
                          "Commands:\n") +
           commands + QStringLiteral("\nGlobal options (every command takes them):\n") +
           ArgParser::optionLines(globalOptions()) +
           QStringLiteral(
               "  --version             print segctl's version and exit\n"
               "\nExit codes:\n"
               "  0   success\n"
               "  1   usage error: unknown command or option, missing or malformed argument\n"
               "  2   invalid input: validation failed, a file is malformed or unreadable, an id is unknown\n"
               "  3   backend error: the workspace or Databricks could not be read or written; doctor found "
               "a problem\n"
               "  4   conflict: changed by someone else since (stale version), name taken, already exists\n"
               "\nBackends: the local workspace file (--workspace), unless --profile or --host choose "
               "Databricks;\n"
               "then every `segments` command and `reach` work against Unity Catalog through the SQL "
               "warehouse,\n"
               "with the rest of the connection from the DATABRICKS_* environment and the configuration "
               "file\n"
               "(DATABRICKS_CONFIG_FILE, else ~/.databrickscfg), as the Databricks CLI and SDKs resolve it.\n"
               "`provision`, `doctor` and `warehouses` always use Databricks (the default profile without\n"
               "--profile). Tokens and secrets are never printed or logged.\n"
               "\nErrors are reported on stderr as one line; results go to stdout. Databricks errors carry "
               "the\n"
               "Databricks error code and the fix.\n"
               "Run `segctl <command> --help` for a command's arguments and options, and\n"
               "`segctl help --markdown` for this whole reference in Markdown (docs/segctl-reference.md).\n");
}

QString Segctl::groupHelp(const QString& group) const
{
    QString out =
        QStringLiteral("Usage: segctl %1 <command> [arguments] [options]\n\nCommands:\n").arg(group);
    qsizetype width = 0;
    QList<QPair<QString, QString>> rows;
    for (const CommandSpec* c : commandsIn(group)) {
        QString usage = c->path.mid(1).join(QLatin1Char(' '));
        for (const auto& p : c->positionals)
            usage += QLatin1Char(' ') + p.name;
        rows.append({usage, c->summary});
        width = std::max(width, usage.size());
    }
    for (const auto& r : rows)
        out += QStringLiteral("  ") + r.first.leftJustified(width + 3) + r.second + QLatin1Char('\n');
    out += QStringLiteral("\nGlobal options:\n") + ArgParser::optionLines(globalOptions());
    out += QStringLiteral("\nRun `segctl %1 <command> --help` for a command's arguments and options.\n")
               .arg(group);
    return out;
}

int Segctl::run(const QStringList& arguments)
{
    bool verbose = false;
    for (const QString& a : arguments) {
        if (a == QLatin1String("--"))
            break;
        verbose = verbose || a == QLatin1String("--verbose");
    }
    setUpLogging(verbose);
    core::logging::logger("segctl")->debug("segctl {}", arguments.join(QLatin1Char(' ')).toStdString());

    // Global options may come before the command words.
    bool help = false;
    ParsedArgs globals;
    const QList<OptionSpec> globalSpecs = globalOptions();
    qsizetype i = 0;
    for (; i < arguments.size(); ++i) {
        const QString& t = arguments.at(i);
        if (isHelp(t)) {
            help = true;
        } else if (t == QLatin1String("--version")) {
            printOut(QStringLiteral("segctl %1\n").arg(QStringLiteral(SB_VERSION_STRING)));
            return toInt(ExitCode::Ok);
        } else if (t.startsWith(QLatin1String("--")) && t.size() > 2) {
            QString name = t.mid(2);
            QString value;
            const bool inlineValue = name.contains(QLatin1Char('='));
            if (inlineValue) {
                value = name.mid(name.indexOf(QLatin1Char('=')) + 1);
                name = name.left(name.indexOf(QLatin1Char('=')));
            }
            const OptionSpec* option = ArgParser::findOption(globalSpecs, name);
            if (!option)
                return usage(
                    QStringLiteral("unknown option “%1” before the command — run `segctl --help`").arg(t));
            if (option->takesValue() && !inlineValue) {
                if (i + 1 < arguments.size() && !arguments.at(i + 1).startsWith(QLatin1String("--")))
                    value = arguments.at(++i);
                else
                    return usage(QStringLiteral("--%1 needs a value (%2) — run `segctl --help`")
                                     .arg(name, option->valueName));
            } else if (!option->takesValue() && inlineValue) {
                return usage(QStringLiteral("--%1 takes no value — run `segctl --help`").arg(name));
            }
            if (globals.isSet(name))
                return usage(QStringLiteral("--%1 was given more than once — run `segctl --help`").arg(name));
            globals.set(name, value);
        } else if (t.startsWith(QLatin1Char('-')) && t.size() > 1) {
            return usage(
                QStringLiteral("unknown option “%1” before the command — run `segctl --help`").arg(t));
        } else {
            break;
        }
    }

    QStringList words = arguments.mid(i);
    if (!words.isEmpty() && words.first() == QLatin1String("help")) { // `segctl help segments list`
        words.removeFirst();
        help = true;
    }
    if (help && words == QStringList{QStringLiteral("--markdown")}) { // docs/segctl-reference.md
        printOut(ReferenceDocument::markdown(m_commands, globalSpecs, topLevelHelp()));
        return toInt(ExitCode::Ok);
    }
    if (words.isEmpty()) {
        if (help) {
            printOut(topLevelHelp());
            return toInt(ExitCode::Ok);
        }
        return usage(QStringLiteral("no command given — run `segctl --help` to see the commands"));
    }

    const QString group = words.first();
    const auto candidates = commandsIn(group);
    if (candidates.isEmpty())
        return usage(
            QStringLiteral("unknown command “%1” — run `segctl --help` to see the commands").arg(group));

    const CommandSpec* command = nullptr;
    QStringList rest;
    if (candidates.size() == 1 && candidates.first()->path.size() == 1) {
        command = candidates.first();
        rest = words.mid(1);
    } else {
        // A group such as "segments": the next word names the command.
        QStringList names;
        for (const CommandSpec* c : candidates)
            names.append(c->path.at(1));
        const QString sub = words.value(1);
        if (sub.isEmpty() || sub.startsWith(QLatin1Char('-'))) {
            if (help || words.mid(1).contains(QStringLiteral("--help")) ||
                words.mid(1).contains(QStringLiteral("-h"))) {
                printOut(groupHelp(group));
                return toInt(ExitCode::Ok);
            }
            return usage(QStringLiteral(
                             "`segctl %1` needs a command (before its options): %2 — run `segctl %1 --help`")
                             .arg(group, names.join(QStringLiteral(", "))));
        }
        for (const CommandSpec* c : candidates) {
            if (c->path.at(1) == sub)
                command = c;
        }
        if (!command)
            return usage(
                QStringLiteral("unknown command “%1 %2”; `segctl %1` has: %3 — run `segctl %1 --help`")
                    .arg(group, sub, names.join(QStringLiteral(", "))));
        rest = words.mid(2);
    }

    if (help) {
        printOut(ArgParser::helpText(*command, globalSpecs));
        return toInt(ExitCode::Ok);
    }
    QList<OptionSpec> options = command->options;
    options.append(globalSpecs);
    const ArgParser::Outcome parsed = ArgParser::parse(*command, options, rest);
    if (parsed.args.helpRequested()) {
        printOut(ArgParser::helpText(*command, globalSpecs));
        return toInt(ExitCode::Ok);
    }
    if (!parsed.usageError.isEmpty())
        return usage(parsed.usageError);

    // Global options may come before the command or after it; after it wins (as it always has
    // for --workspace).
    ParsedArgs given = parsed.args;
    for (const OptionSpec& o : globalSpecs) {
        if (globals.isSet(o.name) && !given.isSet(o.name))
            given.set(o.name, globals.value(o.name));
    }

    Backend backend;
    QString workspace = given.value(QStringLiteral("workspace"));
    if (given.isSet(QStringLiteral("workspace")) && workspace.isEmpty())
        return usage(QStringLiteral("--workspace needs a path — run `segctl --help`"));
    for (const QString& name : kDatabricksSelectors + kDatabricksSettings) {
        if (!given.isSet(name))
            continue;
        if (given.value(name).isEmpty())
            return usage(QStringLiteral("--%1 needs a value — run `segctl --help`").arg(name));
        backend.databricksArguments << QStringLiteral("--") + name << given.value(name);
    }
    backend.databricksSelected =
        given.isSet(QStringLiteral("profile")) || given.isSet(QStringLiteral("host"));
    backend.databricks.profile = given.value(QStringLiteral("profile"));
    backend.databricks.host = given.value(QStringLiteral("host"));
    backend.databricks.warehouseId = given.value(QStringLiteral("warehouse"));
    backend.databricks.catalog = given.value(QStringLiteral("catalog"));
    backend.databricks.schema = given.value(QStringLiteral("schema"));
    const bool databricksSettings = std::any_of(kDatabricksSettings.cbegin(), kDatabricksSettings.cend(),
                                                [&](const QString& n) { return given.isSet(n); });
    for (const char* name : {"postgres", "lakebase", "database"}) {
        if (given.isSet(QLatin1String(name)) && given.value(QLatin1String(name)).trimmed().isEmpty())
            return usage(QStringLiteral("--%1 needs a value — run `segctl --help`").arg(QLatin1String(name)));
    }
    backend.postgresConnInfo = given.value(QStringLiteral("postgres")).trimmed();
    backend.lakebaseInstance = given.value(QStringLiteral("lakebase")).trimmed();
    backend.lakebaseDatabase = given.value(QStringLiteral("database")).trimmed();
    if (!backend.postgresConnInfo.isEmpty()) {
        if (backend.databricksSelected || databricksSettings || !backend.lakebaseInstance.isEmpty() || !workspace.isEmpty())
            return usage(QStringLiteral("--postgres names the whole connection; it cannot be combined with --workspace, "
                                        "--profile, --host, --warehouse, --catalog, --schema or --lakebase"));
    }
    if (!backend.lakebaseDatabase.isEmpty() && backend.lakebaseInstance.isEmpty())
        return usage(QStringLiteral("--database applies to Lakebase: add --lakebase INSTANCE"));
    if (!backend.lakebaseInstance.isEmpty() && (databricksSettings || !workspace.isEmpty()))
        return usage(QStringLiteral("--lakebase takes its credentials from --profile or --host; --workspace, "
                                    "--warehouse, --catalog and --schema do not apply"));
    if (backend.usesPostgres() && command->backend == CommandSpec::Backend::DatabricksOnly)
        return usage(QStringLiteral("`segctl %1` works on Databricks only; it does not take --postgres or --lakebase")
                         .arg(command->displayName()));
    if (backend.usesPostgres() && command->backend == CommandSpec::Backend::LocalOnly)
        return usage(QStringLiteral("`segctl %1` works on a local workspace only; it does not take --postgres or --lakebase")
                         .arg(command->displayName()));
    switch (command->backend) {
    case CommandSpec::Backend::Shared:
        if (backend.usesPostgres())
            break;
        [[fallthrough]];
    case CommandSpec::Backend::DatabricksOnly:
        if (!workspace.isEmpty())
            return usage(
                QStringLiteral(
                    "`segctl %1` works on Databricks; --workspace does not apply (use --profile or --host)")
                    .arg(command->displayName()));
        backend.databricksSelected = true;
        break;
    case CommandSpec::Backend::Chosen:
        if (backend.databricksSelected && !workspace.isEmpty())
            return usage(QStringLiteral(
                "--workspace is the local workspace; it cannot be combined with --profile or --host"));
        if (!backend.databricksSelected && databricksSettings)
            return usage(QStringLiteral(
                "--warehouse, --catalog and --schema apply to Databricks: add --profile NAME or --host URL"));
        break;
    case CommandSpec::Backend::LocalOnly:
        if (backend.databricksSelected || databricksSettings)
            return usage(
                QStringLiteral(
                    "`segctl %1` works on a local workspace only; it does not take --profile, --host, "
                    "--warehouse, --catalog or --schema")
                    .arg(command->displayName()));
        break;
    }
    if (workspace.isEmpty())
        workspace = core::AppPaths::defaultWorkspacePath();
    backend.workspacePath = QFileInfo(workspace).absoluteFilePath();

    CommandContext context(std::move(backend), verbose);
    return context.finish(command->run(context, parsed.args));
}

} // namespace segctl
