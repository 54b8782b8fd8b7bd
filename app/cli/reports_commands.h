#pragma once

#include "command_spec.h"

namespace segctl {

class CommandContext;
class ParsedArgs;
}
namespace report {
class ReportDefinitionFile;
struct ReportDefinition;
struct ReportSchedule;
}
namespace segctl {

// Scheduled segment reports on the command line: `segctl reports create|list|run|delete` and
// `reports schedule|unschedule` (the systemd user timer that runs `reports run` weekly, or the
// Databricks job of a report that goes to a volume). The
// definitions are report::ReportDefinitionFile's, per workspace; rendering is report's.
class ReportsCommands
{
public:
    static QList<CommandSpec> specs();

private:
    static int create(CommandContext& context, const ParsedArgs& args);
    static int list(CommandContext& context, const ParsedArgs& args);
    static int run(CommandContext& context, const ParsedArgs& args);
    static int remove(CommandContext& context, const ParsedArgs& args);
    static int schedule(CommandContext& context, const ParsedArgs& args);
    static int unschedule(CommandContext& context, const ParsedArgs& args);
    static int scheduleOnDatabricks(CommandContext& context, const ParsedArgs& args, report::ReportDefinitionFile& file,
                                    const report::ReportDefinition& definition, const report::ReportSchedule& when);
};

} // namespace segctl
