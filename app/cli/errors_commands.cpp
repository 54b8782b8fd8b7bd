#include "errors_commands.h"

#include "command_context.h"
#include "common/error_catalogue.h"
#include "parsed_args.h"

namespace segctl {

QList<CommandSpec> ErrorsCommands::specs()
{
    return {CommandSpec{
        {QStringLiteral("errors")},
        QStringLiteral("Print the troubleshooting guide: every error code, its cause and fix"),
        QStringLiteral("Prints every error message the app and segctl can show, grouped by area (workspace & "
                       "files, segments, metrics & pipeline, Databricks, Lakebase/PostgreSQL, activation, "
                       "experiments, settings): its code, what you see, why it happens and what to do. It "
                       "is printed from the app's own error table, so it matches the version you run; "
                       "docs/troubleshooting.md is its Markdown output. Opens no workspace."),
        {},
        {{QStringLiteral("format"),
          QStringLiteral("FORMAT"),
          QStringLiteral("output format (default: markdown)"),
          {QStringLiteral("markdown"), QStringLiteral("json")}}},
        {QStringLiteral("segctl errors > troubleshooting.md"), QStringLiteral("segctl errors --format json")},
        &ErrorsCommands::run,
        CommandSpec::Backend::LocalOnly}};
}

int ErrorsCommands::run(CommandContext& context, const ParsedArgs& args)
{
    if (args.value(QStringLiteral("format"), QStringLiteral("markdown")) == QLatin1String("json"))
        context.write(core::TroubleshootingGuide::json());
    else
        context.print(core::TroubleshootingGuide::markdown());
    return 0;
}

} // namespace segctl
