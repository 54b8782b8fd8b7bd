#pragma once

#include "command_spec.h"

namespace segctl {

class CommandContext;
class ParsedArgs;

// `segctl segments list|show|save|delete|restore|export|import|members|history|diff`.
class SegmentsCommands
{
public:
    static QList<CommandSpec> specs();

private:
    static int list(CommandContext& context, const ParsedArgs& args);
    static int show(CommandContext& context, const ParsedArgs& args);
    static int save(CommandContext& context, const ParsedArgs& args);
    static int remove(CommandContext& context, const ParsedArgs& args);
    static int restore(CommandContext& context, const ParsedArgs& args);
    static int exportSegments(CommandContext& context, const ParsedArgs& args);
    static int importSegments(CommandContext& context, const ParsedArgs& args);
    static int members(CommandContext& context, const ParsedArgs& args);
    static int history(CommandContext& context, const ParsedArgs& args);
    static int diff(CommandContext& context, const ParsedArgs& args);
};

} // namespace segctl
