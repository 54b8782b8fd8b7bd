#pragma once

#include "command_spec.h"

namespace segctl {

class CommandContext;
class ParsedArgs;

// `segctl demo`: creates the demo workspace, deterministically from a seed.
class DemoCommand
{
public:
    static CommandSpec spec();

private:
    static int run(CommandContext& context, const ParsedArgs& args);
};

} // namespace segctl
