#pragma once

#include "command_spec.h"

namespace segctl {

class CommandContext;
class ParsedArgs;

// The scheduled Databricks refresh on the command line: `segctl jobs create|list|update|run-now|delete`
// (core::RefreshJobs). Databricks only.
class JobsCommands
{
public:
    static QList<CommandSpec> specs();

private:
    static int create(CommandContext& context, const ParsedArgs& args);
    static int list(CommandContext& context, const ParsedArgs& args);
    static int update(CommandContext& context, const ParsedArgs& args);
    static int runNow(CommandContext& context, const ParsedArgs& args);
    static int remove(CommandContext& context, const ParsedArgs& args);
};

} // namespace segctl
