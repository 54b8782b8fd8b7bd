#include "segctl.h"

#include <cstdio>

#include <spdlog/spdlog.h>

#include <QDir>
#include <QFileInfo>

#include "arg_parser.h"
#include "command_context.h"
#include "demo_command.h"
#include "exit_code.h"
#include "logging/logging.h"
#include "reach_command.h"
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
}

QList<OptionSpec> Segctl::globalOptions()
{
    return {
        {QStringLiteral("workspace"),
         QStringLiteral("PATH"),
         QStringLiteral("the workspace file (default: %1)")
             .arg(QDir::toNativeSeparators(core::AppPaths::defaultWorkspacePath())),
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
               "\nExit codes:\n"
               "  0   success\n"
               "  1   usage error: unknown command or option, missing or malformed argument\n"
               "  2   invalid input: validation failed, a file is malformed or unreadable, an id is unknown\n"
               "  3   backend error: the workspace could not be read or written\n"
               "  4   conflict: changed by someone else since (stale version), name taken, already exists\n"
               "\nErrors are reported on stderr as one line; results go to stdout.\n"
               "Run `segctl <command> --help` for a command's arguments and options.\n");
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
    QString workspace;
    qsizetype i = 0;
    for (; i < arguments.size(); ++i) {
        const QString& t = arguments.at(i);
        if (isHelp(t)) {
            help = true;
        } else if (t == QLatin1String("--verbose")) {
        } else if (t == QLatin1String("--workspace") || t.startsWith(QLatin1String("--workspace="))) {
            if (t.contains(QLatin1Char('='))) {
                workspace = t.mid(t.indexOf(QLatin1Char('=')) + 1);
            } else if (i + 1 < arguments.size() && !arguments.at(i + 1).startsWith(QLatin1String("--"))) {
                workspace = arguments.at(++i);
            } else {
                return usage(QStringLiteral("--workspace needs a value (PATH) — run `segctl --help`"));
            }
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

    const QList<OptionSpec> globals = globalOptions();
    if (help) {
        printOut(ArgParser::helpText(*command, globals));
        return toInt(ExitCode::Ok);
    }
    QList<OptionSpec> options = command->options;
    options.append(globals);
    const ArgParser::Outcome parsed = ArgParser::parse(*command, options, rest);
    if (parsed.args.helpRequested()) {
        printOut(ArgParser::helpText(*command, globals));
        return toInt(ExitCode::Ok);
    }
    if (!parsed.usageError.isEmpty())
        return usage(parsed.usageError);

    if (parsed.args.isSet(QStringLiteral("workspace")))
        workspace = parsed.args.value(QStringLiteral("workspace"));
    if (workspace.isEmpty() && (parsed.args.isSet(QStringLiteral("workspace")) ||
                                arguments.contains(QStringLiteral("--workspace="))))
        return usage(QStringLiteral("--workspace needs a path — run `segctl --help`"));
    if (workspace.isEmpty())
        workspace = core::AppPaths::defaultWorkspacePath();
    workspace = QFileInfo(workspace).absoluteFilePath();

    CommandContext context(workspace, verbose);
    return context.finish(command->run(context, parsed.args));
}

} // namespace segctl
