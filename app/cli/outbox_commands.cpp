#include "outbox_commands.h"

#include "backends/backend.h"
#include "command_context.h"
#include "common/plural.h"
#include "domain/segment_json.h"
#include "exit_code.h"
#include "offline/outbox.h"
#include "offline/outbox_replayer.h"
#include "parsed_args.h"
#include "text_table.h"
#include "workspace/workspace_choice.h"

namespace segctl {

namespace {

OptionSpec outboxOption()
{
    return {QStringLiteral("outbox"), QStringLiteral("FILE"),
            QStringLiteral("the outbox file (default: the app's, beside its settings)"), {}};
}

// The outbox's key of the shared workspace the options chose, as the app names it.
core::Result<QString> workspaceKey(const CommandContext& context)
{
    const Backend& chosen = context.selection();
    core::WorkspaceChoice choice;
    if (!chosen.lakebaseInstance.isEmpty())
        choice = core::WorkspaceChoice::lakebase(chosen.databricks.profile, chosen.lakebaseInstance,
                                                 chosen.lakebaseDatabase);
    else if (!chosen.postgresConnInfo.isEmpty())
        choice = core::WorkspaceChoice::postgres(chosen.postgresConnInfo);
    else if (chosen.databricksSelected)
        choice = core::WorkspaceChoice::databricks(chosen.databricks.profile);
    else
        return core::Error::validation(QStringLiteral("outbox_needs_shared"),
                                       QStringLiteral("The outbox holds changes of shared workspaces; name one with "
                                                      "--profile, --postgres or --lakebase."));
    choice.catalog = chosen.databricks.catalog;
    choice.schema = chosen.databricks.schema;
    return choice.outboxKey();
}

core::Result<std::unique_ptr<core::Outbox>> openOutbox(const ParsedArgs& args)
{
    return core::Outbox::open(args.value(QStringLiteral("outbox"), core::Outbox::defaultPath()));
}

} // namespace

QList<CommandSpec> OutboxCommands::specs()
{
    QList<CommandSpec> out;
    out.append({{QStringLiteral("outbox"), QStringLiteral("list")},
                QStringLiteral("List the changes made offline that wait to sync"),
                QStringLiteral("Lists the shared workspace's changes that the app kept on this computer while the "
                               "workspace could not be reached: waiting, sending (sent, no answer yet), conflict "
                               "(settle it in the app) or refused (fix or discard it)."),
                {},
                {outboxOption()},
                {QStringLiteral("segctl --profile prod outbox list")},
                &OutboxCommands::list,
                CommandSpec::Backend::Chosen});
    out.append({{QStringLiteral("outbox"), QStringLiteral("sync")},
                QStringLiteral("Send the waiting changes to the shared workspace"),
                QStringLiteral("Sends the waiting changes, oldest first. A change already applied (its answer was "
                               "lost) is recognised and not sent again; one whose segment moved on meanwhile is a "
                               "conflict, kept for the app. Exit 4 when conflicts or refused changes remain."),
                {},
                {outboxOption()},
                {QStringLiteral("segctl --profile prod outbox sync")},
                &OutboxCommands::sync,
                CommandSpec::Backend::Chosen});
    out.append({{QStringLiteral("outbox"), QStringLiteral("discard")},
                QStringLiteral("Drop one waiting change"),
                QStringLiteral("Drops the change with this id (from `segctl outbox list`) from the outbox: it is "
                               "never sent."),
                {{QStringLiteral("ID"), QStringLiteral("the change's id")}},
                {outboxOption()},
                {QStringLiteral("segctl --profile prod outbox discard 3")},
                &OutboxCommands::discard,
                CommandSpec::Backend::Chosen});
    return out;
}

int OutboxCommands::list(CommandContext& context, const ParsedArgs& args)
{
    auto key = workspaceKey(context);
    if (!key)
        return context.fail(key.error());
    auto outbox = openOutbox(args);
    if (!outbox)
        return context.fail(outbox.error());
    auto pending = outbox.value()->pending(key.value());
    if (!pending)
        return context.fail(pending.error());
    if (pending.value().isEmpty()) {
        context.print(QStringLiteral("No changes wait to sync.\n"));
        return context.finish(toInt(ExitCode::Ok));
    }
    TextTable table({QStringLiteral("ID"), QStringLiteral("STATE"), QStringLiteral("CHANGE"), QStringLiteral("SEGMENT"),
                     QStringLiteral("BASE"), QStringLiteral("QUEUED"), QStringLiteral("NOTE")});
    table.setAlign(0, TextTable::Align::Right);
    table.setAlign(4, TextTable::Align::Right);
    for (const core::OutboxChange& c : pending.value()) {
        // An experiment change: "update experiment", and the experiment's name where the segment's goes.
        const QString kind = core::outboxChangeKindKey(c.kind) + (c.isExperiment() ? QStringLiteral(" experiment") : QString());
        const QString name = c.isExperiment() ? c.experiment->payload.name : c.payload.name;
        table.addRow({QString::number(c.id), core::outboxChangeStateKey(c.state), kind,
                      name.isEmpty() ? c.subjectId() : name, QString::number(c.baseVersion),
                      core::SegmentJson::formatTime(c.queuedAt), c.lastError});
    }
    context.print(table.render());
    return context.finish(toInt(ExitCode::Ok));
}

int OutboxCommands::sync(CommandContext& context, const ParsedArgs& args)
{
    auto key = workspaceKey(context);
    if (!key)
        return context.fail(key.error());
    auto outbox = openOutbox(args);
    if (!outbox)
        return context.fail(outbox.error());
    auto backend = context.backend(CommandContext::Open::ExistingOnly);
    if (!backend)
        return context.fail(backend.error());
    core::OutboxReplayer replayer(backend.value()->segments(), *outbox.value(), key.value(),
                                  backend.value()->statementInquiry(), &backend.value()->experiments());
    const core::ReplayReport report = CommandContext::await(replayer.replay());
    context.print(QStringLiteral("%1 applied, %2 found applied already (not sent again), %3, %4, %5 waiting\n")
                      .arg(report.applied)
                      .arg(report.alreadyApplied)
                      .arg(core::countOf(report.conflicts, QStringLiteral("conflict"), QStringLiteral("conflicts")))
                      .arg(report.refused == 0 ? QStringLiteral("none refused")
                                               : QStringLiteral("%1 refused").arg(report.refused))
                      .arg(report.waiting));
    if (report.stoppedBy)
        return context.fail(*report.stoppedBy);
    if (report.conflicts > 0 || report.refused > 0) {
        core::Error left = core::Error::conflict(
            QStringLiteral("outbox_conflicts"),
            QStringLiteral("Some changes could not be applied: they stay in the outbox."),
            QStringLiteral("Settle the conflicts in the app, or drop a change with `segctl outbox discard ID`."));
        return context.finish(context.fail(left));
    }
    return context.finish(toInt(ExitCode::Ok));
}

int OutboxCommands::discard(CommandContext& context, const ParsedArgs& args)
{
    bool ok = false;
    const qint64 id = args.positional(0).toLongLong(&ok);
    if (!ok || id <= 0)
        return context.usageError(QStringLiteral("“%1” is not a change id (a number from `segctl outbox list`).")
                                      .arg(args.positional(0)));
    auto key = workspaceKey(context);
    if (!key)
        return context.fail(key.error());
    auto outbox = openOutbox(args);
    if (!outbox)
        return context.fail(outbox.error());
    auto found = outbox.value()->find(id);
    if (!found)
        return context.fail(found.error());
    if (!found.value() || found.value()->workspace != key.value())
        return context.fail(core::Error::notFound(
            QStringLiteral("There is no change %1 waiting for this workspace.").arg(id)));
    if (auto removed = outbox.value()->remove(id); !removed)
        return context.fail(removed.error());
    context.print(QStringLiteral("discarded change %1: %2\n").arg(id).arg(found.value()->describe()));
    return context.finish(toInt(ExitCode::Ok));
}

} // namespace segctl
