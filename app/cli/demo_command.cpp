#include "demo_command.h"

#include <spdlog/spdlog.h>

#include <QDir>
#include <QFileInfo>

#include "command_context.h"
#include "demo/demo_generator.h"
#include "logging/logging.h"
#include "parsed_args.h"
#include "terminal_progress.h"

namespace segctl {

CommandSpec DemoCommand::spec()
{
    const core::DemoOptions defaults;
    return CommandSpec{
        {QStringLiteral("demo")},
        QStringLiteral("Create the demo workspace"),
        QStringLiteral(
            "Creates a workspace filled with demo data: 3 advertisers, their segments, and %1 people's "
            "impressions, clicks and conversions over %2 days, run through the pipeline to daily "
            "metrics, and who those people are (synthetic identifiers: e-mails at example.com and "
            "example.org, phone numbers reserved for fiction, a few values a platform would refuse). "
            "The same seed and end date always give the same data. An existing workspace is kept (exit "
            "code 4) unless --force is given.")
            .arg(defaults.users)
            .arg(defaults.days),
        {},
        {{QStringLiteral("seed"),
          QStringLiteral("N"),
          QStringLiteral("random seed (default: %1)").arg(defaults.seed),
          {}},
         {QStringLiteral("end-date"),
          QStringLiteral("YYYY-MM-DD"),
          QStringLiteral("last day of events (default: today)"),
          {}},
         {QStringLiteral("force"), {}, QStringLiteral("replace an existing workspace"), {}},
         {QStringLiteral("users"),
          QStringLiteral("N"),
          QStringLiteral("number of people (default: %1)").arg(defaults.users),
          {}},
         {QStringLiteral("days"),
          QStringLiteral("N"),
          QStringLiteral("days of events (default: %1)").arg(defaults.days),
          {}}},
        {QStringLiteral("segctl demo"),
         QStringLiteral("segctl demo --workspace /tmp/demo.sqlite --seed 7 --end-date 2026-01-31 --force")},
        &DemoCommand::run,
        CommandSpec::Backend::LocalOnly};
}

int DemoCommand::run(CommandContext& context, const ParsedArgs& args)
{
    core::DemoOptions options;
    if (args.isSet(QStringLiteral("seed"))) {
        bool ok = false;
        options.seed = args.value(QStringLiteral("seed")).toULongLong(&ok);
        if (!ok)
            return context.usageError(QStringLiteral("--seed needs a whole number of 0 or more, not “%1”")
                                          .arg(args.value(QStringLiteral("seed"))));
    }
    if (args.isSet(QStringLiteral("end-date"))) {
        options.endDate = QDate::fromString(args.value(QStringLiteral("end-date")), Qt::ISODate);
        if (!options.endDate.isValid())
            return context.usageError(QStringLiteral("--end-date needs a date such as 2026-01-31, not “%1”")
                                          .arg(args.value(QStringLiteral("end-date"))));
    }
    for (const auto& [name, target] : {std::pair<QString, int*>{QStringLiteral("users"), &options.users},
                                       std::pair<QString, int*>{QStringLiteral("days"), &options.days}}) {
        if (!args.isSet(name))
            continue;
        bool ok = false;
        const int value = args.value(name).toInt(&ok);
        if (!ok || value < 1)
            return context.usageError(QStringLiteral("--%1 needs a whole number of 1 or more, not “%2”")
                                          .arg(name, args.value(name)));
        *target = value;
    }

    const QString path = context.workspacePath();
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        core::Error e = core::Error::io(QStringLiteral("The folder “%1” could not be created.")
                                            .arg(QDir::toNativeSeparators(info.absolutePath())));
        e.remediation = QStringLiteral("Check the path and your permissions, or choose another --workspace.");
        return context.fail(e);
    }
    auto log = core::logging::logger("segctl");
    TerminalProgress progress;
    const auto created = core::DemoGenerator::createWorkspace(
        path, options,
        [log, &progress](int percent, const QString& step) {
            log->debug("demo: {}% {}", percent, step.toStdString());
            progress.show(percent, step);
        },
        args.isSet(QStringLiteral("force")));
    progress.finish();
    if (!created) {
        core::Error e = created.error();
        if (e.kind == core::ErrorKind::Conflict && e.remediation.isEmpty())
            e.remediation = QStringLiteral("Pass --force to replace it, or choose another --workspace.");
        return context.fail(e);
    }
    context.print(QStringLiteral("Created the demo workspace at %1 (seed %2, %3 people, %4 days to %5).\n")
                      .arg(QDir::toNativeSeparators(path))
                      .arg(options.seed)
                      .arg(options.users)
                      .arg(options.days)
                      .arg(options.endDate.toString(Qt::ISODate)));
    return 0;
}

} // namespace segctl
