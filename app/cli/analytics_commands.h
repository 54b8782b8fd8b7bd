#pragma once

#include "command_spec.h"

namespace segctl {

class CommandContext;
class ParsedArgs;

// The impressions pipeline on the command line, on the chosen backend: `segctl events import`
// (an events CSV into bronze), `segctl events quarantine` (what cleaning set aside and why),
// `segctl metrics refresh` (silver, audience and daily metrics) and `segctl metrics show`.
class AnalyticsCommands
{
public:
    static QList<CommandSpec> specs();

private:
    static int importEvents(CommandContext& context, const ParsedArgs& args);
    static int quarantine(CommandContext& context, const ParsedArgs& args);
    static int refresh(CommandContext& context, const ParsedArgs& args);
    static int show(CommandContext& context, const ParsedArgs& args);
};

} // namespace segctl
