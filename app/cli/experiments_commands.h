#pragma once

#include "command_spec.h"

namespace segctl {

class CommandContext;
class ParsedArgs;

// A/B experiments on segments, on the chosen backend: `segctl experiments create|list|show|
// assignments|results|stop` (ExperimentStore, ExperimentResults) and `segctl experiments size`
// (SampleSizePlanner; needs no workspace).
class ExperimentsCommands
{
public:
    static QList<CommandSpec> specs();

private:
    static int create(CommandContext& context, const ParsedArgs& args);
    static int list(CommandContext& context, const ParsedArgs& args);
    static int show(CommandContext& context, const ParsedArgs& args);
    static int assignments(CommandContext& context, const ParsedArgs& args);
    static int results(CommandContext& context, const ParsedArgs& args);
    static int size(CommandContext& context, const ParsedArgs& args);
    static int stop(CommandContext& context, const ParsedArgs& args);
};

} // namespace segctl
